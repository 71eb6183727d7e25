// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Audit
 *
 * Checks the audit records emitted for Landlock domains: domain IDs, one
 * access record per kind of denial, domain allocation and deallocation
 * records, and the logging flags of landlock_restrict_self(2).
 *
 * The test process registers itself as the audit daemon.  Denials are
 * triggered by its sandboxed children, and the records are told apart with
 * the unique paths, ports and process IDs of each test.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <linux/landlock.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * With -Wextra, kselftest_harness.h warns about its own code: unused
 * parameters in its wrappers, and a local kept across setjmp(3) by TEST_F().
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

#include "common.h"
#include "audit.h"
#include "introspection.h"

/* Built next to this test, see audit_exec_helper.c */
#define HELPER_NAME "audit_exec_helper"
#define BASE_TEMPLATE "/tmp/landlock-audit.XXXXXX"

#define MAX_LAYERS 16

/* Delay for the records of a denial that already happened. */
#define RECORD_TIMEOUT_MS 2000
/* Delay for the asynchronous release of a domain. */
#define FREE_TIMEOUT_MS 5000
/* Delay to catch unexpected records after the expected ones. */
#define SETTLE_MS 300
/* Delay to catch unexpected records when none is expected. */
#define QUIET_MS 1000
/* Draining of the records of previous tests. */
#define STALE_QUIET_MS 200
#define STALE_MAX_MS 3000

#define FIELDS_SIZE (PATH_MAX + 128)

TEST(abi_version)
{
	ASSERT_EQ(7, landlock_create_ruleset(NULL, 0,
					     LANDLOCK_CREATE_RULESET_VERSION));
}

TEST(restrict_self_flags)
{
	const struct landlock_ruleset_attr ruleset_attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	int ruleset_fd;
	__u32 flags;

	ruleset_fd =
		landlock_create_ruleset(&ruleset_attr, sizeof(ruleset_attr), 0);
	ASSERT_LE(0, ruleset_fd);

	/* Needs no_new_privs or CAP_SYS_ADMIN, even without ruleset. */
	drop_caps(_metadata);
	EXPECT_EQ(-1, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, landlock_restrict_self(ruleset_fd, LOG_SUBDOMAINS_OFF));
	EXPECT_EQ(EPERM, errno);

	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));

	/* Unknown flags. */
	EXPECT_EQ(-1, landlock_restrict_self(ruleset_fd, 1U << 3));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, landlock_restrict_self(ruleset_fd, 1U << 30));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1,
		  landlock_restrict_self(ruleset_fd, LOG_ALL_FLAGS | 1U << 3));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF | 1U << 3));
	EXPECT_EQ(EINVAL, errno);

	/* Without ruleset, only LOG_SUBDOMAINS_OFF alone is valid. */
	for (flags = 0; flags <= LOG_ALL_FLAGS; flags++) {
		if (flags == LOG_SUBDOMAINS_OFF)
			continue;

		EXPECT_EQ(-1, landlock_restrict_self(-1, flags))
		{
			TH_LOG("Unexpected success with flags %#x", flags);
		}
		EXPECT_EQ(EBADF, errno)
		{
			TH_LOG("Unexpected error with flags %#x", flags);
		}
	}
	EXPECT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF))
	{
		TH_LOG("Failed to set LOG_SUBDOMAINS_OFF: %s", strerror(errno));
	}

	/* Every combination of known flags is valid with a ruleset. */
	for (flags = 0; flags <= LOG_ALL_FLAGS; flags++) {
		EXPECT_EQ(0, landlock_restrict_self(ruleset_fd, flags))
		{
			TH_LOG("Failed to enforce with flags %#x: %s", flags,
			       strerror(errno));
		}
	}
	EXPECT_EQ(0, close(ruleset_fd));
}

struct test_env {
	struct audit_env audit;
	struct audit_log *log;
	/* Private tmpfs for the files of the test. */
	char base[PATH_MAX];
	char exe[PATH_MAX];
	char helper[PATH_MAX];
	char comm[16];
	/* Process expected to call teardown_env(). */
	pid_t parent;
};

static void create_dir(struct __test_metadata *const _metadata,
		       const char *const base, const char *const name)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, name);
	ASSERT_EQ(0, mkdir(path, 0700))
	{
		TH_LOG("Failed to create directory \"%s\": %s", path,
		       strerror(errno));
	}
}

static void create_file(struct __test_metadata *const _metadata,
			const char *const base, const char *const name)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, name);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0700, 0))
	{
		TH_LOG("Failed to create file \"%s\": %s", path,
		       strerror(errno));
	}
}

static void setup_env(struct __test_metadata *const _metadata,
		      struct test_env *const env)
{
	char exe_dir[PATH_MAX];
	char tmp[] = BASE_TEMPLATE;
	ssize_t len;
	int err;

	len = readlink("/proc/self/exe", env->exe, sizeof(env->exe) - 1);
	ASSERT_LT(0, len);
	env->exe[len] = '\0';
	memcpy(exe_dir, env->exe, len + 1);
	ASSERT_GT(PATH_MAX, snprintf(env->helper, sizeof(env->helper), "%s/%s",
				     dirname(exe_dir), HELPER_NAME));
	ASSERT_EQ(0, prctl(PR_GET_NAME, env->comm));
	env->parent = getppid();

	err = audit_init(&env->audit);
	if (audit_is_unavailable(err))
		SKIP(return, "Cannot be the audit daemon: %s", strerror(-err));
	ASSERT_EQ(0, err)
	{
		TH_LOG("Failed to set up audit: %s", strerror(-err));
	}

	/* The tmpfs disappears with the mount namespace of the test. */
	ASSERT_NE(NULL, mkdtemp(tmp));
	ASSERT_NE(NULL, realpath(tmp, env->base));
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount("tmpfs", env->base, "tmpfs", 0, "size=4m,mode=700"));

	env->log = calloc(1, sizeof(*env->log));
	ASSERT_NE(NULL, env->log);

	/* Ignores the records of previous tests. */
	audit_drain(env->audit.fd, STALE_QUIET_MS, STALE_MAX_MS);
}

/*
 * Called by the parent of the test process, once the latter is gone.  After a
 * failed assertion, kselftest_harness.h may also call it from the test process
 * or from one of its children: only the test process can then restore the
 * audit configuration, the others leave it.
 */
static void teardown_env(struct __test_metadata *const _metadata,
			 const struct test_env *const env)
{
	const pid_t pid = getpid();
	int err;

	if (pid != env->parent && pid != env->audit.daemon)
		return;

	err = audit_restore(&env->audit);
	if (err)
		TH_LOG("Failed to restore the audit configuration: %s",
		       strerror(-err));
	EXPECT_EQ(0, err);

	if (!env->base[0])
		return;
	if (pid == env->audit.daemon)
		umount(env->base);
	EXPECT_EQ(0, rmdir(env->base));
}

static int test_open(const char *const path, const int flags)
{
	const int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	if (close(fd))
		return errno;
	return 0;
}

/* Waits for a child while receiving records.  Returns its wait status. */
static int wait_child(struct __test_metadata *const _metadata,
		      struct test_env *const env, const pid_t child)
{
	int status = 0;
	pid_t ret;

	for (;;) {
		ret = waitpid(child, &status, WNOHANG);
		ASSERT_LE(0, ret);
		if (ret == child)
			return status;
		audit_collect(env->audit.fd, env->log, 10);
	}
}

static void expect_exit_ok(struct __test_metadata *const _metadata,
			   struct test_env *const env, const pid_t child)
{
	const int status = wait_child(_metadata, env, child);

	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

static int count_records(const struct test_env *const env, const __u16 type,
			 const __u64 domain, const char *const fields)
{
	const struct audit_filter filter = {
		.domain = domain,
		.fields = fields,
	};

	return audit_count(env->log, type, audit_match, &filter);
}

/*
 * Waits for a record of type @type with @domain (if not 0) and @fields.
 * Returns the record, or NULL if it did not come in time.
 */
static const struct audit_record *
wait_record(struct __test_metadata *const _metadata, struct test_env *const env,
	    const __u16 type, const __u64 domain, const char *const fields,
	    const int timeout_ms)
{
	int index;

	index = audit_wait_fields(env->audit.fd, env->log, type, domain, fields,
				  timeout_ms, NULL);
	EXPECT_LE(0, index)
	{
		TH_LOG("No record of type %u with domain=%llx and \"%s\": %s",
		       type, domain, fields ?: "", strerror(-index));
	}
	if (index < 0)
		return NULL;
	return &env->log->records[index];
}

/*
 * Waits for an access record with @fields.  Returns its index in the log, or
 * -1.  Its domain ID is stored in @id (0 if missing or malformed).
 */
static int wait_access(struct __test_metadata *const _metadata,
		       struct test_env *const env, const char *const fields,
		       __u64 *const id)
{
	const struct audit_record *const rec =
		wait_record(_metadata, env, AUDIT_LANDLOCK_ACCESS, 0, fields,
			    RECORD_TIMEOUT_MS);

	*id = 0;
	if (!rec)
		return -1;
	EXPECT_NE(0ULL, rec->domain)
	{
		TH_LOG("Malformed domain ID: %s", rec->text);
	}
	*id = rec->domain;
	return rec - env->log->records;
}

static void expect_field(struct __test_metadata *const _metadata,
			 const struct audit_record *const rec,
			 const char *const name, const char *const expected)
{
	char value[AUDIT_TEXT_SIZE];
	bool found;

	found = audit_get_field(rec->text, name, value, sizeof(value));
	EXPECT_TRUE(found)
	{
		TH_LOG("No %s= in: %s", name, rec->text);
	}
	if (!found)
		return;
	EXPECT_STREQ(expected, value)
	{
		TH_LOG("Unexpected %s= in: %s", name, rec->text);
	}
}

/*
 * Checks that domain @id has exactly one allocation record, logged by the
 * process @pid (if not 0), and returns the index of this record or -1.
 */
static int expect_allocated(struct __test_metadata *const _metadata,
			    struct test_env *const env, const __u64 id,
			    const pid_t pid)
{
	const struct audit_filter filter = {
		.domain = id,
		.fields = "status=allocated",
	};
	char value[32];
	int index;

	if (!id)
		return -1;

	/*
	 * The record follows the first access record of its event, which the
	 * caller waited for: it may not have been received yet.
	 */
	index = audit_wait(env->audit.fd, env->log, AUDIT_LANDLOCK_DOMAIN,
			   audit_match, &filter, RECORD_TIMEOUT_MS, NULL);
	EXPECT_LE(0, index)
	{
		TH_LOG("No allocation record for domain %llx: %s", id,
		       strerror(-index));
	}
	if (index < 0)
		return -1;
	EXPECT_EQ(1, audit_count(env->log, AUDIT_LANDLOCK_DOMAIN, audit_match,
				 &filter))
	{
		TH_LOG("Expected one allocation record for domain %llx", id);
	}

	expect_field(_metadata, &env->log->records[index], "mode", "enforcing");
	if (pid) {
		snprintf(value, sizeof(value), "%d", pid);
		expect_field(_metadata, &env->log->records[index], "pid",
			     value);
	}
	return index;
}

/*
 * Waits for the deallocation record of domain @id and checks its number of
 * denials.
 */
static void expect_deallocated(struct __test_metadata *const _metadata,
			       struct test_env *const env, const __u64 id,
			       const unsigned int denials)
{
	const struct audit_record *rec;
	char value[16];

	if (!id)
		return;

	rec = wait_record(_metadata, env, AUDIT_LANDLOCK_DOMAIN, id,
			  "status=deallocated", FREE_TIMEOUT_MS);
	if (!rec)
		return;

	snprintf(value, sizeof(value), "%u", denials);
	expect_field(_metadata, rec, "denials", value);
}

/*
 * Returns the first access record of the domain whose allocation record was
 * logged by process @pid, or NULL.
 */
static const struct audit_record *
wait_pid_access(struct __test_metadata *const _metadata,
		struct test_env *const env, const pid_t pid)
{
	const struct audit_record *rec;
	char fields[64];

	snprintf(fields, sizeof(fields), "status=allocated pid=%d", pid);
	rec = wait_record(_metadata, env, AUDIT_LANDLOCK_DOMAIN, 0, fields,
			  RECORD_TIMEOUT_MS);
	if (!rec)
		return NULL;
	EXPECT_NE(0ULL, rec->domain)
	{
		TH_LOG("Malformed domain ID: %s", rec->text);
	}
	if (!rec->domain)
		return NULL;
	return wait_record(_metadata, env, AUDIT_LANDLOCK_ACCESS, rec->domain,
			   NULL, RECORD_TIMEOUT_MS);
}

/* Checks that domain @id has exactly @count access records. */
static void expect_access_count(struct __test_metadata *const _metadata,
				struct test_env *const env, const __u64 id,
				const int count)
{
	if (!id)
		return;
	audit_collect(env->audit.fd, env->log, SETTLE_MS);
	EXPECT_EQ(count, count_records(env, AUDIT_LANDLOCK_ACCESS, id, NULL))
	{
		TH_LOG("Unexpected number of access records for domain %llx",
		       id);
	}
}

static bool text_contains(const struct audit_record *const rec,
			  const void *const arg)
{
	return strstr(rec->text, arg);
}

FIXTURE(audit)
{
	struct test_env env;
};

FIXTURE_SETUP(audit)
{
	setup_env(_metadata, &self->env);
}

FIXTURE_TEARDOWN_PARENT(audit)
{
	teardown_env(_metadata, &self->env);
}

/*
 * The access record and the allocation record of a domain have the same ID,
 * and the allocation record, which describes the process that created the
 * domain, comes right after the first access record, in the same event, as
 * upstream writes them.
 */
TEST_F(audit, allocated_after_access)
{
	struct test_env *const env = &self->env;
	char file[PATH_MAX], fields[FIELDS_SIZE], value[32];
	const struct audit_record *rec;
	int access, alloc;
	pid_t child;
	__u64 id;

	create_file(_metadata, env->base, "file");
	make_path(_metadata, file, env->base, "file");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		EXPECT_EQ(EACCES, test_open(file, O_RDONLY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=fs.read_file path=\"%s\"",
		 file);
	access = wait_access(_metadata, env, fields, &id);
	ASSERT_LE(0, access);
	ASSERT_NE(0ULL, id);

	alloc = expect_allocated(_metadata, env, id, child);
	ASSERT_LE(0, alloc);
	EXPECT_EQ(access + 1, alloc);

	rec = &env->log->records[alloc];
	EXPECT_NE(0, rec->serial);
	EXPECT_EQ(env->log->records[access].serial, rec->serial);
	snprintf(value, sizeof(value), "%u", getuid());
	expect_field(_metadata, rec, "uid", value);
	expect_field(_metadata, rec, "exe", env->exe);
	expect_field(_metadata, rec, "comm", env->comm);

	expect_access_count(_metadata, env, id, 1);
}

/*
 * A restore is logged with the restored ID and the restorer's PID, and the
 * restored layer's records carry that ID, as those of any other layer.
 */
TEST_F(audit, restored_id)
{
	struct test_env *const env = &self->env;
	char file[PATH_MAX], fields[FIELDS_SIZE], pid[16];
	const struct audit_record *rec;
	__u64 id, restored;
	pid_t child;

	create_file(_metadata, env->base, "file");
	make_path(_metadata, file, env->base, "file");
	restored = random_id();

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, request_next_domain(restored));
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		EXPECT_EQ(EACCES, test_open(file, O_RDONLY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(pid, sizeof(pid), "%d", child);
	rec = wait_record(_metadata, env, AUDIT_LANDLOCK_DOMAIN, restored,
			  "status=restored", RECORD_TIMEOUT_MS);
	ASSERT_NE(NULL, rec);
	expect_field(_metadata, rec, "pid", pid);
	expect_field(_metadata, rec, "exe", env->exe);

	snprintf(fields, sizeof(fields), "blockers=fs.read_file path=\"%s\"",
		 file);
	ASSERT_LE(0, wait_access(_metadata, env, fields, &id));
	EXPECT_EQ(restored, id);
	EXPECT_LE(0, expect_allocated(_metadata, env, restored, child));
	expect_deallocated(_metadata, env, restored, 1);
}

static void layer_name(char *const name, const size_t size, const int level)
{
	snprintf(name, size, "layer.%02d", level);
}

/* Adds layer @level, makes it deny an access, and forks the next level. */
static void nest_layers(struct __test_metadata *const _metadata,
			const char *const base, const int level)
{
	char name[32], path[PATH_MAX];
	int ruleset_fd, status;
	pid_t child;

	add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
	layer_name(name, sizeof(name), level);
	make_path(_metadata, path, base, name);
	EXPECT_EQ(EACCES, test_open(path, O_RDONLY));

	if (level == MAX_LAYERS) {
		ruleset_fd = create_ruleset(_metadata,
					    LANDLOCK_ACCESS_FS_READ_FILE, 0, 0);
		EXPECT_EQ(-1, landlock_restrict_self(ruleset_fd, 0));
		EXPECT_EQ(E2BIG, errno);
		EXPECT_EQ(0, close(ruleset_fd));
		return;
	}

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		nest_layers(_metadata, base, level + 1);
		_exit(_metadata->exit_code);
		return;
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Each nested layer gets its own ID, up to the maximum number of layers. */
TEST_F(audit, max_layers)
{
	struct test_env *const env = &self->env;
	char name[32], path[PATH_MAX], fields[FIELDS_SIZE];
	__u64 ids[MAX_LAYERS] = {};
	pid_t child;
	int i, j;

	for (i = 1; i <= MAX_LAYERS; i++) {
		layer_name(name, sizeof(name), i);
		create_file(_metadata, env->base, name);
	}

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		nest_layers(_metadata, env->base, 1);
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	for (i = 0; i < MAX_LAYERS; i++) {
		layer_name(name, sizeof(name), i + 1);
		make_path(_metadata, path, env->base, name);
		snprintf(fields, sizeof(fields),
			 "blockers=fs.read_file path=\"%s\"", path);
		wait_access(_metadata, env, fields, &ids[i]);
		/* Avoids waiting for each missing record. */
		ASSERT_NE(0ULL, ids[i]);

		expect_allocated(_metadata, env, ids[i], 0);
		for (j = 0; j < i; j++) {
			EXPECT_NE(ids[j], ids[i])
			{
				TH_LOG("Layers %d and %d share ID %llx", j + 1,
				       i + 1, ids[i]);
			}
		}
	}

	audit_collect(env->audit.fd, env->log, SETTLE_MS);
	for (i = 0; i < MAX_LAYERS; i++)
		EXPECT_EQ(1, count_records(env, AUDIT_LANDLOCK_ACCESS, ids[i],
					   NULL));
}

/*
 * Checks the single access record of the domain created by @child, denying
 * an access to the test process.
 */
static void expect_task_denial(struct __test_metadata *const _metadata,
			       struct test_env *const env, const pid_t child,
			       const char *const blockers)
{
	const struct audit_record *rec;
	char value[32];

	rec = wait_pid_access(_metadata, env, child);
	ASSERT_NE(NULL, rec);

	expect_field(_metadata, rec, "blockers", blockers);
	snprintf(value, sizeof(value), "%d", getpid());
	expect_field(_metadata, rec, "opid", value);
	expect_field(_metadata, rec, "ocomm", env->comm);
	expect_access_count(_metadata, env, rec->domain, 1);
}

TEST_F(audit, scope_signal)
{
	const pid_t parent = getpid();
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		add_layer(_metadata, 0, 0, LANDLOCK_SCOPE_SIGNAL, 0);
		EXPECT_EQ(-1, kill(parent, 0));
		EXPECT_EQ(EPERM, errno);
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, &self->env, child);

	expect_task_denial(_metadata, &self->env, child, "scope.signal");
}

TEST_F(audit, ptrace_parent)
{
	const pid_t parent = getpid();
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		long ret;

		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		ret = ptrace(PTRACE_ATTACH, parent, NULL, NULL);
		EXPECT_EQ(-1, ret);
		EXPECT_EQ(EPERM, errno);
		if (ret == 0) {
			/* Releases the test process. */
			waitpid(parent, NULL, __WALL);
			ptrace(PTRACE_DETACH, parent, NULL, NULL);
		}
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, &self->env, child);

	expect_task_denial(_metadata, &self->env, child, "ptrace");
}

/*
 * Reading /proc/<pid>/stat of a process outside the domain checks ptrace
 * access with PTRACE_MODE_NOAUDIT, as ps(1) does: as upstream, such checks
 * are neither logged nor counted as denials.
 */
TEST_F(audit, ptrace_noaudit)
{
	struct test_env *const env = &self->env;
	char dir[PATH_MAX], fields[FIELDS_SIZE];
	const pid_t parent = getpid();
	pid_t child;
	__u64 id;
	int i;

	create_dir(_metadata, env->base, "dir");
	make_path(_metadata, dir, env->base, "dir");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char stat_path[64], buf[1024];
		int fd;

		snprintf(stat_path, sizeof(stat_path), "/proc/%d/stat", parent);
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0, 0);
		for (i = 0; i < 3; i++) {
			fd = open(stat_path, O_RDONLY | O_CLOEXEC);
			ASSERT_LE(0, fd);
			EXPECT_LT(0, read(fd, buf, sizeof(buf)));
			EXPECT_EQ(0, close(fd));
		}
		/* The only denial of this domain. */
		EXPECT_EQ(EACCES, test_open(dir, O_RDONLY | O_DIRECTORY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 dir);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_deallocated(_metadata, env, id, 1);
	expect_access_count(_metadata, env, id, 1);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_ACCESS, id,
				   "blockers=ptrace"));
}

FIXTURE(audit_refer)
{
	struct test_env env;
};

FIXTURE_VARIANT(audit_refer)
{
	/* Links instead of renaming. */
	const bool link;
	const __u64 handled;
	const char *const src_blockers;
	const char *const dst_blockers;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_refer, link) {
	/* clang-format on */
	.link = true,
	.handled = LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REFER,
	.src_blockers = "fs.refer",
	.dst_blockers = "fs.make_reg,fs.refer",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_refer, rename) {
	/* clang-format on */
	.link = false,
	.handled = LANDLOCK_ACCESS_FS_REMOVE_FILE |
		   LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REFER,
	.src_blockers = "fs.remove_file,fs.refer",
	.dst_blockers = "fs.make_reg,fs.refer",
};

FIXTURE_SETUP(audit_refer)
{
	setup_env(_metadata, &self->env);
	if (_metadata->exit_code)
		return;
	create_dir(_metadata, self->env.base, "src");
	create_file(_metadata, self->env.base, "src/file");
	create_dir(_metadata, self->env.base, "dst");
}

FIXTURE_TEARDOWN_PARENT(audit_refer)
{
	teardown_env(_metadata, &self->env);
}

/*
 * A link or rename denied across directories has one access record per
 * directory, as upstream: each names what its directory lacks, and the
 * domain counts two denials.
 */
TEST_F(audit_refer, two_directories)
{
	struct test_env *const env = &self->env;
	char src[PATH_MAX], dst[PATH_MAX], fields[FIELDS_SIZE];
	__u64 src_id, dst_id;
	pid_t child;

	make_path(_metadata, src, env->base, "src");
	make_path(_metadata, dst, env->base, "dst");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char from[PATH_MAX], to[PATH_MAX];
		int ret;

		make_path(_metadata, from, src, "file");
		make_path(_metadata, to, dst, "file");
		add_layer(_metadata, variant->handled, 0, 0, 0);
		ret = variant->link ? link(from, to) : rename(from, to);
		EXPECT_EQ(-1, ret);
		EXPECT_EQ(EACCES, errno);
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=%s path=\"%s\"",
		 variant->src_blockers, src);
	wait_access(_metadata, env, fields, &src_id);
	snprintf(fields, sizeof(fields), "blockers=%s path=\"%s\"",
		 variant->dst_blockers, dst);
	wait_access(_metadata, env, fields, &dst_id);
	ASSERT_NE(0ULL, src_id);
	EXPECT_EQ(src_id, dst_id);
	expect_allocated(_metadata, env, src_id, child);
	expect_deallocated(_metadata, env, src_id, 2);
	expect_access_count(_metadata, env, src_id, 2);
}

TEST_F(audit, scope_abstract_unix_socket)
{
	struct test_env *const env = &self->env;
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
	};
	char hex[2 * sizeof(addr.sun_path) + 1], value[sizeof(hex)];
	const struct audit_record *rec;
	socklen_t addr_len;
	int server, len, i;
	pid_t child;

	/* Abstract name, starting with a NUL byte. */
	len = snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1,
		       "landlock-audit-%d", getpid());
	addr_len = offsetof(struct sockaddr_un, sun_path) + 1 + len;
	/* Audit hex-encodes such names, with their first NUL byte. */
	for (i = 0; i < 1 + len; i++)
		sprintf(hex + 2 * i, "%02X", (unsigned char)addr.sun_path[i]);

	server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind(server, (struct sockaddr *)&addr, addr_len));
	ASSERT_EQ(0, listen(server, 1));

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		int client;

		add_layer(_metadata, 0, 0, LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
			  0);
		client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, client);
		EXPECT_EQ(-1,
			  connect(client, (struct sockaddr *)&addr, addr_len));
		EXPECT_EQ(EPERM, errno);
		EXPECT_EQ(0, close(client));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);
	EXPECT_EQ(0, close(server));

	rec = wait_pid_access(_metadata, env, child);
	ASSERT_NE(NULL, rec);
	expect_field(_metadata, rec, "blockers", "scope.abstract_unix_socket");
	ASSERT_TRUE(audit_get_field(rec->text, "path", value, sizeof(value)))
	{
		TH_LOG("No path= in: %s", rec->text);
	}
	EXPECT_EQ(0, strcasecmp(hex, value))
	{
		TH_LOG("Expected path=%s in: %s", hex, rec->text);
	}
	expect_access_count(_metadata, env, rec->domain, 1);
}

/* The deallocation record counts all the denials of the domain. */
TEST_F(audit, deallocated_denials)
{
	struct test_env *const env = &self->env;
	char dir[PATH_MAX], fields[FIELDS_SIZE];
	pid_t child;
	__u64 id;
	int i;

	create_dir(_metadata, env->base, "dir");
	make_path(_metadata, dir, env->base, "dir");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0, 0);
		for (i = 0; i < 3; i++)
			EXPECT_EQ(EACCES,
				  test_open(dir, O_RDONLY | O_DIRECTORY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 dir);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_allocated(_metadata, env, id, child);
	expect_deallocated(_metadata, env, id, 3);
	expect_access_count(_metadata, env, id, 3);
}

/*
 * The deallocation record also counts the denials that were not logged, here
 * after an execve(2).
 */
TEST_F(audit, deallocated_denials_after_exec)
{
	struct test_env *const env = &self->env;
	char dir[PATH_MAX], fields[FIELDS_SIZE];
	pid_t child;
	__u64 id;
	int i;

	create_dir(_metadata, env->base, "dir");
	make_path(_metadata, dir, env->base, "dir");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *const argv[] = { env->helper, dir, NULL };
		char *const envp[] = { NULL };

		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0, 0);
		for (i = 0; i < 2; i++)
			EXPECT_EQ(EACCES,
				  test_open(dir, O_RDONLY | O_DIRECTORY));
		/* The helper exits with 0 if its access is denied. */
		ASSERT_EQ(0, execve(env->helper, argv, envp))
		{
			TH_LOG("Failed to execute %s: %s", env->helper,
			       strerror(errno));
		}
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 dir);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_allocated(_metadata, env, id, child);
	expect_deallocated(_metadata, env, id, 3);
	expect_access_count(_metadata, env, id, 2);
}

/* A domain that logged nothing has neither allocation nor deallocation record. */
TEST_F(audit, silent_domain)
{
	struct test_env *const env = &self->env;
	char silent[PATH_MAX], sentinel[PATH_MAX], fields[FIELDS_SIZE];
	pid_t child_silent, child_sentinel;
	__u64 id;

	create_dir(_metadata, env->base, "silent");
	make_path(_metadata, silent, env->base, "silent");
	create_dir(_metadata, env->base, "sentinel");
	make_path(_metadata, sentinel, env->base, "sentinel");

	child_silent = fork();
	ASSERT_LE(0, child_silent);
	if (child_silent == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0,
			  LOG_SAME_EXEC_OFF);
		EXPECT_EQ(EACCES, test_open(silent, O_RDONLY | O_DIRECTORY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_silent);

	/* Released after the silent domain, as a witness. */
	child_sentinel = fork();
	ASSERT_LE(0, child_sentinel);
	if (child_sentinel == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0, 0);
		EXPECT_EQ(EACCES, test_open(sentinel, O_RDONLY | O_DIRECTORY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_sentinel);

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 sentinel);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_deallocated(_metadata, env, id, 1);
	audit_collect(env->audit.fd, env->log, SETTLE_MS);

	snprintf(fields, sizeof(fields), "path=\"%s\"", silent);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields));
	snprintf(fields, sizeof(fields), "pid=%d", child_silent);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));
	/* Only the sentinel domain was allocated and deallocated. */
	EXPECT_EQ(2, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, NULL));
	EXPECT_EQ(2, count_records(env, AUDIT_LANDLOCK_DOMAIN, id, NULL));
}

/*
 * LOG_SUBDOMAINS_OFF without ruleset: the layers created afterwards do not
 * log, but a layer created before does.
 */
TEST_F(audit, subdomains_off_without_ruleset)
{
	struct test_env *const env = &self->env;
	char first[PATH_MAX], nested[PATH_MAX], node[PATH_MAX];
	char fields[FIELDS_SIZE];
	pid_t child_unsandboxed, child_sandboxed;
	__u64 id;

	create_dir(_metadata, env->base, "first");
	make_path(_metadata, first, env->base, "first");
	create_dir(_metadata, env->base, "nested");
	make_path(_metadata, nested, env->base, "nested");
	make_path(_metadata, node, nested, "node");

	/* From an unsandboxed process. */
	child_unsandboxed = fork();
	ASSERT_LE(0, child_unsandboxed);
	if (child_unsandboxed == 0) {
		ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		add_layer(_metadata, LANDLOCK_ACCESS_FS_MAKE_DIR, 0, 0, 0);
		EXPECT_EQ(-1, mkdir(node, 0700));
		EXPECT_EQ(EACCES, errno);
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_unsandboxed);

	/* From a sandboxed process, whose first layer logs as usual. */
	child_sandboxed = fork();
	ASSERT_LE(0, child_sandboxed);
	if (child_sandboxed == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0, 0);
		EXPECT_EQ(EACCES, test_open(first, O_RDONLY | O_DIRECTORY));
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		add_layer(_metadata, LANDLOCK_ACCESS_FS_MAKE_DIR, 0, 0, 0);
		EXPECT_EQ(-1, mkdir(node, 0700));
		EXPECT_EQ(EACCES, errno);
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_sandboxed);

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 first);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_allocated(_metadata, env, id, child_sandboxed);
	expect_deallocated(_metadata, env, id, 1);
	audit_collect(env->audit.fd, env->log, SETTLE_MS);

	snprintf(fields, sizeof(fields), "path=\"%s\"", nested);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields));
	snprintf(fields, sizeof(fields), "pid=%d", child_unsandboxed);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));
	snprintf(fields, sizeof(fields), "status=allocated pid=%d",
		 child_sandboxed);
	EXPECT_EQ(1, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));
	EXPECT_EQ(1, count_records(env, AUDIT_LANDLOCK_ACCESS, 0, NULL));
}

static void enforce_allowed_dir(struct __test_metadata *const _metadata,
				const char *const dir)
{
	const __u64 access = LANDLOCK_ACCESS_FS_READ_FILE |
			     LANDLOCK_ACCESS_FS_READ_DIR;
	const int ruleset_fd = create_ruleset(_metadata, access, 0, 0);

	add_path_rule(_metadata, ruleset_fd, access, dir);
	enforce(_metadata, ruleset_fd, 0);
}

/* Allowed accesses are neither logged nor counted as denials. */
TEST_F(audit, allowed_access)
{
	struct test_env *const env = &self->env;
	char allowed[PATH_MAX], allowed_file[PATH_MAX], denied_file[PATH_MAX];
	char fields[FIELDS_SIZE];
	pid_t child_allowed, child_denied;
	__u64 id;

	create_dir(_metadata, env->base, "allowed");
	create_file(_metadata, env->base, "allowed/file");
	create_dir(_metadata, env->base, "denied");
	create_file(_metadata, env->base, "denied/file");
	make_path(_metadata, allowed, env->base, "allowed");
	make_path(_metadata, allowed_file, env->base, "allowed/file");
	make_path(_metadata, denied_file, env->base, "denied/file");

	child_allowed = fork();
	ASSERT_LE(0, child_allowed);
	if (child_allowed == 0) {
		enforce_allowed_dir(_metadata, allowed);
		EXPECT_EQ(0, test_open(allowed_file, O_RDONLY));
		EXPECT_EQ(0, test_open(allowed, O_RDONLY | O_DIRECTORY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_allowed);
	audit_collect(env->audit.fd, env->log, SETTLE_MS);
	EXPECT_EQ(0, audit_count(env->log, AUDIT_LANDLOCK_ACCESS, text_contains,
				 allowed));
	snprintf(fields, sizeof(fields), "pid=%d", child_allowed);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));

	/* The same accesses, followed by a denied one. */
	child_denied = fork();
	ASSERT_LE(0, child_denied);
	if (child_denied == 0) {
		enforce_allowed_dir(_metadata, allowed);
		EXPECT_EQ(0, test_open(allowed_file, O_RDONLY));
		EXPECT_EQ(0, test_open(allowed, O_RDONLY | O_DIRECTORY));
		EXPECT_EQ(EACCES, test_open(denied_file, O_RDONLY));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child_denied);

	snprintf(fields, sizeof(fields), "blockers=fs.read_file path=\"%s\"",
		 denied_file);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_deallocated(_metadata, env, id, 1);
	expect_access_count(_metadata, env, id, 1);
	EXPECT_EQ(0, audit_count(env->log, AUDIT_LANDLOCK_ACCESS, text_contains,
				 allowed));
	snprintf(fields, sizeof(fields), "pid=%d", child_allowed);
	EXPECT_EQ(0, count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));
}

FIXTURE(audit_fs)
{
	struct test_env env;
	bool has_dev;
};

typedef int (*trigger_t)(struct __test_metadata *const _metadata,
			 const char *const base);

FIXTURE_VARIANT(audit_fs)
{
	const __u64 handled;
	/* Makes the denied request and returns its errno (or 0). */
	const trigger_t trigger;
	const int err;
	const char *const blockers;
	/* Object of the record, relative to the test directory. */
	const char *const object;
	/*
	 * The object is the root dentry of a mount, logged as name="/" with
	 * its inode instead of a path.
	 */
	const bool mount_root;
	/* Number of access records, one per directory (default 1). */
	const int nr_records;
	/* Denied IOCTL command, if any. */
	const unsigned int ioctl_cmd;
	/* Errno of the request once allowed, by a permissive layer. */
	const int allowed_err;
	/* Number of access records then, if not the same. */
	const int nr_allowed_records;
};

FIXTURE_SETUP(audit_fs)
{
	char path[PATH_MAX];

	setup_env(_metadata, &self->env);
	if (_metadata->exit_code)
		return;

	create_file(_metadata, self->env.base, "file");
	create_file(_metadata, self->env.base, "exe");
	create_dir(_metadata, self->env.base, "dir");
	create_file(_metadata, self->env.base, "dir/victim");
	create_dir(_metadata, self->env.base, "dir/subdir");
	create_dir(_metadata, self->env.base, "src");
	create_file(_metadata, self->env.base, "src/file");
	create_dir(_metadata, self->env.base, "dst");
	create_dir(_metadata, self->env.base, "mnt");
	create_dir(_metadata, self->env.base, "mnt_root");
	make_path(_metadata, path, self->env.base, "mnt_root");
	ASSERT_EQ(0, mount("tmpfs", path, "tmpfs", 0, "size=1m"));
	make_path(_metadata, path, self->env.base, "null");
	self->has_dev = !mknod(path, S_IFCHR | 0600, makedev(1, 3));
}

FIXTURE_TEARDOWN_PARENT(audit_fs)
{
	teardown_env(_metadata, &self->env);
}

static int ret_errno(const int ret)
{
	return ret ? errno : 0;
}

static int trigger_execute(struct __test_metadata *const _metadata,
			   const char *const base)
{
	char path[PATH_MAX];
	char *const argv[] = { path, NULL };
	char *const envp[] = { NULL };

	make_path(_metadata, path, base, "exe");
	/* The file is empty: its execution would fail with ENOEXEC. */
	execve(path, argv, envp);
	return errno;
}

static int trigger_write_file(struct __test_metadata *const _metadata,
			      const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "file");
	return test_open(path, O_WRONLY);
}

static int trigger_read_file(struct __test_metadata *const _metadata,
			     const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "file");
	return test_open(path, O_RDONLY);
}

static int trigger_read_dir(struct __test_metadata *const _metadata,
			    const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir");
	return test_open(path, O_RDONLY | O_DIRECTORY);
}

static int trigger_remove_dir(struct __test_metadata *const _metadata,
			      const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir/subdir");
	return ret_errno(rmdir(path));
}

static int trigger_remove_file(struct __test_metadata *const _metadata,
			       const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir/victim");
	return ret_errno(unlink(path));
}

static int make_node(struct __test_metadata *const _metadata,
		     const char *const base, const mode_t mode, const dev_t dev)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir/node");
	return ret_errno(mknod(path, mode | 0600, dev));
}

static int trigger_make_char(struct __test_metadata *const _metadata,
			     const char *const base)
{
	return make_node(_metadata, base, S_IFCHR, makedev(1, 3));
}

static int trigger_make_dir(struct __test_metadata *const _metadata,
			    const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir/node");
	return ret_errno(mkdir(path, 0700));
}

static int trigger_make_reg(struct __test_metadata *const _metadata,
			    const char *const base)
{
	return make_node(_metadata, base, S_IFREG, 0);
}

static int trigger_make_sock(struct __test_metadata *const _metadata,
			     const char *const base)
{
	return make_node(_metadata, base, S_IFSOCK, 0);
}

static int trigger_make_fifo(struct __test_metadata *const _metadata,
			     const char *const base)
{
	return make_node(_metadata, base, S_IFIFO, 0);
}

static int trigger_make_block(struct __test_metadata *const _metadata,
			      const char *const base)
{
	return make_node(_metadata, base, S_IFBLK, makedev(7, 0));
}

static int trigger_make_sym(struct __test_metadata *const _metadata,
			    const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "dir/node");
	return ret_errno(symlink("victim", path));
}

static int trigger_refer(struct __test_metadata *const _metadata,
			 const char *const base)
{
	char src[PATH_MAX], dst[PATH_MAX];

	make_path(_metadata, src, base, "src/file");
	make_path(_metadata, dst, base, "dst/file");
	return ret_errno(rename(src, dst));
}

static int trigger_truncate(struct __test_metadata *const _metadata,
			    const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "file");
	return ret_errno(truncate(path, 0));
}

static int trigger_ftruncate(struct __test_metadata *const _metadata,
			     const char *const base)
{
	char path[PATH_MAX];
	int fd, err;

	make_path(_metadata, path, base, "file");
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	err = ret_errno(ftruncate(fd, 0));
	EXPECT_EQ(0, close(fd));
	return err;
}

static int trigger_ioctl_dev(struct __test_metadata *const _metadata,
			     const char *const base)
{
	char path[PATH_MAX], buf[256];
	int fd, err;

	make_path(_metadata, path, base, "null");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	/* Without Landlock, this would fail with ENOTTY. */
	err = ret_errno(ioctl(fd, TCGETS, buf));
	EXPECT_EQ(0, close(fd));
	return err;
}

static int trigger_mount(struct __test_metadata *const _metadata,
			 const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "mnt");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	return ret_errno(mount("tmpfs", path, "tmpfs", 0, NULL));
}

static int trigger_umount(struct __test_metadata *const _metadata,
			  const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "mnt_root");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	return ret_errno(umount(path));
}

/* mount(2) checks the mount point first, as for any other mount. */
static int trigger_remount(struct __test_metadata *const _metadata,
			   const char *const base)
{
	char path[PATH_MAX];

	make_path(_metadata, path, base, "mnt_root");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	return ret_errno(mount(NULL, path, NULL, MS_REMOUNT | MS_RDONLY, NULL));
}

/* fsconfig(2) reconfigures the superblock, named by its root dentry. */
static int trigger_reconfigure(struct __test_metadata *const _metadata,
			       const char *const base)
{
	char path[PATH_MAX];
	int fd, err;

	make_path(_metadata, path, base, "mnt_root");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	fd = fspick(AT_FDCWD, path, FSPICK_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fsconfig(fd, FSCONFIG_SET_FLAG, "ro", NULL, 0));
	err = ret_errno(fsconfig(fd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0));
	EXPECT_EQ(0, close(fd));
	return err;
}

static int trigger_move_mount(struct __test_metadata *const _metadata,
			      const char *const base)
{
	char from[PATH_MAX], to[PATH_MAX];

	make_path(_metadata, from, base, "mnt_root");
	make_path(_metadata, to, base, "mnt");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	return ret_errno(move_mount(AT_FDCWD, from, AT_FDCWD, to, 0));
}

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, execute) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_EXECUTE,
	.trigger = trigger_execute,
	.err = EACCES,
	.blockers = "fs.execute",
	.object = "exe",
	/* The file is empty. */
	.allowed_err = ENOEXEC,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, write_file) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_WRITE_FILE,
	.trigger = trigger_write_file,
	.err = EACCES,
	.blockers = "fs.write_file",
	.object = "file",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, read_file) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_read_file,
	.err = EACCES,
	.blockers = "fs.read_file",
	.object = "file",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, read_dir) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_DIR,
	.trigger = trigger_read_dir,
	.err = EACCES,
	.blockers = "fs.read_dir",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, remove_dir) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_REMOVE_DIR,
	.trigger = trigger_remove_dir,
	.err = EACCES,
	.blockers = "fs.remove_dir",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, remove_file) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_REMOVE_FILE,
	.trigger = trigger_remove_file,
	.err = EACCES,
	.blockers = "fs.remove_file",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_char) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_CHAR,
	.trigger = trigger_make_char,
	.err = EACCES,
	.blockers = "fs.make_char",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_dir) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_DIR,
	.trigger = trigger_make_dir,
	.err = EACCES,
	.blockers = "fs.make_dir",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_reg) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_REG,
	.trigger = trigger_make_reg,
	.err = EACCES,
	.blockers = "fs.make_reg",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_sock) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_SOCK,
	.trigger = trigger_make_sock,
	.err = EACCES,
	.blockers = "fs.make_sock",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_fifo) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_FIFO,
	.trigger = trigger_make_fifo,
	.err = EACCES,
	.blockers = "fs.make_fifo",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_block) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_BLOCK,
	.trigger = trigger_make_block,
	.err = EACCES,
	.blockers = "fs.make_block",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, make_sym) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_SYM,
	.trigger = trigger_make_sym,
	.err = EACCES,
	.blockers = "fs.make_sym",
	.object = "dir",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, refer) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_REFER,
	.trigger = trigger_refer,
	/* Only the refer right is missing. */
	.err = EXDEV,
	.blockers = "fs.refer",
	.object = "src",
	/* The destination also lacks the refer right. */
	.nr_records = 2,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, truncate) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_TRUNCATE,
	.trigger = trigger_truncate,
	.err = EACCES,
	.blockers = "fs.truncate",
	.object = "file",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, ftruncate) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_TRUNCATE,
	.trigger = trigger_ftruncate,
	.err = EACCES,
	.blockers = "fs.truncate",
	.object = "file",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, ioctl_dev) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_IOCTL_DEV,
	.trigger = trigger_ioctl_dev,
	.err = EACCES,
	.blockers = "fs.ioctl_dev",
	.object = "null",
	.ioctl_cmd = TCGETS,
	/* /dev/null is no terminal. */
	.allowed_err = ENOTTY,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, mount) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_mount,
	.err = EPERM,
	.blockers = "fs.change_topology",
	.object = "mnt",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, umount) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_umount,
	.err = EPERM,
	.blockers = "fs.change_topology",
	.object = "mnt_root",
	.mount_root = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, remount) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_remount,
	.err = EPERM,
	.blockers = "fs.change_topology",
	.object = "mnt_root",
	/* Once the mount point is allowed, the superblock is checked. */
	.nr_allowed_records = 2,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, reconfigure) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_reconfigure,
	.err = EPERM,
	.blockers = "fs.change_topology",
	.object = "mnt_root",
	.mount_root = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_fs, move_mount) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.trigger = trigger_move_mount,
	.err = EPERM,
	.blockers = "fs.change_topology",
	.object = "mnt",
};

/*
 * A denied filesystem request fails with the expected error and has exactly
 * one access record, with the missing right and the object of the request.
 */
TEST_F(audit_fs, denied_request)
{
	struct test_env *const env = &self->env;
	char object[PATH_MAX], fields[FIELDS_SIZE], value[32];
	const struct audit_record *rec;
	struct stat st;
	int index;
	pid_t child;
	__u64 id;

	if (variant->ioctl_cmd && !self->has_dev)
		SKIP(return, "Cannot create a device file");

	make_path(_metadata, object, env->base, variant->object);
	ASSERT_EQ(0, stat(object, &st));

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		add_layer(_metadata, variant->handled, 0, 0, 0);
		EXPECT_EQ(variant->err, variant->trigger(_metadata, env->base));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=%s ino=%llu",
		 variant->blockers, (unsigned long long)st.st_ino);
	index = wait_access(_metadata, env, fields, &id);
	ASSERT_LE(0, index);
	rec = &env->log->records[index];

	expect_field(_metadata, rec, "dev", "tmpfs");
	if (variant->mount_root)
		expect_field(_metadata, rec, "name", "/");
	else
		expect_field(_metadata, rec, "path", object);
	if (variant->ioctl_cmd) {
		snprintf(value, sizeof(value), "0x%hx",
			 (unsigned short)variant->ioctl_cmd);
		expect_field(_metadata, rec, "ioctlcmd", value);
	}

	expect_access_count(_metadata, env, id, variant->nr_records ?: 1);
	snprintf(fields, sizeof(fields), "ino=%llu",
		 (unsigned long long)st.st_ino);
	EXPECT_EQ(1, count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields));
}

static void set_loopback_up(struct __test_metadata *const _metadata)
{
	struct ifreq ifr = {
		.ifr_name = "lo",
	};
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, SIOCGIFFLAGS, &ifr));
	ifr.ifr_flags |= IFF_UP;
	ASSERT_EQ(0, ioctl(fd, SIOCSIFFLAGS, &ifr));
	EXPECT_EQ(0, close(fd));
}

/*
 * Permissive layers.  For each kind of access, a permissive layer alone
 * allows it, counts it and logs it as its own denial, with mode=permissive
 * in its allocation record; with an enforcing layer that handles the same
 * access, created before it (the permissive layer is nested in the
 * enforcing one) or after it, the access is denied and only the enforcing
 * layer logs it.
 */
enum permissive_position {
	PERMISSIVE_ALONE,
	PERMISSIVE_IN_ENFORCING,
	ENFORCING_IN_PERMISSIVE,
};

static void add_positioned_layers(struct __test_metadata *const _metadata,
				  const enum permissive_position position,
				  const __u64 fs, const __u64 net,
				  const __u64 scoped)
{
	if (position == PERMISSIVE_IN_ENFORCING)
		add_layer(_metadata, fs, net, scoped, 0);
	add_layer(_metadata, fs, net, scoped,
		  LANDLOCK_RESTRICT_SELF_PERMISSIVE);
	if (position == ENFORCING_IN_PERMISSIVE)
		add_layer(_metadata, fs, net, scoped, 0);
}

/*
 * Checks that exactly one of the layers created by @child logged, @nr
 * access records in all, one of them with @fields: the permissive layer
 * if alone (and its deallocation counts them), else the enforcing one.
 * Returns the access record with @fields, or NULL.
 */
static const struct audit_record *
expect_positioned_denials(struct __test_metadata *const _metadata,
			  struct test_env *const env, const pid_t child,
			  const enum permissive_position position,
			  const char *const fields, const int nr)
{
	const struct audit_record *alloc;
	char alloc_fields[64];
	int access;
	__u64 id;

	access = wait_access(_metadata, env, fields, &id);
	if (access < 0 || !id)
		return NULL;
	snprintf(alloc_fields, sizeof(alloc_fields), "status=allocated pid=%d",
		 child);
	alloc = wait_record(_metadata, env, AUDIT_LANDLOCK_DOMAIN, id,
			    alloc_fields, RECORD_TIMEOUT_MS);
	if (alloc)
		expect_field(_metadata, alloc, "mode",
			     position == PERMISSIVE_ALONE ? "permissive" :
							    "enforcing");
	expect_access_count(_metadata, env, id, nr);
	/* The other layer logged nothing. */
	EXPECT_EQ(1,
		  count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, alloc_fields));
	EXPECT_EQ(count_records(env, AUDIT_LANDLOCK_ACCESS, id, fields),
		  count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields));
	if (position == PERMISSIVE_ALONE)
		expect_deallocated(_metadata, env, id, nr);
	return &env->log->records[access];
}

/*
 * What the child of a permissive test asks for, under the layers of a
 * position, and what it leaves in the log.
 */
struct permissive_request {
	/* Handled by each layer. */
	__u64 fs, net, scoped;
	/* Gives the child a network namespace of its own, with loopback up. */
	bool new_netns;
	/* Makes the request in the child; returns its errno or 0. */
	int (*trigger)(struct __test_metadata *const _metadata,
		       const void *const arg);
	const void *arg;
	/* Errno of the request when denied, and when only allowed. */
	int err, allowed_err;
	/* Fields of one of the access records. */
	const char *fields;
	/* Number of access records (default 1), and when only allowed. */
	int nr, nr_allowed;
	/*
	 * Socket that the child connects to, if any, closed once the child is
	 * gone: a connection in its queue keeps the child's layers alive.
	 */
	const int *server;
};

static void check_permissive(struct __test_metadata *const _metadata,
			     struct test_env *const env,
			     const enum permissive_position position,
			     const struct permissive_request *const req)
{
	const bool alone = position == PERMISSIVE_ALONE;
	int nr = req->nr ?: 1;
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		if (req->new_netns) {
			ASSERT_EQ(0, unshare(CLONE_NEWNET));
			set_loopback_up(_metadata);
		}
		add_positioned_layers(_metadata, position, req->fs, req->net,
				      req->scoped);
		EXPECT_EQ(alone ? req->allowed_err : req->err,
			  req->trigger(_metadata, req->arg));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);
	if (req->server)
		EXPECT_EQ(0, close(*req->server));

	if (alone && req->nr_allowed)
		nr = req->nr_allowed;
	expect_positioned_denials(_metadata, env, child, position, req->fields,
				  nr);
}

/* The arguments of a trigger of the audit_fs variants. */
struct fs_trigger_arg {
	trigger_t trigger;
	const char *base;
};

static int trigger_fs(struct __test_metadata *const _metadata,
		      const void *const arg)
{
	const struct fs_trigger_arg *const fs = arg;

	return fs->trigger(_metadata, fs->base);
}

static void
check_fs_permissive(struct __test_metadata *const _metadata,
		    struct _test_data_audit_fs *const self,
		    const struct _fixture_variant_audit_fs *const variant,
		    const enum permissive_position position)
{
	const struct fs_trigger_arg arg = {
		.trigger = variant->trigger,
		.base = self->env.base,
	};
	char object[PATH_MAX], fields[FIELDS_SIZE];
	const struct permissive_request req = {
		.fs = variant->handled,
		.trigger = trigger_fs,
		.arg = &arg,
		.err = variant->err,
		.allowed_err = variant->allowed_err,
		.fields = fields,
		.nr = variant->nr_records,
		.nr_allowed = variant->nr_allowed_records,
	};
	struct stat st;

	if (variant->ioctl_cmd && !self->has_dev)
		SKIP(return, "Cannot create a device file");

	make_path(_metadata, object, self->env.base, variant->object);
	ASSERT_EQ(0, stat(object, &st));
	snprintf(fields, sizeof(fields), "blockers=%s ino=%llu",
		 variant->blockers, (unsigned long long)st.st_ino);
	check_permissive(_metadata, &self->env, position, &req);
}

TEST_F(audit_fs, permissive_alone)
{
	check_fs_permissive(_metadata, self, variant, PERMISSIVE_ALONE);
}

TEST_F(audit_fs, permissive_in_enforcing)
{
	check_fs_permissive(_metadata, self, variant, PERMISSIVE_IN_ENFORCING);
}

TEST_F(audit_fs, enforcing_in_permissive)
{
	check_fs_permissive(_metadata, self, variant, ENFORCING_IN_PERMISSIVE);
}

FIXTURE(audit_net)
{
	struct test_env env;
};

FIXTURE_VARIANT(audit_net)
{
	const int family;
	const char *const addr;
	const __u64 handled;
	const char *const blockers;
	/* Names of the address and port fields. */
	const char *const addr_field;
	const char *const port_field;
	/* Errno of the request once allowed, by a permissive layer. */
	const int allowed_err;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_net, bind_ipv4) {
	/* clang-format on */
	.family = AF_INET,
	.addr = "127.0.0.1",
	.handled = LANDLOCK_ACCESS_NET_BIND_TCP,
	.blockers = "net.bind_tcp",
	.addr_field = "saddr",
	.port_field = "src",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_net, connect_ipv4) {
	/* clang-format on */
	.family = AF_INET,
	.addr = "127.0.0.1",
	.handled = LANDLOCK_ACCESS_NET_CONNECT_TCP,
	.blockers = "net.connect_tcp",
	.addr_field = "daddr",
	.port_field = "dest",
	/* Nobody listens. */
	.allowed_err = ECONNREFUSED,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_net, bind_ipv6) {
	/* clang-format on */
	.family = AF_INET6,
	.addr = "::1",
	.handled = LANDLOCK_ACCESS_NET_BIND_TCP,
	.blockers = "net.bind_tcp",
	.addr_field = "saddr",
	.port_field = "src",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_net, connect_ipv6) {
	/* clang-format on */
	.family = AF_INET6,
	.addr = "::1",
	.handled = LANDLOCK_ACCESS_NET_CONNECT_TCP,
	.blockers = "net.connect_tcp",
	.addr_field = "daddr",
	.port_field = "dest",
	/* Nobody listens. */
	.allowed_err = ECONNREFUSED,
};

FIXTURE_SETUP(audit_net)
{
	setup_env(_metadata, &self->env);
}

FIXTURE_TEARDOWN_PARENT(audit_net)
{
	teardown_env(_metadata, &self->env);
}

/*
 * Binds or connects a TCP socket as @variant says; returns the errno or 0.
 * The harness names the types of FIXTURE_DATA() and FIXTURE_VARIANT() so.
 */
static int net_request(struct __test_metadata *const _metadata,
		       const struct _fixture_variant_audit_net *const variant,
		       const unsigned short port)
{
	struct sockaddr_storage addr = {};
	struct sockaddr_in *const addr4 = (void *)&addr;
	struct sockaddr_in6 *const addr6 = (void *)&addr;
	socklen_t addr_len;
	int fd, ret;

	if (variant->family == AF_INET) {
		addr4->sin_family = AF_INET;
		addr4->sin_port = htons(port);
		EXPECT_EQ(1,
			  inet_pton(AF_INET, variant->addr, &addr4->sin_addr));
		addr_len = sizeof(*addr4);
	} else {
		addr6->sin6_family = AF_INET6;
		addr6->sin6_port = htons(port);
		EXPECT_EQ(1, inet_pton(AF_INET6, variant->addr,
				       &addr6->sin6_addr));
		addr_len = sizeof(*addr6);
	}

	fd = socket(variant->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (variant->handled == LANDLOCK_ACCESS_NET_BIND_TCP)
		ret = bind(fd, (struct sockaddr *)&addr, addr_len);
	else
		ret = connect(fd, (struct sockaddr *)&addr, addr_len);
	ret = ret ? errno : 0;
	close(fd);
	return ret;
}

/*
 * A denied TCP bind or connect has exactly one access record, with the
 * requested address and port.
 */
TEST_F(audit_net, denied_request)
{
	struct test_env *const env = &self->env;
	/* Makes the records of this test unique. */
	const unsigned short port = 20000 + getpid() % 20000;
	char fields[FIELDS_SIZE];
	pid_t child;
	__u64 id;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, unshare(CLONE_NEWNET));
		set_loopback_up(_metadata);
		add_layer(_metadata, 0, variant->handled, 0, 0);
		EXPECT_EQ(EACCES, net_request(_metadata, variant, port));
		_exit(_metadata->exit_code);
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields, sizeof(fields), "blockers=%s %s=%s %s=%u",
		 variant->blockers, variant->addr_field, variant->addr,
		 variant->port_field, port);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	expect_allocated(_metadata, env, id, child);
	expect_access_count(_metadata, env, id, 1);
}

/* The arguments of net_request(), as a permissive request calls it. */
struct net_trigger_arg {
	const struct _fixture_variant_audit_net *variant;
	unsigned short port;
};

static int trigger_net(struct __test_metadata *const _metadata,
		       const void *const arg)
{
	const struct net_trigger_arg *const net = arg;

	return net_request(_metadata, net->variant, net->port);
}

static void
check_net_permissive(struct __test_metadata *const _metadata,
		     struct _test_data_audit_net *const self,
		     const struct _fixture_variant_audit_net *const variant,
		     const enum permissive_position position)
{
	const struct net_trigger_arg arg = {
		.variant = variant,
		.port = 20000 + getpid() % 20000,
	};
	char fields[FIELDS_SIZE];
	const struct permissive_request req = {
		.net = variant->handled,
		.new_netns = true,
		.trigger = trigger_net,
		.arg = &arg,
		.err = EACCES,
		.allowed_err = variant->allowed_err,
		.fields = fields,
	};

	snprintf(fields, sizeof(fields), "blockers=%s %s=%s %s=%u",
		 variant->blockers, variant->addr_field, variant->addr,
		 variant->port_field, arg.port);
	check_permissive(_metadata, &self->env, position, &req);
}

TEST_F(audit_net, permissive_alone)
{
	check_net_permissive(_metadata, self, variant, PERMISSIVE_ALONE);
}

TEST_F(audit_net, permissive_in_enforcing)
{
	check_net_permissive(_metadata, self, variant, PERMISSIVE_IN_ENFORCING);
}

TEST_F(audit_net, enforcing_in_permissive)
{
	check_net_permissive(_metadata, self, variant, ENFORCING_IN_PERMISSIVE);
}

/*
 * Scopes and ptrace, from a child of the test process, which each request
 * targets: a signal, the read of its executable (which needs ptrace read
 * access) and a connection to its abstract unix socket.
 */
static int signal_parent(struct __test_metadata *const _metadata,
			 const void *const arg)
{
	return ret_errno(kill(getppid(), 0));
}

static int read_parent_exe(struct __test_metadata *const _metadata,
			   const void *const arg)
{
	char path[64], buf[PATH_MAX];
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/%d/exe", getppid());
	len = readlink(path, buf, sizeof(buf));
	if (len < 0)
		return errno;
	/* A link is never empty. */
	return len ? 0 : ENODATA;
}

/* The abstract unix socket of the test process @pid. */
static socklen_t parent_socket_addr(struct sockaddr_un *const addr,
				    const pid_t pid)
{
	int len;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	len = snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
		       "landlock-permissive-%d", pid);
	return offsetof(struct sockaddr_un, sun_path) + 1 + len;
}

static int connect_parent_socket(struct __test_metadata *const _metadata,
				 const void *const arg)
{
	struct sockaddr_un addr;
	socklen_t addr_len;
	int client, ret;

	addr_len = parent_socket_addr(&addr, getppid());
	client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, client);
	ret = ret_errno(connect(client, (struct sockaddr *)&addr, addr_len));
	EXPECT_EQ(0, close(client));
	return ret;
}

FIXTURE(audit_permissive_task)
{
	struct test_env env;
	struct permissive_request req;
	char fields[FIELDS_SIZE];
	int server;
};

FIXTURE_VARIANT(audit_permissive_task)
{
	const __u64 fs, scoped;
	int (*const trigger)(struct __test_metadata *const _metadata,
			     const void *const arg);
	const int err;
	const char *const blockers;
	/* The records name the test process, as opid=. */
	const bool opid;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_permissive_task, signal) {
	/* clang-format on */
	.scoped = LANDLOCK_SCOPE_SIGNAL,
	.trigger = signal_parent,
	.err = EPERM,
	.blockers = "scope.signal",
	.opid = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_permissive_task, ptrace) {
	/* clang-format on */
	.fs = LANDLOCK_ACCESS_FS_MAKE_FIFO,
	.trigger = read_parent_exe,
	.err = EACCES,
	.blockers = "ptrace",
	.opid = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_permissive_task, abstract_unix_socket) {
	/* clang-format on */
	.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	.trigger = connect_parent_socket,
	.err = EPERM,
	.blockers = "scope.abstract_unix_socket",
};

FIXTURE_SETUP(audit_permissive_task)
{
	struct sockaddr_un addr;
	socklen_t addr_len;

	self->req = (struct permissive_request){
		.fs = variant->fs,
		.scoped = variant->scoped,
		.trigger = variant->trigger,
		.err = variant->err,
		.fields = self->fields,
	};
	if (variant->opid)
		snprintf(self->fields, sizeof(self->fields),
			 "blockers=%s opid=%d", variant->blockers, getpid());
	else
		snprintf(self->fields, sizeof(self->fields), "blockers=%s",
			 variant->blockers);

	setup_env(_metadata, &self->env);
	if (_metadata->exit_code ||
	    !(variant->scoped & LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET))
		return;

	addr_len = parent_socket_addr(&addr, getpid());
	self->server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, self->server);
	ASSERT_EQ(0, bind(self->server, (struct sockaddr *)&addr, addr_len));
	ASSERT_EQ(0, listen(self->server, 1));
	self->req.server = &self->server;
}

FIXTURE_TEARDOWN_PARENT(audit_permissive_task)
{
	teardown_env(_metadata, &self->env);
}

TEST_F(audit_permissive_task, permissive_alone)
{
	check_permissive(_metadata, &self->env, PERMISSIVE_ALONE, &self->req);
}

TEST_F(audit_permissive_task, permissive_in_enforcing)
{
	check_permissive(_metadata, &self->env, PERMISSIVE_IN_ENFORCING,
			 &self->req);
}

TEST_F(audit_permissive_task, enforcing_in_permissive)
{
	check_permissive(_metadata, &self->env, ENFORCING_IN_PERMISSIVE,
			 &self->req);
}

/*
 * A permissive layer is there to show all that it would deny: it logs the
 * denials of the programs that it executes too, unlike an enforcing layer
 * (see deallocated_denials_after_exec).
 */
TEST_F(audit, permissive_after_exec)
{
	struct test_env *const env = &self->env;
	char dir[PATH_MAX], fields[FIELDS_SIZE];
	const struct audit_record *rec;
	int status;
	pid_t child;
	__u64 id;

	create_dir(_metadata, env->base, "dir");
	make_path(_metadata, dir, env->base, "dir");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *const argv[] = { env->helper, dir, NULL };
		char *const envp[] = { NULL };

		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0,
			  LANDLOCK_RESTRICT_SELF_PERMISSIVE);
		/* The helper exits with 1 if its access is allowed. */
		ASSERT_EQ(0, execve(env->helper, argv, envp));
		return;
	}
	status = wait_child(_metadata, env, child);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));

	snprintf(fields, sizeof(fields), "blockers=fs.read_dir path=\"%s\"",
		 dir);
	wait_access(_metadata, env, fields, &id);
	ASSERT_NE(0ULL, id);
	rec = wait_record(_metadata, env, AUDIT_LANDLOCK_DOMAIN, id,
			  "status=allocated mode=permissive",
			  RECORD_TIMEOUT_MS);
	EXPECT_NE(NULL, rec);
	expect_deallocated(_metadata, env, id, 1);
}

FIXTURE(log_flags)
{
	struct test_env env;
};

#include "log_flags_variants.h"

FIXTURE_SETUP(log_flags)
{
	setup_env(_metadata, &self->env);
}

FIXTURE_TEARDOWN_PARENT(log_flags)
{
	teardown_env(_metadata, &self->env);
}

/*
 * A child creates a layer with the variant's flags, and:
 * - makes a denied access before execve(2), logged unless LOG_SAME_EXEC_OFF;
 * - creates a nested layer (default flags) that denies an access, logged
 *   unless the first layer has LOG_SUBDOMAINS_OFF;
 * - executes the helper, whose denied access (by the first layer only) is
 *   logged only with LOG_NEW_EXEC_ON.
 * A layer that logged something has exactly one allocation and one
 * deallocation record, which counts all its denials.
 */
TEST_F(log_flags, before_and_after_exec)
{
	struct test_env *const env = &self->env;
	const bool log_before = !(variant->flags & LOG_SAME_EXEC_OFF);
	const bool log_after = !!(variant->flags & LOG_NEW_EXEC_ON);
	const bool log_nested = !(variant->flags & LOG_SUBDOMAINS_OFF);
	const bool log_first = log_before || log_after;
	char before[PATH_MAX], after[PATH_MAX], nested[PATH_MAX];
	char node[PATH_MAX], fields_before[FIELDS_SIZE];
	char fields_after[FIELDS_SIZE], fields_nested[FIELDS_SIZE];
	char fields[64];
	__u64 id_before = 0, id_after = 0, id_first = 0, id_nested = 0;
	pid_t child;

	create_dir(_metadata, env->base, "before");
	make_path(_metadata, before, env->base, "before");
	create_dir(_metadata, env->base, "after");
	make_path(_metadata, after, env->base, "after");
	create_dir(_metadata, env->base, "nested");
	make_path(_metadata, nested, env->base, "nested");
	make_path(_metadata, node, nested, "node");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *const argv[] = { env->helper, after, NULL };
		char *const envp[] = { NULL };

		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, 0, 0,
			  variant->flags);
		EXPECT_EQ(EACCES, test_open(before, O_RDONLY | O_DIRECTORY));

		add_layer(_metadata, LANDLOCK_ACCESS_FS_MAKE_DIR, 0, 0, 0);
		EXPECT_EQ(-1, mkdir(node, 0700));
		EXPECT_EQ(EACCES, errno);

		/* The helper exits with 0 if its access is denied. */
		ASSERT_EQ(0, execve(env->helper, argv, envp))
		{
			TH_LOG("Failed to execute %s: %s", env->helper,
			       strerror(errno));
		}
		return;
	}
	expect_exit_ok(_metadata, env, child);

	snprintf(fields_before, sizeof(fields_before),
		 "blockers=fs.read_dir path=\"%s\"", before);
	snprintf(fields_after, sizeof(fields_after),
		 "blockers=fs.read_dir path=\"%s\"", after);
	snprintf(fields_nested, sizeof(fields_nested),
		 "blockers=fs.make_dir path=\"%s\"", nested);

	if (log_before)
		wait_access(_metadata, env, fields_before, &id_before);
	if (log_after)
		wait_access(_metadata, env, fields_after, &id_after);
	if (log_nested)
		wait_access(_metadata, env, fields_nested, &id_nested);
	id_first = log_before ? id_before : id_after;

	/* Both layers are released when the child is gone. */
	if (log_first)
		expect_deallocated(_metadata, env, id_first, 2);
	if (log_nested)
		expect_deallocated(_metadata, env, id_nested, 1);
	audit_collect(env->audit.fd, env->log,
		      (log_first || log_nested) ? SETTLE_MS : QUIET_MS);

	EXPECT_EQ(log_before,
		  count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields_before));
	EXPECT_EQ(log_after,
		  count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields_after));
	EXPECT_EQ(log_nested,
		  count_records(env, AUDIT_LANDLOCK_ACCESS, 0, fields_nested));

	if (id_before && id_after)
		EXPECT_EQ(id_before, id_after);
	if (id_first && id_nested)
		EXPECT_NE(id_first, id_nested);

	/* One allocation record per logging layer, both created by the child. */
	snprintf(fields, sizeof(fields), "status=allocated pid=%d", child);
	EXPECT_EQ(log_first + log_nested,
		  count_records(env, AUDIT_LANDLOCK_DOMAIN, 0, fields));
	if (log_first && id_first) {
		expect_allocated(_metadata, env, id_first, child);
		EXPECT_EQ(2, count_records(env, AUDIT_LANDLOCK_DOMAIN, id_first,
					   NULL));
		EXPECT_EQ(log_before + log_after,
			  count_records(env, AUDIT_LANDLOCK_ACCESS, id_first,
					NULL));
	}
	if (log_nested && id_nested) {
		expect_allocated(_metadata, env, id_nested, child);
		EXPECT_EQ(2, count_records(env, AUDIT_LANDLOCK_DOMAIN,
					   id_nested, NULL));
		EXPECT_EQ(1, count_records(env, AUDIT_LANDLOCK_ACCESS,
					   id_nested, NULL));
	}
}

TEST_HARNESS_MAIN

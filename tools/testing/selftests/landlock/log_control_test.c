// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Administrator control of logging
 *
 * kernel.landlock.log_kinds_avail and kernel.landlock.log_kinds_allowed:
 * every class of input with the setting and the AUDIT_CONFIG_CHANGE record
 * checked after each write, who may write (opener and writer), and what the
 * setting lets through of the records that a layer's flags ask for.
 *
 * The test process registers itself as the audit daemon; every test puts
 * the setting back as it found it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

#include "common.h"
#include "audit.h"
#include "introspection.h"

#define SYSCTL_DIR "/proc/sys/kernel/landlock"
#define AVAIL_PATH SYSCTL_DIR "/log_kinds_avail"
#define ALLOWED_PATH SYSCTL_DIR "/log_kinds_allowed"

/* The documented kinds, in the documented order (the ABI under test). */
static const char *const kind_names[] = {
	"denial",	"permissive_denial", "allocation",
	"deallocation", "id_restore",
};

#define NR_KINDS ARRAY_SIZE(kind_names)
#define ALL_KINDS ((1U << NR_KINDS) - 1)
/* Bits of the kinds, in the order of kind_names. */
enum {
	KIND_DENIAL = 1 << 0,
	KIND_PERMISSIVE_DENIAL = 1 << 1,
	KIND_ALLOCATION = 1 << 2,
	KIND_DEALLOCATION = 1 << 3,
	KIND_ID_RESTORE = 1 << 4,
};

#define SETTING_SIZE 128
#define RECORD_TIMEOUT_MS 2000
/* Delay to catch unexpected records after the expected ones. */
#define SETTLE_MS 200
#define STALE_QUIET_MS 200
#define STALE_MAX_MS 3000

/* Formats @kinds as the sysctl lists them, with @sep between names. */
static void format_kinds(char *const buf, const size_t size, const __u32 kinds,
			 const char *const sep)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NR_KINDS; i++) {
		if (kinds & (1U << i))
			len += snprintf(buf + len, size - len, "%s%s",
					len ? sep : "", kind_names[i]);
	}
}

/* Writes @len bytes in one write(2) on a new file.  Returns 0 or errno. */
static int write_setting(const void *const data, const size_t len)
{
	const int fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ssize_t ret;
	int err = 0;

	if (fd < 0)
		return errno;
	ret = write(fd, data, len);
	if (ret < 0)
		err = errno;
	else if ((size_t)ret != len)
		err = EIO;
	close(fd);
	return err;
}

static int write_string(const char *const str)
{
	return write_setting(str, strlen(str));
}

static int set_kinds(const __u32 kinds)
{
	char buf[SETTING_SIZE];

	format_kinds(buf, sizeof(buf) - 1, kinds, " ");
	strcat(buf, "\n");
	return write_string(buf);
}

static void expect_setting(struct __test_metadata *const _metadata,
			   const __u32 kinds)
{
	char expected[SETTING_SIZE], value[SETTING_SIZE];

	format_kinds(expected, sizeof(expected) - 1, kinds, " ");
	strcat(expected, "\n");
	ASSERT_EQ(0, read_path(ALLOWED_PATH, value, sizeof(value)));
	EXPECT_STREQ(expected, value);
}

struct log_env {
	struct audit_env audit;
	struct audit_log *log;
	__u32 saved;
	bool set_up;
};

static __u32 parse_setting(struct __test_metadata *const _metadata,
			   const char *const value)
{
	char copy[SETTING_SIZE], *word, *pos = copy;
	__u32 kinds = 0;
	size_t i;

	snprintf(copy, sizeof(copy), "%s", value);
	copy[strcspn(copy, "\n")] = '\0';
	while ((word = strsep(&pos, " ")) && *word) {
		for (i = 0; i < NR_KINDS; i++) {
			if (!strcmp(word, kind_names[i]))
				break;
		}
		EXPECT_GT(NR_KINDS, i)
		{
			TH_LOG("Unknown kind \"%s\" in the setting", word);
		}
		kinds |= 1U << i;
	}
	return kinds;
}

static void setup_log_env(struct __test_metadata *const _metadata,
			  struct log_env *const env)
{
	char value[SETTING_SIZE];
	int err;

	memset(env, 0, sizeof(*env));
	err = audit_init(&env->audit);
	if (audit_is_unavailable(err))
		SKIP(return, "Cannot be the audit daemon: %s", strerror(-err));
	ASSERT_EQ(0, err);
	env->log = calloc(1, sizeof(*env->log));
	ASSERT_NE(NULL, env->log);
	ASSERT_EQ(0, read_path(ALLOWED_PATH, value, sizeof(value)))
	{
		TH_LOG("Cannot read " ALLOWED_PATH ": %s", strerror(errno));
	}
	env->saved = parse_setting(_metadata, value);
	env->set_up = true;
	audit_drain(env->audit.fd, STALE_QUIET_MS, STALE_MAX_MS);
}

static void teardown_log_env(struct __test_metadata *const _metadata,
			     struct log_env *const env)
{
	if (!env->set_up)
		return;
	EXPECT_EQ(0, set_kinds(env->saved));
	EXPECT_EQ(0, audit_restore(&env->audit));
	free(env->log);
}

/*
 * Waits for the configuration record of a write that set @kinds (or was
 * refused if @accepted is false) over @old_kinds, and forgets the records
 * received so far.
 */
static void expect_config_record(struct __test_metadata *const _metadata,
				 struct log_env *const env, const __u32 kinds,
				 const __u32 old_kinds, const bool accepted)
{
	char fields[3 * SETTING_SIZE], names[SETTING_SIZE],
		old_names[SETTING_SIZE];
	int index;

	format_kinds(names, sizeof(names), kinds, ",");
	format_kinds(old_names, sizeof(old_names), old_kinds, ",");
	snprintf(fields, sizeof(fields),
		 "op=landlock-logging kinds=%s old-kinds=%s res=%d",
		 accepted ? (kinds ? names : "(none)") : "?",
		 old_kinds ? old_names : "(none)", accepted);
	index = audit_wait_fields(env->audit.fd, env->log, AUDIT_CONFIG_CHANGE,
				  0, fields, RECORD_TIMEOUT_MS, NULL);
	EXPECT_LE(0, index)
	{
		TH_LOG("No record \"%s\": %s", fields, strerror(-index));
	}
	/* One write, one record. */
	audit_collect(env->audit.fd, env->log, 20);
	EXPECT_EQ(1, audit_count(env->log, AUDIT_CONFIG_CHANGE, NULL, NULL));
	env->log->count = 0;
}

FIXTURE(log_control)
{
	struct log_env env;
};

FIXTURE_SETUP(log_control)
{
	setup_log_env(_metadata, &self->env);
}

FIXTURE_TEARDOWN(log_control)
{
	teardown_log_env(_metadata, &self->env);
}

/* The list of kinds, which nobody can write, and the default: all of them. */
TEST_F(log_control, avail)
{
	char expected[SETTING_SIZE], value[SETTING_SIZE];

	format_kinds(expected, sizeof(expected) - 1, ALL_KINDS, " ");
	strcat(expected, "\n");
	ASSERT_EQ(0, read_path(AVAIL_PATH, value, sizeof(value)));
	EXPECT_STREQ(expected, value);
	EXPECT_EQ(-1, open(AVAIL_PATH, O_WRONLY | O_CLOEXEC));
	EXPECT_EQ(EACCES, errno);

	/* Every test restores the boot default. */
	EXPECT_EQ(ALL_KINDS, self->env.saved);
}

/*
 * Every subset of the kinds, written in a shuffled order, with and without
 * a newline: the setting reads back in the order of log_kinds_avail, and
 * each write has its record with the previous value.
 */
TEST_F(log_control, every_set)
{
	__u32 kinds, old_kinds = self->env.saved;

	srand(10);
	for (kinds = 0; kinds <= ALL_KINDS; kinds++) {
		const char *order[NR_KINDS];
		char buf[SETTING_SIZE];
		size_t i, nr = 0, len = 0;

		for (i = 0; i < NR_KINDS; i++) {
			if (kinds & (1U << i))
				order[nr++] = kind_names[i];
		}
		for (i = nr; i > 1; i--) {
			const size_t j = rand() % i;
			const char *const tmp = order[i - 1];

			order[i - 1] = order[j];
			order[j] = tmp;
		}
		buf[0] = '\0';
		for (i = 0; i < nr; i++)
			len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i ? " " : "", order[i]);
		/* The empty set is only written as an empty line. */
		if (kinds % 2 || !kinds)
			strcat(buf, "\n");

		EXPECT_EQ(0, write_string(buf))
		{
			TH_LOG("Failed to write \"%s\"", buf);
		}
		expect_setting(_metadata, kinds);
		expect_config_record(_metadata, &self->env, kinds, old_kinds,
				     true);
		old_kinds = kinds;
	}
}

FIXTURE(log_control_invalid)
{
	struct log_env env;
};

FIXTURE_VARIANT(log_control_invalid)
{
	const char *data;
	/* Size of @data, or 0 for strlen(). */
	size_t len;
	/* Number of repetitions of @data in one write. */
	int repeat;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, nothing) {
	/* clang-format on */
	.data = "",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, space) {
	/* clang-format on */
	.data = " ",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, two_newlines) {
	/* clang-format on */
	.data = "\n\n",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, leading_space) {
	/* clang-format on */
	.data = " denial",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, trailing_space) {
	/* clang-format on */
	.data = "denial\x20\n",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, double_space) {
	/* clang-format on */
	.data = "denial  allocation",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, tab) {
	/* clang-format on */
	.data = "denial\tallocation",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, comma) {
	/* clang-format on */
	.data = "denial,allocation",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, inner_newline) {
	/* clang-format on */
	.data = "denial\nallocation",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, unknown) {
	/* clang-format on */
	.data = "denial warning",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, uppercase) {
	/* clang-format on */
	.data = "DENIAL",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, prefix) {
	/* clang-format on */
	.data = "deny",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, none_word) {
	/* clang-format on */
	.data = "(none)",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, duplicate) {
	/* clang-format on */
	.data = "allocation denial allocation",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, nul_byte) {
	/* clang-format on */
	.data = "denial\0allocation",
	.len = sizeof("denial\0allocation") - 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_control_invalid, over_long) {
	/* clang-format on */
	.data = "denial ",
	.repeat = 600,
};

FIXTURE_SETUP(log_control_invalid)
{
	setup_log_env(_metadata, &self->env);
}

FIXTURE_TEARDOWN(log_control_invalid)
{
	teardown_log_env(_metadata, &self->env);
}

/* EINVAL, the setting unchanged, and a refusal in the audit log. */
TEST_F(log_control_invalid, refused)
{
	const __u32 before = KIND_DENIAL | KIND_DEALLOCATION;
	size_t len = variant->len ?: strlen(variant->data);
	char *data;
	int i;

	ASSERT_EQ(0, set_kinds(before));
	expect_config_record(_metadata, &self->env, before, self->env.saved,
			     true);

	data = malloc(len * (variant->repeat ?: 1));
	ASSERT_NE(NULL, data);
	for (i = 0; i < (variant->repeat ?: 1); i++)
		memcpy(data + i * len, variant->data, len);
	len *= variant->repeat ?: 1;

	EXPECT_EQ(EINVAL, write_setting(data, len));
	free(data);
	expect_setting(_metadata, before);
	expect_config_record(_metadata, &self->env, 0, before, false);
}

/*
 * Random bytes from a seeded generator, of every length up to twice the
 * longest list: all refused, and each refusal is recorded.
 */
TEST_F(log_control, random_bytes)
{
	const __u32 before = KIND_ALLOCATION;
	unsigned int round;

	ASSERT_EQ(0, set_kinds(before));
	expect_config_record(_metadata, &self->env, before, self->env.saved,
			     true);

	srand(1423);
	for (round = 0; round < 200; round++) {
		char data[SETTING_SIZE];
		const size_t len = 1 + rand() % (sizeof(data) - 1);
		size_t i;

		for (i = 0; i < len; i++)
			data[i] = rand();
		EXPECT_EQ(EINVAL, write_setting(data, len))
		{
			TH_LOG("Round %u (%zu bytes) not refused", round, len);
		}
		expect_config_record(_metadata, &self->env, 0, before, false);
	}
	expect_setting(_metadata, before);
}

/*
 * One list per write(2): a second write on the same file, or a write at a
 * non-zero offset, is refused and changes nothing.
 */
TEST_F(log_control, partial_writes)
{
	int fd;

	ASSERT_EQ(0, set_kinds(KIND_DENIAL));
	expect_config_record(_metadata, &self->env, KIND_DENIAL,
			     self->env.saved, true);

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(strlen("allocation"), write(fd, "allocation", 10));
	expect_config_record(_metadata, &self->env, KIND_ALLOCATION,
			     KIND_DENIAL, true);
	EXPECT_EQ(-1, write(fd, " denial", 7));
	EXPECT_EQ(EINVAL, errno);
	expect_config_record(_metadata, &self->env, 0, KIND_ALLOCATION, false);
	EXPECT_EQ(0, close(fd));

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pwrite(fd, "denial", 6, 1));
	EXPECT_EQ(EINVAL, errno);
	expect_config_record(_metadata, &self->env, 0, KIND_ALLOCATION, false);
	EXPECT_EQ(0, close(fd));
	expect_setting(_metadata, KIND_ALLOCATION);
}

/* Runs @child_fn in a child and returns its exit status. */
static int run_child(struct __test_metadata *const _metadata,
		     void (*child_fn)(struct __test_metadata *, int),
		     const int arg)
{
	int status;
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		child_fn(_metadata, arg);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	return status;
}

static void write_without_sys_admin(struct __test_metadata *const _metadata,
				    const int fd)
{
	/* Still uid 0, which passes the file mode. */
	drop_caps(_metadata);
	if (fd >= 0) {
		EXPECT_EQ(-1, write(fd, "denial\n", 7));
		EXPECT_EQ(EPERM, errno);
		return;
	}
	EXPECT_EQ(EPERM, write_string("denial\n"));
}

static void write_as_nobody(struct __test_metadata *const _metadata,
			    const int fd)
{
	ASSERT_EQ(0, setgid(65534));
	ASSERT_EQ(0, setuid(65534));
	EXPECT_EQ(EACCES, write_string("denial\n"));
	/* The file mode stops the passed file before the handler. */
	EXPECT_EQ(-1, write(fd, "denial\n", 7));
	EXPECT_EQ(EPERM, errno);
}

/* Root without CAP_SYS_ADMIN, on a file it opened or was given. */
TEST_F(log_control, root_without_sys_admin)
{
	int fd, status;

	status = run_child(_metadata, write_without_sys_admin, -1);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	expect_config_record(_metadata, &self->env, 0, self->env.saved, false);

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	status = run_child(_metadata, write_without_sys_admin, fd);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(0, close(fd));
	expect_config_record(_metadata, &self->env, 0, self->env.saved, false);
	expect_setting(_metadata, self->env.saved);
}

/*
 * An unprivileged user can read but not open for writing, and a file passed
 * to it by root cannot write either (refused before the handler: no record).
 */
TEST_F(log_control, unprivileged)
{
	char value[SETTING_SIZE];
	int fd, status;

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	status = run_child(_metadata, write_as_nobody, fd);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(0, close(fd));
	ASSERT_EQ(0, read_path(ALLOWED_PATH, value, sizeof(value)));
	expect_setting(_metadata, self->env.saved);
	audit_collect(self->env.audit.fd, self->env.log, SETTLE_MS);
	EXPECT_EQ(0,
		  audit_count(self->env.log, AUDIT_CONFIG_CHANGE, NULL, NULL));
}

/*
 * Root of a child user namespace, mapped to the global root: the file mode
 * lets it open the sysctl for writing, but neither it nor the privileged
 * process to which it passes the file can write.
 */
static void open_in_userns(struct __test_metadata *const _metadata,
			   const int sock)
{
	int fd, map_fd;

	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	map_fd = open("/proc/self/uid_map", O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, map_fd);
	ASSERT_EQ(6, write(map_fd, "0 0 1\n", 6));
	EXPECT_EQ(0, close(map_fd));

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd)
	{
		TH_LOG("Failed to open " ALLOWED_PATH ": %s", strerror(errno));
	}
	EXPECT_EQ(-1, write(fd, "denial\n", 7));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(0, send_fd(sock, fd));
	EXPECT_EQ(0, close(fd));
}

TEST_F(log_control, child_user_namespace)
{
	int socks[2], fd, status;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, socks));
	status = run_child(_metadata, open_in_userns, socks[1]);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	expect_config_record(_metadata, &self->env, 0, self->env.saved, false);

	/* The opener lacks the privilege that the writer has. */
	fd = recv_fd(socks[0]);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, write(fd, "denial\n", 7));
	EXPECT_EQ(EPERM, errno);
	expect_config_record(_metadata, &self->env, 0, self->env.saved, false);
	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(0, close(socks[0]));
	EXPECT_EQ(0, close(socks[1]));
	expect_setting(_metadata, self->env.saved);
}

/* Both the opener and the writer privileged: accepted. */
TEST_F(log_control, root)
{
	int fd;

	fd = open(ALLOWED_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(7, write(fd, "denial\n", 7));
	EXPECT_EQ(0, close(fd));
	expect_config_record(_metadata, &self->env, KIND_DENIAL,
			     self->env.saved, true);
	expect_setting(_metadata, KIND_DENIAL);
}

/*
 * The interaction matrix: per-layer flags (default, LOG_SAME_EXEC_OFF, or a
 * parent's LOG_SUBDOMAINS_OFF) x the denial, allocation and deallocation
 * kinds in the sysctl.  A denial is logged if the layer asks for it and the
 * sysctl allows it; the allocation comes with a logged denial if allowed;
 * the deallocation only if the allocation was logged and it is allowed.
 * The denials are counted whatever is logged.
 */
enum layer_logging {
	LAYER_LOGS,
	LAYER_SAME_EXEC_OFF,
	LAYER_UNDER_SUBDOMAINS_OFF,
	NR_LAYER_LOGGING,
};

#define NR_DENIALS 2

/* The records of one layer. */
struct domain_records {
	int denials, allocations, deallocations;
};

static void count_domain_records(struct audit_log *const log, const __u64 id,
				 struct domain_records *const records)
{
	const struct audit_filter access = { .domain = id };
	const struct audit_filter alloc = {
		.domain = id,
		.fields = "status=allocated",
	};
	const struct audit_filter dealloc = {
		.domain = id,
		.fields = "status=deallocated",
	};

	records->denials =
		audit_count(log, AUDIT_LANDLOCK_ACCESS, audit_match, &access);
	records->allocations =
		audit_count(log, AUDIT_LANDLOCK_DOMAIN, audit_match, &alloc);
	records->deallocations =
		audit_count(log, AUDIT_LANDLOCK_DOMAIN, audit_match, &dealloc);
}

/*
 * Once @peer is ready, checks that its layer counted @nr denials, stops it,
 * and counts the records of the layer once it is gone.
 */
static void stop_and_count(struct __test_metadata *const _metadata,
			   struct log_env *const env, struct peer *const peer,
			   const int nr, struct domain_records *const records)
{
	char count[32];
	__u64 id;

	id = wait_ready_layer(_metadata, peer);
	ASSERT_EQ(0, read_layer_file(id, "denials", count, sizeof(count)));
	EXPECT_EQ(nr, atoi(count));
	stop_peer(_metadata, peer);
	EXPECT_TRUE(wait_layer_gone(id));
	/* The deallocation record precedes the removal. */
	audit_collect(env->audit.fd, env->log, SETTLE_MS);
	count_domain_records(env->log, id, records);
}

static void add_matrix_layer(struct __test_metadata *const _metadata,
			     const enum layer_logging logging)
{
	if (logging == LAYER_UNDER_SUBDOMAINS_OFF)
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	add_layer(_metadata, 0, 0, LANDLOCK_SCOPE_SIGNAL,
		  logging == LAYER_SAME_EXEC_OFF ? LOG_SAME_EXEC_OFF : 0);
}

/* Creates a layer under a restored ID and counts its restore records. */
static int count_restore_records(struct __test_metadata *const _metadata,
				 struct log_env *const env)
{
	const __u64 id = random_id();
	const struct audit_filter restored = {
		.domain = id,
		.fields = "status=restored",
	};
	pid_t child;
	int status;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, request_next_domain(id));
		/* Fails the child if the layer does not get the ID. */
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	audit_collect(env->audit.fd, env->log, SETTLE_MS);
	return audit_count(env->log, AUDIT_LANDLOCK_DOMAIN, audit_match,
			   &restored);
}

/* ID restores have their own kind: the sysctl turns their records off. */
TEST_F(log_control, id_restore_kind)
{
	ASSERT_EQ(0, set_kinds(ALL_KINDS & ~KIND_ID_RESTORE));
	EXPECT_EQ(0, count_restore_records(_metadata, &self->env));
	ASSERT_EQ(0, set_kinds(ALL_KINDS));
	EXPECT_EQ(1, count_restore_records(_metadata, &self->env));
}

TEST_F(log_control, interaction_matrix)
{
	__u32 kinds;
	int logging;

	if (!setup_securityfs(_metadata))
		return;

	for (logging = 0; logging < NR_LAYER_LOGGING; logging++) {
		for (kinds = 0; kinds < 8; kinds++) {
			const __u32 sysctl =
				(kinds & 1 ? KIND_DENIAL : 0) |
				(kinds & 2 ? KIND_ALLOCATION : 0) |
				(kinds & 4 ? KIND_DEALLOCATION : 0);
			const bool asks = logging == LAYER_LOGS;
			const bool denial = asks && (sysctl & KIND_DENIAL);
			const bool alloc = denial && (sysctl & KIND_ALLOCATION);
			const bool dealloc = alloc &&
					     (sysctl & KIND_DEALLOCATION);
			struct domain_records records;
			struct peer peer;

			ASSERT_EQ(0, set_kinds(sysctl));
			self->env.log->count = 0;

			if (fork_peer(_metadata, &peer) == 0) {
				int i;

				add_matrix_layer(_metadata, logging);
				for (i = 0; i < NR_DENIALS; i++) {
					EXPECT_EQ(-1, kill(peer.pid, 0));
					EXPECT_EQ(EPERM, errno);
				}
				ready_until_stopped(_metadata, &peer);
			}
			stop_and_count(_metadata, &self->env, &peer, NR_DENIALS,
				       &records);
			EXPECT_EQ(denial ? NR_DENIALS : 0, records.denials)
			{
				TH_LOG("logging %d, sysctl %#x", logging,
				       sysctl);
			}
			EXPECT_EQ(alloc, records.allocations)
			{
				TH_LOG("logging %d, sysctl %#x", logging,
				       sysctl);
			}
			EXPECT_EQ(dealloc, records.deallocations)
			{
				TH_LOG("logging %d, sysctl %#x", logging,
				       sysctl);
			}
		}
	}
}

/*
 * A layer whose allocation was suppressed is described by its next logged
 * denial once the administrator allows allocations again, and only then
 * gets a deallocation record, with every denial counted.
 */
TEST_F(log_control, allocation_after_suppression)
{
	const struct audit_filter alloc = { .fields = "status=allocated" };
	struct domain_records records;
	struct peer peer;
	__u64 id;

	if (!setup_securityfs(_metadata))
		return;

	ASSERT_EQ(0, set_kinds(KIND_DENIAL | KIND_DEALLOCATION));
	if (fork_peer(_metadata, &peer) == 0) {
		add_layer(_metadata, 0, 0, LANDLOCK_SCOPE_SIGNAL, 0);
		EXPECT_EQ(-1, kill(peer.pid, 0));
		send_byte(_metadata, peer.out, 'r');
		/* Once allowed again. */
		EXPECT_EQ('a', recv_byte(peer.in));
		EXPECT_EQ(-1, kill(peer.pid, 0));
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	audit_collect(self->env.audit.fd, self->env.log, SETTLE_MS);
	count_domain_records(self->env.log, id, &records);
	EXPECT_EQ(1, records.denials);
	EXPECT_EQ(0, records.allocations);

	ASSERT_EQ(0, set_kinds(ALL_KINDS));
	send_byte(_metadata, peer.out, 'a');
	ASSERT_EQ('r', recv_byte(peer.in));
	stop_peer(_metadata, &peer);
	EXPECT_TRUE(wait_layer_gone(id));
	audit_collect(self->env.audit.fd, self->env.log, SETTLE_MS);
	count_domain_records(self->env.log, id, &records);
	EXPECT_EQ(2, records.denials);
	EXPECT_EQ(1, records.allocations);
	EXPECT_EQ(1, records.deallocations);
	EXPECT_LE(0, audit_find(self->env.log, 0, AUDIT_LANDLOCK_DOMAIN,
				audit_match, &alloc));
	EXPECT_LE(0, audit_wait_fields(self->env.audit.fd, self->env.log,
				       AUDIT_LANDLOCK_DOMAIN, id,
				       "status=deallocated denials=2",
				       RECORD_TIMEOUT_MS, NULL));
}

/*
 * The denials of a permissive layer are their own kind: turning off
 * "denial" leaves them, turning off "permissive_denial" silences them, and
 * they are counted either way.
 */
TEST_F(log_control, permissive_denial_kind)
{
	static const __u32 settings[] = {
		ALL_KINDS,
		ALL_KINDS & ~KIND_DENIAL,
		ALL_KINDS & ~KIND_PERMISSIVE_DENIAL,
	};
	size_t i;

	if (!setup_securityfs(_metadata))
		return;

	for (i = 0; i < ARRAY_SIZE(settings); i++) {
		const bool logged = settings[i] & KIND_PERMISSIVE_DENIAL;
		struct domain_records records;
		struct peer peer;

		ASSERT_EQ(0, set_kinds(settings[i]));
		self->env.log->count = 0;
		if (fork_peer(_metadata, &peer) == 0) {
			add_layer(_metadata, 0, 0, LANDLOCK_SCOPE_SIGNAL,
				  LANDLOCK_RESTRICT_SELF_PERMISSIVE);
			/* Allowed, as the only refusing layer is permissive. */
			EXPECT_EQ(0, kill(peer.pid, 0));
			ready_until_stopped(_metadata, &peer);
		}
		stop_and_count(_metadata, &self->env, &peer, 1, &records);
		EXPECT_EQ(logged, records.denials)
		{
			TH_LOG("setting %#x", settings[i]);
		}
		EXPECT_EQ(logged, records.allocations);
		EXPECT_EQ(logged, records.deallocations);
	}
}

TEST_HARNESS_MAIN

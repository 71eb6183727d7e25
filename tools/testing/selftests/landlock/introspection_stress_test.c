// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Introspection under concurrency
 *
 * Processes keep creating nested domains and exiting, while threads of the
 * test process list the layers in securityfs, look them up, read their
 * files, hold these files open across the death of their layer, and read
 * the procfs file of the churning processes.  Every read must give either a
 * valid content or ENOENT (or ESRCH/EACCES for a procfs file whose process
 * is gone), and all the layers must be gone once the churn stops.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
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

/* Duration of the churn. */
#define CHURN_MS 4000
/* Delay for the release of the last layers once the churn stopped. */
#define GONE_TIMEOUT_MS 10000
/* Time a holder keeps the files of a layer open. */
#define HOLD_MS 300

#define NR_CHURNERS 4
#define MAX_DEPTH 3
#define NR_LISTERS 2
#define NR_PROC_READERS 2
#define NR_HOLDERS 2
#define NR_THREADS (NR_LISTERS + NR_PROC_READERS + NR_HOLDERS)

#define PID_RING_SIZE 64
#define MAX_IDS 4096
#define NAME_SIZE 24
#define MAX_ERRORS 8
#define ERROR_SIZE 512

static const char *const fs_names[] = {
	"execute",    "write_file",  "read_file", "read_dir",
	"remove_dir", "remove_file", "make_char", "make_dir",
	"make_reg",   "make_sock",   "make_fifo", "make_block",
	"make_sym",   "refer",	     "truncate",  "ioctl_dev",
};

static const char *const net_names[] = {
	"bind_tcp",
	"connect_tcp",
};

static const char *const scope_names[] = {
	"abstract_unix_socket",
	"signal",
};

static const char *const log_names[] = {
	"log_same_exec_off",
	"log_new_exec_on",
	"log_subdomains_off",
	"log_disabled",
};

/* Shared with the churning processes. */
struct shared {
	long long deadline;
	unsigned int pid_head;
	pid_t pids[PID_RING_SIZE];
	unsigned long layers;
};

/* State of the threads of the test process. */
struct stress {
	struct shared *shared;
	bool stop;
	pthread_mutex_t lock;
	unsigned long errors;
	char messages[MAX_ERRORS][ERROR_SIZE];
	/* Statistics. */
	unsigned long listed;
	unsigned long reads;
	unsigned long reads_gone;
	unsigned long proc_reads;
	unsigned long proc_gone;
	unsigned long held;
	unsigned long held_dead;
};

struct thread_ctx {
	struct stress *stress;
	unsigned int seed;
};

static void add_stat(unsigned long *const counter)
{
	__atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

static bool stopping(const struct stress *const stress)
{
	return __atomic_load_n(&stress->stop, __ATOMIC_RELAXED);
}

static void report(struct stress *const stress, const char *const fmt, ...)
{
	va_list args;

	pthread_mutex_lock(&stress->lock);
	if (stress->errors < MAX_ERRORS) {
		va_start(args, fmt);
		vsnprintf(stress->messages[stress->errors], ERROR_SIZE, fmt,
			  args);
		va_end(args);
	}
	stress->errors++;
	pthread_mutex_unlock(&stress->lock);
}

/* Content checks */

/* Checks a single line made of @len bytes of @line and a newline. */
static bool is_line(const char *const line, const size_t len)
{
	return line[len] == '\n' && line[len + 1] == '\0' &&
	       !memchr(line, '\n', len);
}

static bool is_number_line(const char *const content)
{
	const size_t len = strspn(content, "0123456789");

	return len > 0 && is_line(content, len);
}

static bool is_id_line(const char *const content)
{
	const size_t len = strlen(content);
	char str[NAME_SIZE];
	__u64 id;

	if (strcmp(content, "none\n") == 0)
		return true;
	if (len < 2 || len >= sizeof(str) || content[len - 1] != '\n')
		return false;
	memcpy(str, content, len - 1);
	str[len - 1] = '\0';
	return audit_parse_id(str, &id) == 0;
}

static bool is_name(const char *const token, const size_t len,
		    const char *const *const names, const size_t nr_names)
{
	size_t i;

	for (i = 0; i < nr_names; i++) {
		if (strlen(names[i]) == len && !strncmp(token, names[i], len))
			return true;
	}
	return false;
}

/* Checks a list of names separated by @sep, ending at @end. */
static bool is_name_list(const char *pos, const char *const end, const char sep,
			 const char *const *const names, const size_t nr_names)
{
	while (pos < end) {
		const char *next = memchr(pos, sep, end - pos);

		if (!next)
			next = end;
		if (!is_name(pos, next - pos, names, nr_names))
			return false;
		pos = next + 1;
	}
	return true;
}

static bool is_names_line(const char *const content,
			  const char *const *const names, const size_t nr_names)
{
	const char *const end = strchr(content, '\n');

	return end && end[1] == '\0' &&
	       is_name_list(content, end, ' ', names, nr_names);
}

/* "fs <major>:<minor> <ino> <rights> <path>" or "net <port> <rights>" */
static bool is_rule(const char *const line, const char *const end)
{
	unsigned long long a, b, c;
	const char *rights;
	int pos = 0;

	if (sscanf(line, "fs %llu:%llu %llu %n", &a, &b, &c, &pos) == 3 &&
	    pos) {
		const char *const space =
			memchr(line + pos, ' ', end - line - pos);

		rights = line + pos;
		return space && space + 1 < end &&
		       is_name_list(rights, space, ',', fs_names,
				    ARRAY_SIZE(fs_names));
	}
	pos = 0;
	if (sscanf(line, "net %llu %n", &a, &pos) == 1 && pos) {
		rights = line + pos;
		return rights < end && is_name_list(rights, end, ',', net_names,
						    ARRAY_SIZE(net_names));
	}
	return false;
}

static bool is_rules(const char *content)
{
	while (*content) {
		const char *const end = strchr(content, '\n');

		if (!end || !is_rule(content, end))
			return false;
		content = end + 1;
	}
	return true;
}

static bool is_valid_content(const unsigned int file, const char *const buf)
{
	const char *const name = layer_files[file];

	if (!strcmp(name, "parent"))
		return is_id_line(buf);
	if (!strcmp(name, "handled_fs"))
		return is_names_line(buf, fs_names, ARRAY_SIZE(fs_names));
	if (!strcmp(name, "handled_net"))
		return is_names_line(buf, net_names, ARRAY_SIZE(net_names));
	if (!strcmp(name, "scoped"))
		return is_names_line(buf, scope_names, ARRAY_SIZE(scope_names));
	if (!strcmp(name, "rules"))
		return is_rules(buf);
	if (!strcmp(name, "creator_pid") || !strcmp(name, "creator_uid") ||
	    !strcmp(name, "denials"))
		return is_number_line(buf);
	if (!strcmp(name, "log_flags"))
		return is_names_line(buf, log_names, ARRAY_SIZE(log_names));
	if (!strcmp(name, "mode"))
		return !strcmp(buf, "enforcing\n");
	/* creator_exe and creator_comm */
	return buf[0] && buf[strlen(buf) - 1] == '\n';
}

/* Layers */

/* Lists the names in domains/.  Returns their number, or -errno. */
static int list_layers(char (*const names)[NAME_SIZE], const int max)
{
	struct dirent *entry;
	int count = 0;
	DIR *dir;

	dir = opendir(DOMAINS_DIR);
	if (!dir)
		return -errno;
	errno = 0;
	while ((entry = readdir(dir))) {
		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		if (count < max) {
			const size_t len = strnlen(entry->d_name, NAME_SIZE);

			/* A too long name is not an ID: keeps a wrong one. */
			if (len == NAME_SIZE) {
				snprintf(names[count], NAME_SIZE, "too-long");
			} else {
				memcpy(names[count], entry->d_name, len);
				names[count][len] = '\0';
			}
		}
		count++;
	}
	if (errno)
		count = -errno;
	closedir(dir);
	return count < max ? count : max;
}

static int open_layer_file(const char *const id, const char *const file)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), DOMAINS_DIR "/%s/%s", id, file);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/*
 * Reads a layer file from its start.  Returns 1 for a valid content, 0 for
 * ENOENT, and reports anything else.
 */
static int check_read(struct stress *const stress, const int fd,
		      const char *const id, const unsigned int file)
{
	char buf[CONTENT_SIZE];
	int err;

	if (lseek(fd, 0, SEEK_SET) < 0)
		err = -errno;
	else
		err = read_all(fd, buf, sizeof(buf));
	add_stat(&stress->reads);
	if (err == -ENOENT) {
		add_stat(&stress->reads_gone);
		return 0;
	}
	if (err) {
		report(stress, "Read of %s/%s: %s", id, layer_files[file],
		       strerror(-err));
		return -1;
	}
	if (!is_valid_content(file, buf)) {
		report(stress, "Invalid content of %s/%s: \"%s\"", id,
		       layer_files[file], buf);
		return -1;
	}
	return 1;
}

/* Looks up a layer and reads all its files once. */
static void check_layer(struct stress *const stress, const char *const id)
{
	char path[PATH_MAX];
	struct dirent *entry;
	unsigned int i;
	struct stat st;
	__u64 value;
	DIR *dir;
	int fd;

	if (audit_parse_id(id, &value)) {
		report(stress, "Listed a non-canonical name: \"%s\"", id);
		return;
	}

	snprintf(path, sizeof(path), DOMAINS_DIR "/%s", id);
	if (stat(path, &st) && errno != ENOENT)
		report(stress, "Lookup of %s: %s", id, strerror(errno));

	dir = opendir(path);
	if (dir) {
		errno = 0;
		while ((entry = readdir(dir))) {
			if (!strcmp(entry->d_name, ".") ||
			    !strcmp(entry->d_name, ".."))
				continue;
			for (i = 0; i < NR_LAYER_FILES; i++) {
				if (!strcmp(entry->d_name, layer_files[i]))
					break;
			}
			if (i == NR_LAYER_FILES)
				report(stress, "Unexpected file %s/%s", id,
				       entry->d_name);
		}
		if (errno && errno != ENOENT)
			report(stress, "Listing of %s: %s", id,
			       strerror(errno));
		closedir(dir);
	} else if (errno != ENOENT) {
		report(stress, "Opening of %s: %s", id, strerror(errno));
	}

	for (i = 0; i < NR_LAYER_FILES; i++) {
		fd = open_layer_file(id, layer_files[i]);
		if (fd < 0) {
			if (errno != ENOENT)
				report(stress, "Opening of %s/%s: %s", id,
				       layer_files[i], strerror(errno));
			continue;
		}
		check_read(stress, fd, id, i);
		close(fd);
	}
}

/* Threads */

static void *lister(void *const data)
{
	struct thread_ctx *const ctx = data;
	struct stress *const stress = ctx->stress;
	char(*names)[NAME_SIZE];
	int count, i;

	names = calloc(MAX_IDS, NAME_SIZE);
	if (!names) {
		report(stress, "Out of memory");
		return NULL;
	}
	while (!stopping(stress)) {
		count = list_layers(names, MAX_IDS);
		if (count < 0) {
			report(stress, "Listing of domains/: %s",
			       strerror(-count));
			break;
		}
		for (i = 0; i < count && !stopping(stress); i++) {
			add_stat(&stress->listed);
			check_layer(stress, names[i]);
		}
	}
	free(names);
	return NULL;
}

static void check_proc_file(struct stress *const stress, const char *const path)
{
	char buf[CONTENT_SIZE];
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
	} else {
		err = read_all(fd, buf, sizeof(buf));
		close(fd);
	}
	add_stat(&stress->proc_reads);
	switch (err) {
	case 0:
		if (!is_id_line(buf))
			report(stress, "Invalid content of %s: \"%s\"", path,
			       buf);
		break;
	case -ENOENT:
	case -ESRCH:
	case -EACCES:
		add_stat(&stress->proc_gone);
		break;
	default:
		report(stress, "Read of %s: %s", path, strerror(-err));
		break;
	}
}

static void *proc_reader(void *const data)
{
	struct thread_ctx *const ctx = data;
	struct stress *const stress = ctx->stress;
	struct shared *const shared = stress->shared;
	char path[PATH_MAX];
	unsigned int head;
	pid_t pid;

	while (!stopping(stress)) {
		head = __atomic_load_n(&shared->pid_head, __ATOMIC_ACQUIRE);
		if (!head) {
			usleep(1000);
			continue;
		}
		/* One of the most recent processes. */
		head -= 1 + rand_r(&ctx->seed) % 8;
		pid = __atomic_load_n(&shared->pids[head % PID_RING_SIZE],
				      __ATOMIC_RELAXED);
		if (pid <= 0)
			continue;

		snprintf(path, sizeof(path), "/proc/%d/attr/landlock/domain",
			 pid);
		check_proc_file(stress, path);
		snprintf(path, sizeof(path),
			 "/proc/%d/task/%d/attr/landlock/domain", pid, pid);
		check_proc_file(stress, path);
	}
	return NULL;
}

/*
 * Opens all the files of a few layers, and reads them again and again for a
 * while: once a read gives ENOENT, the layer is gone and the next reads must
 * give ENOENT too.
 */
static void *holder(void *const data)
{
	struct thread_ctx *const ctx = data;
	struct stress *const stress = ctx->stress;
	int fds[NR_LAYER_FILES], count, fd;
	bool dead[NR_LAYER_FILES];
	char id[NAME_SIZE];
	char(*names)[NAME_SIZE];
	long long end;
	unsigned int i;
	int ret;

	names = calloc(MAX_IDS, NAME_SIZE);
	if (!names) {
		report(stress, "Out of memory");
		return NULL;
	}
	while (!stopping(stress)) {
		count = list_layers(names, MAX_IDS);
		if (count <= 0) {
			usleep(1000);
			continue;
		}
		/* The youngest layers are more likely at the end. */
		snprintf(id, sizeof(id), "%s",
			 names[count - 1 -
			       rand_r(&ctx->seed) % (count < 4 ? count : 4)]);

		for (i = 0; i < NR_LAYER_FILES; i++) {
			dead[i] = false;
			fds[i] = open_layer_file(id, layer_files[i]);
			if (fds[i] < 0 && errno != ENOENT)
				report(stress, "Opening of %s/%s: %s", id,
				       layer_files[i], strerror(errno));
		}
		fd = fds[0];
		if (fd >= 0)
			add_stat(&stress->held);

		end = audit_now_ms() + HOLD_MS;
		while (audit_now_ms() < end && !stopping(stress)) {
			bool all_dead = true;

			for (i = 0; i < NR_LAYER_FILES; i++) {
				if (fds[i] < 0)
					continue;
				ret = check_read(stress, fds[i], id, i);
				if (ret > 0 && dead[i])
					report(stress,
					       "Read of %s/%s after ENOENT", id,
					       layer_files[i]);
				if (ret == 0)
					dead[i] = true;
				all_dead &= dead[i];
			}
			if (all_dead)
				break;
			usleep(2000);
		}
		if (fd >= 0 && dead[0])
			add_stat(&stress->held_dead);
		for (i = 0; i < NR_LAYER_FILES; i++) {
			if (fds[i] >= 0)
				close(fds[i]);
		}
	}
	free(names);
	return NULL;
}

/* Churn */

/* Creates a layer with random rights, rules and flags. */
static int add_random_layer(unsigned int *const seed)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = (rand_r(seed) & ACCESS_FS_ALL) |
				     LANDLOCK_ACCESS_FS_MAKE_FIFO,
		.handled_access_net = rand_r(seed) & ACCESS_NET_ALL,
		.scoped = rand_r(seed) & SCOPE_ALL,
	};
	struct landlock_path_beneath_attr path_beneath = {
		.allowed_access = attr.handled_access_fs,
	};
	struct landlock_net_port_attr net_port = {
		.allowed_access = attr.handled_access_net,
		.port = rand_r(seed) % 65536,
	};
	int ruleset_fd, err = -1;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset_fd < 0)
		return -1;

	path_beneath.parent_fd = open("/", O_PATH | O_CLOEXEC);
	if (path_beneath.parent_fd < 0)
		goto out;
	if (landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
			      &path_beneath, 0))
		goto out;
	if (net_port.allowed_access &&
	    landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT, &net_port, 0))
		goto out;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		goto out;
	err = landlock_restrict_self(ruleset_fd, rand_r(seed) & LOG_ALL_FLAGS);

out:
	if (path_beneath.parent_fd >= 0)
		close(path_beneath.parent_fd);
	close(ruleset_fd);
	return err;
}

/*
 * Adds a layer and publishes the process.  Returns the depth of the child
 * process to continue with in this process, or 0 once all the children are
 * forked.
 */
static int nest_layer(struct shared *const shared, unsigned int *const seed,
		      const int depth)
{
	unsigned int head;
	int nr_children, i;
	pid_t pid;

	if (add_random_layer(seed))
		_exit(1);
	__atomic_add_fetch(&shared->layers, 1, __ATOMIC_RELAXED);
	head = __atomic_fetch_add(&shared->pid_head, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&shared->pids[head % PID_RING_SIZE], getpid(),
			 __ATOMIC_RELAXED);

	nr_children = depth > 1 ? 1 + rand_r(seed) % 2 : 0;
	for (i = 0; i < nr_children; i++) {
		pid = fork();
		if (pid < 0)
			_exit(1);
		if (pid == 0) {
			*seed += i + 1;
			return depth - 1;
		}
	}
	/* The leaves sometimes live longer, for the holders. */
	usleep(rand_r(seed) % (nr_children ? 10000 : 50000));
	return 0;
}

/* Creates nested layers in new processes, which then exit. */
static void nest(struct shared *const shared, unsigned int seed, int depth)
{
	int status, ret = 0;
	pid_t pid;

	while ((depth = nest_layer(shared, &seed, depth)))
		;

	while ((pid = wait(&status)) > 0 || errno == EINTR) {
		if (pid > 0 && (!WIFEXITED(status) || WEXITSTATUS(status)))
			ret = 1;
	}
	_exit(ret);
}

static void churn(struct shared *const shared, unsigned int seed)
{
	int status, ret = 0;
	pid_t pid;

	while (audit_now_ms() < shared->deadline) {
		pid = fork();
		if (pid < 0)
			_exit(1);
		if (pid == 0)
			nest(shared, rand_r(&seed),
			     1 + rand_r(&seed) % MAX_DEPTH);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			ret = 1;
	}
	_exit(ret);
}

/* Checks that all the listed names are in @names. */
static int count_new_layers(char (*const before)[NAME_SIZE],
			    const int nr_before, char (*const names)[NAME_SIZE],
			    char *const first)
{
	int count, i, j, found = 0;

	count = list_layers(names, MAX_IDS);
	if (count < 0)
		return count;
	for (i = 0; i < count; i++) {
		for (j = 0; j < nr_before; j++) {
			if (!strcmp(names[i], before[j]))
				break;
		}
		if (j == nr_before) {
			if (!found)
				snprintf(first, NAME_SIZE, "%s", names[i]);
			found++;
		}
	}
	return found;
}

FIXTURE(stress)
{
	struct shared *shared;
	struct stress stress;
	pid_t owner;
	char(*before)[NAME_SIZE];
	char(*names)[NAME_SIZE];
	int nr_before;
};

FIXTURE_SETUP(stress)
{
	int abi;

	abi = landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 7)
		SKIP(return, "Landlock ABI 7 not available (%d)", abi);
	if (access(DOMAINS_DIR, F_OK)) {
		/* Mounts securityfs if nobody did. */
		ASSERT_EQ(0, unshare(CLONE_NEWNS));
		ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		ASSERT_EQ(0, mount("securityfs", "/sys/kernel/security",
				   "securityfs", 0, NULL));
	}
	ASSERT_EQ(0, access(DOMAINS_DIR, F_OK))
	{
		TH_LOG("Missing " DOMAINS_DIR ": %s", strerror(errno));
	}

	self->owner = getpid();
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	self->shared = mmap(NULL, sizeof(*self->shared), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->shared);
	self->before = calloc(MAX_IDS, NAME_SIZE);
	self->names = calloc(MAX_IDS, NAME_SIZE);
	ASSERT_NE(NULL, self->before);
	ASSERT_NE(NULL, self->names);
	ASSERT_EQ(0, pthread_mutex_init(&self->stress.lock, NULL));
	self->stress.shared = self->shared;

	/* Layers of previous tests may still be there. */
	self->nr_before = list_layers(self->before, MAX_IDS);
	ASSERT_LE(0, self->nr_before);
}

FIXTURE_TEARDOWN(stress)
{
	if (getpid() != self->owner)
		return;
	/* Makes sure that no churning process remains. */
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	free(self->before);
	free(self->names);
}

TEST_F_TIMEOUT(stress, churn, 120)
{
	struct stress *const stress = &self->stress;
	struct thread_ctx ctxs[NR_THREADS];
	pthread_t threads[NR_THREADS];
	pid_t churners[NR_CHURNERS];
	char first[NAME_SIZE] = "";
	unsigned int i;
	long long end;
	int status, remaining;

	self->shared->deadline = audit_now_ms() + CHURN_MS;
	for (i = 0; i < NR_CHURNERS; i++) {
		churners[i] = fork();
		ASSERT_LE(0, churners[i]);
		if (churners[i] == 0)
			churn(self->shared, getpid());
	}

	for (i = 0; i < NR_THREADS; i++) {
		void *(*fn)(void *data);

		if (i < NR_LISTERS)
			fn = lister;
		else if (i < NR_LISTERS + NR_PROC_READERS)
			fn = proc_reader;
		else
			fn = holder;
		ctxs[i].stress = stress;
		ctxs[i].seed = i + 1;
		ASSERT_EQ(0, pthread_create(&threads[i], NULL, fn, &ctxs[i]));
	}

	for (i = 0; i < NR_CHURNERS; i++) {
		ASSERT_EQ(churners[i], waitpid(churners[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		{
			TH_LOG("Churner %u failed to create layers", i);
		}
	}
	/* Lets the readers see the last layers go away. */
	usleep(HOLD_MS * 1000);
	__atomic_store_n(&stress->stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < NR_THREADS; i++)
		ASSERT_EQ(0, pthread_join(threads[i], NULL));

	/* Orphans, if any. */
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;

	end = audit_now_ms() + GONE_TIMEOUT_MS;
	for (;;) {
		remaining = count_new_layers(self->before, self->nr_before,
					     self->names, first);
		if (remaining <= 0 || audit_now_ms() > end)
			break;
		usleep(20000);
	}
	EXPECT_EQ(0, remaining)
	{
		TH_LOG("%d layers left, including %s", remaining, first);
	}

	TH_LOG("Created %lu layers, listed %lu", self->shared->layers,
	       stress->listed);
	TH_LOG("Layer file reads: %lu, ENOENT: %lu", stress->reads,
	       stress->reads_gone);
	TH_LOG("Procfs reads: %lu, process gone: %lu", stress->proc_reads,
	       stress->proc_gone);
	TH_LOG("Held layers: %lu, until their death: %lu", stress->held,
	       stress->held_dead);
	for (i = 0; i < MAX_ERRORS && i < stress->errors; i++)
		TH_LOG("%s", stress->messages[i]);
	EXPECT_EQ(0, stress->errors);
	EXPECT_LT(0, self->shared->layers);
	EXPECT_LT(0, stress->listed);
}

TEST_HARNESS_MAIN

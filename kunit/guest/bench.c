// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock benchmark, run in the guest on the patched and on the unpatched
 * kernel with the same userspace; the host (dev/bench.sh) compares them.
 *
 * The host boots the guest with QEMU's "-icount shift=0,sleep=off" on one
 * CPU: the guest clock then advances by one nanosecond per instruction, so
 * every figure read from CLOCK_MONOTONIC is a count of guest instructions
 * (of all the tasks that ran meanwhile), not wall time.
 *
 * The cases are the table at the bottom.  Each one runs in a child process
 * inside its own layers, while the bench process holds the case's fixture
 * (live layers held by open files, or sleeping processes) across consecutive
 * cases that share it.  Output, one line per event:
 *
 *   bench <case> <run> <value>   instructions per operation (bytes for slab_)
 *   skip <case> <reason>
 *   fail <case> <reason>
 *   # <comment>
 *
 * Usage: landlock-bench [-r RUNS] [-c CASE,CASE...]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/landlock.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef AUDIT_LANDLOCK_ACCESS
#define AUDIT_LANDLOCK_ACCESS 1423
#endif

#define BENCH_FILE "/tmp/bench-file"
#define RULES_DIR "/tmp/bench-rules"
#define SECURITYFS "/sys/kernel/security"
#define DOMAINS SECURITYFS "/landlock/domains"
#define NOP_PROGRAM "/tests/bin/landlock-nop"
#define TOOL_PROGRAM "/tests/bin/landlockctl"
#define MAX_RULES 1000
#define STACK_SIZE (16 * 1024)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The case needs the introspection interfaces (the patched kernel). */
#define NEEDS_INTROSPECTION 1U

struct bench_case {
	const char *name;
	/* Returns instructions per operation (or bytes), or -1. */
	long (*run)(const struct bench_case *c);
	/* Set up once before the runs (in the bench process), or NULL. */
	int (*setup)(const struct bench_case *c);
	/* Layers of the measuring process, each allowing reads beneath dir. */
	int layers;
	const char *dir;
	/* Operations per run. */
	int ops;
	/* Fixture: live layers and sleeping sandboxed processes. */
	int live_layers;
	int procs;
	/* Case-specific size: rules of a layer, threads... */
	int size;
	/* What scan_procs() does. */
	int probe;
	unsigned int needs;
};

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static long failed(const char *what)
{
	printf("# %s: %s\n", what, strerror(errno));
	fflush(stdout);
	return -1;
}

static int create_ruleset(__u64 handled_fs)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled_fs,
	};

	return syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
}

static int add_path_rule(int ruleset, const char *path, __u64 access)
{
	struct landlock_path_beneath_attr rule = {
		.allowed_access = access,
	};
	int err;

	rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (rule.parent_fd < 0)
		return -1;
	err = syscall(SYS_landlock_add_rule, ruleset,
		      LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
	close(rule.parent_fd);
	return err;
}

static int restrict_self(int ruleset)
{
	return syscall(SYS_landlock_restrict_self, ruleset, 0);
}

/* A layer that handles reading and writing files, and allows reading
 * beneath @dir.
 */
static int restrict_to(const char *dir)
{
	int fd, err;

	fd = create_ruleset(LANDLOCK_ACCESS_FS_READ_FILE |
			    LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (fd < 0)
		return -1;
	err = add_path_rule(fd, dir, LANDLOCK_ACCESS_FS_READ_FILE);
	if (!err)
		err = restrict_self(fd);
	close(fd);
	return err;
}

/* A ruleset whose layers change nothing the bench does. */
static int inert_ruleset(void)
{
	return create_ruleset(LANDLOCK_ACCESS_FS_MAKE_FIFO);
}

static int read_whole(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - len - 1)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : len;
}

static long read_slab_kb(void)
{
	char buf[4096], *line;

	if (read_whole(AT_FDCWD, "/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	line = strstr(buf, "\nSlab:");
	return line ? strtol(line + strlen("\nSlab:"), NULL, 10) : -1;
}

/* Lets RCU callbacks and deferred frees of dropped layers run. */
static void settle(void)
{
	usleep(200000);
}

/* Live layers, each held by an O_PATH file opened by the thread that
 * created it: the file keeps the thread's credentials, and thus its
 * domain, once the thread is gone.
 */

struct held {
	int *fds;
	int num;
	int max;
};

static struct held fixture_layers, case_layers;

struct layer_thread {
	int rulesets[2];
	int fd;
	pid_t tid;
	/* When set, the thread waits after its first layer for its ID to be
	 * read: ready[1] is written, go[0] read.
	 */
	int ready[2], go[2];
	bool handshake;
};

static void *layer_thread(void *arg)
{
	struct layer_thread *const t = arg;
	char c = 0;

	t->tid = gettid();
	if (restrict_self(t->rulesets[0]))
		return NULL;
	if (t->handshake &&
	    (write(t->ready[1], &c, 1) != 1 || read(t->go[0], &c, 1) != 1))
		return NULL;
	if (t->rulesets[1] >= 0 && restrict_self(t->rulesets[1]))
		return NULL;
	t->fd = open("/", O_PATH | O_CLOEXEC);
	return NULL;
}

static int hold(struct held *h, int fd)
{
	if (h->num == h->max) {
		int *const fds =
			realloc(h->fds, (h->max * 2 + 64) * sizeof(*fds));

		if (!fds)
			return -1;
		h->fds = fds;
		h->max = h->max * 2 + 64;
	}
	h->fds[h->num++] = fd;
	return 0;
}

static void release(struct held *h)
{
	while (h->num)
		close(h->fds[--h->num]);
}

/*
 * Adds a live layer created from @first (then one from @second if it is
 * not -1, on top of it) to @h.  If @id is not NULL, the ID of the @first
 * layer is written there, read by its creator's parent as procfs shows it.
 */
static int hold_layer(struct held *h, int first, int second, char *id,
		      size_t id_size)
{
	struct layer_thread t = {
		.rulesets = { first, second },
		.fd = -1,
		.handshake = !!id,
	};
	pthread_attr_t attr;
	pthread_t thread;
	char path[64], c = 0;
	int err = -1, len;

	if (t.handshake &&
	    (pipe2(t.ready, O_CLOEXEC) || pipe2(t.go, O_CLOEXEC)))
		return -1;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, STACK_SIZE);
	if (pthread_create(&thread, &attr, layer_thread, &t))
		goto out;
	if (t.handshake) {
		if (read(t.ready[0], &c, 1) == 1) {
			snprintf(path, sizeof(path),
				 "/proc/self/task/%d/attr/landlock/domain",
				 t.tid);
			len = read_whole(AT_FDCWD, path, id, id_size);
			if (len > 0 && id[len - 1] == '\n')
				id[len - 1] = '\0';
		}
		if (write(t.go[1], &c, 1) != 1)
			errno = EPIPE;
	}
	pthread_join(thread, NULL);
	if (t.fd >= 0 && !hold(h, t.fd))
		err = 0;
out:
	pthread_attr_destroy(&attr);
	if (t.handshake) {
		close(t.ready[0]);
		close(t.ready[1]);
		close(t.go[0]);
		close(t.go[1]);
	}
	return err;
}

/* Sleeping sandboxed processes (sharing the bench's memory and files). */

static pid_t *procs;
static int num_procs, max_procs;
static char *proc_stacks;

struct proc_args {
	int ruleset, ready;
};

static int proc_main(void *arg)
{
	const struct proc_args *const a = arg;
	char c = 0;

	if (restrict_self(a->ruleset) || write(a->ready, &c, 1) != 1)
		_exit(1);
	for (;;)
		pause();
	return 0;
}

static void stop_procs(void)
{
	int i;

	for (i = 0; i < num_procs; i++)
		kill(procs[i], SIGKILL);
	for (i = 0; i < num_procs; i++)
		waitpid(procs[i], NULL, __WALL);
	if (proc_stacks && proc_stacks != MAP_FAILED)
		munmap(proc_stacks, (size_t)STACK_SIZE * max_procs);
	proc_stacks = NULL;
	num_procs = 0;
	max_procs = 0;
	free(procs);
	procs = NULL;
}

static int start_procs(int num)
{
	const int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_SYSVSEM | SIGCHLD;
	struct proc_args a = { .ruleset = inert_ruleset() };
	int ready[2], i, err = -1;
	char c;

	max_procs = num;
	procs = calloc(num, sizeof(*procs));
	proc_stacks = mmap(NULL, (size_t)STACK_SIZE * num,
			   PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (!procs || proc_stacks == MAP_FAILED || a.ruleset < 0 ||
	    pipe2(ready, O_CLOEXEC))
		return -1;
	a.ready = ready[1];
	for (i = 0; i < num; i++) {
		procs[i] = clone(proc_main,
				 proc_stacks + (size_t)STACK_SIZE * (i + 1),
				 flags, &a);
		if (procs[i] < 0 || read(ready[0], &c, 1) != 1)
			goto out;
		num_procs++;
	}
	err = 0;
out:
	close(ready[0]);
	close(ready[1]);
	close(a.ruleset);
	return err;
}

/* Keeps exactly what @c needs alive: its live layers and processes. */
static int set_fixture(const struct bench_case *c)
{
	int ruleset, i, err = 0;

	if (fixture_layers.num != c->live_layers) {
		release(&fixture_layers);
		settle();
	}
	if (num_procs != c->procs) {
		stop_procs();
		settle();
	}
	if (c->procs && !num_procs) {
		if (start_procs(c->procs))
			return failed("starting sandboxed processes");
		printf("# fixture: %d sandboxed processes\n", num_procs);
	}
	if (!c->live_layers || fixture_layers.num)
		return 0;

	ruleset = inert_ruleset();
	if (ruleset < 0)
		return failed("landlock_create_ruleset");
	for (i = 0; i < c->live_layers && !err; i++) {
		err = hold_layer(&fixture_layers, ruleset, -1, NULL, 0);
		if (i % 10000 == 9999 && i + 1 < c->live_layers) {
			printf("# fixture: %d live layers\n", i + 1);
			fflush(stdout);
		}
	}
	close(ruleset);
	if (err)
		return failed("creating live layers");
	printf("# fixture: %d live layers\n", fixture_layers.num);
	settle();
	return 0;
}

/* The measured cases. */

/* open(2), and close(2) when allowed, of BENCH_FILE. */
static long open_file(const struct bench_case *c)
{
	const bool allowed = !c->layers || !strcmp(c->dir, "/tmp");
	long start = now_ns();
	int i, fd;

	for (i = 0; i < c->ops; i++) {
		fd = open(BENCH_FILE, O_RDONLY | O_CLOEXEC);
		if (allowed ? fd < 0 : fd >= 0)
			return failed("open: unexpected result");
		if (fd >= 0)
			close(fd);
	}
	return (now_ns() - start) / c->ops;
}

/* landlock_restrict_self() alone, once per fresh process. */
static long restrict_only(const struct bench_case *c)
{
	long total = 0, one;
	int i, ruleset, pipefd[2];
	pid_t pid;

	if (pipe(pipefd))
		return failed("pipe");
	for (i = 0; i < c->ops; i++) {
		pid = fork();
		if (!pid) {
			ruleset = create_ruleset(LANDLOCK_ACCESS_FS_READ_FILE);
			one = now_ns();
			if (ruleset < 0 || restrict_self(ruleset))
				_exit(1);
			one = now_ns() - one;
			if (write(pipefd[1], &one, sizeof(one)) < 0)
				_exit(1);
			_exit(0);
		}
		if (pid < 0 ||
		    read(pipefd[0], &one, sizeof(one)) != sizeof(one))
			return failed("restrict_self child");
		waitpid(pid, NULL, 0);
		total += one;
	}
	close(pipefd[0]);
	close(pipefd[1]);
	return total / c->ops;
}

/*
 * fork(2) and wait(2) for a child that creates @c->size layers (create a
 * ruleset, restrict itself, close the ruleset) and exits, or that exits
 * at once.
 */
static int create_layers(int num)
{
	int i, ruleset;

	for (i = 0; i < num; i++) {
		ruleset = create_ruleset(LANDLOCK_ACCESS_FS_READ_FILE);
		if (ruleset < 0 || restrict_self(ruleset))
			return -1;
		close(ruleset);
	}
	return 0;
}

static long fork_exit(const struct bench_case *c)
{
	long start = now_ns();
	int i, status;
	pid_t pid;

	for (i = 0; i < c->ops; i++) {
		pid = fork();
		if (!pid)
			_exit(create_layers(c->size) ? 1 : 0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
			return failed("child");
	}
	return (now_ns() - start) / c->ops;
}

/* fork(2), execve(2) of a small static program, wait(2). */
static long execve_nop(const struct bench_case *c)
{
	char *const argv[] = { NOP_PROGRAM, NULL };
	char *const envp[] = { NULL };
	long start = now_ns();
	int i, status;
	pid_t pid;

	for (i = 0; i < c->ops; i++) {
		pid = fork();
		if (!pid) {
			execve(argv[0], argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
			return failed("execve child");
	}
	return (now_ns() - start) / c->ops;
}

/*
 * One run of "landlockctl stats" over the fixture's processes (and the rest
 * of the guest's), its output discarded: the cost of a metrics scrape.
 */
static long tool_scan(const struct bench_case *c)
{
	char *const argv[] = { TOOL_PROGRAM, "stats", NULL };
	char *const envp[] = { NULL };
	long start = now_ns();
	int i, status, null;
	pid_t pid;

	for (i = 0; i < c->ops; i++) {
		pid = fork();
		if (!pid) {
			null = open("/dev/null", O_WRONLY);
			if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
				_exit(126);
			execve(argv[0], argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
			return failed(TOOL_PROGRAM " stats");
	}
	return (now_ns() - start) / c->ops;
}

/*
 * What scan_procs() does with one file of /proc/<pid>/: the whole read of
 * attr/landlock/domain against readlink(2) of ns/mnt, and the pieces of
 * both, to see where the difference goes.
 */
enum proc_probe {
	PROBE_NS_READLINK,
	PROBE_NS_OPEN,
	PROBE_DOMAIN_READ,
	PROBE_DOMAIN_OPEN,
	PROBE_DOMAIN_STAT,
};

/* One probe of one file of /proc/<pid>/ per fixture process. */
static long scan_procs(const struct bench_case *c)
{
	const bool domain = c->probe >= PROBE_DOMAIN_READ;
	char path[64], buf[64];
	long start = now_ns();
	struct stat st;
	ssize_t len;
	int i, fd;

	for (i = 0; i < num_procs; i++) {
		snprintf(path, sizeof(path),
			 domain ? "/proc/%d/attr/landlock/domain" :
				  "/proc/%d/ns/mnt",
			 procs[i]);
		switch (c->probe) {
		case PROBE_NS_READLINK:
			len = readlink(path, buf, sizeof(buf));
			break;
		case PROBE_DOMAIN_READ:
			len = read_whole(AT_FDCWD, path, buf, sizeof(buf));
			break;
		case PROBE_DOMAIN_STAT:
			len = stat(path, &st) ? -1 : 1;
			break;
		default:
			fd = open(path, O_RDONLY | O_CLOEXEC);
			len = fd < 0 ? -1 : 1;
			if (fd >= 0)
				close(fd);
		}
		if (len <= 0 ||
		    (c->probe == PROBE_DOMAIN_READ && !strncmp(buf, "none", 4)))
			return failed(path);
	}
	return (now_ns() - start) / num_procs;
}

/* Entries of domains/, but "." and "..". */
static int list_domains(void)
{
	char buf[64 * 1024];
	int fd, entries = 0;
	long n, pos;

	fd = open(DOMAINS, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (pos = 0; pos < n;) {
			const struct dirent64 *const d = (void *)(buf + pos);

			if (d->d_name[0] != '.')
				entries++;
			pos += d->d_reclen;
		}
	}
	close(fd);
	return n < 0 ? -1 : entries;
}

/*
 * ls domains/: as root, every live layer; in a sandbox, none.  One listing
 * first, not timed: the first one in this fresh process also pays for its
 * copy-on-write faults (about 5,900 instructions), which would otherwise be
 * divided by @c->ops and make the cases with fewer runs look slower.
 */
static long ls_domains(const struct bench_case *c)
{
	const int expected = c->layers ? 0 : c->live_layers;
	long start;
	int i, entries;

	if (list_domains() < 0)
		return failed("ls " DOMAINS);
	start = now_ns();

	for (i = 0; i < c->ops; i++) {
		entries = list_domains();
		if (entries < 0)
			return failed("ls " DOMAINS);
		if (c->layers ? entries != expected : entries < expected) {
			printf("# %s: %d entries, expected %d\n", c->name,
			       entries, expected);
			return -1;
		}
	}
	return (now_ns() - start) / c->ops;
}

/* The ID of one live layer, set up by pick_layer(). */
static char picked_id[24];

static int pick_layer(const struct bench_case *c)
{
	struct dirent *d;
	DIR *dir;

	picked_id[0] = '\0';
	dir = opendir(DOMAINS);
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] != '.') {
			snprintf(picked_id, sizeof(picked_id), "%.16s",
				 d->d_name);
			break;
		}
	}
	if (dir)
		closedir(dir);
	return picked_id[0] ? 0 : -1;
}

/* Reads domains/<id>/parent; a sandbox that cannot see <id> gets ENOENT. */
static long read_parent(const struct bench_case *c)
{
	char path[64], buf[64];
	int i, dirfd, len;
	long start;

	snprintf(path, sizeof(path), "%s/parent", picked_id);
	dirfd = open(DOMAINS, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return failed(DOMAINS);
	start = now_ns();
	for (i = 0; i < c->ops; i++) {
		len = read_whole(dirfd, path, buf, sizeof(buf));
		if (c->layers ? len >= 0 || errno != ENOENT : len <= 0)
			return failed(path);
	}
	start = now_ns() - start;
	close(dirfd);
	return start / c->ops;
}

/* The layer whose rules are read: @c->size rules, youngest or not. */
static int hold_rules_layer(const struct bench_case *c, bool youngest)
{
	int ruleset, inert = -1, i, err;
	char path[64];

	ruleset = create_ruleset(LANDLOCK_ACCESS_FS_READ_FILE);
	if (ruleset < 0)
		return -1;
	for (i = 0, err = 0; i < c->size && !err; i++) {
		snprintf(path, sizeof(path), RULES_DIR "/%d", i);
		err = add_path_rule(ruleset, path,
				    LANDLOCK_ACCESS_FS_READ_FILE);
	}
	if (!youngest)
		inert = inert_ruleset();
	if (!err)
		err = hold_layer(&case_layers, ruleset, inert, picked_id,
				 sizeof(picked_id));
	close(ruleset);
	if (inert >= 0)
		close(inert);
	/* The layer's own domain is gone once the thread has moved on. */
	settle();
	return err;
}

static int hold_youngest_rules_layer(const struct bench_case *c)
{
	return hold_rules_layer(c, true);
}

static int hold_older_rules_layer(const struct bench_case *c)
{
	return hold_rules_layer(c, false);
}

static long read_rules(const struct bench_case *c)
{
	static char buf[256 * 1024];
	char path[128];
	long start;
	int i, len, lines;

	snprintf(path, sizeof(path), DOMAINS "/%s/rules", picked_id);
	start = now_ns();
	for (i = 0; i < c->ops; i++) {
		len = read_whole(AT_FDCWD, path, buf, sizeof(buf));
		if (len < 0)
			return failed(path);
	}
	start = now_ns() - start;
	for (i = 0, lines = 0; i < len; i++)
		lines += buf[i] == '\n';
	if (lines != c->size) {
		printf("# %s: %d rules, expected %d\n", path, lines, c->size);
		return -1;
	}
	return start / c->ops;
}

/* Threads that sleep once started, each in a layer of its own or not. */

static int sleeper_ruleset = -1, sleeper_ready[2];

static void *sleeper(void *arg)
{
	char c = 0;

	if (sleeper_ruleset >= 0 && restrict_self(sleeper_ruleset))
		return NULL;
	if (write(sleeper_ready[1], &c, 1) != 1)
		return NULL;
	for (;;)
		pause();
	return NULL;
}

/* Slab growth, in kB, while @num threads sleep in a child process. */
static long slab_growth(int num, bool layers)
{
	long before, after = -1;
	pthread_attr_t attr;
	pthread_t thread;
	int i, pipefd[2];
	char c = 0;
	pid_t pid;

	settle();
	before = read_slab_kb();
	if (pipe(pipefd) || pipe(sleeper_ready))
		return failed("pipe");
	pid = fork();
	if (!pid) {
		sleeper_ruleset = layers ? inert_ruleset() : -1;
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, STACK_SIZE);
		for (i = 0; i < num; i++) {
			if (pthread_create(&thread, &attr, sleeper, NULL) ||
			    read(sleeper_ready[0], &c, 1) != 1)
				_exit(1);
		}
		if (write(pipefd[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	if (pid > 0 && read(pipefd[0], &c, 1) == 1)
		after = read_slab_kb();
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(pipefd[0]);
	close(pipefd[1]);
	close(sleeper_ready[0]);
	close(sleeper_ready[1]);
	if (before < 0 || after < 0)
		return failed("sleeping threads");
	return after - before;
}

/* Bytes of slab per live layer: sandboxed sleepers minus plain ones. */
static long slab_per_layer(const struct bench_case *c)
{
	const long plain = slab_growth(c->size, false);
	const long sandboxed = slab_growth(c->size, true);

	if (plain < 0 || sandboxed < 0)
		return -1;
	printf("# %s: %d threads: slab +%ld kB, sandboxed: +%ld kB\n", c->name,
	       c->size, plain, sandboxed);
	return (sandboxed - plain) * 1024 / c->size;
}

/* An audit daemon: counts Landlock denial records over netlink. */

static int audit_set(int sock, __u32 mask, __u32 enabled, __u32 pid)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status status;
	} req = {
		.nlh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = AUDIT_SET,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.status = {
			.mask = mask | AUDIT_STATUS_BACKLOG_LIMIT,
			.enabled = enabled,
			.pid = pid,
			.backlog_limit = 1 << 20,
		},
	};
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
	} ack;
	const struct sockaddr_nl addr = { .nl_family = AF_NETLINK };

	if (sendto(sock, &req, sizeof(req), 0, (const struct sockaddr *)&addr,
		   sizeof(addr)) != sizeof(req))
		return -1;
	if (recv(sock, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack) ||
	    ack.nlh.nlmsg_type != NLMSG_ERROR || ack.err.error) {
		errno = ack.nlh.nlmsg_type == NLMSG_ERROR ? -ack.err.error :
							    EPROTO;
		return -1;
	}
	return 0;
}

/* Registers as auditd, tells @ready, writes to @done after @num records. */
static void audit_daemon(int num, int ready, int done)
{
	const struct timeval timeout = { .tv_sec = 5 };
	const int bufsize = 8 << 20;
	static char buf[64 * 1024];
	int sock, records = 0, all = 0;
	char c = 0;
	long n;

	sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (sock < 0 ||
	    setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &bufsize,
		       sizeof(bufsize)) ||
	    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout,
		       sizeof(timeout)) ||
	    audit_set(sock, AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID, 1,
		      getpid()) ||
	    write(ready, &c, 1) != 1) {
		failed("audit daemon");
		_exit(1);
	}
	while (records < num && (n = recv(sock, buf, sizeof(buf), 0)) > 0) {
		const struct nlmsghdr *nlh = (void *)buf;

		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			records += nlh->nlmsg_type == AUDIT_LANDLOCK_ACCESS;
			all++;
		}
	}
	c = records == num;
	printf("# audit daemon: %d records, %d of them Landlock denials\n", all,
	       records);
	fflush(stdout);
	if (write(done, &c, 1) != 1)
		_exit(1);
	audit_set(sock, AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID, 0, 0);
	_exit(0);
}

/*
 * Tasks get an audit context at fork once audit has ever been enabled:
 * enable it once before the first run, so that every run's tasks have one,
 * as on a system with an audit daemon.
 */
static int prime_audit(const struct bench_case *c)
{
	int sock, err;

	sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (sock < 0)
		return failed("audit socket");
	err = audit_set(sock, AUDIT_STATUS_ENABLED, 1, 0) ||
	      audit_set(sock, AUDIT_STATUS_ENABLED, 0, 0);
	close(sock);
	return err ? failed("enabling audit") : 0;
}

/* Denied open(2), each one logged and read by an audit daemon. */
static long open_audited(const struct bench_case *c)
{
	int ready[2], done[2], i, fd;
	long start = 0;
	char ok = 0;
	pid_t pid;

	if (pipe(ready) || pipe(done))
		return failed("pipe");
	pid = fork();
	if (!pid)
		audit_daemon(c->ops, ready[1], done[1]);
	if (pid < 0 || read(ready[0], &ok, 1) != 1)
		return failed("audit daemon");
	start = now_ns();
	for (i = 0; i < c->ops; i++) {
		fd = open(BENCH_FILE, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			return failed("open: allowed");
	}
	if (read(done[0], &ok, 1) != 1 || !ok) {
		printf("# %s: not every denial was logged\n", c->name);
		start = -1;
	} else {
		start = (now_ns() - start) / c->ops;
	}
	waitpid(pid, NULL, 0);
	return start;
}

/* Runs @c once in a child inside @c->layers layers. */
static long measure(const struct bench_case *c)
{
	long value = -1;
	int pipefd[2], i;
	pid_t pid;

	if (pipe(pipefd))
		return failed("pipe");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		for (i = 0; i < c->layers; i++) {
			if (restrict_to(c->dir)) {
				failed("landlock_restrict_self");
				_exit(1);
			}
		}
		value = c->run(c);
		fflush(stdout);
		_exit(write(pipefd[1], &value, sizeof(value)) != sizeof(value));
	}
	close(pipefd[1]);
	if (pid < 0 || read(pipefd[0], &value, sizeof(value)) != sizeof(value))
		value = -1;
	close(pipefd[0]);
	waitpid(pid, NULL, 0);
	return value;
}

/*
 * Cases that share a fixture follow each other.  The audited case comes
 * last: once audit has been enabled, every new task pays for syscall
 * auditing.
 */
static const struct bench_case cases[] = {
	{ .name = "open_unsandboxed", .run = open_file, .ops = 10000 },
	{ .name = "open_allowed_1",
	  .run = open_file,
	  .ops = 10000,
	  .layers = 1,
	  .dir = "/tmp" },
	{ .name = "open_allowed_16",
	  .run = open_file,
	  .ops = 10000,
	  .layers = 16,
	  .dir = "/tmp" },
	{ .name = "open_denied_1",
	  .run = open_file,
	  .ops = 10000,
	  .layers = 1,
	  .dir = "/tmp/bench-dir" },
	{ .name = "open_denied_16",
	  .run = open_file,
	  .ops = 10000,
	  .layers = 16,
	  .dir = "/tmp/bench-dir" },
	{ .name = "restrict_self", .run = restrict_only, .ops = 300 },
	{ .name = "fork_exit", .run = fork_exit, .ops = 500 },
	{ .name = "create_restrict_exit_1",
	  .run = fork_exit,
	  .ops = 500,
	  .size = 1 },
	{ .name = "execve_unsandboxed", .run = execve_nop, .ops = 500 },
	{ .name = "execve_16",
	  .run = execve_nop,
	  .ops = 500,
	  .layers = 16,
	  .dir = "/tests/bin" },
	{ .name = "procfs_ns_mnt",
	  .run = scan_procs,
	  .procs = 10000,
	  .probe = PROBE_NS_READLINK },
	{ .name = "procfs_ns_mnt_open",
	  .run = scan_procs,
	  .procs = 10000,
	  .probe = PROBE_NS_OPEN },
	{ .name = "procfs_domain",
	  .run = scan_procs,
	  .procs = 10000,
	  .probe = PROBE_DOMAIN_READ,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "procfs_domain_open",
	  .run = scan_procs,
	  .procs = 10000,
	  .probe = PROBE_DOMAIN_OPEN,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "procfs_domain_stat",
	  .run = scan_procs,
	  .procs = 10000,
	  .probe = PROBE_DOMAIN_STAT,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "tool_scan",
	  .run = tool_scan,
	  .ops = 1,
	  .procs = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_sandbox_0",
	  .run = ls_domains,
	  .ops = 20,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_root_1000",
	  .run = ls_domains,
	  .ops = 20,
	  .live_layers = 1000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_sandbox_1000",
	  .run = ls_domains,
	  .ops = 20,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 1000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_root_1000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .live_layers = 1000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_sandbox_1000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 1000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_root_10000",
	  .run = ls_domains,
	  .ops = 4,
	  .live_layers = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_sandbox_10000",
	  .run = ls_domains,
	  .ops = 4,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_root_10000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .live_layers = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_sandbox_10000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_root_50000",
	  .run = ls_domains,
	  .ops = 1,
	  .live_layers = 50000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "ls_sandbox_50000",
	  .run = ls_domains,
	  .ops = 1,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 50000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_root_50000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .live_layers = 50000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "parent_sandbox_50000",
	  .run = read_parent,
	  .setup = pick_layer,
	  .ops = 200,
	  .layers = 1,
	  .dir = SECURITYFS,
	  .live_layers = 50000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "rules_1000",
	  .run = read_rules,
	  .setup = hold_youngest_rules_layer,
	  .ops = 5,
	  .size = 1000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "rules_older_0",
	  .run = read_rules,
	  .setup = hold_older_rules_layer,
	  .ops = 50,
	  .size = 10,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "rules_older_10000",
	  .run = read_rules,
	  .setup = hold_older_rules_layer,
	  .ops = 50,
	  .size = 10,
	  .live_layers = 10000,
	  .needs = NEEDS_INTROSPECTION },
	{ .name = "slab_per_layer", .run = slab_per_layer, .size = 10000 },
	{ .name = "open_denied_16_audit",
	  .run = open_audited,
	  .setup = prime_audit,
	  .layers = 16,
	  .dir = "/tmp/bench-dir",
	  .ops = 2000,
	  .needs = NEEDS_INTROSPECTION },
};

static bool selected(const char *list, const char *name)
{
	const size_t len = strlen(name);
	const char *p;

	if (!list || !*list)
		return true;
	for (p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, name, len) && (p[len] == ',' || !p[len]))
			return true;
	}
	return false;
}

static int prepare(void)
{
	const struct rlimit files = { 1 << 17, 1 << 17 };
	char path[64];
	int i, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    setrlimit(RLIMIT_NOFILE, &files))
		return -1;
	fd = open("/proc/sys/kernel/threads-max", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "200000", 6) != 6)
			printf("# threads-max: %s\n", strerror(errno));
		close(fd);
	}
	fd = open(BENCH_FILE, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	mkdir("/tmp/bench-dir", 0755);
	mkdir(RULES_DIR, 0755);
	for (i = 0; i < MAX_RULES; i++) {
		snprintf(path, sizeof(path), RULES_DIR "/%d", i);
		fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

int main(int argc, char *argv[])
{
	const bool introspection = !access(DOMAINS, F_OK);
	const char *list = NULL;
	int runs = 5, opt, r, failures = 0;
	size_t i;
	long value;

	while ((opt = getopt(argc, argv, "r:c:")) != -1) {
		if (opt == 'r')
			runs = atoi(optarg);
		else if (opt == 'c')
			list = optarg;
		else
			return 2;
	}
	if (prepare()) {
		failed("preparing files");
		return 1;
	}
	printf("# guest clock: -icount shift=0, 1 ns = 1 instruction\n");
	printf("# introspection: %s, runs: %d\n", introspection ? "yes" : "no",
	       runs);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bench_case *const c = &cases[i];

		if (!selected(list, c->name))
			continue;
		if ((c->needs & NEEDS_INTROSPECTION) && !introspection) {
			printf("skip %s no introspection in this kernel\n",
			       c->name);
			continue;
		}
		if (set_fixture(c) || (c->setup && c->setup(c))) {
			printf("fail %s setup\n", c->name);
			release(&case_layers);
			failures++;
			continue;
		}
		/* Run 0 warms caches up (e.g. /proc/<pid>/ dentries). */
		for (r = 0; r <= runs; r++) {
			/* Layers of the previous run are freed after RCU. */
			settle();
			value = measure(c);
			if (value < 0) {
				printf("fail %s run %d\n", c->name, r);
				failures++;
				break;
			}
			printf("%s %s %d %ld\n", r ? "bench" : "# warm-up",
			       c->name, r, value);
			fflush(stdout);
		}
		release(&case_layers);
	}
	release(&fixture_layers);
	stop_procs();
	return !!failures;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - landlockctl against the running kernel
 *
 * Forks sandboxed processes that wait on a pipe, runs the landlockctl tool
 * (tools/landlock/, installed as /tests/bin/landlockctl in the guest, or
 * $LANDLOCKCTL) on them, and checks what it says against what the test set
 * up and what procfs and securityfs say: IDs, depths, the tree, rules,
 * counts.  As root, as an unprivileged user and from inside a sandbox.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/landlock.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

#define DEFAULT_TOOL "/tests/bin/landlockctl"
#define OUT_SIZE (256 * 1024)
#define ID_SIZE 24
#define NOBODY 65534

/* The tool's documented exit codes. */
#define EXIT_NO_PERMISSION 4
#define EXIT_NOT_FOUND 5
#define EXIT_NO_RESTORE 6

static const char *tool(void)
{
	const char *t = getenv("LANDLOCKCTL");

	return t && *t ? t : DEFAULT_TOOL;
}

/*
 * Runs the tool with the NULL-terminated arguments; its standard output
 * goes to @out (NUL-terminated).  Returns its exit status, or -1.
 */
static int run_tool(char *const out, const size_t size, ...)
{
	const char *argv[32];
	int fd, status, argc = 0;
	va_list ap;
	pid_t pid;
	ssize_t len;

	argv[argc++] = tool();
	va_start(ap, size);
	while (argc < 31) {
		argv[argc] = va_arg(ap, const char *);
		if (!argv[argc])
			break;
		argc++;
	}
	va_end(ap);
	argv[argc] = NULL;

	out[0] = '\0';
	fd = memfd_create("landlockctl-out", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fd);
		return -1;
	}
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		close(fd);
		return -1;
	}
	len = pread(fd, out, size - 1, 0);
	close(fd);
	if (len < 0)
		return -1;
	out[len] = '\0';
	return WEXITSTATUS(status);
}

static int read_text(const char *const path, char *const buf, const size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = read_all(fd, buf, size);
	close(fd);
	return ret;
}

/* The ID line of @path without its newline, or "" on error. */
static void read_id(const char *const path, char *const id)
{
	char buf[ID_SIZE];

	id[0] = '\0';
	if (read_text(path, buf, sizeof(buf)) || !strchr(buf, '\n'))
		return;
	*strchr(buf, '\n') = '\0';
	snprintf(id, ID_SIZE, "%s", buf);
}

static void proc_id(const pid_t pid, char *const id)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/attr/landlock/domain", pid);
	read_id(path, id);
}

static void parent_id(const char *const layer, char *const id)
{
	char path[128];

	snprintf(path, sizeof(path), DOMAINS_DIR "/%s/parent", layer);
	read_id(path, id);
}

/*
 * Adds one layer handling @handled (filesystem rights), with a rule
 * granting @granted beneath @path if @path is set.  Returns 0 or -1.
 */
static int restrict_layer(const __u64 handled, const char *const path,
			  const __u64 granted, const __u32 flags)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled,
	};
	int ruleset, ret = -1;

	ruleset = landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset < 0)
		return -1;
	if (path) {
		struct landlock_path_beneath_attr rule = {
			.allowed_access = granted,
		};

		rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
		if (rule.parent_fd < 0)
			goto out;
		if (landlock_add_rule(ruleset, LANDLOCK_RULE_PATH_BENEATH,
				      &rule, 0)) {
			close(rule.parent_fd);
			goto out;
		}
		close(rule.parent_fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		goto out;
	ret = landlock_restrict_self(ruleset, flags);
out:
	close(ruleset);
	return ret;
}

/* The two layers of a test sandbox: a rule on /tmp, then none. */
#define L1_HANDLED (LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_DIR)
#define L1_GRANTED LANDLOCK_ACCESS_FS_MAKE_REG
#define L2_HANDLED LANDLOCK_ACCESS_FS_MAKE_FIFO

struct sandbox {
	pid_t pid;
	int fd; /* closing it ends the sandboxed process */
};

/*
 * Forks a process that adds @layers layers (one or two, the second with
 * @l2_flags) and waits until the pipe closes.  Returns 0, or -1 if it
 * failed.
 */
static int start_sandbox(struct sandbox *const sb, const int layers,
			 const __u32 l2_flags)
{
	int ready[2], hold[2];
	char c = 0;

	if (pipe2(ready, O_CLOEXEC) || pipe2(hold, O_CLOEXEC))
		return -1;
	sb->pid = fork();
	if (sb->pid < 0)
		return -1;
	if (sb->pid == 0) {
		close(ready[0]);
		close(hold[1]);
		if (restrict_layer(L1_HANDLED, "/tmp", L1_GRANTED, 0))
			_exit(1);
		if (layers > 1 && restrict_layer(L2_HANDLED, NULL, 0, l2_flags))
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		/* Returns at EOF, when the test closes its end. */
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	sb->fd = hold[1];
	if (read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		return -1;
	}
	close(ready[0]);
	return 0;
}

static void stop_sandbox(struct sandbox *const sb)
{
	if (sb->pid <= 0)
		return;
	close(sb->fd);
	waitpid(sb->pid, NULL, 0);
	sb->pid = 0;
}

/* The JSON member "@name": N of @s, or -1. */
static long json_number(const char *const s, const char *const name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\"%s\": ", name);
	p = strstr(s, key);
	if (!p)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

FIXTURE(root)
{
	struct sandbox sb;
	char l1[ID_SIZE], l2[ID_SIZE];
	char *out;
};

FIXTURE_SETUP(root)
{
	self->out = malloc(OUT_SIZE);
	ASSERT_NE(NULL, self->out);
	ASSERT_EQ(0, access(tool(), X_OK))
	{
		TH_LOG("no %s: %s", tool(), strerror(errno));
	}
	ASSERT_EQ(0, start_sandbox(&self->sb, 2, 0));
	proc_id(self->sb.pid, self->l2);
	ASSERT_NE(0, self->l2[0]);
	parent_id(self->l2, self->l1);
	ASSERT_NE(0, self->l1[0]);
	ASSERT_NE(0, strcmp(self->l1, "none"));
}

FIXTURE_TEARDOWN(root)
{
	stop_sandbox(&self->sb);
	free(self->out);
}

TEST_F(root, ps)
{
	char pid[16], expected[128];

	snprintf(pid, sizeof(pid), "%d", self->sb.pid);
	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "ps", "-n", "-r", "-o",
			      "PID,STATE,DOMAIN,DEPTH,MODE", "-p", pid, NULL));
	snprintf(expected, sizeof(expected), "%s sandboxed %s 2 enforcing\n",
		 pid, self->l2);
	EXPECT_STREQ(expected, self->out);

	/* The test process itself: not sandboxed. */
	snprintf(pid, sizeof(pid), "%d", getpid());
	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "ps", "-n", "-r", "-o",
			      "STATE,DEPTH", "-p", pid, NULL));
	EXPECT_STREQ("unsandboxed 0\n", self->out);

	/* The whole list has it too, with its threads under -t. */
	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "ps", "-n", "-r", "-t", "-o",
			      "TID,DOMAIN", NULL));
	snprintf(expected, sizeof(expected), "\n%d %s\n", self->sb.pid,
		 self->l2);
	EXPECT_NE(NULL, strstr(self->out, expected));

	snprintf(pid, sizeof(pid), "%d", INT32_MAX - 1);
	EXPECT_EQ(EXIT_NOT_FOUND,
		  run_tool(self->out, OUT_SIZE, "ps", "-p", pid, NULL));
}

TEST_F(root, tree)
{
	char l1[64], l2[64], proc[64];
	const char *p;

	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "-J", "tree", NULL));
	snprintf(l1, sizeof(l1), "\"name\": \"%s\"", self->l1);
	snprintf(l2, sizeof(l2), "\"name\": \"%s\"", self->l2);
	snprintf(proc, sizeof(proc), "\"name\": \"%d\"", self->sb.pid);
	/* L1 holds L2 in its children, which holds the process. */
	p = strstr(self->out, l1);
	ASSERT_NE(NULL, p)
	{
		TH_LOG("no %s in %s", l1, self->out);
	}
	p = strstr(p, "\"children\"");
	ASSERT_NE(NULL, p);
	p = strstr(p, l2);
	ASSERT_NE(NULL, p);
	p = strstr(p, "\"children\"");
	ASSERT_NE(NULL, p);
	EXPECT_NE(NULL, strstr(p, proc));
	EXPECT_NE(NULL, strstr(self->out, "\"format_version\": 1"));
}

TEST_F(root, show)
{
	char expected[128];

	ASSERT_EQ(0,
		  run_tool(self->out, OUT_SIZE, "-J", "show", self->l1, NULL));
	EXPECT_NE(NULL, strstr(self->out, "\"parent\": null"));
	EXPECT_EQ(1, json_number(self->out, "depth"));
	EXPECT_EQ(0, json_number(self->out, "procs"));
	EXPECT_NE(NULL, strstr(self->out, "\"make_dir\", \"make_reg\""))
	{
		TH_LOG("handled rights: %s", self->out);
	}
	/* The rule on /tmp: the root of a tmpfs, found through the mounts. */
	EXPECT_NE(NULL, strstr(self->out, "\"type\": \"fs\""));
	EXPECT_NE(NULL, strstr(self->out, "\"path\": \"/\""));
	EXPECT_NE(NULL, strstr(self->out, "\"file\": \"/tmp\""))
	{
		TH_LOG("rules: %s", self->out);
	}

	ASSERT_EQ(0,
		  run_tool(self->out, OUT_SIZE, "-J", "show", self->l2, NULL));
	snprintf(expected, sizeof(expected), "\"parent\": \"%s\"", self->l1);
	EXPECT_NE(NULL, strstr(self->out, expected));
	EXPECT_EQ(2, json_number(self->out, "depth"));
	EXPECT_EQ(1, json_number(self->out, "procs"));
	EXPECT_EQ(self->sb.pid, json_number(self->out, "pid"));
	/* The sandboxed process created both of its layers. */
	EXPECT_EQ(self->sb.pid, json_number(self->out, "creator_pid"));
	EXPECT_NE(NULL, strstr(self->out, "\"rules\": []"));

	/* People's output: the same facts as a table. */
	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "show", self->l1, NULL));
	EXPECT_NE(NULL, strstr(self->out, "make_dir make_reg"));
	EXPECT_NE(NULL, strstr(self->out, "/tmp"));

	EXPECT_EQ(EXIT_NOT_FOUND,
		  run_tool(self->out, OUT_SIZE, "show", "123456789abc", NULL));
}

TEST_F(root, stats_and_prometheus)
{
	char buf[4096];

	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "-J", "stats", NULL));
	EXPECT_LE(1, json_number(self->out, "sandboxed"));
	EXPECT_LE(2, json_number(self->out, "layers"));
	EXPECT_EQ(0, json_number(self->out, "not_inspectable"));

	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "--prometheus-file",
			      "/tmp/landlockctl_test.prom", NULL));
	ASSERT_EQ(0, read_text("/tmp/landlockctl_test.prom", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "landlock_processes{state=\"sandboxed\"}"));
	EXPECT_NE(NULL, strstr(buf, "landlock_layers{mode=\"enforcing\"}"));
	EXPECT_EQ(NULL, strstr(buf, self->l2));
	unlink("/tmp/landlockctl_test.prom");
}

/* Writes the dump in @out to the file @image.  Returns 0 or -1. */
static int write_image(const char *const image, const char *const out)
{
	const size_t len = strlen(out);
	const int fd = open(image, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int ret = -1;

	if (fd < 0)
		return -1;
	if (write(fd, out, len) == (ssize_t)len)
		ret = 0;
	close(fd);
	return ret;
}

/*
 * Runs "landlockctl restore @image -- sleep 30" and waits until the process
 * is in the layer @id, which it copies to @now.  Returns the process (to
 * kill), or -1 if fork(2) failed.
 */
static pid_t start_restored(const char *const image, const char *const id,
			    char *const now)
{
	long long deadline;
	pid_t restored;

	restored = fork();
	if (restored == 0) {
		execl(tool(), tool(), "restore", image, "--", "/bin/sleep",
		      "30", NULL);
		_exit(127);
	}
	if (restored < 0)
		return -1;
	deadline = audit_now_ms() + LAYER_FREE_TIMEOUT_MS;
	do {
		usleep(POLL_DELAY_US);
		proc_id(restored, now);
	} while (strcmp(now, id) && audit_now_ms() < deadline);
	return restored;
}

TEST_F(root, dump_and_restore)
{
	char pid[16], l1[64], l2[64], now[ID_SIZE], parent[ID_SIZE];
	unsigned long long id;
	pid_t restored;
	const char *p;

	snprintf(pid, sizeof(pid), "%d", self->sb.pid);
	ASSERT_EQ(0, run_tool(self->out, OUT_SIZE, "dump", pid, NULL));
	EXPECT_NE(NULL, strstr(self->out, "\"kind\": \"landlockctl-dump\""));
	/* Oldest first: the order in which to recreate them. */
	snprintf(l1, sizeof(l1), "\"id\": \"%s\"", self->l1);
	snprintf(l2, sizeof(l2), "\"id\": \"%s\"", self->l2);
	p = strstr(self->out, l1);
	ASSERT_NE(NULL, p);
	EXPECT_NE(NULL, strstr(p, l2));
	EXPECT_NE(NULL, strstr(self->out, "\"file\": \"/tmp\""));

	ASSERT_EQ(0, write_image("/tmp/landlockctl_test.json", self->out));
	unlink("/tmp/landlockctl_test.ran");
	/* The layers are live: their IDs cannot be restored. */
	EXPECT_EQ(EXIT_NO_RESTORE,
		  run_tool(self->out, OUT_SIZE, "restore",
			   "/tmp/landlockctl_test.json", "--", "/bin/touch",
			   "/tmp/landlockctl_test.ran", NULL));
	EXPECT_EQ(-1, access("/tmp/landlockctl_test.ran", F_OK));

	/* Once the sandboxed process is gone, they are restored. */
	stop_sandbox(&self->sb);
	id = strtoull(self->l2, NULL, 16);
	ASSERT_NE(0, id);
	ASSERT_TRUE(wait_layer_gone(id));
	restored = start_restored("/tmp/landlockctl_test.json", self->l2, now);
	ASSERT_LE(0, restored);
	EXPECT_STREQ(self->l2, now);
	parent_id(now, parent);
	EXPECT_STREQ(self->l1, parent);
	kill(restored, SIGKILL);
	waitpid(restored, NULL, 0);
	unlink("/tmp/landlockctl_test.json");
}

/* A permissive layer is dumped as such and comes back permissive, with its ID. */
TEST(dump_and_restore_permissive)
{
	char pid[16], l2[ID_SIZE], now[ID_SIZE], mode[32];
	const char *const image = "/tmp/landlockctl_test_permissive.json";
	char *const out = malloc(OUT_SIZE);
	struct sandbox sb;
	pid_t restored;

	ASSERT_NE(NULL, out);
	ASSERT_EQ(0, start_sandbox(&sb, 2, LANDLOCK_RESTRICT_SELF_PERMISSIVE));
	proc_id(sb.pid, l2);
	ASSERT_LE(0, read_layer_file(strtoull(l2, NULL, 16), "mode", mode,
				     sizeof(mode)));
	ASSERT_STREQ("permissive\n", mode);

	snprintf(pid, sizeof(pid), "%d", sb.pid);
	ASSERT_EQ(0, run_tool(out, OUT_SIZE, "dump", pid, NULL));
	EXPECT_NE(NULL, strstr(out, "\"mode\": \"permissive\""));
	ASSERT_EQ(0, write_image(image, out));

	stop_sandbox(&sb);
	ASSERT_TRUE(wait_layer_gone(strtoull(l2, NULL, 16)));
	restored = start_restored(image, l2, now);
	ASSERT_LE(0, restored);
	EXPECT_STREQ(l2, now);
	EXPECT_LE(0, read_layer_file(strtoull(now, NULL, 16), "mode", mode,
				     sizeof(mode)));
	EXPECT_STREQ("permissive\n", mode);
	kill(restored, SIGKILL);
	waitpid(restored, NULL, 0);
	unlink(image);
	free(out);
}

/* Becomes nobody, keeping the ability to be inspected by nobody. */
static int become_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return -1;
	return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/*
 * As nobody: root's sandbox is not inspectable, nobody's own is.  Runs in
 * a child; its exit status is the number of the first failed check.
 */
static int unprivileged(const pid_t root_pid, char *const out)
{
	char pid[16], id[ID_SIZE], expected[64];
	struct sandbox own = {};
	int ret = 0;

	if (become_nobody())
		return 1;
	snprintf(pid, sizeof(pid), "%d", root_pid);
	if (run_tool(out, OUT_SIZE, "ps", "-p", pid, NULL) !=
	    EXIT_NO_PERMISSION)
		return 2;
	if (run_tool(out, OUT_SIZE, "-J", "stats", NULL) != 0 ||
	    json_number(out, "not_inspectable") < 1)
		return 3;
	if (start_sandbox(&own, 1, 0))
		return 4;
	proc_id(own.pid, id);
	snprintf(pid, sizeof(pid), "%d", own.pid);
	snprintf(expected, sizeof(expected), "%s 1\n", id);
	if (!id[0] || !strcmp(id, "none"))
		ret = 5;
	else if (run_tool(out, OUT_SIZE, "ps", "-n", "-r", "-o", "DOMAIN,DEPTH",
			  "-p", pid, NULL) ||
		 strcmp(out, expected))
		ret = 6;
	else if (run_tool(out, OUT_SIZE, "-J", "show", id, NULL) ||
		 json_number(out, "creator_uid") != NOBODY)
		ret = 7;
	else if (run_tool(out, OUT_SIZE, "-J", "tree", NULL) ||
		 !strstr(out, id))
		ret = 8;
	stop_sandbox(&own);
	return ret;
}

TEST_F(root, unprivileged)
{
	int status;
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(unprivileged(self->sb.pid, self->out));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
	{
		TH_LOG("check %d failed; last output: %s", WEXITSTATUS(status),
		       self->out);
	}
}

/*
 * From inside a sandbox: only what was created below it is visible, its
 * own process is "unsandboxed" and root's sandbox does not exist.
 */
static int sandboxed(const char *const root_l2, char *const out)
{
	char pid[16], id[ID_SIZE], expected[64];
	struct sandbox inner = {};
	int ret = 0;

	if (restrict_layer(LANDLOCK_ACCESS_FS_MAKE_CHAR, NULL, 0, 0))
		return 1;
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (run_tool(out, OUT_SIZE, "ps", "-n", "-r", "-o", "STATE,DEPTH", "-p",
		     pid, NULL) ||
	    strcmp(out, "unsandboxed 0\n"))
		return 2;
	if (run_tool(out, OUT_SIZE, "show", root_l2, NULL) != EXIT_NOT_FOUND)
		return 3;
	if (start_sandbox(&inner, 2, 0))
		return 4;
	proc_id(inner.pid, id);
	snprintf(pid, sizeof(pid), "%d", inner.pid);
	snprintf(expected, sizeof(expected), "%s 2\n", id);
	if (run_tool(out, OUT_SIZE, "ps", "-n", "-r", "-o", "DOMAIN,DEPTH",
		     "-p", pid, NULL) ||
	    strcmp(out, expected))
		ret = 5;
	else if (run_tool(out, OUT_SIZE, "-J", "stats", NULL) ||
		 json_number(out, "layers") != 2)
		ret = 6;
	else if (run_tool(out, OUT_SIZE, "-J", "tree", NULL) ||
		 strstr(out, root_l2))
		ret = 7;
	stop_sandbox(&inner);
	return ret;
}

TEST_F(root, sandboxed)
{
	int status;
	pid_t child;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(sandboxed(self->l2, self->out));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
	{
		TH_LOG("check %d failed; last output: %s", WEXITSTATUS(status),
		       self->out);
	}
}

TEST_HARNESS_MAIN

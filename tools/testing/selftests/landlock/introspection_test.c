// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Introspection
 *
 * Checks the two ways to look at Landlock domains from userspace:
 * /proc/<pid>/attr/landlock/domain, which names the youngest layer of a task
 * that the reader may see, and the Landlock directory of securityfs, with
 * one directory per visible layer under domains/.
 *
 * Most tests fork sandboxed processes that wait on a pipe, so that their
 * layers stay alive while the test process, unsandboxed, looks at them.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
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

#define BASE_TEMPLATE "/tmp/landlock-introspection.XXXXXX"
#define MAX_LINES 32

/* Credentials of the "other" user. */
#define OTHER_UID 1000
#define OTHER_GID 1000

/* Content of features/restrict_self. */
#define LOG_NAMES_ALL \
	"log_same_exec_off log_new_exec_on log_subdomains_off permissive\n"

/* Content of features/fs, and of handled_fs with ACCESS_FS_ALL. */
#define FS_NAMES_ALL \
	"execute write_file read_file read_dir remove_dir remove_file make_char make_dir make_reg make_sock make_fifo make_block make_sym refer truncate ioctl_dev\n"

/*
 * Visibility matrix
 *
 * The test builds this hierarchy of layers, with one process per layer (and
 * one unsandboxed process), all of them root unless noted:
 *
 *   A ---- B ---- C ---- D
 *    \---- S
 *     \--- O ---- Q
 *
 * O is created by the other uid (keeping its permitted capabilities to fork
 * Q as root), and Q is created by root, whose process then becomes the other
 * uid.  The processes of O and Q end with the other uid, without capability,
 * and dumpable, so that the other uid can open their /proc/<pid>/ files.
 *
 * The layers are named after the process that created them, and each process
 * is named after its youngest layer (L_NONE: the unsandboxed process).
 */
enum layer {
	L_NONE,
	L_A,
	L_B,
	L_C,
	L_D,
	L_S,
	L_O,
	L_Q,
	NR_TARGETS,
	/* Expected results only: EACCES at open of the procfs file. */
	DENIED,
	/* Expected results only: not listed, lookup fails with ENOENT. */
	HIDDEN,
};

static const char *const layer_names[] = {
	[L_NONE] = "none",   [L_A] = "A",	  [L_B] = "B", [L_C] = "C",
	[L_D] = "D",	     [L_S] = "S",	  [L_O] = "O", [L_Q] = "Q",
	[DENIED] = "EACCES", [HIDDEN] = "hidden",
};

enum creds {
	/* Unchanged: root with all capabilities. */
	CREDS_ROOT,
	/* Other uid and gid, without capability. */
	CREDS_OTHER,
	/* Other uid and gid, keeping the permitted capabilities. */
	CREDS_OTHER_KEEP,
	/* Other uid and gid, with only CAP_SYS_PTRACE. */
	CREDS_OTHER_PTRACE,
};

struct node_spec {
	/* Process that forks this one, or -1 for the test process. */
	int parent;
	/* Whether this process creates a layer. */
	bool layer;
	/* Credentials when creating the layer. */
	enum creds creator;
	/* Credentials afterwards, as a target and as a reader. */
	enum creds creds;
};

static const struct node_spec nodes[NR_TARGETS] = {
	[L_NONE] = { -1, false, CREDS_ROOT, CREDS_ROOT },
	[L_A] = { -1, true, CREDS_ROOT, CREDS_ROOT },
	[L_B] = { L_A, true, CREDS_ROOT, CREDS_ROOT },
	[L_C] = { L_B, true, CREDS_ROOT, CREDS_ROOT },
	[L_D] = { L_C, true, CREDS_ROOT, CREDS_ROOT },
	[L_S] = { L_A, true, CREDS_ROOT, CREDS_ROOT },
	[L_O] = { L_A, true, CREDS_OTHER_KEEP, CREDS_OTHER },
	[L_Q] = { L_O, true, CREDS_ROOT, CREDS_OTHER },
};

enum reader {
	/* Unsandboxed. */
	R_ROOT,
	R_OTHER,
	R_OTHER_PTRACE,
	/* Sandboxed, root with all capabilities unless noted. */
	R_IN_A,
	R_IN_A_OTHER,
	R_IN_B,
	R_IN_S,
	R_IN_C,
};

/*
 * Expected results of one reader for one target process:
 * @procfs: content of /proc/<target>/attr/landlock/domain, as the layer it
 *          names, L_NONE for "none", or DENIED.
 * @parent: content of domains/<youngest layer of the target>/parent, as the
 *          layer it names, L_NONE for "none", or HIDDEN if this layer is not
 *          listed and its lookup fails.  Always HIDDEN for L_NONE.
 */
struct visibility_cell {
	enum reader reader;
	enum layer target;
	enum layer procfs;
	enum layer parent;
};

/*
 * The procfs file needs ptrace read access: other uid without CAP_SYS_PTRACE
 * against root targets, and Landlock's ptrace restriction (a sandboxed
 * reader only reaches its own domain and the layers below it) give DENIED.
 */
static const struct visibility_cell matrix[] = {
	/* Unsandboxed root sees everything. */
	{ R_ROOT, L_NONE, L_NONE, HIDDEN },
	{ R_ROOT, L_A, L_A, L_NONE },
	{ R_ROOT, L_B, L_B, L_A },
	{ R_ROOT, L_C, L_C, L_B },
	{ R_ROOT, L_D, L_D, L_C },
	{ R_ROOT, L_S, L_S, L_A },
	{ R_ROOT, L_O, L_O, L_A },
	{ R_ROOT, L_Q, L_Q, L_O },

	/*
	 * Other uid without CAP_SYS_PTRACE: no ptrace access to root
	 * processes.  Creator-credential rule: only O (created by the other
	 * uid) is visible, A is hidden so O's parent reads "none", and the
	 * procfs file of Q's process skips the hidden Q to name O.
	 */
	{ R_OTHER, L_NONE, DENIED, HIDDEN },
	{ R_OTHER, L_A, DENIED, HIDDEN },
	{ R_OTHER, L_B, DENIED, HIDDEN },
	{ R_OTHER, L_C, DENIED, HIDDEN },
	{ R_OTHER, L_D, DENIED, HIDDEN },
	{ R_OTHER, L_S, DENIED, HIDDEN },
	{ R_OTHER, L_O, L_O, L_NONE },
	{ R_OTHER, L_Q, L_O, HIDDEN },

	/*
	 * Other uid with CAP_SYS_PTRACE: ptrace access to everything, and the
	 * creator-credential rule passes through the capability.
	 */
	{ R_OTHER_PTRACE, L_NONE, L_NONE, HIDDEN },
	{ R_OTHER_PTRACE, L_A, L_A, L_NONE },
	{ R_OTHER_PTRACE, L_B, L_B, L_A },
	{ R_OTHER_PTRACE, L_C, L_C, L_B },
	{ R_OTHER_PTRACE, L_D, L_D, L_C },
	{ R_OTHER_PTRACE, L_S, L_S, L_A },
	{ R_OTHER_PTRACE, L_O, L_O, L_A },
	{ R_OTHER_PTRACE, L_Q, L_Q, L_O },

	/*
	 * In A: everything strictly below A, A itself is the boundary.  O
	 * (other creator) is visible through CAP_SYS_PTRACE.
	 */
	{ R_IN_A, L_NONE, DENIED, HIDDEN },
	{ R_IN_A, L_A, L_NONE, HIDDEN },
	{ R_IN_A, L_B, L_B, L_NONE },
	{ R_IN_A, L_C, L_C, L_B },
	{ R_IN_A, L_D, L_D, L_C },
	{ R_IN_A, L_S, L_S, L_NONE },
	{ R_IN_A, L_O, L_O, L_NONE },
	{ R_IN_A, L_Q, L_Q, L_O },

	/*
	 * In A, other uid without capability: no ptrace access to root
	 * processes.  Both rules: only O is strictly below A and created by
	 * the other uid, and the procfs file of Q's process names O.
	 */
	{ R_IN_A_OTHER, L_NONE, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_A, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_B, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_C, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_D, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_S, DENIED, HIDDEN },
	{ R_IN_A_OTHER, L_O, L_O, L_NONE },
	{ R_IN_A_OTHER, L_Q, L_O, HIDDEN },

	/* In B: only C and D; the parent (A) and the sibling (S) are out. */
	{ R_IN_B, L_NONE, DENIED, HIDDEN },
	{ R_IN_B, L_A, DENIED, HIDDEN },
	{ R_IN_B, L_B, L_NONE, HIDDEN },
	{ R_IN_B, L_C, L_C, L_NONE },
	{ R_IN_B, L_D, L_D, L_C },
	{ R_IN_B, L_S, DENIED, HIDDEN },
	{ R_IN_B, L_O, DENIED, HIDDEN },
	{ R_IN_B, L_Q, DENIED, HIDDEN },

	/* In S, a sibling of B without child: nothing. */
	{ R_IN_S, L_NONE, DENIED, HIDDEN },
	{ R_IN_S, L_A, DENIED, HIDDEN },
	{ R_IN_S, L_B, DENIED, HIDDEN },
	{ R_IN_S, L_C, DENIED, HIDDEN },
	{ R_IN_S, L_D, DENIED, HIDDEN },
	{ R_IN_S, L_S, L_NONE, HIDDEN },
	{ R_IN_S, L_O, DENIED, HIDDEN },
	{ R_IN_S, L_Q, DENIED, HIDDEN },

	/* In C, a child of B: only D. */
	{ R_IN_C, L_NONE, DENIED, HIDDEN },
	{ R_IN_C, L_A, DENIED, HIDDEN },
	{ R_IN_C, L_B, DENIED, HIDDEN },
	{ R_IN_C, L_C, L_NONE, HIDDEN },
	{ R_IN_C, L_D, L_D, L_NONE },
	{ R_IN_C, L_S, DENIED, HIDDEN },
	{ R_IN_C, L_O, DENIED, HIDDEN },
	{ R_IN_C, L_Q, DENIED, HIDDEN },
};

struct probe_request {
	enum creds creds;
	pid_t pids[NR_TARGETS];
	__u64 ids[NR_TARGETS];
};

/* What a reader saw of one target, see probe(). */
struct probe_result {
	/* Number of listed layers, the same for all the targets. */
	int nr_listed;
	int procfs_err;
	char procfs[ID_LINE_SIZE];
	/* 1 if listed, 0 if not, -errno if the listing failed. */
	int listed;
	int stat_err;
	int open_err;
	char parent[ID_LINE_SIZE];
};

struct hierarchy {
	/* Test process, the only one to tear down the hierarchy. */
	pid_t owner;
	/* Requests to each process, and its replies. */
	int cmd[NR_TARGETS][2];
	int res[NR_TARGETS][2];
	pid_t pids[NR_TARGETS];
	/* As seen by the test process (unsandboxed root). */
	__u64 ids[NR_TARGETS];
};

static void set_caps(struct __test_metadata *const _metadata,
		     const cap_value_t *const caps, const int count,
		     const bool permitted)
{
	cap_t cap_p;

	if (permitted)
		cap_p = cap_init();
	else
		cap_p = cap_get_proc();
	ASSERT_NE(NULL, cap_p);
	if (count && permitted)
		ASSERT_EQ(0, cap_set_flag(cap_p, CAP_PERMITTED, count, caps,
					  CAP_SET));
	if (count)
		ASSERT_EQ(0, cap_set_flag(cap_p, CAP_EFFECTIVE, count, caps,
					  CAP_SET));
	ASSERT_EQ(0, cap_set_proc(cap_p))
	{
		TH_LOG("Failed to set capabilities: %s", strerror(errno));
	}
	cap_free(cap_p);
}

static void set_creds(struct __test_metadata *const _metadata,
		      const enum creds creds)
{
	const cap_value_t setid_caps[] = { CAP_SETUID, CAP_SETGID };
	const cap_value_t ptrace_cap = CAP_SYS_PTRACE;

	if (creds == CREDS_ROOT) {
		if (geteuid() == 0)
			return;

		/* Comes back from CREDS_OTHER_KEEP. */
		set_caps(_metadata, setid_caps, ARRAY_SIZE(setid_caps), false);
		ASSERT_EQ(0, setresgid(0, 0, 0));
		ASSERT_EQ(0, setresuid(0, 0, 0));
		ASSERT_EQ(0, prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0));
		ASSERT_EQ(0, prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
		return;
	}

	ASSERT_EQ(0, prctl(PR_SET_KEEPCAPS, creds != CREDS_OTHER, 0, 0, 0));
	if (geteuid() == 0) {
		ASSERT_EQ(0, setgroups(0, NULL));
		ASSERT_EQ(0, setresgid(OTHER_GID, OTHER_GID, OTHER_GID));
		ASSERT_EQ(0, setresuid(OTHER_UID, OTHER_UID, OTHER_UID));
	}
	switch (creds) {
	case CREDS_OTHER:
		set_caps(_metadata, NULL, 0, true);
		break;
	case CREDS_OTHER_PTRACE:
		set_caps(_metadata, &ptrace_cap, 1, true);
		break;
	default:
		break;
	}
	/* Lets the other uid open the /proc/<pid>/ files of this process. */
	ASSERT_EQ(0, prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
}

/* Looks at each target as the current process. */
static void probe(const struct probe_request *const req,
		  struct probe_result *const results)
{
	enum layer t;

	for (t = 0; t < NR_TARGETS; t++) {
		struct probe_result *const res = &results[t];
		char path[PATH_MAX];
		struct stat st;

		memset(res, 0, sizeof(*res));
		res->nr_listed = count_listed();
		proc_path(path, sizeof(path), req->pids[t], 0);
		res->procfs_err =
			read_path(path, res->procfs, sizeof(res->procfs));
		if (!req->ids[t])
			continue;

		res->listed = is_listed(req->ids[t]);
		layer_path(path, sizeof(path), req->ids[t], "parent");
		res->stat_err = stat(path, &st) ? -errno : 0;
		res->open_err =
			read_path(path, res->parent, sizeof(res->parent));
	}
}

static void run_probe(struct __test_metadata *const _metadata,
		      const struct probe_request *const req, const int fd)
{
	struct probe_result results[NR_TARGETS];

	set_creds(_metadata, req->creds);
	probe(req, results);
	send_msg(_metadata, fd, results, sizeof(results));
	_exit(_metadata->exit_code);
}

static bool in_subtree(int node, const int root)
{
	for (; node >= 0; node = nodes[node].parent) {
		if (node == root)
			return true;
	}
	return false;
}

/*
 * Creates the layer of @node and forks its children.  Returns the node of
 * the current process: a child's in a child, or @node once all the children
 * are forked.
 */
static int setup_node(struct __test_metadata *const _metadata,
		      struct hierarchy *const h, const int node)
{
	const struct node_spec *const spec = &nodes[node];
	pid_t pid;
	int i;

	/* Keeps the pipes of this process and of its future children. */
	for (i = 0; i < NR_TARGETS; i++) {
		close_fd(&h->cmd[i][1]);
		close_fd(&h->res[i][0]);
		if (!in_subtree(i, node)) {
			close_fd(&h->cmd[i][0]);
			close_fd(&h->res[i][1]);
		}
	}

	if (spec->layer) {
		set_creds(_metadata, spec->creator);
		add_harmless_layer(_metadata);
	}

	for (i = 0; i < NR_TARGETS; i++) {
		if (nodes[i].parent != node)
			continue;
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			return i;
	}
	for (i = 0; i < NR_TARGETS; i++) {
		if (i != node) {
			close_fd(&h->cmd[i][0]);
			close_fd(&h->res[i][1]);
		}
	}
	return node;
}

/*
 * Sets up the process of @node and its children, and then runs the probes
 * requested by the test process until the end of file.
 */
static void run_node(struct __test_metadata *const _metadata,
		     struct hierarchy *const h, int node)
{
	struct probe_request req;
	int next, status;
	pid_t pid;

	while ((next = setup_node(_metadata, h, node)) != node)
		node = next;

	set_creds(_metadata, nodes[node].creds);
	pid = getpid();
	send_msg(_metadata, h->res[node][1], &pid, sizeof(pid));

	while (recv_msg(h->cmd[node][0], &req, sizeof(req))) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			run_probe(_metadata, &req, h->res[node][1]);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
	}
	_exit(_metadata->exit_code);
}

FIXTURE(visibility)
{
	struct hierarchy h;
};

FIXTURE_VARIANT(visibility)
{
	enum reader reader;
	/* Process that forks the reader, or -1 for the test process. */
	int node;
	enum creds creds;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, root) {
	/* clang-format on */
	.reader = R_ROOT,
	.node = -1,
	.creds = CREDS_ROOT,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, other_uid) {
	/* clang-format on */
	.reader = R_OTHER,
	.node = -1,
	.creds = CREDS_OTHER,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, other_uid_ptrace) {
	/* clang-format on */
	.reader = R_OTHER_PTRACE,
	.node = -1,
	.creds = CREDS_OTHER_PTRACE,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, in_parent_layer) {
	/* clang-format on */
	.reader = R_IN_A,
	.node = L_A,
	.creds = CREDS_ROOT,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, in_parent_layer_other_uid) {
	/* clang-format on */
	.reader = R_IN_A_OTHER,
	.node = L_A,
	.creds = CREDS_OTHER,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, in_same_layer) {
	/* clang-format on */
	.reader = R_IN_B,
	.node = L_B,
	.creds = CREDS_ROOT,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, in_sibling_layer) {
	/* clang-format on */
	.reader = R_IN_S,
	.node = L_S,
	.creds = CREDS_ROOT,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(visibility, in_child_layer) {
	/* clang-format on */
	.reader = R_IN_C,
	.node = L_C,
	.creds = CREDS_ROOT,
};

FIXTURE_SETUP(visibility)
{
	struct hierarchy *const h = &self->h;
	int i, j;
	pid_t pid;

	h->owner = getpid();
	for (i = 0; i < NR_TARGETS; i++) {
		h->cmd[i][0] = -1;
		h->cmd[i][1] = -1;
		h->res[i][0] = -1;
		h->res[i][1] = -1;
	}
	if (!setup_securityfs(_metadata))
		return;
	/* Adopts the processes of the hierarchy to reap them. */
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));

	for (i = 0; i < NR_TARGETS; i++) {
		ASSERT_EQ(0, pipe2(h->cmd[i], O_CLOEXEC));
		ASSERT_EQ(0, pipe2(h->res[i], O_CLOEXEC));
	}
	for (i = 0; i < NR_TARGETS; i++) {
		if (nodes[i].parent >= 0)
			continue;
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			run_node(_metadata, h, i);
	}
	for (i = 0; i < NR_TARGETS; i++) {
		close_fd(&h->cmd[i][0]);
		close_fd(&h->res[i][1]);
	}

	for (i = 0; i < NR_TARGETS; i++) {
		const size_t size = sizeof(h->pids[i]);

		ASSERT_TRUE(recv_msg(h->res[i][0], &h->pids[i], size))
		{
			TH_LOG("Process %s failed to start", layer_names[i]);
		}
	}

	/* Learns the IDs from the outside. */
	for (i = 0; i < NR_TARGETS; i++) {
		h->ids[i] = read_proc_id(_metadata, h->pids[i], 0);
		if (i == L_NONE) {
			ASSERT_EQ(0, h->ids[i]);
			continue;
		}
		ASSERT_NE(0, h->ids[i])
		{
			TH_LOG("No ID for layer %s", layer_names[i]);
		}
		for (j = 1; j < i; j++)
			ASSERT_NE(h->ids[j], h->ids[i]);
	}
}

FIXTURE_TEARDOWN(visibility)
{
	struct hierarchy *const h = &self->h;
	int i;

	if (getpid() != h->owner)
		return;

	for (i = 0; i < NR_TARGETS; i++) {
		close_fd(&h->cmd[i][1]);
		close_fd(&h->res[i][0]);
	}
	reap_all();
}

static void check_cell(struct __test_metadata *const _metadata,
		       const struct hierarchy *const h,
		       const struct visibility_cell *const cell,
		       const struct probe_result *const res)
{
	const char *const target = layer_names[cell->target];
	char expected[ID_LINE_SIZE];

	if (cell->procfs == DENIED) {
		EXPECT_EQ(-EACCES, res->procfs_err)
		{
			TH_LOG("procfs of %s: got %s (\"%s\") instead of EACCES",
			       target, strerror(-res->procfs_err), res->procfs);
		}
	} else {
		id_line(expected, sizeof(expected), h->ids[cell->procfs]);
		EXPECT_EQ(0, res->procfs_err)
		{
			TH_LOG("procfs of %s: %s instead of layer %s", target,
			       strerror(-res->procfs_err),
			       layer_names[cell->procfs]);
		}
		EXPECT_STREQ(expected, res->procfs)
		{
			TH_LOG("procfs of %s: expected layer %s", target,
			       layer_names[cell->procfs]);
		}
	}

	if (cell->target == L_NONE)
		return;

	if (cell->parent == HIDDEN) {
		EXPECT_EQ(0, res->listed)
		{
			TH_LOG("Layer %s: listed (%d) but should be hidden",
			       target, res->listed);
		}
		EXPECT_EQ(-ENOENT, res->stat_err)
		{
			TH_LOG("Layer %s: stat gave %s instead of ENOENT",
			       target, strerror(-res->stat_err));
		}
		EXPECT_EQ(-ENOENT, res->open_err)
		{
			TH_LOG("Layer %s: open gave %s instead of ENOENT",
			       target, strerror(-res->open_err));
		}
		return;
	}

	EXPECT_EQ(1, res->listed)
	{
		TH_LOG("Layer %s: not listed (%d)", target, res->listed);
	}
	EXPECT_EQ(0, res->stat_err)
	{
		TH_LOG("Layer %s: stat failed: %s", target,
		       strerror(-res->stat_err));
	}
	EXPECT_EQ(0, res->open_err)
	{
		TH_LOG("Layer %s: open failed: %s", target,
		       strerror(-res->open_err));
	}
	id_line(expected, sizeof(expected), h->ids[cell->parent]);
	EXPECT_STREQ(expected, res->parent)
	{
		TH_LOG("Layer %s: expected parent %s", target,
		       layer_names[cell->parent]);
	}
}

TEST_F(visibility, matrix)
{
	struct hierarchy *const h = &self->h;
	struct probe_request req = {
		.creds = variant->creds,
	};
	struct probe_result results[NR_TARGETS];
	unsigned int i, count = 0;
	int status, nr_visible = 0;
	bool ok;

	memcpy(req.pids, h->pids, sizeof(req.pids));
	memcpy(req.ids, h->ids, sizeof(req.ids));

	if (variant->node < 0) {
		int fds[2];
		pid_t pid;

		ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			close(fds[0]);
			run_probe(_metadata, &req, fds[1]);
		}
		close(fds[1]);
		ok = recv_msg(fds[0], results, sizeof(results));
		close(fds[0]);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
	} else {
		send_msg(_metadata, h->cmd[variant->node][1], &req,
			 sizeof(req));
		ok = recv_msg(h->res[variant->node][0], results,
			      sizeof(results));
	}
	ASSERT_TRUE(ok)
	{
		TH_LOG("The reader failed");
	}

	for (i = 0; i < ARRAY_SIZE(matrix); i++) {
		if (matrix[i].reader != variant->reader)
			continue;
		count++;
		check_cell(_metadata, h, &matrix[i],
			   &results[matrix[i].target]);
		if (matrix[i].parent != HIDDEN)
			nr_visible++;
	}
	EXPECT_EQ(NR_TARGETS, count);

	/*
	 * Nothing else is listed, except for unsandboxed readers that may see
	 * the layers of other tests.
	 */
	for (i = 0; i < NR_TARGETS; i++) {
		const int seen = results[i].nr_listed;

		EXPECT_TRUE(variant->node >= 0 ? seen == nr_visible :
						 seen >= nr_visible)
		{
			TH_LOG("Listed %d layers instead of %d", seen,
			       nr_visible);
		}
	}
}

/* IDs across interfaces */

FIXTURE(audit_ids)
{
	struct audit_env audit;
	struct audit_log *log;
	char base[PATH_MAX];
};

FIXTURE_SETUP(audit_ids)
{
	char tmp[] = BASE_TEMPLATE;
	int err;

	if (!setup_securityfs(_metadata))
		return;

	err = audit_init(&self->audit);
	if (audit_is_unavailable(err))
		SKIP(return, "Cannot be the audit daemon: %s", strerror(-err));
	ASSERT_EQ(0, err);

	ASSERT_NE(NULL, mkdtemp(tmp));
	ASSERT_NE(NULL, realpath(tmp, self->base));
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount("tmpfs", self->base, "tmpfs", 0, "size=1m"));

	self->log = calloc(1, sizeof(*self->log));
	ASSERT_NE(NULL, self->log);
	/* Ignores the records of previous tests. */
	audit_drain(self->audit.fd, 200, 3000);
}

/* Runs in the parent of the test process, once the latter is gone. */
FIXTURE_TEARDOWN_PARENT(audit_ids)
{
	EXPECT_EQ(0, audit_restore(&self->audit));
	if (self->base[0])
		EXPECT_EQ(0, rmdir(self->base));
}

/* Returns the domain ID of the first access record with @fields, or 0. */
static __u64 wait_access_id(struct __test_metadata *const _metadata,
			    const int fd, struct audit_log *const log,
			    const char *const fields)
{
	__u64 id = 0;
	int index;

	index = audit_wait_fields(fd, log, AUDIT_LANDLOCK_ACCESS, 0, fields,
				  2000, &id);
	EXPECT_LE(0, index)
	{
		TH_LOG("No access record with %s: %s", fields,
		       strerror(-index));
	}
	return id;
}

static void expect_record(struct __test_metadata *const _metadata, const int fd,
			  struct audit_log *const log, const __u16 type,
			  const __u64 id, const char *const fields)
{
	size_t i;
	int ret;

	ret = audit_wait_fields(fd, log, type, id, fields, 2000, NULL);
	EXPECT_LE(0, ret)
	{
		TH_LOG("No record %u for %llx with %s: %s", type,
		       (unsigned long long)id, fields, strerror(-ret));
		for (i = 0; i < log->count; i++)
			TH_LOG("Record %u: %s", log->records[i].type,
			       log->records[i].text);
	}
}

/*
 * The ID read from procfs is the name of the layer's directory and the
 * domain= value of the audit records of this layer.
 */
TEST_F(audit_ids, agree)
{
	char file[PATH_MAX], fields[PATH_MAX + 64];
	struct peer peer;
	__u64 id1, id2, id;
	int fd;

	ASSERT_GT(sizeof(file),
		  snprintf(file, sizeof(file), "%s/file", self->base));
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);

	if (fork_peer(_metadata, &peer) == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		add_layer(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0, 0, 0);
		send_byte(_metadata, peer.out, 'r');
		ASSERT_EQ('d', recv_byte(peer.in));
		EXPECT_EQ(-1, open(file, O_RDONLY | O_CLOEXEC));
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(-1, open(file, O_WRONLY | O_CLOEXEC));
		EXPECT_EQ(EACCES, errno);
		send_byte(_metadata, peer.out, 'd');
		recv_byte(peer.in);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ('r', recv_byte(peer.in));

	id2 = read_proc_id(_metadata, peer.pid, 0);
	ASSERT_NE(0, id2);
	EXPECT_EQ(id2, read_proc_id(_metadata, peer.pid, peer.pid));
	id1 = read_parent_id(_metadata, id2);
	ASSERT_NE(0, id1);
	EXPECT_EQ(0, read_parent_id(_metadata, id1));
	EXPECT_EQ(1, is_listed(id1));
	EXPECT_EQ(1, is_listed(id2));

	send_byte(_metadata, peer.out, 'd');
	ASSERT_EQ('d', recv_byte(peer.in));

	/* The read is denied by the first layer only. */
	snprintf(fields, sizeof(fields), "blockers=fs.read_file path=\"%s\"",
		 file);
	id = wait_access_id(_metadata, self->audit.fd, self->log, fields);
	EXPECT_EQ(id1, id);
	/* The write is denied by the second layer only. */
	snprintf(fields, sizeof(fields), "blockers=fs.write_file path=\"%s\"",
		 file);
	id = wait_access_id(_metadata, self->audit.fd, self->log, fields);
	EXPECT_EQ(id2, id);

	/* Each layer that logged a denial was described first. */
	snprintf(fields, sizeof(fields), "status=allocated pid=%d", peer.pid);
	expect_record(_metadata, self->audit.fd, self->log,
		      AUDIT_LANDLOCK_DOMAIN, id1, fields);
	expect_record(_metadata, self->audit.fd, self->log,
		      AUDIT_LANDLOCK_DOMAIN, id2, fields);

	stop_peer(_metadata, &peer);
}

/*
 * procfs names the youngest layer the reader sees, which is not always the
 * layer named by the domain= field of the task's records: here the youngest
 * layer, which denies the access, was created as root and the older one as
 * the other uid.  An administrator (root) reads the youngest layer's ID and
 * can join it to the records; the other uid reads the older layer's ID, and
 * never learns the hidden one.
 */
TEST_F(audit_ids, proc_youngest_visible)
{
	char file[PATH_MAX], fields[PATH_MAX + 64], proc[PATH_MAX];
	char buf[ID_LINE_SIZE], expected[ID_LINE_SIZE];
	__u64 older, younger, id;
	struct peer peer;
	pid_t child;
	int fd, status;

	make_path(_metadata, file, self->base, "file");
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);

	if (fork_peer(_metadata, &peer) == 0) {
		set_creds(_metadata, CREDS_OTHER_KEEP);
		add_harmless_layer(_metadata);
		set_creds(_metadata, CREDS_ROOT);
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		EXPECT_EQ(-1, open(file, O_RDONLY | O_CLOEXEC));
		EXPECT_EQ(EACCES, errno);
		set_creds(_metadata, CREDS_OTHER);
		ready_until_stopped(_metadata, &peer);
	}
	younger = wait_ready_layer(_metadata, &peer);
	older = read_parent_id(_metadata, younger);
	ASSERT_NE(0, older);

	proc_path(proc, sizeof(proc), peer.pid, 0);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		set_creds(_metadata, CREDS_OTHER);
		ASSERT_EQ(0, read_path(proc, buf, sizeof(buf)));
		id_line(expected, sizeof(expected), older);
		EXPECT_STREQ(expected, buf);
		EXPECT_EQ(0, is_listed(younger));
		EXPECT_EQ(1, is_listed(older));
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);

	snprintf(fields, sizeof(fields), "blockers=fs.read_file path=\"%s\"",
		 file);
	id = wait_access_id(_metadata, self->audit.fd, self->log, fields);
	EXPECT_EQ(younger, id);
	EXPECT_NE(older, id);
	stop_peer(_metadata, &peer);
}

/* Content of the layer directories */

FIXTURE(introspection)
{
	pid_t owner;
	char base[PATH_MAX];
};

FIXTURE_SETUP(introspection)
{
	char tmp[] = BASE_TEMPLATE;

	self->owner = getpid();
	if (!setup_securityfs(_metadata))
		return;
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));

	/* The tmpfs disappears with the mount namespace of the test. */
	ASSERT_NE(NULL, mkdtemp(tmp));
	ASSERT_NE(NULL, realpath(tmp, self->base));
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount("tmpfs", self->base, "tmpfs", 0, "size=1m"));
}

FIXTURE_TEARDOWN(introspection)
{
	if (getpid() != self->owner || !self->base[0])
		return;
	reap_all();
	EXPECT_EQ(0, umount(self->base));
	EXPECT_EQ(0, rmdir(self->base));
}

TEST_F(introspection, abi_and_features)
{
	static const char *const landlock_entries[] = {
		"abi_version",
		"features",
		"domains",
	};
	static const char *const feature_files[] = {
		"fs",
		"net",
		"scope",
		"restrict_self",
	};
	char path[PATH_MAX];
	unsigned int i;
	struct stat st;

	expect_content(_metadata, LANDLOCK_DIR "/abi_version", "7\n");
	expect_content(_metadata, LANDLOCK_DIR "/features/fs", FS_NAMES_ALL);
	expect_content(_metadata, LANDLOCK_DIR "/features/net",
		       "bind_tcp connect_tcp\n");
	expect_content(_metadata, LANDLOCK_DIR "/features/scope",
		       "abstract_unix_socket signal\n");
	expect_content(_metadata, LANDLOCK_DIR "/features/restrict_self",
		       LOG_NAMES_ALL);

	for (i = 0; i < ARRAY_SIZE(landlock_entries); i++) {
		snprintf(path, sizeof(path), LANDLOCK_DIR "/%s",
			 landlock_entries[i]);
		EXPECT_EQ(0, stat(path, &st))
		{
			TH_LOG("Missing %s", path);
		}
	}
	for (i = 0; i < ARRAY_SIZE(feature_files); i++) {
		snprintf(path, sizeof(path), LANDLOCK_DIR "/features/%s",
			 feature_files[i]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(0444, st.st_mode & 07777);
	}
}

/* Files of a layer directory, in order, and their modes. */
TEST_F(introspection, layer_dir)
{
	char path[PATH_MAX];
	struct dirent *entry;
	struct peer peer;
	unsigned int i = 0;
	struct stat st;
	DIR *dir;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);

	layer_path(path, sizeof(path), id, NULL);
	ASSERT_EQ(0, stat(path, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(0555, st.st_mode & 07777);

	dir = opendir(path);
	ASSERT_NE(NULL, dir);
	while ((entry = readdir(dir))) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		ASSERT_GT(NR_LAYER_FILES, i)
		{
			TH_LOG("Unexpected file %s", entry->d_name);
		}
		EXPECT_STREQ(layer_files[i], entry->d_name);
		i++;
	}
	closedir(dir);
	EXPECT_EQ(NR_LAYER_FILES, i);

	for (i = 0; i < NR_LAYER_FILES; i++) {
		layer_path(path, sizeof(path), id, layer_files[i]);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(0444, st.st_mode & 07777)
		{
			TH_LOG("Unexpected mode of %s", layer_files[i]);
		}
	}

	expect_layer_file(_metadata, id, "mode", "enforcing\n");
	stop_peer(_metadata, &peer);
}

/* handled_fs, handled_net, scoped and parent of three nested layers. */
TEST_F(introspection, handled)
{
	static const struct layer_spec specs[] = {
		{
			.fs = LANDLOCK_ACCESS_FS_EXECUTE |
			      LANDLOCK_ACCESS_FS_READ_DIR |
			      LANDLOCK_ACCESS_FS_REMOVE_FILE |
			      LANDLOCK_ACCESS_FS_REFER |
			      LANDLOCK_ACCESS_FS_IOCTL_DEV,
			.net = LANDLOCK_ACCESS_NET_CONNECT_TCP,
			.scoped = LANDLOCK_SCOPE_SIGNAL,
		},
		{
			.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
		},
		{
			.fs = ACCESS_FS_ALL,
			.net = ACCESS_NET_ALL,
			.scoped = SCOPE_ALL,
		},
	};
	static const struct {
		const char *fs, *net, *scoped;
	} expected[ARRAY_SIZE(specs)] = {
		{
			.fs = "execute read_dir remove_file refer ioctl_dev\n",
			.net = "connect_tcp\n",
			.scoped = "signal\n",
		},
		{
			.fs = "\n",
			.net = "\n",
			.scoped = "abstract_unix_socket\n",
		},
		{
			.fs = FS_NAMES_ALL,
			.net = "bind_tcp connect_tcp\n",
			.scoped = "abstract_unix_socket signal\n",
		},
	};
	__u64 ids[ARRAY_SIZE(specs)];
	struct peer peer;
	unsigned int i;

	ASSERT_NE(0, spawn_layers(_metadata, &peer, specs, ARRAY_SIZE(specs),
				  ids));
	expect_layer_file(_metadata, ids[0], "parent", "none\n");

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		expect_layer_file(_metadata, ids[i], "handled_fs",
				  expected[i].fs);
		expect_layer_file(_metadata, ids[i], "handled_net",
				  expected[i].net);
		expect_layer_file(_metadata, ids[i], "scoped",
				  expected[i].scoped);
		/* No rule: no line. */
		expect_layer_file(_metadata, ids[i], "rules", "");
		expect_layer_file(_metadata, ids[i], "mode", "enforcing\n");
		expect_layer_file(_metadata, ids[i], "denials", "0\n");
		expect_layer_file(_metadata, ids[i], "log_flags", "\n");
	}
	stop_peer(_metadata, &peer);
}

static int compare_strings(const void *const a, const void *const b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Checks a rules file: the fs lines first in any order, then the net lines
 * in the given order.  The expected lines have no newline.
 */
static void expect_rules(struct __test_metadata *const _metadata,
			 const __u64 id, const char **const fs_lines,
			 const size_t nr_fs, const char *const *const net_lines,
			 const size_t nr_net)
{
	char buf[CONTENT_SIZE], *lines[MAX_LINES], *pos, *end;
	size_t nr_lines = 0, i;
	int err;

	err = read_layer_file(id, "rules", buf, sizeof(buf));
	ASSERT_EQ(0, err);

	for (pos = buf; *pos; pos = end + 1) {
		end = strchr(pos, '\n');
		ASSERT_NE(NULL, end)
		{
			TH_LOG("Missing final newline");
		}
		*end = '\0';
		ASSERT_GT(MAX_LINES, nr_lines);
		lines[nr_lines++] = pos;
	}
	ASSERT_EQ(nr_fs + nr_net, nr_lines);

	qsort(lines, nr_fs, sizeof(lines[0]), compare_strings);
	qsort(fs_lines, nr_fs, sizeof(fs_lines[0]), compare_strings);
	for (i = 0; i < nr_fs; i++)
		EXPECT_STREQ(fs_lines[i], lines[i]);
	for (i = 0; i < nr_net; i++)
		EXPECT_STREQ(net_lines[i], lines[nr_fs + i]);
}

static char *fs_rule_line(const char *const path, const char *const rights,
			  const char *const escaped)
{
	struct stat st;
	char *line;

	if (stat(path, &st))
		return NULL;
	if (asprintf(&line, "fs %u:%u %llu %s %s", major(st.st_dev),
		     minor(st.st_dev), (unsigned long long)st.st_ino, rights,
		     escaped) < 0)
		return NULL;
	return line;
}

/*
 * Rules of two nested layers, with paths inside the tmpfs, which need
 * escaping.  Each layer handles all the rights, so that the rights of a rule
 * are exactly the allowed ones.
 */
TEST_F(introspection, rules)
{
	static const char *const net_lines[] = {
		"net 80 bind_tcp,connect_tcp",
		"net 4242 connect_tcp",
	};
	char dir1[PATH_MAX], sub[PATH_MAX], dir2[PATH_MAX], file[PATH_MAX];
	const char *fs_lines1[3], *fs_lines2[1];
	struct peer peer;
	__u64 id1, id2;
	int fd, i;

	make_path(_metadata, dir1, self->base, "a dir");
	make_path(_metadata, sub, self->base, "sub");
	make_path(_metadata, dir2, sub, "t\tb\\n\n");
	make_path(_metadata, file, sub, "file");
	ASSERT_EQ(0, mkdir(dir1, 0700));
	ASSERT_EQ(0, mkdir(sub, 0700));
	ASSERT_EQ(0, mkdir(dir2, 0700));
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);

	fs_lines1[0] =
		fs_rule_line(dir1, "execute,read_file,read_dir", "/a\\040dir");
	fs_lines1[1] = fs_rule_line(dir2,
				    "write_file,remove_file,make_reg,refer",
				    "/sub/t\\011b\\134n\\012");
	fs_lines1[2] =
		fs_rule_line(file, "read_file,truncate,ioctl_dev", "/sub/file");
	fs_lines2[0] = fs_rule_line(dir1, "read_file", "/a\\040dir");
	for (i = 0; i < 3; i++)
		ASSERT_NE(NULL, fs_lines1[i]);
	ASSERT_NE(NULL, fs_lines2[0]);

	if (fork_peer(_metadata, &peer) == 0) {
		int ruleset_fd;

		ruleset_fd = create_ruleset(_metadata, ACCESS_FS_ALL,
					    ACCESS_NET_ALL, 0);
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_EXECUTE |
				      LANDLOCK_ACCESS_FS_READ_FILE |
				      LANDLOCK_ACCESS_FS_READ_DIR,
			      dir1);
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_WRITE_FILE |
				      LANDLOCK_ACCESS_FS_REMOVE_FILE |
				      LANDLOCK_ACCESS_FS_MAKE_REG |
				      LANDLOCK_ACCESS_FS_REFER,
			      dir2);
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_FILE |
				      LANDLOCK_ACCESS_FS_TRUNCATE |
				      LANDLOCK_ACCESS_FS_IOCTL_DEV,
			      file);
		/* Not sorted by port. */
		add_net_rule(_metadata, ruleset_fd,
			     LANDLOCK_ACCESS_NET_CONNECT_TCP, 4242);
		add_net_rule(_metadata, ruleset_fd, ACCESS_NET_ALL, 80);
		enforce(_metadata, ruleset_fd, 0);

		ruleset_fd = create_ruleset(_metadata, ACCESS_FS_ALL, 0, 0);
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_FILE, dir1);
		enforce(_metadata, ruleset_fd, 0);

		ready_until_stopped(_metadata, &peer);
	}
	ASSERT_EQ('r', recv_byte(peer.in));

	id2 = read_proc_id(_metadata, peer.pid, 0);
	ASSERT_NE(0, id2);
	id1 = read_parent_id(_metadata, id2);
	ASSERT_NE(0, id1);

	expect_rules(_metadata, id1, fs_lines1, ARRAY_SIZE(fs_lines1),
		     net_lines, ARRAY_SIZE(net_lines));
	/* Only the rules added by the layer itself. */
	expect_rules(_metadata, id2, fs_lines2, ARRAY_SIZE(fs_lines2), NULL, 0);

	stop_peer(_metadata, &peer);
	for (i = 0; i < 3; i++)
		free((void *)fs_lines1[i]);
	free((void *)fs_lines2[0]);
}

/* The creator's real uid, executable and comm at the time of the layer. */
TEST_F(introspection, creator)
{
	char exe[PATH_MAX], expected[PATH_MAX + 1];
	struct peer peer;
	ssize_t len;
	__u64 id;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, len);
	exe[len] = '\0';

	if (fork_peer(_metadata, &peer) == 0) {
		/* The real uid differs from the effective one. */
		ASSERT_EQ(0, setresuid(OTHER_UID, 0, 0));
		ASSERT_EQ(0, prctl(PR_SET_NAME, "ll-creator"));
		add_harmless_layer(_metadata);
		/* Too late for the layer. */
		ASSERT_EQ(0, prctl(PR_SET_NAME, "ll-renamed"));
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);

	snprintf(expected, sizeof(expected), "%d\n", peer.pid);
	expect_layer_file(_metadata, id, "creator_pid", expected);
	snprintf(expected, sizeof(expected), "%d\n", OTHER_UID);
	expect_layer_file(_metadata, id, "creator_uid", expected);
	snprintf(expected, sizeof(expected), "%s\n", exe);
	expect_layer_file(_metadata, id, "creator_exe", expected);
	expect_layer_file(_metadata, id, "creator_comm", "ll-creator\n");

	stop_peer(_metadata, &peer);
}

struct thread_arg {
	int in, out;
};

/* Creates a layer for this thread only, and waits for the end of file. */
static void *sandbox_thread(void *const data)
{
	const struct thread_arg *const arg = data;
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_MAKE_FIFO,
	};
	pid_t tid = -1;
	int ruleset_fd;
	char byte;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset_fd >= 0 && !prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) &&
	    !landlock_restrict_self(ruleset_fd, 0))
		tid = sys_gettid();
	if (write(arg->out, &tid, sizeof(tid)) != sizeof(tid))
		return NULL;
	if (read(arg->in, &byte, 1) < 0)
		return NULL;
	return NULL;
}

/*
 * A layer created by a thread: the process's file names it for this thread
 * only, and creator_pid is the thread group ID.
 */
TEST_F(introspection, creator_thread)
{
	char expected[ID_LINE_SIZE];
	struct peer peer;
	pid_t tid;
	__u64 id;

	if (fork_peer(_metadata, &peer) == 0) {
		struct thread_arg arg = {
			.in = peer.in,
			.out = peer.out,
		};
		pthread_t thread;

		ASSERT_EQ(0,
			  pthread_create(&thread, NULL, sandbox_thread, &arg));
		ASSERT_EQ(0, pthread_join(thread, NULL));
		_exit(_metadata->exit_code);
	}
	ASSERT_TRUE(recv_msg(peer.in, &tid, sizeof(tid)));
	ASSERT_LT(0, tid);
	ASSERT_NE(peer.pid, tid);

	/* The main thread is not sandboxed. */
	EXPECT_EQ(0, read_proc_id(_metadata, peer.pid, 0));
	EXPECT_EQ(0, read_proc_id(_metadata, peer.pid, peer.pid));
	id = read_proc_id(_metadata, peer.pid, tid);
	ASSERT_NE(0, id);

	snprintf(expected, sizeof(expected), "%d\n", peer.pid);
	expect_layer_file(_metadata, id, "creator_pid", expected);

	stop_peer(_metadata, &peer);
}

/*
 * creator_pid reads 0 once the creator exited, while a child keeps the layer
 * alive.  The layer goes away with this child.
 */
TEST_F(introspection, creator_exited)
{
	char expected[ID_LINE_SIZE], path[PATH_MAX], comm[16] = {};
	struct peer peer;
	int keep[2], status;
	pid_t child;
	__u64 id;

	ASSERT_EQ(0, prctl(PR_GET_NAME, comm));
	ASSERT_EQ(0, pipe2(keep, O_CLOEXEC));
	if (fork_peer(_metadata, &peer) == 0) {
		close(keep[1]);
		add_harmless_layer(_metadata);
		child = fork();
		ASSERT_LE(0, child);
		if (child == 0) {
			/* Waits for the end of file from the test process. */
			recv_byte(keep[0]);
			_exit(_metadata->exit_code);
		}
		send_msg(_metadata, peer.out, &child, sizeof(child));
		ASSERT_EQ('x', recv_byte(peer.in));
		_exit(_metadata->exit_code);
	}
	close(keep[0]);
	ASSERT_TRUE(recv_msg(peer.in, &child, sizeof(child)));
	id = read_proc_id(_metadata, peer.pid, 0);
	ASSERT_NE(0, id);
	EXPECT_EQ(id, read_proc_id(_metadata, child, 0));
	snprintf(expected, sizeof(expected), "%d\n", peer.pid);
	expect_layer_file(_metadata, id, "creator_pid", expected);

	/* Ends and reaps the creator. */
	send_byte(_metadata, peer.out, 'x');
	ASSERT_EQ(peer.pid, waitpid(peer.pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	EXPECT_EQ(1, is_listed(id));
	expect_layer_file(_metadata, id, "creator_pid", "0\n");
	snprintf(expected, sizeof(expected), "%s\n", comm);
	expect_layer_file(_metadata, id, "creator_comm", expected);

	/* Ends the child, adopted by the test process. */
	close(keep[1]);
	close_fd(&peer.out);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close_fd(&peer.in);

	ASSERT_TRUE(wait_layer_gone(id));
	EXPECT_EQ(0, is_listed(id));
	layer_path(path, sizeof(path), id, "creator_pid");
	EXPECT_EQ(-ENOENT, read_path(path, expected, sizeof(expected)));
}

/*
 * creator_pid and creator_uid are translated into the reader's namespaces:
 * the creator is not in a new PID namespace.  A reader in a new user
 * namespace does not see a live creator of the parent one.
 */
TEST_F(introspection, creator_namespaces)
{
	char buf[ID_LINE_SIZE];
	struct peer peer;
	pid_t child;
	int status;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);
	snprintf(buf, sizeof(buf), "%d\n", peer.pid);
	expect_layer_file(_metadata, id, "creator_pid", buf);
	expect_layer_file(_metadata, id, "creator_uid", "0\n");

	/* Reader in a new PID namespace. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		pid_t grandchild;

		ASSERT_EQ(0, unshare(CLONE_NEWPID));
		grandchild = fork();
		ASSERT_LE(0, grandchild);
		if (grandchild == 0) {
			expect_layer_file(_metadata, id, "creator_pid", "0\n");
			expect_layer_file(_metadata, id, "creator_uid", "0\n");
			_exit(_metadata->exit_code);
		}
		ASSERT_EQ(grandchild, waitpid(grandchild, &status, 0));
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status));
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);

	/*
	 * Reader in a new user namespace without mapping: still the same
	 * kernel uid and gid as the creator, but, as for ptrace(2), the
	 * capability rules keep it from reading a live process of the parent
	 * user namespace, so the layer is hidden while its creator lives.
	 */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char path[PATH_MAX];

		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		layer_path(path, sizeof(path), id, "creator_uid");
		EXPECT_EQ(-ENOENT, read_path(path, buf, sizeof(buf)));
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);

	stop_peer(_metadata, &peer);
}

/*
 * A creator in a user namespace of its own: an administrator of the initial
 * namespace still sees it, with its kernel uid, and the layer (with the
 * namespace it references) goes away with its creator.
 */
TEST_F(introspection, creator_in_user_namespace)
{
	char buf[ID_LINE_SIZE];
	struct peer peer;
	__u64 id;

	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	snprintf(buf, sizeof(buf), "%d\n", peer.pid);
	expect_layer_file(_metadata, id, "creator_pid", buf);
	expect_layer_file(_metadata, id, "creator_uid", "0\n");

	stop_peer(_metadata, &peer);
	ASSERT_TRUE(wait_layer_gone(id));
}

/* Denials are counted for the youngest layer that denied. */
TEST_F(introspection, denials)
{
	char file[PATH_MAX];
	struct peer peer;
	__u64 id1, id2;
	struct stat st;
	int fd, i;

	make_path(_metadata, file, self->base, "file");
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);

	if (fork_peer(_metadata, &peer) == 0) {
		add_layer(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0, 0);
		add_layer(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0, 0, 0);
		send_byte(_metadata, peer.out, 'r');
		ASSERT_EQ('d', recv_byte(peer.in));
		for (i = 0; i < 3; i++) {
			EXPECT_EQ(-1, open(file, O_RDONLY | O_CLOEXEC));
			EXPECT_EQ(EACCES, errno);
		}
		for (i = 0; i < 2; i++) {
			EXPECT_EQ(-1, open(file, O_WRONLY | O_CLOEXEC));
			EXPECT_EQ(EACCES, errno);
		}
		/* Allowed. */
		EXPECT_EQ(0, stat(file, &st));
		send_byte(_metadata, peer.out, 'd');
		recv_byte(peer.in);
		_exit(_metadata->exit_code);
	}
	id2 = wait_ready_layer(_metadata, &peer);
	id1 = read_parent_id(_metadata, id2);
	ASSERT_NE(0, id1);
	expect_layer_file(_metadata, id1, "denials", "0\n");
	expect_layer_file(_metadata, id2, "denials", "0\n");

	send_byte(_metadata, peer.out, 'd');
	ASSERT_EQ('d', recv_byte(peer.in));
	expect_layer_file(_metadata, id1, "denials", "3\n");
	expect_layer_file(_metadata, id2, "denials", "2\n");

	stop_peer(_metadata, &peer);
}

/*
 * A permissive layer reads as such in mode and log_flags (which also lists
 * log_new_exec_on, always on for such a layer), and counts in denials the
 * accesses it lets through; the enforcing layer on top of it is unchanged.
 */
TEST_F(introspection, permissive_layer)
{
	static const struct layer_spec specs[] = {
		{
			.fs = LANDLOCK_ACCESS_FS_READ_FILE,
			.flags = LANDLOCK_RESTRICT_SELF_PERMISSIVE |
				 LOG_SAME_EXEC_OFF,
		},
		{
			.fs = LANDLOCK_ACCESS_FS_MAKE_FIFO,
		},
	};
	char file[PATH_MAX];
	struct peer peer;
	__u64 ids[2];
	int fd;

	make_path(_metadata, file, self->base, "file");
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);

	if (fork_peer(_metadata, &peer) == 0) {
		add_layer(_metadata, specs[0].fs, 0, 0, specs[0].flags);
		add_layer(_metadata, specs[1].fs, 0, 0, specs[1].flags);
		/* Only the permissive layer refuses it. */
		fd = open(file, O_RDONLY | O_CLOEXEC);
		EXPECT_LE(0, fd);
		close(fd);
		ready_until_stopped(_metadata, &peer);
	}
	ids[1] = wait_ready_layer(_metadata, &peer);
	ids[0] = read_parent_id(_metadata, ids[1]);
	ASSERT_NE(0, ids[0]);

	expect_layer_file(_metadata, ids[0], "mode", "permissive\n");
	expect_layer_file(_metadata, ids[0], "log_flags",
			  "log_same_exec_off log_new_exec_on permissive\n");
	expect_layer_file(_metadata, ids[0], "denials", "1\n");
	expect_layer_file(_metadata, ids[1], "mode", "enforcing\n");
	expect_layer_file(_metadata, ids[1], "log_flags", "\n");
	expect_layer_file(_metadata, ids[1], "denials", "0\n");
	stop_peer(_metadata, &peer);
}

/* Reads "none" from the inside, whether sandboxed or not. */
TEST_F(introspection, proc_self)
{
	char path[PATH_MAX], buf[ID_LINE_SIZE];
	struct peer peer;
	struct stat st;
	__u64 id;

	expect_content(_metadata, "/proc/self/attr/landlock/domain", "none\n");
	expect_content(_metadata, "/proc/thread-self/attr/landlock/domain",
		       "none\n");

	if (fork_peer(_metadata, &peer) == 0) {
		add_harmless_layer(_metadata);
		add_harmless_layer(_metadata);
		send_byte(_metadata, peer.out, 'r');
		ASSERT_TRUE(recv_msg(peer.in, &id, sizeof(id)));

		expect_content(_metadata, "/proc/self/attr/landlock/domain",
			       "none\n");
		expect_content(_metadata,
			       "/proc/thread-self/attr/landlock/domain",
			       "none\n");
		proc_path(path, sizeof(path), getpid(), 0);
		expect_content(_metadata, path, "none\n");
		proc_path(path, sizeof(path), getpid(), sys_gettid());
		expect_content(_metadata, path, "none\n");

		/* Its own layers are not below its domain. */
		EXPECT_EQ(0, is_listed(id));
		layer_path(path, sizeof(path), id, NULL);
		EXPECT_EQ(-1, stat(path, &st));
		EXPECT_EQ(ENOENT, errno);
		layer_path(path, sizeof(path), id, "parent");
		EXPECT_EQ(-ENOENT, read_path(path, buf, sizeof(buf)));

		_exit(_metadata->exit_code);
	}
	id = wait_ready_layer(_metadata, &peer);
	send_msg(_metadata, peer.out, &id, sizeof(id));
	stop_peer(_metadata, &peer);
}

/* The procfs file cannot be opened for writing, even by root. */
TEST_F(introspection, proc_write_open)
{
	static const int flags[] = { O_WRONLY, O_RDWR, O_WRONLY | O_TRUNC };
	char paths[3][PATH_MAX];
	struct peer peer;
	unsigned int i, j;
	struct stat st;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);

	snprintf(paths[0], sizeof(paths[0]), "/proc/self/attr/landlock/domain");
	proc_path(paths[1], sizeof(paths[1]), peer.pid, 0);
	proc_path(paths[2], sizeof(paths[2]), peer.pid, peer.pid);
	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		ASSERT_EQ(0, stat(paths[i], &st));
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(0444, st.st_mode & 07777);
		for (j = 0; j < ARRAY_SIZE(flags); j++) {
			EXPECT_EQ(-1, open(paths[i], flags[j] | O_CLOEXEC))
			{
				TH_LOG("Opened %s with flags %#x", paths[i],
				       flags[j]);
			}
			EXPECT_EQ(EACCES, errno);
		}
	}
	stop_peer(_metadata, &peer);
}

/* The other files of /proc/<pid>/attr/ are still there. */
TEST_F(introspection, proc_attr_dir)
{
	static const struct {
		const char *name;
		mode_t mode;
	} entries[] = {
		{ "current", S_IFREG | 0666 },
		{ "prev", S_IFREG | 0444 },
		{ "exec", S_IFREG | 0666 },
		{ "fscreate", S_IFREG | 0666 },
		{ "keycreate", S_IFREG | 0666 },
		{ "sockcreate", S_IFREG | 0666 },
		{ "landlock", S_IFDIR | 0555 },
	};
	char path[PATH_MAX];
	unsigned int i;
	struct stat st;

	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		snprintf(path, sizeof(path), "/proc/self/attr/%s",
			 entries[i].name);
		ASSERT_EQ(0, stat(path, &st))
		{
			TH_LOG("Missing %s", path);
		}
		EXPECT_EQ(entries[i].mode, st.st_mode & (S_IFMT | 07777))
		{
			TH_LOG("Unexpected mode of %s: %o", path, st.st_mode);
		}
		snprintf(path, sizeof(path), "/proc/self/task/%d/attr/%s",
			 sys_gettid(), entries[i].name);
		EXPECT_EQ(0, stat(path, &st))
		{
			TH_LOG("Missing %s", path);
		}
	}
}

/* Only the canonical spelling of an ID finds its layer. */
TEST_F(introspection, non_canonical_lookup)
{
	char id_str[ID_LINE_SIZE], upper[ID_LINE_SIZE], path[PATH_MAX];
	char names[12][ID_LINE_SIZE * 2];
	unsigned int i, nr_names = 0;
	struct peer peer;
	struct stat st;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);
	snprintf(id_str, sizeof(id_str), "%llx", (unsigned long long)id);
	layer_path(path, sizeof(path), id, NULL);
	ASSERT_EQ(0, stat(path, &st));

	for (i = 0; id_str[i]; i++)
		upper[i] = toupper(id_str[i]);
	upper[i] = '\0';
	if (strcmp(upper, id_str))
		snprintf(names[nr_names++], sizeof(names[0]), "%s", upper);
	else
		TH_LOG("No letter in ID %s, skipping the uppercase name",
		       id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "0%s", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "00%s", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "0x%s", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "0X%s", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "+%s", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "%sg", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "%s ", id_str);
	snprintf(names[nr_names++], sizeof(names[0]), "%llu",
		 (unsigned long long)id);
	snprintf(names[nr_names++], sizeof(names[0]), "1%016llx",
		 (unsigned long long)id);
	snprintf(names[nr_names++], sizeof(names[0]), "garbage");
	snprintf(names[nr_names++], sizeof(names[0]), "0");

	for (i = 0; i < nr_names; i++) {
		snprintf(path, sizeof(path), DOMAINS_DIR "/%s", names[i]);
		EXPECT_EQ(-1, stat(path, &st))
		{
			TH_LOG("Found \"%s\"", names[i]);
		}
		EXPECT_EQ(ENOENT, errno);
		EXPECT_EQ(-1, open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
		EXPECT_EQ(ENOENT, errno);
		snprintf(path, sizeof(path), DOMAINS_DIR "/%s/parent",
			 names[i]);
		EXPECT_EQ(-1, stat(path, &st));
		EXPECT_EQ(ENOENT, errno);
	}

	stop_peer(_metadata, &peer);
}

/*
 * A file opened while its layer was alive reads ENOENT once the layer is
 * gone, whether it was read before or not, and the name is gone too.
 */
TEST_F(introspection, read_after_death)
{
	int fds[NR_LAYER_FILES], read_fd, dir_fd, fd, err;
	char path[PATH_MAX], buf[CONTENT_SIZE];
	struct peer peer;
	unsigned int i;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 2, NULL);
	ASSERT_NE(0, id);

	for (i = 0; i < NR_LAYER_FILES; i++) {
		layer_path(path, sizeof(path), id, layer_files[i]);
		fds[i] = open(path, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fds[i])
		{
			TH_LOG("Failed to open %s: %s", path, strerror(errno));
		}
	}
	layer_path(path, sizeof(path), id, "mode");
	read_fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, read_fd);
	ASSERT_EQ(0, read_all(read_fd, buf, sizeof(buf)));
	EXPECT_STREQ("enforcing\n", buf);
	layer_path(path, sizeof(path), id, NULL);
	dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, dir_fd);

	stop_peer(_metadata, &peer);
	ASSERT_TRUE(wait_layer_gone(id))
	{
		TH_LOG("Layer %llx still there", (unsigned long long)id);
	}

	for (i = 0; i < NR_LAYER_FILES; i++) {
		EXPECT_EQ(-ENOENT, read_all(fds[i], buf, sizeof(buf)))
		{
			TH_LOG("Read of %s after death: \"%s\"", layer_files[i],
			       buf);
		}
		close(fds[i]);
	}

	/* Rewinds, in case of content cached by the first read. */
	err = lseek(read_fd, 0, SEEK_SET) < 0 ?
		      -errno :
		      read_all(read_fd, buf, sizeof(buf));
	EXPECT_EQ(-ENOENT, err);
	close(read_fd);

	fd = openat(dir_fd, "parent", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ENOENT, errno);
	if (fd >= 0)
		close(fd);
	close(dir_fd);

	EXPECT_EQ(0, is_listed(id));
	layer_path(path, sizeof(path), id, "mode");
	EXPECT_EQ(-ENOENT, read_path(path, buf, sizeof(buf)));
}

/*
 * The procfs file is a snapshot taken at open: a layer added after the open
 * does not show up in a later read.
 */
TEST_F(introspection, proc_snapshot)
{
	char path[PATH_MAX], buf[ID_LINE_SIZE], expected[ID_LINE_SIZE];
	struct peer peer;
	__u64 id1, id2;
	int fd;

	if (fork_peer(_metadata, &peer) == 0) {
		add_harmless_layer(_metadata);
		send_byte(_metadata, peer.out, 'r');
		ASSERT_EQ('n', recv_byte(peer.in));
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	ASSERT_EQ('r', recv_byte(peer.in));
	proc_path(path, sizeof(path), peer.pid, 0);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	id1 = read_proc_id(_metadata, peer.pid, 0);
	ASSERT_NE(0, id1);

	send_byte(_metadata, peer.out, 'n');
	id2 = wait_ready_layer(_metadata, &peer);
	EXPECT_NE(id1, id2);
	EXPECT_EQ(id1, read_parent_id(_metadata, id2));

	id_line(expected, sizeof(expected), id1);
	EXPECT_EQ(0, read_all(fd, buf, sizeof(buf)));
	EXPECT_STREQ(expected, buf);
	close(fd);
	stop_peer(_metadata, &peer);
}

/*
 * Visibility is checked at open with the opener's credentials: files opened
 * by root still read the same content after a switch to the other uid,
 * which can no longer open them.
 */
TEST_F(introspection, checks_at_open)
{
	char proc[PATH_MAX], parent[PATH_MAX], buf[ID_LINE_SIZE];
	char expected[ID_LINE_SIZE];
	int proc_fd, parent_fd, status;
	struct peer peer;
	__u64 id, parent_id;
	pid_t child;

	id = spawn_layers(_metadata, &peer, NULL, 2, NULL);
	ASSERT_NE(0, id);
	parent_id = read_parent_id(_metadata, id);
	ASSERT_NE(0, parent_id);
	proc_path(proc, sizeof(proc), peer.pid, 0);
	layer_path(parent, sizeof(parent), id, "parent");

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		proc_fd = open(proc, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, proc_fd);
		parent_fd = open(parent, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, parent_fd);

		set_creds(_metadata, CREDS_OTHER);
		EXPECT_EQ(-EACCES, read_path(proc, buf, sizeof(buf)));
		EXPECT_EQ(-ENOENT, read_path(parent, buf, sizeof(buf)));

		id_line(expected, sizeof(expected), id);
		EXPECT_EQ(0, read_all(proc_fd, buf, sizeof(buf)));
		EXPECT_STREQ(expected, buf);
		id_line(expected, sizeof(expected), parent_id);
		EXPECT_EQ(0, read_all(parent_fd, buf, sizeof(buf)));
		EXPECT_STREQ(expected, buf);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
	stop_peer(_metadata, &peer);
}

/* Reads the file of @fd from its start. */
static int reread_fd(const int fd, char *const buf, const size_t size)
{
	if (lseek(fd, 0, SEEK_SET))
		return -errno;
	return read_all(fd, buf, size);
}

/*
 * The parent file is decided at open, as every check (rule 2), the LSM
 * ptrace hooks included.  A reader without capabilities may not ptrace a
 * process that has them (the commoncap hook): it reads "none" for the parent
 * made by such a creator, through a descriptor that it opened, whichever
 * process reads it later with other credentials.  A descriptor opened by a
 * reader with capabilities shows the parent to whoever reads it.
 */
TEST_F(introspection, parent_checked_at_open)
{
	char parent[PATH_MAX], buf[ID_LINE_SIZE], expected[ID_LINE_SIZE];
	int root_fd, fd, status;
	__u64 id, parent_id;
	struct peer peer;
	pid_t inner, child;

	/* The outer creator keeps its capabilities, the inner one drops them. */
	if (fork_peer(_metadata, &peer) == 0) {
		add_harmless_layer(_metadata);
		inner = fork();
		ASSERT_LE(0, inner);
		if (inner == 0) {
			inner = getpid();
			drop_caps(_metadata);
			add_harmless_layer(_metadata);
			send_msg(_metadata, peer.out, &inner, sizeof(inner));
			recv_byte(peer.in);
			_exit(_metadata->exit_code);
		}
		/* Alive while the test reads: the hooks ask about live tasks. */
		recv_byte(peer.in);
		ASSERT_EQ(inner, waitpid(inner, &status, 0));
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
	}
	ASSERT_TRUE(recv_msg(peer.in, &inner, sizeof(inner)));
	id = read_proc_id(_metadata, inner, 0);
	ASSERT_NE(0, id);
	parent_id = read_parent_id(_metadata, id);
	ASSERT_NE(0, parent_id);
	layer_path(parent, sizeof(parent), id, "parent");
	root_fd = open(parent, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, root_fd);

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		drop_caps(_metadata);
		id_line(expected, sizeof(expected), 0);
		EXPECT_EQ(0, read_path(parent, buf, sizeof(buf)));
		EXPECT_STREQ(expected, buf);

		fd = open(parent, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		inner = fork();
		ASSERT_LE(0, inner);
		if (inner == 0) {
			/* Other credentials, and another task. */
			EXPECT_EQ(0, reread_fd(fd, buf, sizeof(buf)));
			EXPECT_STREQ(expected, buf);
			_exit(_metadata->exit_code);
		}
		ASSERT_EQ(inner, waitpid(inner, &status, 0));
		EXPECT_EQ(0, status);

		id_line(expected, sizeof(expected), parent_id);
		EXPECT_EQ(0, reread_fd(root_fd, buf, sizeof(buf)));
		EXPECT_STREQ(expected, buf);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
	close(root_fd);
	stop_peer(_metadata, &peer);
}

/*
 * Runs @check in a child with the other uid and no capability, as a reader
 * that passes the credential check against a creator with the other uid.
 */
static void as_other_reader(struct __test_metadata *const _metadata,
			    const pid_t target, const __u64 id,
			    const bool proc_visible, const bool layer_visible)
{
	char proc[PATH_MAX], layer[PATH_MAX], buf[ID_LINE_SIZE];
	struct stat st;
	pid_t child;
	int status;

	proc_path(proc, sizeof(proc), target, 0);
	layer_path(layer, sizeof(layer), id, NULL);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		set_creds(_metadata, CREDS_OTHER);
		EXPECT_EQ(proc_visible ? 0 : -EACCES,
			  read_path(proc, buf, sizeof(buf)));
		EXPECT_EQ(layer_visible ? 0 : -1, stat(layer, &st));
		if (!layer_visible)
			EXPECT_EQ(ENOENT, errno);
		EXPECT_EQ(layer_visible, is_listed(id));
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
}

/*
 * The creator check of securityfs follows ptrace's dumpability rule, with
 * the dumpability the creator had when it created the layer: a layer created
 * by a non-dumpable process is hidden from another process of the same uid
 * without CAP_SYS_PTRACE, which cannot open the creator's procfs file
 * either.  A layer created while dumpable stays visible after its creator
 * turns non-dumpable, while procfs then refuses (see the user guide).
 */
TEST_F(introspection, creator_not_dumpable)
{
	struct peer peer;
	__u64 id;

	/* Non-dumpable when it creates the layer. */
	if (fork_peer(_metadata, &peer) == 0) {
		set_creds(_metadata, CREDS_OTHER);
		ASSERT_EQ(0, prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	EXPECT_EQ(1, is_listed(id));
	as_other_reader(_metadata, peer.pid, id, false, false);
	stop_peer(_metadata, &peer);

	/* Non-dumpable only after it created the layer. */
	if (fork_peer(_metadata, &peer) == 0) {
		set_creds(_metadata, CREDS_OTHER);
		add_harmless_layer(_metadata);
		ASSERT_EQ(0, prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	as_other_reader(_metadata, peer.pid, id, false, true);
	stop_peer(_metadata, &peer);
}

/*
 * A zombie keeps its credentials, thus its domain, until it is reaped: its
 * procfs file opens and names its youngest layer.  Once reaped, the file
 * is gone.
 */
TEST_F(introspection, proc_zombie)
{
	char path[PATH_MAX], buf[ID_LINE_SIZE];
	siginfo_t info = {};
	int dir_fd, fd;
	pid_t child;
	__u64 id;

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		add_harmless_layer(_metadata);
		_exit(_metadata->exit_code);
	}
	/* Waits for the exit, but leaves the zombie. */
	ASSERT_EQ(0, waitid(P_PID, child, &info, WEXITED | WNOWAIT));
	EXPECT_EQ(0, info.si_status);

	snprintf(path, sizeof(path), "/proc/%d/attr/landlock", child);
	dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, dir_fd);
	id = read_proc_id(_metadata, child, 0);
	EXPECT_NE(0, id);
	EXPECT_EQ(1, is_listed(id));

	ASSERT_EQ(child, waitpid(child, NULL, 0));
	proc_path(path, sizeof(path), child, 0);
	EXPECT_EQ(-ENOENT, read_path(path, buf, sizeof(buf)));
	fd = openat(dir_fd, "domain", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(-1, fd);
	EXPECT_TRUE(errno == ENOENT || errno == ESRCH)
	{
		TH_LOG("Unexpected error: %s", strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	close(dir_fd);
}

/* Log flags */

FIXTURE(log_flags)
{
	/* Unused: the layers live in the processes of each test. */
	int unused;
};

#include "log_flags_variants.h"

FIXTURE_SETUP(log_flags)
{
	setup_securityfs(_metadata);
}

FIXTURE_TEARDOWN(log_flags)
{
}

/* Formats a log_flags line from a list of flag names and log_disabled. */
static void log_flags_line(char *const buf, const size_t size,
			   const char *const names, const bool disabled)
{
	snprintf(buf, size, "%s%s%s\n", names, disabled && names[0] ? " " : "",
		 disabled ? "log_disabled" : "");
}

/*
 * Three nested layers: the first two with the variant's flags, the last one
 * without flag.  LOG_SUBDOMAINS_OFF disables the logging of the layers
 * created afterwards, but not of its own layer.
 */
TEST_F(log_flags, nested)
{
	const bool off = variant->flags & LOG_SUBDOMAINS_OFF;
	const struct layer_spec specs[] = {
		{ .fs = LANDLOCK_ACCESS_FS_MAKE_FIFO },
		{ .fs = LANDLOCK_ACCESS_FS_MAKE_FIFO, .flags = variant->flags },
		{ .fs = LANDLOCK_ACCESS_FS_MAKE_FIFO },
	};
	__u64 ids[ARRAY_SIZE(specs)];
	char expected[128];
	struct peer peer;

	ASSERT_NE(0, spawn_layers(_metadata, &peer, specs, ARRAY_SIZE(specs),
				  ids));
	expect_layer_file(_metadata, ids[0], "log_flags", "\n");
	log_flags_line(expected, sizeof(expected), variant->names, false);
	expect_layer_file(_metadata, ids[1], "log_flags", expected);
	log_flags_line(expected, sizeof(expected), "", off);
	expect_layer_file(_metadata, ids[2], "log_flags", expected);

	stop_peer(_metadata, &peer);
}

/*
 * The same flags under a layer with LOG_SUBDOMAINS_OFF: the new layer also
 * has log_disabled.
 */
TEST_F(log_flags, under_subdomains_off)
{
	char expected[128];
	struct peer peer;
	__u64 id;

	if (fork_peer(_metadata, &peer) == 0) {
		enforce(_metadata,
			create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO,
				       0, 0),
			LOG_SUBDOMAINS_OFF);
		enforce(_metadata,
			create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO,
				       0, 0),
			variant->flags);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);

	log_flags_line(expected, sizeof(expected), variant->names, true);
	expect_layer_file(_metadata, id, "log_flags", expected);
	expect_layer_file(_metadata, read_parent_id(_metadata, id), "log_flags",
			  "log_subdomains_off\n");

	stop_peer(_metadata, &peer);
}

/*
 * LOG_SUBDOMAINS_OFF without ruleset creates no layer and does not change
 * the existing ones, but the next layers have log_disabled.
 */
TEST_F(introspection, log_flags_without_ruleset)
{
	struct peer peer;
	__u64 id;

	/* From an unsandboxed process. */
	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	expect_layer_file(_metadata, id, "parent", "none\n");
	expect_layer_file(_metadata, id, "log_flags", "log_disabled\n");
	stop_peer(_metadata, &peer);

	/* From a sandboxed process. */
	if (fork_peer(_metadata, &peer) == 0) {
		add_harmless_layer(_metadata);
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		enforce(_metadata,
			create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO,
				       0, 0),
			LOG_NEW_EXEC_ON);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	expect_layer_file(_metadata, id, "log_flags",
			  "log_new_exec_on log_disabled\n");
	expect_layer_file(_metadata, read_parent_id(_metadata, id), "log_flags",
			  "\n");
	stop_peer(_metadata, &peer);
}

/* Introspection core (issue 8) */

/*
 * Defect 3: a domains/ directory opened by an unsandboxed process and
 * inherited by a sandboxed one lists what the caller may see, as lookup
 * does, not what the opener may see.
 */
TEST_F(introspection, readdir_checks_caller_creds)
{
	struct peer peer;
	int dir_fd;
	__u64 id;

	dir_fd = open(DOMAINS_DIR, O_RDONLY | O_DIRECTORY);
	ASSERT_LE(0, dir_fd);

	if (fork_peer(_metadata, &peer) == 0) {
		struct dirent *entry;
		char count = 0;
		DIR *dir;

		add_harmless_layer(_metadata);
		send_byte(_metadata, peer.out, 'r');
		ASSERT_EQ('g', recv_byte(peer.in));

		dir = fdopendir(dir_fd);
		ASSERT_NE(NULL, dir);
		while ((entry = readdir(dir))) {
			if (strcmp(entry->d_name, ".") &&
			    strcmp(entry->d_name, ".."))
				count++;
		}
		/* Not even its own layer. */
		send_byte(_metadata, peer.out, 'a' + count);
		recv_byte(peer.in);
		_exit(_metadata->exit_code);
	}
	close(dir_fd);
	id = wait_ready_layer(_metadata, &peer);
	EXPECT_EQ(1, is_listed(id));
	send_byte(_metadata, peer.out, 'g');
	EXPECT_EQ('a', recv_byte(peer.in))
	{
		TH_LOG("The sandboxed caller listed layers through the opener's credentials");
	}
	stop_peer(_metadata, &peer);
}

/* Returns the d_ino of @name in the directory @path, or 0. */
static __u64 listed_ino(const char *const path, const char *const name)
{
	struct dirent *entry;
	__u64 ino = 0;
	DIR *dir;

	dir = opendir(path);
	if (!dir)
		return 0;
	while ((entry = readdir(dir))) {
		if (strcmp(entry->d_name, name) == 0)
			ino = entry->d_ino;
	}
	closedir(dir);
	return ino;
}

/*
 * Defect 7: one inode number per directory and file, the same for stat(2)
 * and readdir, stable across lookups, and fitting 32 bits for compat
 * getdents.
 */
/* Inode numbers a layer directory and its files take (see securityfs.c). */
#define LAYER_INO_STRIDE 16

TEST_F(introspection, stable_inode_numbers)
{
	__u64 inos[NR_LAYER_FILES + 1];
	char path[PATH_MAX], name[ID_LINE_SIZE];
	struct peer peer;
	struct stat st;
	unsigned int i, j;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);
	snprintf(name, sizeof(name), "%llx", (unsigned long long)id);
	layer_path(path, sizeof(path), id, NULL);

	inos[0] = listed_ino(DOMAINS_DIR, name);
	ASSERT_NE(0, inos[0]);
	ASSERT_EQ(0, stat(path, &st));
	EXPECT_EQ(inos[0], st.st_ino);
	ASSERT_EQ(0, stat(path, &st));
	EXPECT_EQ(inos[0], st.st_ino);
	EXPECT_GE(UINT32_MAX, inos[0]);

	for (i = 0; i < NR_LAYER_FILES; i++) {
		char file[PATH_MAX];

		inos[i + 1] = listed_ino(path, layer_files[i]);
		EXPECT_NE(0, inos[i + 1]);
		layer_path(file, sizeof(file), id, layer_files[i]);
		ASSERT_EQ(0, stat(file, &st));
		EXPECT_EQ(inos[i + 1], st.st_ino)
		{
			TH_LOG("%s: d_ino %llu, st_ino %llu", layer_files[i],
			       (unsigned long long)inos[i + 1],
			       (unsigned long long)st.st_ino);
		}
		EXPECT_GE(UINT32_MAX, inos[i + 1]);
	}
	for (i = 0; i <= NR_LAYER_FILES; i++)
		for (j = i + 1; j <= NR_LAYER_FILES; j++)
			EXPECT_NE(inos[i], inos[j]);

	stop_peer(_metadata, &peer);
}

/*
 * The inode number of a layer tells nothing about the other layers: layers
 * looked up one after the other do not get neighbouring numbers, as they
 * would if each got the lowest free one (two of four random slots among
 * 2^20 are neighbours once in 10^5 runs).
 */
TEST_F(introspection, inode_numbers_tell_no_count)
{
	const unsigned int num = 4;
	__u64 ids[4], inos[4];
	char path[PATH_MAX];
	struct peer peer;
	struct stat st;
	unsigned int i, j;

	ASSERT_NE(0, spawn_layers(_metadata, &peer, NULL, num, ids));
	for (i = 0; i < num; i++) {
		layer_path(path, sizeof(path), ids[i], NULL);
		ASSERT_EQ(0, stat(path, &st));
		inos[i] = st.st_ino;
		EXPECT_LE(0x80000000ULL, inos[i]);
		EXPECT_GE(UINT32_MAX, inos[i]);
	}
	for (i = 0; i < num; i++) {
		for (j = 0; j < num; j++) {
			EXPECT_NE(inos[i] + LAYER_INO_STRIDE, inos[j])
			{
				TH_LOG("layers %u and %u: inode numbers %llu and %llu",
				       i, j, (unsigned long long)inos[i],
				       (unsigned long long)inos[j]);
			}
		}
	}
	stop_peer(_metadata, &peer);
}

/*
 * Defect 8: a sandboxed program chooses its comm; no control byte of it
 * reaches the reader's terminal.
 */
TEST_F(introspection, creator_comm_escapes_control_bytes)
{
	char buf[CONTENT_SIZE];
	struct peer peer;
	size_t i, len;
	__u64 id;

	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, prctl(PR_SET_NAME, "a\033[2J\177\t\\b", 0, 0, 0));
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);

	ASSERT_EQ(0, read_layer_file(id, "creator_comm", buf, sizeof(buf)));
	len = strlen(buf);
	ASSERT_LT(0, len);
	for (i = 0; i + 1 < len; i++)
		EXPECT_TRUE(buf[i] >= 0x20 && buf[i] < 0x7f)
		{
			TH_LOG("Byte %#x at %zu of creator_comm",
			       (unsigned char)buf[i], i);
		}
	EXPECT_STREQ("a\\033[2J\\177\\011\\134b\n", buf);
	stop_peer(_metadata, &peer);
}

/*
 * Defect 6: a process in layer A, created with LOG_SUBDOMAINS_OFF, must not
 * learn it from the log_flags of a layer below A, which inherits
 * log_disabled from A.  An unsandboxed reader still sees it.
 */
TEST_F(introspection, log_flags_hide_inherited_subdomains_off)
{
	struct peer peer;
	__u64 id;

	if (fork_peer(_metadata, &peer) == 0) {
		char buf[CONTENT_SIZE];
		struct peer child;
		__u64 child_id;

		enforce(_metadata,
			create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO,
				       0, 0),
			LOG_SUBDOMAINS_OFF);
		child_id = spawn_layers(_metadata, &child, NULL, 1, NULL);
		ASSERT_NE(0, child_id);
		ASSERT_EQ(0, read_layer_file(child_id, "log_flags", buf,
					     sizeof(buf)));
		EXPECT_STREQ("\n", buf);
		send_msg(_metadata, peer.out, &child_id, sizeof(child_id));
		recv_byte(peer.in);
		stop_peer(_metadata, &child);
		_exit(_metadata->exit_code);
	}
	ASSERT_TRUE(recv_msg(peer.in, &id, sizeof(id)));
	ASSERT_NE(0, id);
	expect_layer_file(_metadata, id, "log_flags", "log_disabled\n");
	stop_peer(_metadata, &peer);
}

/*
 * Item 11: creator_pid is translated into the PID namespace of the opener,
 * not into the one of a later reader.
 */
TEST_F(introspection, creator_pid_in_opener_pid_ns)
{
	char path[PATH_MAX], expected[ID_LINE_SIZE];
	struct peer peer;
	int fd, status;
	pid_t pid;
	__u64 id;

	id = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, id);
	layer_path(path, sizeof(path), id, "creator_pid");
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	snprintf(expected, sizeof(expected), "%d\n", peer.pid);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t reader;

		ASSERT_EQ(0, unshare(CLONE_NEWPID));
		reader = fork();
		ASSERT_LE(0, reader);
		if (reader == 0) {
			char buf[CONTENT_SIZE];

			ASSERT_EQ(1, getpid());
			ASSERT_EQ(0, read_all(fd, buf, sizeof(buf)));
			EXPECT_STREQ(expected, buf);
			_exit(_metadata->exit_code);
		}
		ASSERT_EQ(reader, waitpid(reader, &status, 0));
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fd);
	stop_peer(_metadata, &peer);
}

/*
 * Defect 2: the rules of a layer whose own domain is gone are found in a
 * nested domain (in O(depth), see layers.c), and read as gone once no
 * domain holds them.
 */
TEST_F(introspection, rules_of_non_youngest_layer)
{
	char dir[PATH_MAX], buf[CONTENT_SIZE];
	struct peer peer;
	__u64 ids[3];
	int fd;

	make_path(_metadata, dir, self->base, "d");
	ASSERT_EQ(0, mkdir(dir, 0700));

	if (fork_peer(_metadata, &peer) == 0) {
		int ruleset_fd;

		ruleset_fd = create_ruleset(_metadata, ACCESS_FS_ALL, 0, 0);
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_FILE, dir);
		enforce(_metadata, ruleset_fd, 0);
		add_harmless_layer(_metadata);
		add_harmless_layer(_metadata);
		ready_until_stopped(_metadata, &peer);
	}
	ASSERT_EQ('r', recv_byte(peer.in));
	ids[2] = read_proc_id(_metadata, peer.pid, 0);
	ids[1] = read_parent_id(_metadata, ids[2]);
	ids[0] = read_parent_id(_metadata, ids[1]);
	ASSERT_NE(0, ids[0]);

	ASSERT_EQ(0, read_layer_file(ids[0], "rules", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, " read_file /d\n"))
	{
		TH_LOG("rules: \"%s\"", buf);
	}
	EXPECT_EQ(0, read_layer_file(ids[1], "rules", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);

	layer_path(dir, sizeof(dir), ids[0], "rules");
	fd = open(dir, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	stop_peer(_metadata, &peer);
	ASSERT_TRUE(wait_layer_gone(ids[0]));
	EXPECT_EQ(-ENOENT, read_all(fd, buf, sizeof(buf)));
	close(fd);
}

/*
 * Once the filesystem of a rule is unmounted, Landlock lets its inode go:
 * the rule can no longer match, and its line names no file.
 */
TEST_F(introspection, rules_after_unmount)
{
	char mnt[PATH_MAX], dir[PATH_MAX], *mounted;
	const char *lines[1];
	struct peer peer;
	__u64 id;

	make_path(_metadata, mnt, self->base, "mnt");
	make_path(_metadata, dir, mnt, "dir");
	ASSERT_EQ(0, mkdir(mnt, 0700));
	ASSERT_EQ(0, mount("tmpfs", mnt, "tmpfs", 0, "size=1m"));
	ASSERT_EQ(0, mkdir(dir, 0700));
	mounted = fs_rule_line(dir, "read_file,read_dir", "/dir");
	ASSERT_NE(NULL, mounted);

	if (fork_peer(_metadata, &peer) == 0) {
		const int ruleset_fd =
			create_ruleset(_metadata, ACCESS_FS_ALL, 0, 0);

		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_FILE |
				      LANDLOCK_ACCESS_FS_READ_DIR,
			      dir);
		enforce(_metadata, ruleset_fd, 0);
		ready_until_stopped(_metadata, &peer);
	}
	id = wait_ready_layer(_metadata, &peer);
	lines[0] = mounted;
	expect_rules(_metadata, id, lines, 1, NULL, 0);

	/* The rule pins an inode, not the mount. */
	ASSERT_EQ(0, umount(mnt));
	lines[0] = "fs ?:? ? read_file,read_dir ?";
	expect_rules(_metadata, id, lines, 1, NULL, 0);

	stop_peer(_metadata, &peer);
	free(mounted);
}

/* Copies the file @from to @to, executable. */
static void copy_exe(struct __test_metadata *const _metadata,
		     const char *const from, const char *const to)
{
	char buf[4096];
	int in, out;
	ssize_t len;

	in = open(from, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	ASSERT_LE(0, out);
	while ((len = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(len, write(out, buf, len));
	ASSERT_EQ(0, len);
	EXPECT_EQ(0, close(in));
	EXPECT_EQ(0, close(out));
}

/*
 * Once the creator of a layer executes another program, the layer keeps the
 * path of the creator's executable, not the file: the filesystem it came
 * from can be unmounted while the layer lives on, and creator_exe still
 * names it.
 */
TEST_F(introspection, creator_exe_unmount_after_exec)
{
	static const char sleeper[] = "/bin/busybox";
	char self_exe[PATH_MAX], helper[PATH_MAX], mnt[PATH_MAX];
	char exe[PATH_MAX + 1], expected[PATH_MAX + 2], proc_exe[64];
	int i, status, err = -EBUSY;
	ssize_t len;
	pid_t pid;
	__u64 id;

	len = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	ASSERT_LT(0, len);
	self_exe[len] = '\0';
	ASSERT_GT(sizeof(helper),
		  snprintf(helper, sizeof(helper), "%s/creator_exec_helper",
			   dirname(self_exe)));
	make_path(_metadata, mnt, self->base, "exe-mnt");
	ASSERT_EQ(0, mkdir(mnt, 0700));
	ASSERT_EQ(0, mount("tmpfs", mnt, "tmpfs", 0, "size=4m"));
	memcpy(self_exe, helper, sizeof(helper));
	make_path(_metadata, helper, mnt, "creator");
	copy_exe(_metadata, self_exe, helper);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl(helper, helper, sleeper, "sleep", "60", NULL);
		_exit(3);
	}

	/* The layer lives on in the program that the creator executed. */
	snprintf(proc_exe, sizeof(proc_exe), "/proc/%d/exe", pid);
	for (i = 0; i < LAYER_FREE_TIMEOUT_MS * 1000 / POLL_DELAY_US; i++) {
		len = readlink(proc_exe, exe, sizeof(exe) - 1);
		if (len == sizeof(sleeper) - 1 &&
		    !memcmp(exe, sleeper, sizeof(sleeper) - 1))
			break;
		ASSERT_EQ(0, waitpid(pid, &status, WNOHANG));
		usleep(POLL_DELAY_US);
	}
	id = read_proc_id(_metadata, pid, 0);
	ASSERT_NE(0, id);
	snprintf(expected, sizeof(expected), "%s\n", helper);
	expect_layer_file(_metadata, id, "creator_exe", expected);

	/*
	 * The layer does not hold the helper's mount anymore.  The last
	 * references to the helper go when the new program first returns to
	 * user space: until then, the mount may still be busy.
	 */
	for (i = 0; i < LAYER_FREE_TIMEOUT_MS * 1000 / POLL_DELAY_US; i++) {
		err = umount(mnt) ? -errno : 0;
		if (err != -EBUSY)
			break;
		usleep(POLL_DELAY_US);
	}
	EXPECT_EQ(0, err)
	{
		TH_LOG("umount: %s", strerror(-err));
	}
	expect_layer_file(_metadata, id, "creator_exe", expected);

	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
}

/*
 * A getdents64(2) buffer that holds one entry at a time: each call resumes
 * after the last layer listed, and every layer is listed exactly once.
 */
TEST_F(introspection, readdir_one_entry_per_call)
{
	/* One dirent64 with a 16-digit name takes 40 bytes; two do not fit. */
	__u64 buf[8];
	char names[256][NAME_MAX + 1], name[ID_LINE_SIZE];
	__u64 ids[6];
	const int nr_layers = ARRAY_SIZE(ids);
	int fd, i, j, nr_names = 0, calls = 0, seen;
	struct peer peer;
	long len, pos;

	ASSERT_NE(0, spawn_layers(_metadata, &peer, NULL, nr_layers, ids));

	fd = open(DOMAINS_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		calls++;
		for (pos = 0; pos < len;) {
			const struct dirent64 *const d =
				(void *)((char *)buf + pos);

			pos += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			ASSERT_GT(ARRAY_SIZE(names), nr_names);
			snprintf(names[nr_names++], sizeof(names[0]), "%s",
				 d->d_name);
		}
	}
	EXPECT_EQ(0, len);
	EXPECT_EQ(0, close(fd));
	/* The dots, then one layer per call. */
	EXPECT_LE(nr_names, calls);

	for (i = 0; i < nr_names; i++) {
		for (j = i + 1; j < nr_names; j++)
			EXPECT_STRNE(names[i], names[j]);
	}
	for (i = 0; i < nr_layers; i++) {
		snprintf(name, sizeof(name), "%llx",
			 (unsigned long long)ids[i]);
		for (seen = 0, j = 0; j < nr_names; j++)
			seen += !strcmp(name, names[j]);
		EXPECT_EQ(1, seen)
		{
			TH_LOG("Layer %s listed %d times in %d calls", name,
			       seen, calls);
		}
	}
	stop_peer(_metadata, &peer);
}

TEST_HARNESS_MAIN

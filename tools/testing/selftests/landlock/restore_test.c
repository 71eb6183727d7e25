// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Restore of domain IDs
 *
 * A privileged thread writes an ID to /proc/thread-self/attr/landlock/
 * next_domain, and its next landlock_restrict_self() gives that ID to the new
 * layer.  The test process stays unsandboxed: its children build the layers,
 * and it looks at them through procfs and securityfs.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* See introspection_test.c. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

#include "common.h"
#include "audit.h"
#include "introspection.h"

/* Environment variable that makes this program wait for EOF on stdin. */
#define WAIT_ENV "LANDLOCK_RESTORE_TEST_WAIT"

/*
 * The execve(2) test runs this program again: it then only waits for the end
 * of file on its standard input, before the harness starts.
 */
static void __attribute__((constructor)) wait_if_asked(void)
{
	char byte;

	if (!getenv(WAIT_ENV))
		return;
	while (read(STDIN_FILENO, &byte, 1) > 0)
		;
	_exit(0);
}

/* clang-format off */
FIXTURE(restore) {};
/* clang-format on */

FIXTURE_SETUP(restore)
{
	if (!setup_securityfs(_metadata))
		return;
	ASSERT_EQ(0, access("/proc/self/attr/landlock/next_domain", F_OK));
}

FIXTURE_TEARDOWN(restore)
{
}

/* Adds a harmless layer.  Returns 0 or -errno from landlock_restrict_self(). */
static int try_add_layer(struct __test_metadata *const _metadata,
			 const __u32 flags)
{
	const int ruleset_fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO, 0, 0);
	int err = 0;

	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	if (landlock_restrict_self(ruleset_fd, flags))
		err = -errno;
	close(ruleset_fd);
	return err;
}

/*
 * Same as try_add_layer() without the harness, for threads: returns 0 or
 * -errno.
 */
static int add_layer_raw(void)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_MAKE_FIFO,
	};
	const int ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	int err = 0;

	if (ruleset_fd < 0)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    landlock_restrict_self(ruleset_fd, 0))
		err = -errno;
	close(ruleset_fd);
	return err;
}

/* Removes @cap from the effective set (what capable() looks at). */
static void lose_cap(struct __test_metadata *const _metadata,
		     const cap_value_t cap)
{
	clear_cap(_metadata, cap);
}

/* What a restorer process saw. */
struct restore_result {
	int write_err;
	int restrict_err;
};

enum privilege {
	PRIV_ROOT,
	PRIV_CHECKPOINT_RESTORE,
	PRIV_SYS_ADMIN,
	PRIV_NONE,
	PRIV_CHILD_USERNS_ROOT,
	PRIV_DROPPED_BEFORE_USE,
	PRIV_AT_WRITE_ONLY,
	PRIV_AT_OPEN_ONLY,
};

/* clang-format off */
FIXTURE(restore_privilege) {};
/* clang-format on */

FIXTURE_SETUP(restore_privilege)
{
	if (!setup_securityfs(_metadata))
		return;
}

FIXTURE_TEARDOWN(restore_privilege)
{
}

/* clang-format off */
FIXTURE_VARIANT(restore_privilege)
{
	/* clang-format on */
	enum privilege privilege;
	int write_err;
	int restrict_err;
	/* The layer has the requested ID (else a generated one, or none). */
	bool restored;
	/* A layer is created. */
	bool created;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, root)
{
	/* clang-format on */
	.privilege = PRIV_ROOT,
	.restored = true,
	.created = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, checkpoint_restore_only)
{
	/* clang-format on */
	.privilege = PRIV_CHECKPOINT_RESTORE,
	.restored = true,
	.created = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, sys_admin_only)
{
	/* clang-format on */
	.privilege = PRIV_SYS_ADMIN,
	.restored = true,
	.created = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, unprivileged)
{
	/* clang-format on */
	.privilege = PRIV_NONE,
	.write_err = -EPERM,
	.created = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, child_userns_root)
{
	/* clang-format on */
	.privilege = PRIV_CHILD_USERNS_ROOT,
	.write_err = -EPERM,
	.created = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, dropped_before_use)
{
	/* clang-format on */
	.privilege = PRIV_DROPPED_BEFORE_USE,
	.restrict_err = -EPERM,
};

/*
 * The descriptor opened without the privilege, as one kept across the
 * execution of a set-user-ID program: the writer's privilege is not enough.
 */
/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, at_write_only)
{
	/* clang-format on */
	.privilege = PRIV_AT_WRITE_ONLY,
	.write_err = -EPERM,
	.created = true,
};

/* The descriptor of a privileged opener, written without the privilege. */
/* clang-format off */
FIXTURE_VARIANT_ADD(restore_privilege, at_open_only)
{
	/* clang-format on */
	.privilege = PRIV_AT_OPEN_ONLY,
	.write_err = -EPERM,
	.created = true,
};

static void set_privilege(struct __test_metadata *const _metadata,
			  const enum privilege privilege)
{
	switch (privilege) {
	case PRIV_ROOT:
	case PRIV_DROPPED_BEFORE_USE:
	case PRIV_AT_WRITE_ONLY:
	case PRIV_AT_OPEN_ONLY:
		return;
	case PRIV_CHECKPOINT_RESTORE:
		lose_cap(_metadata, CAP_SYS_ADMIN);
		return;
	case PRIV_SYS_ADMIN:
		lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
		return;
	case PRIV_NONE:
		lose_cap(_metadata, CAP_SYS_ADMIN);
		lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
		return;
	case PRIV_CHILD_USERNS_ROOT:
		/* Every capability, but in a child user namespace. */
		ASSERT_EQ(0, unshare(CLONE_NEWUSER));
		return;
	}
}

/* Asks for @id with the privilege, or not, at open(2) and at write(2). */
static int request_through_fd(struct __test_metadata *const _metadata,
			      const __u64 id, const bool priv_at_open,
			      const bool priv_at_write)
{
	char text[ID_LINE_SIZE];
	const int len =
		snprintf(text, sizeof(text), "%llx", (unsigned long long)id);
	int fd, err = 0;

	if (!priv_at_open) {
		lose_cap(_metadata, CAP_SYS_ADMIN);
		lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
	}
	fd = open(NEXT_DOMAIN_PATH, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (priv_at_write) {
		set_cap(_metadata, CAP_SYS_ADMIN);
		set_cap(_metadata, CAP_CHECKPOINT_RESTORE);
	} else {
		lose_cap(_metadata, CAP_SYS_ADMIN);
		lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
	}
	if (write(fd, text, len) != len)
		err = -errno;
	close(fd);
	return err;
}

/*
 * The privilege matrix: only CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in the
 * initial user namespace may choose an ID, at the open, at the write and at
 * use.  A
 * refused write leaves no request (the layer gets a generated ID); a refused
 * use creates no layer.
 */
TEST_F(restore_privilege, restrict_self)
{
	const __u64 id = random_id();
	struct restore_result res;
	struct peer peer;
	__u64 seen;

	if (fork_peer(_metadata, &peer) == 0) {
		set_privilege(_metadata, variant->privilege);
		if (variant->privilege == PRIV_AT_WRITE_ONLY)
			res.write_err =
				request_through_fd(_metadata, id, false, true);
		else if (variant->privilege == PRIV_AT_OPEN_ONLY)
			res.write_err =
				request_through_fd(_metadata, id, true, false);
		else
			res.write_err = request_next_domain(id);
		if (variant->privilege == PRIV_DROPPED_BEFORE_USE) {
			lose_cap(_metadata, CAP_SYS_ADMIN);
			lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
		}
		res.restrict_err = try_add_layer(_metadata, 0);
		send_msg(_metadata, peer.out, &res, sizeof(res));
		recv_byte(peer.in);
		_exit(_metadata->exit_code);
	}
	ASSERT_TRUE(recv_msg(peer.in, &res, sizeof(res)));
	EXPECT_EQ(variant->write_err, res.write_err);
	EXPECT_EQ(variant->restrict_err, res.restrict_err);

	seen = read_proc_id(_metadata, peer.pid, 0);
	EXPECT_EQ(variant->restored, seen == id);
	EXPECT_EQ(variant->created, seen != 0);
	stop_peer(_metadata, &peer);
}

struct bad_id {
	const char *text;
	/* Length of @text if not 0 (for NUL bytes). */
	size_t len;
	int err;
};

/* Everything but one ID in the spelling every interface prints. */
static const struct bad_id bad_ids[] = {
	{ "", 0, -EINVAL },
	{ "\n", 0, -EINVAL },
	{ "0", 0, -EINVAL },
	{ "0\n", 0, -EINVAL },
	{ "ffffffff", 0, -EINVAL },
	{ "1", 0, -EINVAL },
	{ "1ABCDEF00", 0, -EINVAL },
	{ "1abcdeF00", 0, -EINVAL },
	{ "0x1abcdef00", 0, -EINVAL },
	{ "01abcdef00", 0, -EINVAL },
	{ "00000001abcdef00", 0, -EINVAL },
	{ " 1abcdef00", 0, -EINVAL },
	{ "1abcdef00 ", 0, -EINVAL },
	{ "1abcdef00\n\n", 0, -EINVAL },
	{ "1abcdef00\t", 0, -EINVAL },
	{ "+1abcdef00", 0, -EINVAL },
	{ "-1abcdef00", 0, -EINVAL },
	{ "1abcdefg0", 0, -EINVAL },
	{ "1abcdef00,1abcdef01", 0, -EINVAL },
	{ "1abcdef00\0", 10, -EINVAL },
	{ "1abc\0def00", 10, -EINVAL },
	{ "10000000000000000", 0, -EINVAL },
	{ "fffffffffffffffff", 0, -EINVAL },
	{ "1abcdef001abcdef001abcdef001abcdef00", 0, -EINVAL },
};

/*
 * Each malformed ID is refused with EINVAL and leaves the previous request
 * as it was: the next layer still gets the ID asked for first.
 */
TEST_F(restore, bad_ids)
{
	const __u64 id = random_id();
	struct peer peer;
	char big[4096];

	if (fork_peer(_metadata, &peer) == 0) {
		size_t i;

		ASSERT_EQ(0, request_next_domain(id));
		for (i = 0; i < ARRAY_SIZE(bad_ids); i++) {
			const struct bad_id *const bad = &bad_ids[i];
			const size_t len = bad->len ?: strlen(bad->text);

			EXPECT_EQ(bad->err, write_next_domain(bad->text, len))
			{
				TH_LOG("Unexpected result for ID %zu", i);
			}
		}
		memset(big, 'a', sizeof(big));
		EXPECT_EQ(-EINVAL, write_next_domain(big, sizeof(big)));
		EXPECT_EQ(0, try_add_layer(_metadata, 0));
		ready_until_stopped(_metadata, &peer);
	}
	EXPECT_EQ('r', recv_byte(peer.in));
	EXPECT_EQ(id, read_proc_id(_metadata, peer.pid, 0));
	stop_peer(_metadata, &peer);
}

/* A write at another offset than 0 is refused. */
TEST_F(restore, partial_write)
{
	char text[ID_LINE_SIZE];
	int fd, len;

	len = snprintf(text, sizeof(text), "%llx",
		       (unsigned long long)random_id());
	fd = open(NEXT_DOMAIN_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pwrite(fd, text, len, 1));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
}

/* A thread may only write its own request, even with the file it opened. */
struct opener {
	int fd;
	int err;
};

static void *write_other_thread(void *const arg)
{
	struct opener *const opener = arg;
	char text[ID_LINE_SIZE];
	const int len = snprintf(text, sizeof(text), "%llx",
				 (unsigned long long)random_id());

	opener->err = write(opener->fd, text, len) < 0 ? -errno : 0;
	return NULL;
}

TEST_F(restore, fd_of_another_thread)
{
	struct opener opener = {};
	pthread_t thread;

	opener.fd = open(NEXT_DOMAIN_PATH, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, opener.fd);
	ASSERT_EQ(0,
		  pthread_create(&thread, NULL, write_other_thread, &opener));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	EXPECT_EQ(-EACCES, opener.err);
	close(opener.fd);
}

/* The ID of a live layer cannot be restored, not even by its own process. */
TEST_F(restore, live)
{
	struct peer peer;
	__u64 live;

	live = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, live);
	EXPECT_EQ(-EEXIST, request_next_domain(live));
	stop_peer(_metadata, &peer);
}

/*
 * Once a layer is freed, its ID can be restored: the checkpoint/restore case,
 * in which the original process is gone.
 */
TEST_F(restore, freed)
{
	struct peer peer;
	__u64 freed;

	freed = spawn_layers(_metadata, &peer, NULL, 1, NULL);
	ASSERT_NE(0, freed);
	stop_peer(_metadata, &peer);
	ASSERT_TRUE(wait_layer_gone(freed));

	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, request_next_domain(freed));
		ASSERT_EQ(0, try_add_layer(_metadata, 0));
		ready_until_stopped(_metadata, &peer);
	}
	EXPECT_EQ('r', recv_byte(peer.in));
	EXPECT_EQ(freed, read_proc_id(_metadata, peer.pid, 0));
	stop_peer(_metadata, &peer);
}

/*
 * A pending request holds its ID against the requests of other threads
 * until it is consumed (the ID is then live), replaced, or its thread exits.
 */
TEST_F(restore, reserved)
{
	const __u64 id = random_id(), other = random_id();
	const __u64 replaced = random_id();
	struct peer peer;

	/* Held until the holder exits. */
	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, request_next_domain(id));
		/* Asking again for the same ID is no change. */
		ASSERT_EQ(0, request_next_domain(id));
		ready_until_stopped(_metadata, &peer);
	}
	EXPECT_EQ('r', recv_byte(peer.in));
	EXPECT_EQ(-EEXIST, request_next_domain(id));
	stop_peer(_metadata, &peer);
	EXPECT_EQ(0, request_next_domain(id));

	/* Given up when replaced; then live once consumed. */
	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, request_next_domain(replaced));
		ASSERT_EQ(0, request_next_domain(other));
		send_byte(_metadata, peer.out, 'r');
		EXPECT_EQ('c', recv_byte(peer.in));
		ASSERT_EQ(0, try_add_layer(_metadata, 0));
		send_byte(_metadata, peer.out, 'l');
		recv_byte(peer.in);
		_exit(_metadata->exit_code);
	}
	EXPECT_EQ('r', recv_byte(peer.in));
	/* This process replaces its own request for id. */
	EXPECT_EQ(0, request_next_domain(replaced));
	EXPECT_EQ(-EEXIST, request_next_domain(other));
	send_byte(_metadata, peer.out, 'c');
	EXPECT_EQ('l', recv_byte(peer.in));
	EXPECT_EQ(other, read_proc_id(_metadata, peer.pid, 0));
	EXPECT_EQ(-EEXIST, request_next_domain(other));
	stop_peer(_metadata, &peer);
}

#define RACE_ROUNDS 64

struct racer {
	pthread_barrier_t *barrier;
	__u64 id;
	int write_err;
	int restrict_err;
	pid_t tid;
};

static void *race_for_id(void *const arg)
{
	struct racer *const racer = arg;

	racer->tid = syscall(SYS_gettid);
	pthread_barrier_wait(racer->barrier);
	racer->write_err = request_next_domain(racer->id);
	if (!racer->write_err)
		racer->restrict_err = add_layer_raw();
	/* Stays alive, with its layer, until the main thread looked. */
	pthread_barrier_wait(racer->barrier);
	pthread_barrier_wait(racer->barrier);
	return NULL;
}

/*
 * Two threads ask for the same ID at once: exactly one gets it, the other
 * gets EEXIST; the winner's layer has the ID.
 */
TEST_F(restore, two_threads_race)
{
	pthread_barrier_t barrier;
	int round;

	ASSERT_EQ(0, pthread_barrier_init(&barrier, NULL, 3));
	for (round = 0; round < RACE_ROUNDS; round++) {
		struct racer racers[2] = {};
		pthread_t threads[2];
		int i, wins = 0;

		for (i = 0; i < 2; i++) {
			racers[i].barrier = &barrier;
			racers[i].id = racers[0].id ?: random_id();
			ASSERT_EQ(0, pthread_create(&threads[i], NULL,
						    race_for_id, &racers[i]));
		}
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier);
		for (i = 0; i < 2; i++) {
			if (racers[i].write_err) {
				EXPECT_EQ(-EEXIST, racers[i].write_err);
				continue;
			}
			wins++;
			EXPECT_EQ(0, racers[i].restrict_err);
			EXPECT_EQ(racers[i].id,
				  read_proc_id(_metadata, getpid(),
					       racers[i].tid));
		}
		EXPECT_EQ(1, wins);
		pthread_barrier_wait(&barrier);
		for (i = 0; i < 2; i++)
			ASSERT_EQ(0, pthread_join(threads[i], NULL));
		if (wins != 1)
			break;
	}
	pthread_barrier_destroy(&barrier);
}

/*
 * A request does not survive execve(2): the ID is free again while the new
 * program still runs.
 */
TEST_F(restore, execve)
{
	const __u64 id = random_id();
	int stdin_pipe[2], exec_pipe[2], status, err;
	long long deadline;
	char byte;
	pid_t child;

	ASSERT_EQ(0, pipe2(stdin_pipe, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(exec_pipe, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *const argv[] = { "restore_test", NULL };

		close(stdin_pipe[1]);
		close(exec_pipe[0]);
		ASSERT_EQ(0, request_next_domain(id));
		ASSERT_EQ(1, write(exec_pipe[1], "r", 1));
		/* Until the parent saw the request. */
		ASSERT_EQ(1, read(stdin_pipe[0], &byte, 1));
		ASSERT_EQ(STDIN_FILENO, dup2(stdin_pipe[0], STDIN_FILENO));
		ASSERT_EQ(0, setenv(WAIT_ENV, "1", 1));
		execv("/proc/self/exe", argv);
		_exit(1);
	}
	close(stdin_pipe[0]);
	close(exec_pipe[1]);

	ASSERT_EQ(1, read(exec_pipe[0], &byte, 1));
	EXPECT_EQ(-EEXIST, request_next_domain(id));
	ASSERT_EQ(1, write(stdin_pipe[1], "g", 1));
	/*
	 * End of file: the write end was close-on-exec.  The request goes a
	 * little later, when the new program gets its credentials.
	 */
	EXPECT_EQ(0, read(exec_pipe[0], &byte, 1));
	deadline = audit_now_ms() + LAYER_FREE_TIMEOUT_MS;
	while ((err = request_next_domain(id)) == -EEXIST &&
	       audit_now_ms() < deadline)
		usleep(POLL_DELAY_US);
	EXPECT_EQ(0, err);
	/* The new program still runs: the request did not go with an exit. */
	EXPECT_EQ(0, waitpid(child, &status, WNOHANG));

	close(stdin_pipe[1]);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(exec_pipe[0]);
}

static void *add_layer_thread(void *const arg)
{
	*(int *)arg = add_layer_raw();
	return NULL;
}

/*
 * A request is for the thread that made it: neither a child process nor
 * another thread gets it (they would take the ID, or fail), and it is still
 * there for the requester after them.
 */
TEST_F(restore, not_inherited)
{
	const __u64 id = random_id();
	struct peer peer;
	struct {
		pid_t child;
		int thread_err;
	} info;
	__u64 child_id;

	if (fork_peer(_metadata, &peer) == 0) {
		struct peer grandchild;
		pthread_t thread;

		ASSERT_EQ(0, request_next_domain(id));

		info.child = fork_peer(_metadata, &grandchild);
		if (info.child == 0) {
			/* Held by the parent: not a request of this one. */
			EXPECT_EQ(-EEXIST, request_next_domain(id));
			EXPECT_EQ(0, try_add_layer(_metadata, 0));
			send_byte(_metadata, grandchild.out, 'r');
			recv_byte(grandchild.in);
			_exit(_metadata->exit_code);
		}
		EXPECT_EQ('r', recv_byte(grandchild.in));

		ASSERT_EQ(0, pthread_create(&thread, NULL, add_layer_thread,
					    &info.thread_err));
		ASSERT_EQ(0, pthread_join(thread, NULL));

		EXPECT_EQ(0, try_add_layer(_metadata, 0));
		send_msg(_metadata, peer.out, &info, sizeof(info));
		recv_byte(peer.in);
		stop_peer(_metadata, &grandchild);
		_exit(_metadata->exit_code);
	}
	ASSERT_TRUE(recv_msg(peer.in, &info, sizeof(info)));
	EXPECT_EQ(0, info.thread_err);
	child_id = read_proc_id(_metadata, info.child, 0);
	EXPECT_NE(0, child_id);
	EXPECT_NE(id, child_id);
	/* The requester got its ID after the child and the thread. */
	EXPECT_EQ(id, read_proc_id(_metadata, peer.pid, 0));
	EXPECT_EQ(0, read_parent_id(_metadata, id));
	stop_peer(_metadata, &peer);
}

#define CHAIN_DEPTH 16

/* Layer @i of the chain: handled rights, rules and flags vary with @i. */
static void add_chain_layer(struct __test_metadata *const _metadata,
			    const int i)
{
	const __u64 fs = LANDLOCK_ACCESS_FS_MAKE_FIFO |
			 (i % 2 ? LANDLOCK_ACCESS_FS_READ_DIR : 0) |
			 (i % 3 ? LANDLOCK_ACCESS_FS_MAKE_SOCK : 0);
	const __u64 net = i % 4 == 1 ? LANDLOCK_ACCESS_NET_BIND_TCP : 0;
	const __u64 scoped = i % 5 == 2 ? LANDLOCK_SCOPE_SIGNAL : 0;
	const __u32 flags = (i % 3 == 1 ? LOG_SAME_EXEC_OFF : 0) |
			    (i % 4 == 2 ? LOG_NEW_EXEC_ON : 0) |
			    (i == 10 ? LOG_SUBDOMAINS_OFF : 0);
	const int ruleset_fd = create_ruleset(_metadata, fs, net, scoped);

	if (i % 2)
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_DIR, "/");
	if (i % 3)
		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_MAKE_SOCK, "/tmp");
	if (net)
		add_net_rule(_metadata, ruleset_fd,
			     LANDLOCK_ACCESS_NET_BIND_TCP, 1000 + i);
	enforce(_metadata, ruleset_fd, flags);
}

/* Forks a process with the chain; with @ids, each layer is restored. */
static void spawn_chain(struct __test_metadata *const _metadata,
			struct peer *const peer, const __u64 *const ids)
{
	int i;

	if (fork_peer(_metadata, peer) == 0) {
		for (i = 0; i < CHAIN_DEPTH; i++) {
			if (ids)
				ASSERT_EQ(0, request_next_domain(ids[i]));
			add_chain_layer(_metadata, i);
		}
		send_byte(_metadata, peer->out, 'r');
		recv_byte(peer->in);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ('r', recv_byte(peer->in));
}

static int cmp_lines(const void *const a, const void *const b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Sorts the lines of @text in place: the filesystem rules of a layer come
 * in no particular order.
 */
static void sort_lines(char *const text)
{
	static char copy[CONTENT_SIZE];
	char *lines[CONTENT_SIZE / 2], *line, *save;
	size_t num = 0, i, len = 0;

	snprintf(copy, sizeof(copy), "%s", text);
	for (line = strtok_r(copy, "\n", &save);
	     line && num < ARRAY_SIZE(lines);
	     line = strtok_r(NULL, "\n", &save))
		lines[num++] = line;
	qsort(lines, num, sizeof(*lines), cmp_lines);
	for (i = 0; i < num && len < CONTENT_SIZE; i++)
		len += snprintf(text + len, CONTENT_SIZE - len, "%s\n",
				lines[i]);
}

/* Files of a layer that a restore recreates (not the creator's PID). */
static const char *const restored_files[] = {
	"parent",    "handled_fs",  "handled_net", "scoped",
	"rules",     "creator_uid", "creator_exe", "creator_comm",
	"log_flags", "mode",	    "denials",
};

/*
 * A chain of 16 layers, restored with the same IDs, has the same files,
 * field by field, as the original, parents included.
 */
TEST_F(restore, chain_of_16)
{
	static char before[CHAIN_DEPTH][ARRAY_SIZE(restored_files)]
			  [CONTENT_SIZE];
	__u64 ids[CHAIN_DEPTH];
	struct peer peer;
	size_t i, f;

	spawn_chain(_metadata, &peer, NULL);
	ids[CHAIN_DEPTH - 1] = read_proc_id(_metadata, peer.pid, 0);
	for (i = CHAIN_DEPTH - 1; i > 0; i--)
		ids[i - 1] = read_parent_id(_metadata, ids[i]);
	for (i = 0; i < CHAIN_DEPTH; i++) {
		ASSERT_NE(0, ids[i]);
		for (f = 0; f < ARRAY_SIZE(restored_files); f++)
			ASSERT_EQ(0,
				  read_layer_file(ids[i], restored_files[f],
						  before[i][f], CONTENT_SIZE));
	}
	stop_peer(_metadata, &peer);
	for (i = 0; i < CHAIN_DEPTH; i++)
		ASSERT_TRUE(wait_layer_gone(ids[i]));

	spawn_chain(_metadata, &peer, ids);
	EXPECT_EQ(ids[CHAIN_DEPTH - 1], read_proc_id(_metadata, peer.pid, 0));
	for (i = 0; i < CHAIN_DEPTH; i++) {
		for (f = 0; f < ARRAY_SIZE(restored_files); f++) {
			static char after[CONTENT_SIZE];

			ASSERT_EQ(0, read_layer_file(ids[i], restored_files[f],
						     after, sizeof(after)));
			sort_lines(after);
			sort_lines(before[i][f]);
			EXPECT_STREQ(before[i][f], after)
			{
				TH_LOG("Layer %zu, %s differs", i,
				       restored_files[f]);
			}
		}
	}
	stop_peer(_metadata, &peer);
}

/*
 * A failed restore creates no layer and keeps the request: once the thread
 * has its privilege back, the same call succeeds with the ID.
 */
TEST_F(restore, failed_restore_keeps_request)
{
	const __u64 id = random_id();
	struct peer peer;

	if (fork_peer(_metadata, &peer) == 0) {
		ASSERT_EQ(0, request_next_domain(id));
		lose_cap(_metadata, CAP_SYS_ADMIN);
		lose_cap(_metadata, CAP_CHECKPOINT_RESTORE);
		EXPECT_EQ(-EPERM, try_add_layer(_metadata, 0));
		send_byte(_metadata, peer.out, 'f');
		EXPECT_EQ('g', recv_byte(peer.in));
		set_cap(_metadata, CAP_CHECKPOINT_RESTORE);
		EXPECT_EQ(0, try_add_layer(_metadata, 0));
		ready_until_stopped(_metadata, &peer);
	}
	EXPECT_EQ('f', recv_byte(peer.in));
	EXPECT_EQ(0, read_proc_id(_metadata, peer.pid, 0));
	/* Still held by the failed restorer. */
	EXPECT_EQ(-EEXIST, request_next_domain(id));
	send_byte(_metadata, peer.out, 'g');
	EXPECT_EQ('r', recv_byte(peer.in));
	EXPECT_EQ(id, read_proc_id(_metadata, peer.pid, 0));
	EXPECT_EQ(0, read_parent_id(_metadata, id));
	stop_peer(_metadata, &peer);
}

TEST_HARNESS_MAIN

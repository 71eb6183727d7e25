/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock tests - Helpers shared by the audit and introspection tests
 *
 * Processes that hold layers, the procfs and securityfs files that name
 * them, and the rulesets that build them.  Include after common.h and
 * audit.h.
 */

#ifndef _SELFTESTS_LANDLOCK_INTROSPECTION_H
#define _SELFTESTS_LANDLOCK_INTROSPECTION_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Reads from @fd until the end of file.  The content is always
 * NUL-terminated.  Returns 0 or -errno from read(2) (-EFBIG if the content
 * does not fit).
 */
static inline int read_all(const int fd, char *const buf, const size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (;;) {
		ssize_t ret;

		if (len >= size - 1)
			return -EFBIG;
		ret = read(fd, buf + len, size - 1 - len);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0)
			return 0;
		len += ret;
		buf[len] = '\0';
	}
}

#define SECURITYFS_DIR "/sys/kernel/security"
#define LANDLOCK_DIR SECURITYFS_DIR "/landlock"
#define DOMAINS_DIR LANDLOCK_DIR "/domains"

/* Any content read by the tests. */
#define CONTENT_SIZE 4096
/* An ID or "none", with a newline. */
#define ID_LINE_SIZE 24

/* Delay for the asynchronous release of a layer. */
#define LAYER_FREE_TIMEOUT_MS 10000
#define POLL_DELAY_US 10000

#define ACCESS_FS_ALL ((LANDLOCK_ACCESS_FS_IOCTL_DEV << 1) - 1)
#define ACCESS_NET_ALL \
	(LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP)
#define SCOPE_ALL (LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL)

#define LOG_SAME_EXEC_OFF LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF
#define LOG_NEW_EXEC_ON LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
#define LOG_SUBDOMAINS_OFF LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF
#define LOG_ALL_FLAGS (LOG_SAME_EXEC_OFF | LOG_NEW_EXEC_ON | LOG_SUBDOMAINS_OFF)

/* Files of a layer directory, in readdir order. */
static const char *const layer_files[] __maybe_unused = {
	"parent",	"handled_fs",  "handled_net", "scoped",
	"rules",	"creator_pid", "creator_uid", "creator_exe",
	"creator_comm", "log_flags",   "mode",	      "denials",
};

#define NR_LAYER_FILES ARRAY_SIZE(layer_files)

/* Generic helpers */

static inline void close_fd(int *const fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Reads a whole file.  Returns 0 or -errno from open(2) or read(2). */
static inline int read_path(const char *const path, char *const buf,
			    const size_t size)
{
	int fd, err;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = read_all(fd, buf, size);
	close(fd);
	return err;
}

static inline void proc_path(char *const path, const size_t size,
			     const pid_t pid, const pid_t tid)
{
	if (tid)
		snprintf(path, size, "/proc/%d/task/%d/attr/landlock/domain",
			 pid, tid);
	else
		snprintf(path, size, "/proc/%d/attr/landlock/domain", pid);
}

/* Builds the path of the file @name (if not NULL) of layer @id. */
static inline void layer_path(char *const path, const size_t size,
			      const __u64 id, const char *const name)
{
	if (name)
		snprintf(path, size, DOMAINS_DIR "/%llx/%s",
			 (unsigned long long)id, name);
	else
		snprintf(path, size, DOMAINS_DIR "/%llx",
			 (unsigned long long)id);
}

static inline int read_layer_file(const __u64 id, const char *const name,
				  char *const buf, const size_t size)
{
	char path[PATH_MAX];

	layer_path(path, sizeof(path), id, name);
	return read_path(path, buf, size);
}

/* Formats the content of a file naming a layer: "<id>\n" or "none\n". */
static inline void id_line(char *const buf, const size_t size, const __u64 id)
{
	if (id)
		snprintf(buf, size, "%llx\n", (unsigned long long)id);
	else
		snprintf(buf, size, "none\n");
}

/*
 * Parses the content of a file naming a layer.  Returns the ID, or 0 for
 * "none\n" and for a malformed content, which fails the test.
 */
static inline __u64 parse_id_line(struct __test_metadata *const _metadata,
				  const char *const content)
{
	const size_t len = strlen(content);
	char str[ID_LINE_SIZE];
	__u64 id = 0;

	if (strcmp(content, "none\n") == 0)
		return 0;

	EXPECT_TRUE(len > 1 && len < sizeof(str) && content[len - 1] == '\n')
	{
		TH_LOG("Malformed ID line: \"%s\"", content);
	}
	if (len <= 1 || len >= sizeof(str))
		return 0;

	memcpy(str, content, len - 1);
	str[len - 1] = '\0';
	EXPECT_EQ(0, audit_parse_id(str, &id))
	{
		TH_LOG("Malformed ID line: \"%s\"", content);
	}
	return id;
}

/*
 * Returns the ID read from /proc/<pid>/attr/landlock/domain (or from the
 * task's file if @tid is not 0), or 0 for "none".
 */
static inline __u64 read_proc_id(struct __test_metadata *const _metadata,
				 const pid_t pid, const pid_t tid)
{
	char path[PATH_MAX], buf[ID_LINE_SIZE];
	int err;

	proc_path(path, sizeof(path), pid, tid);
	err = read_path(path, buf, sizeof(buf));
	EXPECT_EQ(0, err)
	{
		TH_LOG("Failed to read %s: %s", path, strerror(-err));
	}
	if (err)
		return 0;
	return parse_id_line(_metadata, buf);
}

/* Returns the ID of the parent of layer @id, or 0 for "none". */
static inline __u64 read_parent_id(struct __test_metadata *const _metadata,
				   const __u64 id)
{
	char buf[ID_LINE_SIZE];
	int err;

	err = read_layer_file(id, "parent", buf, sizeof(buf));
	EXPECT_EQ(0, err)
	{
		TH_LOG("Failed to read the parent of %llx: %s",
		       (unsigned long long)id, strerror(-err));
	}
	if (err)
		return 0;
	return parse_id_line(_metadata, buf);
}

static inline void expect_content(struct __test_metadata *const _metadata,
				  const char *const path,
				  const char *const expected)
{
	char buf[CONTENT_SIZE];
	int err;

	err = read_path(path, buf, sizeof(buf));
	EXPECT_EQ(0, err)
	{
		TH_LOG("Failed to read %s: %s", path, strerror(-err));
	}
	if (err)
		return;
	EXPECT_STREQ(expected, buf)
	{
		TH_LOG("Unexpected content of %s", path);
	}
}

static inline void expect_layer_file(struct __test_metadata *const _metadata,
				     const __u64 id, const char *const name,
				     const char *const expected)
{
	char path[PATH_MAX];

	layer_path(path, sizeof(path), id, name);
	expect_content(_metadata, path, expected);
}

/* Returns the number of layers listed in domains/, or -errno. */
static inline int count_listed(void)
{
	struct dirent *entry;
	int count = 0;
	DIR *dir;

	dir = opendir(DOMAINS_DIR);
	if (!dir)
		return -errno;
	errno = 0;
	while ((entry = readdir(dir))) {
		if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
			count++;
	}
	if (errno)
		count = -errno;
	closedir(dir);
	return count;
}

/*
 * Checks whether layer @id is listed in domains/.  Returns 1 if listed, 0 if
 * not, or -errno.
 */
static inline int is_listed(const __u64 id)
{
	char name[ID_LINE_SIZE];
	struct dirent *entry;
	int listed = 0;
	DIR *dir;

	snprintf(name, sizeof(name), "%llx", (unsigned long long)id);
	dir = opendir(DOMAINS_DIR);
	if (!dir)
		return -errno;
	errno = 0;
	while ((entry = readdir(dir))) {
		if (strcmp(entry->d_name, name) == 0)
			listed = 1;
	}
	if (errno)
		listed = -errno;
	closedir(dir);
	return listed;
}

/*
 * Waits until layer @id is gone from domains/, after the exit of its last
 * process.  Returns true if gone in time.
 */
static inline bool wait_layer_gone(const __u64 id)
{
	const long long deadline = audit_now_ms() + LAYER_FREE_TIMEOUT_MS;
	char path[PATH_MAX];
	struct stat st;

	layer_path(path, sizeof(path), id, NULL);
	for (;;) {
		if (stat(path, &st) && errno == ENOENT)
			return true;
		if (audit_now_ms() > deadline)
			return false;
		usleep(POLL_DELAY_US);
	}
}

/* Reaps all the children, including the orphans adopted as subreaper. */
static inline void reap_all(void)
{
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

/* Processes */

/* One side of a connection between two processes. */
struct peer {
	/* The other side. */
	pid_t pid;
	/* Reads what the other side sends. */
	int in;
	/* Sends to the other side. */
	int out;
};

/*
 * Forks a process connected to the caller with two pipes.  Returns 0 in the
 * child and the child's PID in the parent, with @peer set for each side.
 */
static inline pid_t fork_peer(struct __test_metadata *const _metadata,
			      struct peer *const peer)
{
	int down[2], up[2];
	pid_t pid;

	ASSERT_EQ(0, pipe2(down, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(up, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		peer->pid = getppid();
		peer->in = down[0];
		peer->out = up[1];
	} else {
		close(down[0]);
		close(up[1]);
		peer->pid = pid;
		peer->in = up[0];
		peer->out = down[1];
	}
	return pid;
}

static inline void send_msg(struct __test_metadata *const _metadata,
			    const int fd, const void *const buf,
			    const size_t size)
{
	ASSERT_EQ(size, write(fd, buf, size))
	{
		TH_LOG("Failed to write to a pipe: %s", strerror(errno));
	}
}

/* Returns true if a whole message was received, false on end of file. */
static inline bool recv_msg(const int fd, void *const buf, const size_t size)
{
	ssize_t ret;

	do {
		ret = read(fd, buf, size);
	} while (ret < 0 && errno == EINTR);
	return ret == (ssize_t)size;
}

static inline void send_byte(struct __test_metadata *const _metadata,
			     const int fd, const char byte)
{
	send_msg(_metadata, fd, &byte, 1);
}

/* Returns the received byte, or 0 on end of file. */
static inline char recv_byte(const int fd)
{
	char byte;

	if (!recv_msg(fd, &byte, 1))
		return 0;
	return byte;
}

/*
 * In a peer that is ready, for instance sandboxed: tells the other side,
 * waits until the other side stops it (stop_peer()), and exits with the
 * result of the test.
 */
static inline void ready_until_stopped(struct __test_metadata *const _metadata,
				       struct peer *const peer)
{
	send_byte(_metadata, peer->out, 'r');
	recv_byte(peer->in);
	_exit(_metadata->exit_code);
}

/*
 * Waits until @peer is ready, and returns the ID of its youngest layer, as
 * the caller reads it from procfs: a peer that is ready has one.
 */
static inline __u64 wait_ready_layer(struct __test_metadata *const _metadata,
				     const struct peer *const peer)
{
	__u64 id;

	ASSERT_EQ('r', recv_byte(peer->in));
	id = read_proc_id(_metadata, peer->pid, 0);
	ASSERT_NE(0, id);
	return id;
}

/* Ends a process that waits for the end of file on @peer->in. */
static inline void stop_peer(struct __test_metadata *const _metadata,
			     struct peer *const peer)
{
	int status;

	close_fd(&peer->out);
	ASSERT_EQ(peer->pid, waitpid(peer->pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close_fd(&peer->in);
}

/* Landlock */

static inline int create_ruleset(struct __test_metadata *const _metadata,
				 const __u64 handled_fs,
				 const __u64 handled_net, const __u64 scoped)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled_fs,
		.handled_access_net = handled_net,
		.scoped = scoped,
	};
	int ruleset_fd;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a ruleset: %s", strerror(errno));
	}
	return ruleset_fd;
}

static inline void add_path_rule(struct __test_metadata *const _metadata,
				 const int ruleset_fd, const __u64 access,
				 const char *const path)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
	};

	attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
				       &attr, 0))
	{
		TH_LOG("Failed to add a rule for %s: %s", path,
		       strerror(errno));
	}
	close(attr.parent_fd);
}

static inline void add_net_rule(struct __test_metadata *const _metadata,
				const int ruleset_fd, const __u64 access,
				const __u64 port)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = access,
		.port = port,
	};

	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
				       &attr, 0))
	{
		TH_LOG("Failed to add a rule for port %llu: %s",
		       (unsigned long long)port, strerror(errno));
	}
}

static inline void enforce(struct __test_metadata *const _metadata,
			   const int ruleset_fd, const __u32 flags)
{
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, flags))
	{
		TH_LOG("Failed to restrict with flags %#x: %s", flags,
		       strerror(errno));
	}
	close(ruleset_fd);
}

/* Adds a layer without rule. */
static inline void add_layer(struct __test_metadata *const _metadata,
			     const __u64 handled_fs, const __u64 handled_net,
			     const __u64 scoped, const __u32 flags)
{
	enforce(_metadata,
		create_ruleset(_metadata, handled_fs, handled_net, scoped),
		flags);
}

/* Adds a layer that does not get in the way of the tests. */
static inline void add_harmless_layer(struct __test_metadata *const _metadata)
{
	add_layer(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO, 0, 0, 0);
}

/* What a layer built by spawn_layers() handles, and its flags. */
struct layer_spec {
	__u64 fs, net, scoped;
	__u32 flags;
};

/*
 * Forks a process that adds @nr_layers nested layers, tells the caller, and
 * waits for the end of file on @peer.  Layer i follows @specs[i], or is a
 * harmless layer if @specs is NULL.  If @ids is not NULL, it receives the IDs
 * of the layers, oldest first, as the caller sees them through procfs and
 * the parent files of securityfs.
 *
 * Returns the ID of the youngest layer, or 0 (which fails the test).
 */
static inline __u64 spawn_layers(struct __test_metadata *const _metadata,
				 struct peer *const peer,
				 const struct layer_spec *const specs,
				 const int nr_layers, __u64 *const ids)
{
	__u64 id;
	int i;

	if (fork_peer(_metadata, peer) == 0) {
		for (i = 0; i < nr_layers; i++) {
			if (specs)
				add_layer(_metadata, specs[i].fs, specs[i].net,
					  specs[i].scoped, specs[i].flags);
			else
				add_harmless_layer(_metadata);
		}
		send_byte(_metadata, peer->out, 'r');
		recv_byte(peer->in);
		_exit(_metadata->exit_code);
	}
	EXPECT_EQ('r', recv_byte(peer->in));
	id = read_proc_id(_metadata, peer->pid, 0);
	EXPECT_NE(0, id);
	if (!ids)
		return id;

	memset(ids, 0, nr_layers * sizeof(*ids));
	ids[nr_layers - 1] = id;
	for (i = nr_layers - 1; i > 0 && ids[i]; i--) {
		ids[i - 1] = read_parent_id(_metadata, ids[i]);
		EXPECT_NE(0, ids[i - 1]);
	}
	return id;
}

/*
 * Makes sure that the Landlock directory of securityfs is there, mounting
 * securityfs in a private mount namespace if nobody did.  Returns false if
 * the test is skipped.
 */
static inline bool setup_securityfs(struct __test_metadata *const _metadata)
{
	int abi;

	abi = landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

	if (abi < 7)
		SKIP(return false, "Landlock ABI 7 not available (%d)", abi);

	if (access(LANDLOCK_DIR, F_OK)) {
		ASSERT_EQ(0, unshare(CLONE_NEWNS));
		ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		ASSERT_EQ(0, mount("securityfs", SECURITYFS_DIR, "securityfs",
				   0, NULL));
	}
	ASSERT_EQ(0, access(LANDLOCK_DIR "/abi_version", F_OK))
	{
		TH_LOG("No Landlock directory in securityfs: %s",
		       strerror(errno));
	}
	return true;
}

/* ID restore */

#define NEXT_DOMAIN_PATH "/proc/thread-self/attr/landlock/next_domain"

/*
 * Writes @len bytes of @text to the next_domain attribute of the calling
 * thread, in one write(2).  Returns 0 or -errno from open(2) or write(2).
 */
static inline int write_next_domain(const char *const text, const size_t len)
{
	ssize_t ret;
	int fd, err = 0;

	fd = open(NEXT_DOMAIN_PATH, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, text, len);
	if (ret < 0)
		err = -errno;
	else if ((size_t)ret != len)
		err = -EIO;
	close(fd);
	return err;
}

/*
 * Asks for @id as the ID of the next layer of the calling thread.  Returns 0
 * or -errno.
 */
static inline int request_next_domain(const __u64 id)
{
	char text[ID_LINE_SIZE];
	const int len =
		snprintf(text, sizeof(text), "%llx", (unsigned long long)id);

	return write_next_domain(text, len);
}

/* A random ID (at least 2^32), that no live layer has in practice. */
static inline __u64 random_id(void)
{
	__u64 id = 0;

	while (getrandom(&id, sizeof(id), 0) != sizeof(id))
		;
	return id < (1ULL << 32) ? id + (1ULL << 32) : id;
}

static inline void make_path(struct __test_metadata *const _metadata,
			     char *const path, const char *const base,
			     const char *const name)
{
	ASSERT_GT(PATH_MAX, snprintf(path, PATH_MAX, "%s/%s", base, name));
}

#endif /* _SELFTESTS_LANDLOCK_INTROSPECTION_H */

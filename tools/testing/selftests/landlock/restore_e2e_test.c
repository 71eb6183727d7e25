// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Checkpoint and restore of a sandboxed process, end to end
 *
 * The test process plays the checkpoint/restore tool: it dumps the layers of
 * a sandboxed process from securityfs (IDs, handled rights, rules, logging
 * flags), kills it, and recreates its sandbox in a new process with the same
 * IDs and rules, following the procedure of the admin guide.  The restored
 * process must then be denied the same accesses, counted by the same layers,
 * and still be allowed what the original was allowed.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/landlock.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
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

#define BASE_TEMPLATE "/tmp/landlock-restore.XXXXXX"
#define MAX_RULES 16
/* Landlock's maximum number of layers. */
#define MAX_CHAIN 16
#define MAX_NAMES 64
#define NAME_SIZE 32
#define DUMP_LAYERS 3
#define TEST_PORT 4321
/* Separators of the names in a securityfs file. */
#define WORD_SEPS "\n "

/* One rule of a dumped layer. */
struct dumped_rule {
	bool is_net;
	__u64 access;
	/* Filesystem rule: where it applies, or "" if not restorable. */
	char path[PATH_MAX];
	dev_t dev;
	ino_t ino;
	/* Network rule. */
	__u64 port;
};

/* One dumped layer: what a restorer needs to recreate it. */
struct dumped_layer {
	__u64 id;
	__u64 parent;
	__u64 handled_fs, handled_net, scoped;
	__u32 flags;
	bool log_disabled;
	bool restorable;
	size_t num_rules;
	struct dumped_rule rules[MAX_RULES];
};

/* Names of a features/ file, in the order of their bits. */
struct names {
	size_t count;
	char name[MAX_NAMES][NAME_SIZE];
};

static void read_names(struct __test_metadata *const _metadata,
		       const char *const file, struct names *const names)
{
	char path[PATH_MAX], buf[CONTENT_SIZE], *tok, *save;

	snprintf(path, sizeof(path), LANDLOCK_DIR "/features/%s", file);
	ASSERT_EQ(0, read_path(path, buf, sizeof(buf)));
	names->count = 0;
	for (tok = strtok_r(buf, WORD_SEPS, &save); tok;
	     tok = strtok_r(NULL, WORD_SEPS, &save)) {
		ASSERT_GT(MAX_NAMES, names->count);
		ASSERT_GT(NAME_SIZE, snprintf(names->name[names->count++],
					      NAME_SIZE, "%s", tok));
	}
}

/*
 * Turns a list of names separated by @seps into bits, from @names.  Returns
 * false if a name is unknown, unless it is "log_disabled" and @log_disabled
 * is not NULL.
 */
static bool names_to_bits(const struct names *const names, char *const list,
			  const char *const seps, __u64 *const bits,
			  bool *const log_disabled)
{
	char *tok, *save;
	size_t i;

	*bits = 0;
	for (tok = strtok_r(list, seps, &save); tok;
	     tok = strtok_r(NULL, seps, &save)) {
		if (log_disabled && !strcmp(tok, "log_disabled")) {
			*log_disabled = true;
			continue;
		}
		for (i = 0; i < names->count; i++) {
			if (!strcmp(tok, names->name[i]))
				break;
		}
		if (i == names->count)
			return false;
		*bits |= 1ULL << i;
	}
	return true;
}

/* Decodes the \ooo escapes of mountinfo and of the rules file, in place. */
static void unescape(char *const str)
{
	char *in = str, *out = str;

	while (*in) {
		if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' &&
		    in[2] >= '0' && in[2] <= '7' && in[3] >= '0' &&
		    in[3] <= '7') {
			*out++ = (in[1] - '0') << 6 | (in[2] - '0') << 3 |
				 (in[3] - '0');
			in += 4;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
}

/*
 * Finds a path to the file of a filesystem rule, through the mount of
 * /proc/self/mountinfo with its device whose root is the longest prefix of
 * @fs_path, and checks that it still leads to the inode.  Returns false if no
 * path does.
 */
static bool resolve_fs_path(const unsigned int major, const unsigned int minor,
			    const ino_t ino, const char *const fs_path,
			    char *const path)
{
	char line[2 * PATH_MAX], root[PATH_MAX], point[PATH_MAX];
	size_t best_len = 0;
	bool found = false;
	struct stat st;
	FILE *info;

	info = fopen("/proc/self/mountinfo", "re");
	if (!info)
		return false;
	while (fgets(line, sizeof(line), info)) {
		unsigned int maj, min;
		size_t len;

		if (sscanf(line, "%*u %*u %u:%u %4095s %4095s", &maj, &min,
			   root, point) != 4)
			continue;
		if (maj != major || min != minor)
			continue;
		unescape(root);
		unescape(point);
		len = strcmp(root, "/") ? strlen(root) : 0;
		if (strncmp(fs_path, root, len) ||
		    (fs_path[len] != '/' && fs_path[len] != '\0'))
			continue;
		if (found && len < best_len)
			continue;
		if (snprintf(path, PATH_MAX, "%s%s", point, fs_path + len) >=
		    PATH_MAX)
			continue;
		best_len = len;
		found = true;
	}
	fclose(info);
	if (!found || stat(path, &st))
		return false;
	return st.st_dev == makedev(major, minor) && st.st_ino == ino;
}

/* Parses one line of a rules file into @rule. */
static bool parse_rule(const struct names *const fs_names,
		       const struct names *const net_names, char *const line,
		       struct dumped_rule *const rule)
{
	char rights[CONTENT_SIZE], fs_path[PATH_MAX];
	unsigned int major, minor;
	unsigned long long value;

	memset(rule, 0, sizeof(*rule));
	if (sscanf(line, "net %llu %4095s", &value, rights) == 2) {
		rule->is_net = true;
		rule->port = value;
		return names_to_bits(net_names, rights, ",", &rule->access,
				     NULL);
	}
	/* A rule on a deleted file: "?" as path, or as device. */
	if (sscanf(line, "fs %u:%u %llu %4095s %4095s", &major, &minor, &value,
		   rights, fs_path) != 5 ||
	    !names_to_bits(fs_names, rights, ",", &rule->access, NULL))
		return false;
	rule->dev = makedev(major, minor);
	rule->ino = value;
	if (!strcmp(fs_path, "?"))
		return false;
	unescape(fs_path);
	return resolve_fs_path(major, minor, rule->ino, fs_path, rule->path);
}

struct dump_names {
	struct names fs, net, scope, restrict_self;
};

/*
 * Dumps layer @id.  The layer is restorable if every one of its rules is:
 * a layer restored without one of its rules would deny what the original
 * allowed.
 */
static void dump_layer(struct __test_metadata *const _metadata,
		       const struct dump_names *const names, const __u64 id,
		       struct dumped_layer *const layer)
{
	char buf[CONTENT_SIZE], *line, *save;
	__u64 flags;

	memset(layer, 0, sizeof(*layer));
	layer->id = id;
	layer->restorable = true;
	layer->parent = read_parent_id(_metadata, id);

	ASSERT_EQ(0, read_layer_file(id, "handled_fs", buf, sizeof(buf)));
	ASSERT_TRUE(names_to_bits(&names->fs, buf, WORD_SEPS,
				  &layer->handled_fs, NULL));
	ASSERT_EQ(0, read_layer_file(id, "handled_net", buf, sizeof(buf)));
	ASSERT_TRUE(names_to_bits(&names->net, buf, WORD_SEPS,
				  &layer->handled_net, NULL));
	ASSERT_EQ(0, read_layer_file(id, "scoped", buf, sizeof(buf)));
	ASSERT_TRUE(names_to_bits(&names->scope, buf, WORD_SEPS, &layer->scoped,
				  NULL));
	ASSERT_EQ(0, read_layer_file(id, "log_flags", buf, sizeof(buf)));
	ASSERT_TRUE(names_to_bits(&names->restrict_self, buf, WORD_SEPS, &flags,
				  &layer->log_disabled));
	layer->flags = flags;
	ASSERT_EQ(0, read_layer_file(id, "mode", buf, sizeof(buf)));
	ASSERT_STREQ("enforcing\n", buf);

	ASSERT_EQ(0, read_layer_file(id, "rules", buf, sizeof(buf)));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		ASSERT_GT(MAX_RULES, layer->num_rules);
		if (!parse_rule(&names->fs, &names->net, line,
				&layer->rules[layer->num_rules]))
			layer->restorable = false;
		layer->num_rules++;
	}
}

/* Dumps the chain of @pid, oldest layer first.  Returns the number of layers. */
static size_t dump_process(struct __test_metadata *const _metadata,
			   const pid_t pid, struct dumped_layer *const layers,
			   const size_t max)
{
	struct dump_names names;
	__u64 chain[MAX_CHAIN];
	size_t num = 0, i;
	__u64 id;

	read_names(_metadata, "fs", &names.fs);
	read_names(_metadata, "net", &names.net);
	read_names(_metadata, "scope", &names.scope);
	read_names(_metadata, "restrict_self", &names.restrict_self);

	for (id = read_proc_id(_metadata, pid, 0); id;
	     id = read_parent_id(_metadata, id)) {
		if (num == ARRAY_SIZE(chain) || num == max)
			return 0;
		chain[num++] = id;
	}
	for (i = 0; i < num; i++)
		dump_layer(_metadata, &names, chain[num - 1 - i], &layers[i]);
	return num;
}

/*
 * Asks for @id through @fd, the next_domain attribute opened before the
 * first layer: a layer that handles writing files denies opening it.
 */
static int request_id(const int fd, const __u64 id)
{
	char text[ID_LINE_SIZE];
	const int len =
		snprintf(text, sizeof(text), "%llx", (unsigned long long)id);

	if (write(fd, text, len) != len)
		return -errno;
	return 0;
}

/* Adds a rule beneath @path.  Returns 0, or -1 with errno set. */
static int add_path(const int ruleset_fd,
		    struct landlock_path_beneath_attr *const attr,
		    const char *const path)
{
	const int type = LANDLOCK_RULE_PATH_BENEATH;
	int err;

	attr->parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (attr->parent_fd < 0)
		return -1;
	err = landlock_add_rule(ruleset_fd, type, attr, 0);
	close(attr->parent_fd);
	return err;
}

/* Recreates layer @i of @layers on top of the previous ones. */
static int restore_layer(const struct dumped_layer *const layers,
			 const size_t i, const int next_domain_fd)
{
	const struct dumped_layer *const layer = &layers[i];
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = layer->handled_fs,
		.handled_access_net = layer->handled_net,
		.scoped = layer->scoped,
	};
	const bool parent_off = i && (layers[i - 1].log_disabled ||
				      layers[i - 1].flags & LOG_SUBDOMAINS_OFF);
	int ruleset_fd, err;
	size_t r;

	if (layer->log_disabled && !parent_off &&
	    landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF))
		return -errno;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset_fd < 0)
		return -errno;
	for (r = 0; r < layer->num_rules; r++) {
		const struct dumped_rule *const rule = &layer->rules[r];
		struct landlock_path_beneath_attr path_attr = {
			.allowed_access = rule->access,
		};
		struct landlock_net_port_attr net_attr = {
			.allowed_access = rule->access,
			.port = rule->port,
		};

		if (rule->is_net) {
			err = landlock_add_rule(ruleset_fd,
						LANDLOCK_RULE_NET_PORT,
						&net_attr, 0);
		} else {
			err = add_path(ruleset_fd, &path_attr, rule->path);
		}
		if (err) {
			err = -errno;
			close(ruleset_fd);
			return err;
		}
	}
	err = request_id(next_domain_fd, layer->id);
	if (!err && landlock_restrict_self(ruleset_fd, layer->flags))
		err = -errno;
	close(ruleset_fd);
	return err;
}

/* Recreates the layers, oldest first, with their IDs.  Returns 0 or -errno. */
static int restore_layers(const struct dumped_layer *const layers,
			  const size_t num)
{
	int next_domain_fd, err = 0;
	size_t i;

	for (i = 0; i < num; i++) {
		if (!layers[i].restorable)
			return -ENOENT;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	next_domain_fd = open(NEXT_DOMAIN_PATH, O_WRONLY | O_CLOEXEC);
	if (next_domain_fd < 0)
		return -errno;
	for (i = 0; i < num && !err; i++)
		err = restore_layer(layers, i, next_domain_fd);
	close(next_domain_fd);
	return err;
}

FIXTURE(restore_e2e)
{
	char base[sizeof(BASE_TEMPLATE)];
	char allowed[PATH_MAX], denied[PATH_MAX];
};

FIXTURE_SETUP(restore_e2e)
{
	char path[PATH_MAX];
	int fd;

	snprintf(self->base, sizeof(self->base), "%s", BASE_TEMPLATE);
	if (!setup_securityfs(_metadata))
		return;
	ASSERT_NE(NULL, mkdtemp(self->base));
	make_path(_metadata, self->allowed, self->base, "allowed");
	make_path(_metadata, self->denied, self->base, "denied");
	ASSERT_EQ(0, mkdir(self->allowed, 0700));
	ASSERT_EQ(0, mkdir(self->denied, 0700));
	make_path(_metadata, path, self->allowed, "file");
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	make_path(_metadata, path, self->denied, "file");
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
}

/* Removes the entries of @dir (files only), then @dir. */
static void remove_dir(const char *const dir)
{
	char path[PATH_MAX];
	struct dirent *entry;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((entry = readdir(d))) {
		if (entry->d_type == DT_DIR)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

FIXTURE_TEARDOWN(restore_e2e)
{
	if (!strcmp(self->base, BASE_TEMPLATE))
		return;
	remove_dir(self->allowed);
	remove_dir(self->denied);
	remove_dir(self->base);
	EXPECT_NE(0, access(self->base, F_OK));
}

/*
 * The original sandbox: three layers with filesystem rules, a network rule,
 * a scope and logging flags.
 */
static void build_original(struct __test_metadata *const _metadata,
			   const char *const allowed)
{
	int ruleset_fd;

	/* Layer 0: reading files, only in allowed/. */
	ruleset_fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0);
	add_path_rule(_metadata, ruleset_fd, LANDLOCK_ACCESS_FS_READ_FILE,
		      allowed);
	enforce(_metadata, ruleset_fd, 0);

	/* Layer 1: writing files in allowed/, binding one port, signals. */
	ruleset_fd = create_ruleset(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
				    LANDLOCK_ACCESS_NET_BIND_TCP,
				    LANDLOCK_SCOPE_SIGNAL);
	add_path_rule(_metadata, ruleset_fd, LANDLOCK_ACCESS_FS_WRITE_FILE,
		      allowed);
	add_net_rule(_metadata, ruleset_fd, LANDLOCK_ACCESS_NET_BIND_TCP,
		     TEST_PORT);
	enforce(_metadata, ruleset_fd, LOG_NEW_EXEC_ON);

	/* Layer 2: creating regular files in allowed/. */
	ruleset_fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_REG, 0, 0);
	add_path_rule(_metadata, ruleset_fd, LANDLOCK_ACCESS_FS_MAKE_REG,
		      allowed);
	enforce(_metadata, ruleset_fd, LOG_SAME_EXEC_OFF);
}

/* What the sandboxed process tried, and got: 0 or an errno. */
struct probe_results {
	int read_allowed, read_denied;
	int write_allowed, write_denied;
	int create_allowed, create_denied;
	int bind_allowed, bind_denied;
};

static int try_open(const char *const dir, const char *const name,
		    const int flags)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, flags | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int try_bind(const unsigned short port)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
		err = errno;
	close(fd);
	return err;
}

/* Tries every access once; creates a file whose name depends on @round. */
static void probe(const char *const allowed, const char *const denied,
		  const int round, struct probe_results *const res)
{
	char name[32];

	snprintf(name, sizeof(name), "new.%d", round);
	res->read_allowed = try_open(allowed, "file", O_RDONLY);
	res->read_denied = try_open(denied, "file", O_RDONLY);
	res->write_allowed = try_open(allowed, "file", O_WRONLY);
	res->write_denied = try_open(denied, "file", O_WRONLY);
	res->create_allowed = try_open(allowed, name, O_CREAT | O_WRONLY);
	res->create_denied = try_open(denied, name, O_CREAT | O_WRONLY);
	res->bind_allowed = try_bind(TEST_PORT);
	res->bind_denied = try_bind(TEST_PORT + 1);
}

/* Runs probe() in @peer's process on request, and sends the results. */
static void serve_probes(struct __test_metadata *const _metadata,
			 struct peer *const peer, const char *const allowed,
			 const char *const denied)
{
	struct probe_results res;
	char cmd;

	while ((cmd = recv_byte(peer->in)) == 'p' || cmd == 'q') {
		probe(allowed, denied, cmd == 'p' ? 0 : 1, &res);
		send_msg(_metadata, peer->out, &res, sizeof(res));
	}
}

static __u64 read_denials(struct __test_metadata *const _metadata,
			  const __u64 id)
{
	char buf[ID_LINE_SIZE];

	EXPECT_EQ(0, read_layer_file(id, "denials", buf, sizeof(buf)));
	return strtoull(buf, NULL, 10);
}

/*
 * A sandboxed process is dumped, killed and restored: the restored process
 * has the same layers under the same IDs, is denied the same accesses by the
 * same layers, and is allowed what the original was allowed.
 */
TEST_F(restore_e2e, dump_kill_restore)
{
	struct dumped_layer layers[DUMP_LAYERS], again[DUMP_LAYERS];
	struct probe_results before, after;
	__u64 denials[DUMP_LAYERS];
	struct peer peer;
	size_t num, i, r;
	int status;

	/* The original process. */
	if (fork_peer(_metadata, &peer) == 0) {
		build_original(_metadata, self->allowed);
		serve_probes(_metadata, &peer, self->allowed, self->denied);
		_exit(_metadata->exit_code);
	}
	send_byte(_metadata, peer.out, 'p');
	ASSERT_TRUE(recv_msg(peer.in, &before, sizeof(before)));
	EXPECT_EQ(0, before.read_allowed);
	EXPECT_EQ(EACCES, before.read_denied);
	EXPECT_EQ(0, before.write_allowed);
	EXPECT_EQ(EACCES, before.write_denied);
	EXPECT_EQ(0, before.create_allowed);
	EXPECT_EQ(EACCES, before.create_denied);
	EXPECT_EQ(0, before.bind_allowed);
	EXPECT_EQ(EACCES, before.bind_denied);

	/* Checkpoint: dump, then kill. */
	num = dump_process(_metadata, peer.pid, layers, ARRAY_SIZE(layers));
	ASSERT_EQ(DUMP_LAYERS, num);
	for (i = 0; i < num; i++) {
		EXPECT_TRUE(layers[i].restorable);
		denials[i] = read_denials(_metadata, layers[i].id);
	}
	/* Each layer denied what only it handles. */
	EXPECT_EQ(1, denials[0]);
	EXPECT_EQ(2, denials[1]);
	EXPECT_EQ(1, denials[2]);
	EXPECT_EQ(0, layers[0].parent);
	EXPECT_EQ(layers[0].id, layers[1].parent);
	EXPECT_EQ(layers[1].id, layers[2].parent);
	EXPECT_EQ(LOG_NEW_EXEC_ON, layers[1].flags);
	EXPECT_EQ(LOG_SAME_EXEC_OFF, layers[2].flags);
	ASSERT_EQ(2, layers[1].num_rules);
	EXPECT_TRUE(layers[1].rules[1].is_net);
	EXPECT_EQ(TEST_PORT, layers[1].rules[1].port);

	ASSERT_EQ(0, kill(peer.pid, SIGKILL));
	ASSERT_EQ(peer.pid, waitpid(peer.pid, &status, 0));
	close_fd(&peer.in);
	close_fd(&peer.out);
	for (i = 0; i < num; i++)
		ASSERT_TRUE(wait_layer_gone(layers[i].id));

	/* Restore. */
	if (fork_peer(_metadata, &peer) == 0) {
		const int err = restore_layers(layers, num);

		send_msg(_metadata, peer.out, &err, sizeof(err));
		if (!err)
			serve_probes(_metadata, &peer, self->allowed,
				     self->denied);
		_exit(_metadata->exit_code);
	}
	{
		int err = -1;

		ASSERT_TRUE(recv_msg(peer.in, &err, sizeof(err)));
		ASSERT_EQ(0, err)
		{
			TH_LOG("Restore failed: %s", strerror(-err));
		}
	}
	EXPECT_EQ(layers[num - 1].id, read_proc_id(_metadata, peer.pid, 0));

	/* The same layers, as a new dump reads them. */
	ASSERT_EQ(num,
		  dump_process(_metadata, peer.pid, again, ARRAY_SIZE(again)));
	for (i = 0; i < num; i++) {
		EXPECT_EQ(layers[i].id, again[i].id);
		EXPECT_EQ(layers[i].parent, again[i].parent);
		EXPECT_EQ(layers[i].handled_fs, again[i].handled_fs);
		EXPECT_EQ(layers[i].handled_net, again[i].handled_net);
		EXPECT_EQ(layers[i].scoped, again[i].scoped);
		EXPECT_EQ(layers[i].flags, again[i].flags);
		EXPECT_EQ(layers[i].log_disabled, again[i].log_disabled);
		ASSERT_EQ(layers[i].num_rules, again[i].num_rules);
		for (r = 0; r < layers[i].num_rules; r++) {
			EXPECT_EQ(layers[i].rules[r].access,
				  again[i].rules[r].access);
			EXPECT_EQ(layers[i].rules[r].ino,
				  again[i].rules[r].ino);
			EXPECT_EQ(layers[i].rules[r].port,
				  again[i].rules[r].port);
		}
		EXPECT_EQ(0, read_denials(_metadata, layers[i].id));
	}

	/* The same denials, by the same layers; the same allowed accesses. */
	send_byte(_metadata, peer.out, 'q');
	ASSERT_TRUE(recv_msg(peer.in, &after, sizeof(after)));
	EXPECT_EQ(before.read_allowed, after.read_allowed);
	EXPECT_EQ(before.read_denied, after.read_denied);
	EXPECT_EQ(before.write_allowed, after.write_allowed);
	EXPECT_EQ(before.write_denied, after.write_denied);
	EXPECT_EQ(before.create_allowed, after.create_allowed);
	EXPECT_EQ(before.create_denied, after.create_denied);
	EXPECT_EQ(before.bind_allowed, after.bind_allowed);
	EXPECT_EQ(before.bind_denied, after.bind_denied);
	for (i = 0; i < num; i++)
		EXPECT_EQ(denials[i], read_denials(_metadata, layers[i].id));
	stop_peer(_metadata, &peer);
}

/*
 * A rule on a deleted file is reported as such ("?" as path), even while a
 * process keeps the file open, and the dump marks its layer as not
 * restorable rather than restoring a weaker sandbox.
 */
TEST_F(restore_e2e, deleted_file_not_restorable)
{
	struct dumped_layer layers[1];
	char path[PATH_MAX], rules[CONTENT_SIZE], *sep;
	struct peer peer;
	int fd;

	make_path(_metadata, path, self->base, "gone");
	fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	if (fork_peer(_metadata, &peer) == 0) {
		const __u64 read_file = LANDLOCK_ACCESS_FS_READ_FILE;
		const int ruleset_fd =
			create_ruleset(_metadata, read_file, 0, 0);

		add_path_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_FS_READ_FILE, path);
		enforce(_metadata, ruleset_fd, 0);
		ready_until_stopped(_metadata, &peer);
	}
	ASSERT_EQ('r', recv_byte(peer.in));

	ASSERT_EQ(1, dump_process(_metadata, peer.pid, layers,
				  ARRAY_SIZE(layers)));
	EXPECT_TRUE(layers[0].restorable);
	EXPECT_STREQ(path, layers[0].rules[0].path);

	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0,
		  read_layer_file(layers[0].id, "rules", rules, sizeof(rules)));
	sep = strrchr(rules, ' ');
	ASSERT_NE(NULL, sep);
	EXPECT_STREQ(" ?\n", sep)
	{
		TH_LOG("Rule on a deleted file: %s", rules);
	}
	ASSERT_EQ(1, dump_process(_metadata, peer.pid, layers,
				  ARRAY_SIZE(layers)));
	EXPECT_FALSE(layers[0].restorable);
	EXPECT_EQ(-ENOENT, restore_layers(layers, 1));

	close(fd);
	stop_peer(_metadata, &peer);
}

TEST_HARNESS_MAIN

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * landlockctl - Shows Landlock domains, the processes in them and coverage
 * metrics, from /sys/kernel/security/landlock/ and
 * /proc/<pid>/attr/landlock/domain.
 */

#ifndef _LANDLOCKCTL_H
#define _LANDLOCKCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include <libmount.h>

#define LLCTL_VERSION "1.0"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* Version of the JSON documents (-J, dump); bumped on incompatible change. */
#define LLCTL_FORMAT_VERSION 1

/* Exit codes, documented in landlockctl.8. */
enum {
	EXIT_OK = 0,
	EXIT_DISABLED = 1,
	EXIT_NO_INTROSPECTION = 2,
	EXIT_NOT_MOUNTED = 3,
	EXIT_NO_PERMISSION = 4,
	EXIT_NOT_FOUND = 5,
	EXIT_NO_RESTORE = 6,
	EXIT_MALFORMED = 7,
	EXIT_FAILURE_OTHER = 8,
	EXIT_USAGE = 64,
};

/* Bounds on what the kernel may return; more is malformed content. */
#define LLCTL_SMALL_MAX 4096
/* An escaped path: four bytes ("\ooo") for each byte of the longest path. */
#define LLCTL_ESCAPED_MAX (4 * 4096 + 1)
/* Longest content accepted in attr/landlock/domain: far above "<id>\n". */
#define LLCTL_DOMAIN_MAX 64
#define LLCTL_RULES_MAX (64UL << 20)
/* Upstream's LANDLOCK_MAX_NUM_LAYERS is 16: a longer chain is malformed. */
#define LLCTL_MAX_DEPTH 64

struct ll_rule {
	bool is_net;
	unsigned int major, minor;
	unsigned long long ino;
	unsigned long port;
	char *rights; /* comma-separated names */
	char *path; /* unescaped, from the root of its filesystem; NULL if "?" */
};

struct ll_layer {
	unsigned long long id;
	unsigned long long parent; /* 0: none visible */
	char *handled_fs, *handled_net, *scoped, *log_flags, *mode;
	unsigned long long denials;
	long long creator_pid, creator_uid;
	char *creator_exe, *creator_comm;
	struct ll_rule *rules;
	size_t nr_rules;
	bool rules_loaded;
	int depth; /* 0: not computed yet */
	size_t nr_procs;
};

enum ll_proc_state {
	PROC_SANDBOXED,
	PROC_NONE, /* no layer visible to the reader */
	PROC_DENIED, /* not inspectable: EACCES */
};

struct ll_proc {
	pid_t pid, tid;
	uid_t uid;
	enum ll_proc_state state;
	unsigned long long domain;
	char *comm;
	char *exe; /* NULL if unreadable */
	bool exe_unknown; /* has one, which could not be read */
	int depth; /* 0 if not sandboxed, -1 if its layer vanished */
};

struct ll_ctx {
	const char *root; /* --root, "" otherwise */
	struct libmnt_table *mounts;
	char *proc; /* procfs mount point, prefixed with root */
	char *secfs; /* securityfs mount point, prefixed with root */
	char *landlock; /* secfs + "/landlock" */
	int abi;

	struct ll_layer *layers; /* sorted by ID */
	size_t nr_layers;
	size_t vanished_layers;

	struct ll_proc *procs;
	size_t nr_procs, alloc_procs;
	size_t vanished_procs;
	size_t denied_procs;
};

/* util */
noreturn void die(int code, const char *fmt, ...);
void ll_warn(const char *fmt, ...);
void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...);
int read_file_at(int dirfd, const char *path, char **buf, size_t max);
int read_short_file_at(int dirfd, const char *path, char *buf, size_t size);
int read_line_file_at(int dirfd, const char *path, char **buf, size_t max);
size_t utf8_len(const unsigned char *s);
char *utf8_sanitize(const char *s);
int unescape(char *s);
bool parse_id(const char *s, size_t len, unsigned long long *id);
bool parse_ull(const char *s, unsigned long long *val);

/* scan */
void ll_open(struct ll_ctx *ctx, const char *root);
void ll_close(struct ll_ctx *ctx);
/* What ll_load_layers() reads of each layer. */
enum ll_layer_fields {
	LL_LAYER_ALL,
	/* parent, mode and denials: what stats counts. */
	LL_LAYER_SUMMARY,
};

void ll_load_layers(struct ll_ctx *ctx, enum ll_layer_fields what);
struct ll_layer *ll_find_layer(struct ll_ctx *ctx, unsigned long long id);
void ll_load_rules(struct ll_ctx *ctx, struct ll_layer *layer);
int ll_depth(struct ll_ctx *ctx, struct ll_layer *layer);
/* What ll_scan_procs() reads besides each process's domain and executable. */
enum ll_scan_fields {
	LL_SCAN_UID = 1 << 0,
	LL_SCAN_COMM = 1 << 1,
	LL_SCAN_ALL = LL_SCAN_UID | LL_SCAN_COMM,
};

int ll_scan_procs(struct ll_ctx *ctx, pid_t only, bool threads,
		  unsigned int fields);
const char *ll_rule_mountpoint(struct ll_ctx *ctx, const struct ll_rule *rule,
			       char **alloc);

/* restore */
int ll_restore(struct ll_ctx *ctx, const char *file, char **argv);

#endif /* _LANDLOCKCTL_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * landlockctl - Finding the interfaces with libmount and reading them
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "landlockctl.h"

static char *joinpath(const char *root, const char *path)
{
	if (!root[0])
		return xstrdup(path);
	return xasprintf("%s%s", root, strcmp(path, "/") ? path : "");
}

/* True if the list @list (items separated by @sep) contains @word. */
static bool has_item(const char *list, const char *word, char sep)
{
	size_t len = strlen(word);
	const char *p = list;

	for (;;) {
		const char *end = strchr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, word, len))
			return true;
		if (!end)
			return false;
		p = end + 1;
	}
}

static void die_errno(int err, const char *path)
{
	if (err == -EACCES || err == -EPERM)
		die(EXIT_NO_PERMISSION, "%s: permission denied", path);
	if (err == -EFBIG)
		die(EXIT_MALFORMED, "%s: malformed content: too long", path);
	if (err == -EILSEQ)
		die(EXIT_MALFORMED, "%s: malformed content: NUL byte", path);
	die(EXIT_FAILURE_OTHER, "%s: %s", path, strerror(-err));
}

/*
 * Reads the one-line file @path, of at most @max bytes: its content without
 * the newline.
 */
static int read_line_at(int dirfd, const char *path, char **line,
			const size_t max)
{
	int len = read_line_file_at(dirfd, path, line, max);

	if (len < 0)
		return len;
	if (len == 0 || (*line)[len - 1] != '\n' ||
	    memchr(*line, '\n', len - 1)) {
		free(*line);
		*line = NULL;
		return -EBADMSG;
	}
	(*line)[len - 1] = '\0';
	return len - 1;
}

/* Fails with the documented message if @line is not a list of names. */
static bool is_word_list(const char *line, const char *extra)
{
	const char *p;

	for (p = line; *p; p++) {
		if (!(islower((unsigned char)*p) ||
		      isdigit((unsigned char)*p) || *p == '_' ||
		      strchr(extra, *p)))
			return false;
	}
	return true;
}

static void find_mounts(struct ll_ctx *ctx)
{
	struct libmnt_iter *itr;
	struct libmnt_fs *fs;
	char *mountinfo;
	struct stat st;

	mountinfo = joinpath(ctx->root, "/proc/self/mountinfo");
	if (stat(mountinfo, &st) < 0) {
		if (errno == EACCES)
			die(EXIT_NO_PERMISSION, "%s: permission denied",
			    mountinfo);
		die(EXIT_NOT_MOUNTED, "procfs is not mounted (no %s)",
		    mountinfo);
	}
	ctx->mounts = mnt_new_table_from_file(mountinfo);
	if (!ctx->mounts)
		die(EXIT_MALFORMED, "%s: malformed content", mountinfo);
	free(mountinfo);

	itr = mnt_new_iter(MNT_ITER_FORWARD);
	if (!itr)
		die(EXIT_FAILURE_OTHER, "out of memory");
	while (mnt_table_next_fs(ctx->mounts, itr, &fs) == 0) {
		const char *target = mnt_fs_get_target(fs);
		const char *root = mnt_fs_get_root(fs);

		if (!target || !root || strcmp(root, "/"))
			continue;
		if (!ctx->proc && mnt_fs_match_fstype(fs, "proc"))
			ctx->proc = joinpath(ctx->root, target);
		else if (!ctx->secfs && mnt_fs_match_fstype(fs, "securityfs"))
			ctx->secfs = joinpath(ctx->root, target);
	}
	mnt_free_iter(itr);
	if (!ctx->proc)
		die(EXIT_NOT_MOUNTED, "procfs is not mounted");
	if (!ctx->secfs)
		die(EXIT_NOT_MOUNTED,
		    "securityfs is not mounted (try: mount -t securityfs none /sys/kernel/security)");
}

void ll_open(struct ll_ctx *ctx, const char *root)
{
	char *path, *line;
	struct stat st;
	int ret;

	memset(ctx, 0, sizeof(*ctx));
	ctx->root = root;
	find_mounts(ctx);

	ctx->landlock = xasprintf("%s/landlock", ctx->secfs);
	if (stat(ctx->landlock, &st) < 0) {
		bool enabled = false;

		if (errno == EACCES)
			die(EXIT_NO_PERMISSION, "%s: permission denied",
			    ctx->landlock);
		path = xasprintf("%s/lsm", ctx->secfs);
		/* The kernel prints this list without a final newline. */
		ret = read_file_at(AT_FDCWD, path, &line, LLCTL_SMALL_MAX);
		if (ret >= 0) {
			line[strcspn(line, "\n")] = '\0';
			enabled = has_item(line, "landlock", ',');
			free(line);
		}
		free(path);
		if (enabled)
			die(EXIT_NO_INTROSPECTION,
			    "the kernel lacks the Landlock introspection interfaces (no %s)",
			    ctx->landlock);
		die(EXIT_DISABLED, "Landlock is not enabled");
	}

	path = xasprintf("%s/abi_version", ctx->landlock);
	ret = read_line_at(AT_FDCWD, path, &line, LLCTL_SMALL_MAX);
	if (ret == -ENOENT)
		die(EXIT_NO_INTROSPECTION,
		    "the kernel lacks the Landlock introspection interfaces (no %s)",
		    path);
	if (ret == -EBADMSG)
		die(EXIT_MALFORMED, "%s: malformed content", path);
	if (ret < 0)
		die_errno(ret, path);
	{
		unsigned long long abi;

		if (!parse_ull(line, &abi) || abi == 0 || abi > INT_MAX)
			die(EXIT_MALFORMED, "%s: malformed content", path);
		ctx->abi = (int)abi;
	}
	free(line);
	free(path);

	path = xasprintf("%s/domains", ctx->landlock);
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (errno == EACCES)
			die(EXIT_NO_PERMISSION, "%s: permission denied", path);
		die(EXIT_NO_INTROSPECTION,
		    "the kernel lacks the Landlock introspection interfaces (no %s)",
		    path);
	}
	free(path);
	path = xasprintf("%s/self/attr/landlock", ctx->proc);
	if (stat(path, &st) < 0 && errno != EACCES)
		die(EXIT_NO_INTROSPECTION,
		    "the kernel lacks the Landlock introspection interfaces (no %s)",
		    path);
	free(path);
}

static void free_layer(struct ll_layer *l)
{
	size_t i;

	free(l->handled_fs);
	free(l->handled_net);
	free(l->scoped);
	free(l->log_flags);
	free(l->mode);
	free(l->creator_exe);
	free(l->creator_comm);
	for (i = 0; i < l->nr_rules; i++) {
		free(l->rules[i].rights);
		free(l->rules[i].path);
	}
	free(l->rules);
}

void ll_close(struct ll_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nr_layers; i++)
		free_layer(&ctx->layers[i]);
	free(ctx->layers);
	for (i = 0; i < ctx->nr_procs; i++) {
		free(ctx->procs[i].comm);
		free(ctx->procs[i].exe);
	}
	free(ctx->procs);
	mnt_unref_table(ctx->mounts);
	free(ctx->proc);
	free(ctx->secfs);
	free(ctx->landlock);
	memset(ctx, 0, sizeof(*ctx));
}

enum field { F_ID, F_WORDS, F_ESCAPED, F_NUMBER, F_SIGNED };

struct layer_file {
	const char *name;
	enum field type;
	bool required;
	/* Read for LL_LAYER_SUMMARY, what stats counts. */
	bool summary;
	size_t offset;
};

#define LF(n, t, r, s, m)                                \
	{                                                \
		n, t, r, s, offsetof(struct ll_layer, m) \
	}
static const struct layer_file layer_files[] = {
	LF("parent", F_ID, true, true, parent),
	LF("handled_fs", F_WORDS, true, false, handled_fs),
	LF("handled_net", F_WORDS, false, false, handled_net),
	LF("scoped", F_WORDS, false, false, scoped),
	LF("log_flags", F_WORDS, false, false, log_flags),
	LF("mode", F_WORDS, true, true, mode),
	LF("denials", F_NUMBER, false, true, denials),
	LF("creator_pid", F_SIGNED, false, false, creator_pid),
	LF("creator_uid", F_SIGNED, false, false, creator_uid),
	LF("creator_exe", F_ESCAPED, false, false, creator_exe),
	LF("creator_comm", F_ESCAPED, false, false, creator_comm),
};

/*
 * Reads the files of domains/<@name>/ into @l, all of them or only the
 * summary's (@what).  Returns 0, or -ENOENT if the layer vanished meanwhile.
 * Dies on malformed content.
 */
static int load_layer(struct ll_ctx *ctx, int domfd, const char *name,
		      struct ll_layer *l, enum ll_layer_fields what)
{
	char path[64];
	size_t i;
	int fd;

	memset(l, 0, sizeof(*l));
	l->creator_pid = -1;
	l->creator_uid = -1;
	if (!parse_id(name, strlen(name), &l->id))
		die(EXIT_MALFORMED, "%s/domains/%s: malformed layer ID",
		    ctx->landlock, name);
	fd = openat(domfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return -ENOENT;
		die_errno(-errno, name);
	}
	for (i = 0; i < ARRAY_SIZE(layer_files); i++) {
		const struct layer_file *f = &layer_files[i];
		void *dst = (char *)l + f->offset;
		unsigned long long num;
		char *line;
		int ret;

		if (what == LL_LAYER_SUMMARY && !f->summary)
			continue;
		snprintf(path, sizeof(path), "%s", f->name);
		ret = read_line_at(fd, path, &line,
				   f->type == F_ESCAPED ? LLCTL_ESCAPED_MAX :
							  LLCTL_SMALL_MAX);
		if (ret == -ENOENT) {
			struct stat st;

			if (fstatat(domfd, name, &st, 0) < 0 && errno == ENOENT)
				goto vanished;
			if (!f->required)
				continue;
			die(EXIT_MALFORMED, "%s/domains/%s/%s: missing",
			    ctx->landlock, name, f->name);
		}
		if (ret < 0 && ret != -EBADMSG) {
			char *full = xasprintf("%s/domains/%s/%s",
					       ctx->landlock, name, f->name);

			die_errno(ret, full);
		}
		if (ret < 0)
			goto malformed;
		switch (f->type) {
		case F_ID:
			if (!strcmp(line, "none"))
				num = 0;
			else if (!parse_id(line, strlen(line), &num))
				goto malformed_line;
			*(unsigned long long *)dst = num;
			free(line);
			break;
		case F_NUMBER:
			if (!parse_ull(line, &num))
				goto malformed_line;
			*(unsigned long long *)dst = num;
			free(line);
			break;
		case F_SIGNED:
			if (!parse_ull(line, &num) || num > LLONG_MAX)
				goto malformed_line;
			*(long long *)dst = (long long)num;
			free(line);
			break;
		case F_WORDS:
			if (!is_word_list(line, " "))
				goto malformed_line;
			*(char **)dst = line;
			break;
		case F_ESCAPED:
			if (unescape(line))
				goto malformed_line;
			*(char **)dst = line;
			break;
		}
		continue;
malformed_line:
		free(line);
malformed:
		die(EXIT_MALFORMED, "%s/domains/%s/%s: malformed content",
		    ctx->landlock, name, f->name);
	}
	close(fd);
	if (!l->handled_net)
		l->handled_net = xstrdup("");
	if (!l->scoped)
		l->scoped = xstrdup("");
	if (!l->log_flags)
		l->log_flags = xstrdup("");
	return 0;

vanished:
	close(fd);
	free_layer(l);
	return -ENOENT;
}

static int cmp_layer(const void *a, const void *b)
{
	const struct ll_layer *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Reads every layer of domains/, with all its files or with the summary's
 * (@what): a metrics scrape reads 3 files of each layer instead of 11.
 */
void ll_load_layers(struct ll_ctx *ctx, enum ll_layer_fields what)
{
	char *path = xasprintf("%s/domains", ctx->landlock);
	size_t alloc = 0;
	struct dirent *de;
	DIR *dir;

	dir = opendir(path);
	if (!dir)
		die_errno(-errno, path);
	while ((errno = 0, de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (ctx->nr_layers == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			ctx->layers = xrealloc(ctx->layers,
					       alloc * sizeof(*ctx->layers));
		}
		if (load_layer(ctx, dirfd(dir), de->d_name,
			       &ctx->layers[ctx->nr_layers], what))
			ctx->vanished_layers++;
		else
			ctx->nr_layers++;
	}
	if (errno)
		die_errno(-errno, path);
	closedir(dir);
	free(path);
	if (ctx->nr_layers)
		qsort(ctx->layers, ctx->nr_layers, sizeof(*ctx->layers),
		      cmp_layer);
}

struct ll_layer *ll_find_layer(struct ll_ctx *ctx, unsigned long long id)
{
	struct ll_layer key = { .id = id };

	if (!ctx->nr_layers)
		return NULL;
	return bsearch(&key, ctx->layers, ctx->nr_layers, sizeof(key),
		       cmp_layer);
}

/* Depth of @layer in the reader's view: 1 for a layer whose parent is none. */
int ll_depth(struct ll_ctx *ctx, struct ll_layer *layer)
{
	struct ll_layer *l = layer;
	int depth = 0;

	if (layer->depth)
		return layer->depth;
	while (l) {
		if (++depth > LLCTL_MAX_DEPTH)
			die(EXIT_MALFORMED,
			    "%s/domains/%llx/parent: malformed content: a chain of more than %d layers",
			    ctx->landlock, layer->id, LLCTL_MAX_DEPTH);
		if (!l->parent)
			break;
		l = ll_find_layer(ctx, l->parent);
	}
	layer->depth = depth;
	return depth;
}

static char *next_token(char **s)
{
	char *tok = *s, *end;

	if (!tok || !*tok)
		return NULL;
	end = strchr(tok, ' ');
	if (end) {
		*end = '\0';
		*s = end + 1;
	} else {
		*s = NULL;
	}
	return tok;
}

static bool parse_rule(char *line, struct ll_rule *r)
{
	char *s = line, *type, *a, *b, *c, *d, *colon;
	unsigned long long v;

	memset(r, 0, sizeof(*r));
	type = next_token(&s);
	a = next_token(&s);
	b = next_token(&s);
	if (!type || !a || !b)
		return false;
	if (!strcmp(type, "net")) {
		if (s || !parse_ull(a, &v) || v > 65535 ||
		    !is_word_list(b, ","))
			return false;
		r->is_net = true;
		r->port = v;
		r->rights = xstrdup(b);
		return true;
	}
	if (strcmp(type, "fs"))
		return false;
	c = next_token(&s);
	d = next_token(&s);
	if (!c || !d || s)
		return false;
	colon = strchr(a, ':');
	if (!colon)
		return false;
	*colon = '\0';
	if (!parse_ull(a, &v) || v > UINT_MAX)
		return false;
	r->major = v;
	if (!parse_ull(colon + 1, &v) || v > UINT_MAX)
		return false;
	r->minor = v;
	if (!parse_ull(b, &r->ino) || !is_word_list(c, ","))
		return false;
	if (strcmp(d, "?")) {
		if (d[0] != '/' || unescape(d))
			return false;
		r->path = xstrdup(d);
	}
	r->rights = xstrdup(c);
	return true;
}

void ll_load_rules(struct ll_ctx *ctx, struct ll_layer *layer)
{
	char *path, *buf, *line, *next;
	size_t alloc = 0;
	int len;

	if (layer->rules_loaded)
		return;
	layer->rules_loaded = true;
	path = xasprintf("%s/domains/%llx/rules", ctx->landlock, layer->id);
	len = read_file_at(AT_FDCWD, path, &buf, LLCTL_RULES_MAX);
	if (len == -ENOENT) {
		/* The layer vanished: it has no rules any more. */
		free(path);
		return;
	}
	if (len < 0)
		die_errno(len, path);
	if (len && buf[len - 1] != '\n')
		die(EXIT_MALFORMED, "%s: malformed content: no final newline",
		    path);
	for (line = buf; *line; line = next) {
		struct ll_rule r;

		next = strchr(line, '\n');
		*next++ = '\0';
		if (!parse_rule(line, &r)) {
			free(r.rights);
			free(r.path);
			die(EXIT_MALFORMED, "%s: malformed content: line %zu",
			    path, layer->nr_rules + 1);
		}
		if (layer->nr_rules == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			layer->rules =
				xrealloc(layer->rules, alloc * sizeof(r));
		}
		layer->rules[layer->nr_rules++] = r;
	}
	free(buf);
	free(path);
}

/*
 * The path of @rule's file in the reader's mount namespace, through the
 * mounts of its device: NULL if none of them shows it.
 */
const char *ll_rule_mountpoint(struct ll_ctx *ctx, const struct ll_rule *rule,
			       char **alloc)
{
	dev_t dev = makedev(rule->major, rule->minor);
	struct libmnt_iter *itr;
	struct libmnt_fs *fs;

	*alloc = NULL;
	if (rule->is_net || !rule->path)
		return NULL;
	itr = mnt_new_iter(MNT_ITER_BACKWARD);
	if (!itr)
		die(EXIT_FAILURE_OTHER, "out of memory");
	while (mnt_table_next_fs(ctx->mounts, itr, &fs) == 0) {
		const char *root = mnt_fs_get_root(fs);
		const char *target = mnt_fs_get_target(fs);
		const char *rest;
		size_t len;

		if (mnt_fs_get_devno(fs) != dev || !root || !target)
			continue;
		len = strlen(root);
		if (!strcmp(root, "/"))
			len = 0;
		if (strncmp(rule->path, root, len) ||
		    (rule->path[len] && rule->path[len] != '/'))
			continue;
		rest = rule->path + len;
		if (!strcmp(target, "/"))
			*alloc = xstrdup(*rest ? rest : "/");
		else
			*alloc = xasprintf("%s%s", target,
					   strcmp(rest, "/") ? rest : "");
		break;
	}
	mnt_free_iter(itr);
	return *alloc;
}

static void add_proc(struct ll_ctx *ctx, const struct ll_proc *p)
{
	if (ctx->nr_procs == ctx->alloc_procs) {
		ctx->alloc_procs = ctx->alloc_procs ? 2 * ctx->alloc_procs :
						      256;
		ctx->procs =
			xrealloc(ctx->procs, ctx->alloc_procs * sizeof(*p));
	}
	ctx->procs[ctx->nr_procs++] = *p;
}

static bool is_pid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

/*
 * Reads one process or thread: the directory @name under @parentfd.
 * Returns 0, -ENOENT if it vanished, -EACCES if it is not inspectable (it
 * is then recorded as such).
 */
static int scan_task(struct ll_ctx *ctx, int parentfd, const char *name,
		     pid_t pid, const char *where, unsigned int fields)
{
	struct ll_proc p = { .pid = pid, .tid = (pid_t)atoi(name) };
	char buf[LLCTL_DOMAIN_MAX + 2], exe[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd, ret;

	fd = openat(parentfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	if (fields & LL_SCAN_UID) {
		if (fstat(fd, &st) < 0) {
			close(fd);
			return -ENOENT;
		}
		p.uid = st.st_uid;
	}

	ret = read_short_file_at(fd, "attr/landlock/domain", buf, sizeof(buf));
	if (ret == -ENOENT || ret == -ESRCH) {
		close(fd);
		return -ENOENT;
	}
	if (ret == -EACCES || ret == -EPERM) {
		p.state = PROC_DENIED;
	} else if (ret < 0) {
		char *path =
			xasprintf("%s/%s/attr/landlock/domain", where, name);

		die_errno(ret, path);
	} else if (!strcmp(buf, "none\n")) {
		p.state = PROC_NONE;
	} else {
		if (ret < 2 || buf[ret - 1] != '\n' ||
		    !parse_id(buf, ret - 1, &p.domain))
			die(EXIT_MALFORMED,
			    "%s/%s/attr/landlock/domain: malformed content",
			    where, name);
		p.state = PROC_SANDBOXED;
	}

	if (fields & LL_SCAN_COMM) {
		ret = read_file_at(fd, "comm", &p.comm, LLCTL_SMALL_MAX);
		if (ret == -ENOENT || ret == -ESRCH) {
			close(fd);
			return -ENOENT;
		}
		if (ret < 0)
			p.comm = xstrdup("?");
		else if (ret > 0 && p.comm[ret - 1] == '\n')
			p.comm[ret - 1] = '\0';
	}

	if (p.state != PROC_DENIED) {
		n = readlinkat(fd, "exe", exe, sizeof(exe));
		if (n > 0 && (size_t)n < sizeof(exe)) {
			exe[n] = '\0';
			p.exe = xstrdup(exe);
		} else if (n >= 0 || errno != ENOENT) {
			/* Not "no executable": one that cannot be named. */
			p.exe_unknown = true;
		}
	}
	close(fd);
	if (p.state == PROC_DENIED)
		ctx->denied_procs++;
	add_proc(ctx, &p);
	return p.state == PROC_DENIED ? -EACCES : 0;
}

static int scan_pid(struct ll_ctx *ctx, int procfd, const char *name,
		    bool threads, unsigned int fields)
{
	pid_t pid = (pid_t)atoi(name);
	struct dirent *de;
	char *task;
	int fd, ret = 0;
	DIR *dir;

	if (!threads)
		return scan_task(ctx, procfd, name, pid, ctx->proc, fields);

	task = xasprintf("%s/%s/task", ctx->proc, name);
	fd = openat(procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		int tfd =
			openat(fd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		close(fd);
		fd = tfd;
	}
	dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		free(task);
		return -ENOENT;
	}
	ret = -ENOENT;
	while ((de = readdir(dir))) {
		int r;

		if (!is_pid(de->d_name))
			continue;
		r = scan_task(ctx, dirfd(dir), de->d_name, pid, task, fields);
		if (r == -ENOENT)
			ctx->vanished_procs++;
		else if (ret == -ENOENT || r < 0)
			ret = r;
	}
	closedir(dir);
	free(task);
	return ret;
}

static int cmp_proc(const void *a, const void *b)
{
	const struct ll_proc *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

/*
 * One pass over /proc (or only over @only if not 0): records every process
 * (or thread) with its domain ID and executable, and what @fields asks for
 * (enum ll_scan_fields).  Returns 0, or for @only, -ENOENT if it does not
 * exist and -EACCES if it is not inspectable.
 */
int ll_scan_procs(struct ll_ctx *ctx, pid_t only, bool threads,
		  unsigned int fields)
{
	struct dirent *de;
	size_t i;
	DIR *dir;
	int ret = 0;

	dir = opendir(ctx->proc);
	if (!dir)
		die_errno(-errno, ctx->proc);
	if (only) {
		char name[32];

		snprintf(name, sizeof(name), "%d", (int)only);
		ret = scan_pid(ctx, dirfd(dir), name, threads, fields);
	} else {
		while ((errno = 0, de = readdir(dir))) {
			if (!is_pid(de->d_name))
				continue;
			if (scan_pid(ctx, dirfd(dir), de->d_name, threads,
				     fields) == -ENOENT &&
			    !threads)
				ctx->vanished_procs++;
		}
		if (errno)
			die_errno(-errno, ctx->proc);
	}
	closedir(dir);
	if (ctx->nr_procs)
		qsort(ctx->procs, ctx->nr_procs, sizeof(*ctx->procs), cmp_proc);

	for (i = 0; i < ctx->nr_procs; i++) {
		struct ll_proc *p = &ctx->procs[i];
		struct ll_layer *l;

		if (p->state != PROC_SANDBOXED)
			continue;
		l = ll_find_layer(ctx, p->domain);
		if (l) {
			p->depth = ll_depth(ctx, l);
			l->nr_procs++;
		} else {
			p->depth = -1;
		}
	}
	return ret;
}

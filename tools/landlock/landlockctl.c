// SPDX-License-Identifier: GPL-2.0
/*
 * landlockctl - Shows Landlock domains, the processes in them and coverage
 * metrics, as tables, trees, JSON (libsmartcols) or Prometheus text.
 *
 * See landlockctl.8.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdnoreturn.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libsmartcols.h>

#include "landlockctl.h"

struct opts {
	bool json, noheadings, output_all, threads, raw;
	const char *output;
	pid_t pid;
	bool prometheus;
	const char *prometheus_file;
	const char *root;
	size_t max_exes;
};

static struct opts opts;

struct colinfo {
	const char *name;
	double whint;
	int flags;
	int json_type;
	const char *help;
};

enum {
	COL_PID,
	COL_TID,
	COL_USER,
	COL_UID,
	COL_STATE,
	COL_DOMAIN,
	COL_DEPTH,
	COL_MODE,
	COL_COMM,
	COL_EXE,
};

static const struct colinfo ps_cols[] = {
	[COL_PID] = { "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "process ID" },
	[COL_TID] = { "TID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "thread ID" },
	[COL_USER] = { "USER", 8, 0, SCOLS_JSON_STRING,
		       "owner of the process" },
	[COL_UID] = { "UID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "UID of the owner of the process" },
	[COL_STATE] = { "STATE", 10, 0, SCOLS_JSON_STRING,
			"sandboxed, unsandboxed or not-inspectable" },
	[COL_DOMAIN] = { "DOMAIN", 12, 0, SCOLS_JSON_STRING,
			 "ID of the youngest visible layer" },
	[COL_DEPTH] = { "DEPTH", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			"number of visible layers" },
	[COL_MODE] = { "MODE", 9, 0, SCOLS_JSON_STRING,
		       "mode of the youngest visible layer" },
	[COL_COMM] = { "COMM", 15, 0, SCOLS_JSON_STRING, "command name" },
	[COL_EXE] = { "EXE", 0.3, SCOLS_FL_TRUNC, SCOLS_JSON_STRING,
		      "executable" },
};

static const int ps_default[] = { COL_PID,    COL_USER,	 COL_STATE,
				  COL_DOMAIN, COL_DEPTH, COL_COMM };

enum {
	TCOL_NAME,
	TCOL_TYPE,
	TCOL_PID,
	TCOL_USER,
	TCOL_COMM,
	TCOL_PROCS,
	TCOL_MODE,
	TCOL_DENIALS,
	TCOL_HANDLED,
	TCOL_EXE,
};

static const struct colinfo tree_cols[] = {
	[TCOL_NAME] = { "NAME", 20, SCOLS_FL_TREE, SCOLS_JSON_STRING,
			"layer ID, or process ID" },
	[TCOL_TYPE] = { "TYPE", 7, 0, SCOLS_JSON_STRING, "layer or process" },
	[TCOL_PID] = { "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		       "process ID, or creator's for a layer" },
	[TCOL_USER] = { "USER", 8, 0, SCOLS_JSON_STRING,
			"owner of the process, or creator of the layer" },
	[TCOL_COMM] = { "COMM", 15, 0, SCOLS_JSON_STRING,
			"command name (of the creator for a layer)" },
	[TCOL_PROCS] = { "PROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			 "processes in the layer" },
	[TCOL_MODE] = { "MODE", 9, 0, SCOLS_JSON_STRING, "layer's mode" },
	[TCOL_DENIALS] = { "DENIALS", 7, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			   "accesses the layer denied" },
	[TCOL_HANDLED] = { "HANDLED", 0.2, SCOLS_FL_TRUNC,
			   SCOLS_JSON_ARRAY_STRING,
			   "access rights the layer handles" },
	[TCOL_EXE] = { "EXE", 0.3, SCOLS_FL_TRUNC, SCOLS_JSON_STRING,
		       "executable (of the creator for a layer)" },
};

static const int tree_default[] = { TCOL_NAME,	 TCOL_TYPE,  TCOL_PID,
				    TCOL_COMM,	 TCOL_PROCS, TCOL_MODE,
				    TCOL_DENIALS };

static noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("landlockctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'landlockctl --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static void help_cols(const char *title, const struct colinfo *cols, size_t n)
{
	size_t i;

	printf("\n%s:\n", title);
	for (i = 0; i < n; i++)
		printf(" %12s  %s\n", cols[i].name, cols[i].help);
}

static void usage(void)
{
	fputs("Usage:\n"
	      " landlockctl [options] [ps]\n"
	      " landlockctl [options] tree\n"
	      " landlockctl [options] show ID\n"
	      " landlockctl [options] stats\n"
	      " landlockctl [options] --prometheus | --prometheus-file PATH\n"
	      " landlockctl [options] dump PID\n"
	      " landlockctl [options] restore FILE -- PROGRAM [ARGS...]\n"
	      "\nShows Landlock domains as the caller sees them, the processes\n"
	      "in them and how many processes are sandboxed.\n"
	      "\nOptions:\n"
	      " -J, --json                  use JSON output format\n"
	      " -n, --noheadings            don't print headings\n"
	      " -o, --output LIST           the columns to show (ps, tree)\n"
	      "     --output-all            show all columns\n"
	      " -p, --pid PID               only this process (ps, tree)\n"
	      " -r, --raw                   use raw output format\n"
	      " -t, --threads               list threads, not processes\n"
	      "     --prometheus            print metrics for Prometheus\n"
	      "     --prometheus-file PATH  write them atomically to PATH\n"
	      "     --max-executables N     at most N executables in stats,\n"
	      "                             the others counted as [other]\n"
	      "     --root DIR              read DIR/proc/self/mountinfo and\n"
	      "                             the mounts below DIR (tests)\n"
	      " -h, --help                  display this help\n"
	      " -V, --version               display version\n",
	      stdout);
	help_cols("Columns of ps", ps_cols, ARRAY_SIZE(ps_cols));
	help_cols("Columns of tree", tree_cols, ARRAY_SIZE(tree_cols));
	fputs("\nExit status:\n"
	      " 0 success, 1 Landlock disabled, 2 no introspection interfaces,\n"
	      " 3 securityfs or procfs not mounted, 4 permission denied,\n"
	      " 5 no such process or visible layer, 6 restore impossible,\n"
	      " 7 malformed kernel data, 8 other error, 64 bad command line.\n"
	      "\nFor more details see landlockctl(8).\n",
	      stdout);
	exit(EXIT_OK);
}

/* Column selection: -o, --output-all or the default. */
static size_t select_cols(const struct colinfo *cols, size_t n, const int *def,
			  size_t ndef, int *sel)
{
	char *list, *tok, *save;
	size_t nsel = 0, i;

	if (opts.output_all) {
		for (i = 0; i < n; i++)
			sel[i] = (int)i;
		return n;
	}
	if (!opts.output) {
		memcpy(sel, def, ndef * sizeof(*def));
		return ndef;
	}
	list = xstrdup(opts.output[0] == '+' ? opts.output + 1 : opts.output);
	if (opts.output[0] == '+') {
		memcpy(sel, def, ndef * sizeof(*def));
		nsel = ndef;
	}
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n; i++) {
			if (!strcasecmp(tok, cols[i].name))
				break;
		}
		if (i == n)
			usage_error("unknown column: %s", tok);
		if (nsel == 2 * n)
			usage_error("too many columns: %s", opts.output);
		sel[nsel++] = (int)i;
	}
	free(list);
	if (!nsel)
		usage_error("no columns in: %s", opts.output);
	return nsel;
}

static struct libscols_table *new_table(const char *name)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		die(EXIT_FAILURE_OTHER, "out of memory");
	scols_table_set_name(tb, name);
	scols_table_enable_json(tb, opts.json);
	scols_table_enable_noheadings(tb, opts.noheadings);
	scols_table_enable_raw(tb, opts.raw);
	return tb;
}

static void add_cols(struct libscols_table *tb, const struct colinfo *cols,
		     const int *sel, size_t nsel)
{
	size_t i;

	for (i = 0; i < nsel; i++) {
		const struct colinfo *c = &cols[sel[i]];
		struct libscols_column *cl;
		int flags = c->flags;

		if (opts.json)
			flags &= ~SCOLS_FL_TRUNC;
		/* libsmartcols makes JSON arrays of the lines of a cell. */
		if (opts.json && c->json_type == SCOLS_JSON_ARRAY_STRING)
			flags |= SCOLS_FL_WRAP;
		cl = scols_table_new_column(tb, c->name, c->whint, flags);
		if (!cl)
			die(EXIT_FAILURE_OTHER, "out of memory");
		scols_column_set_json_type(cl, c->json_type);
		if (flags & SCOLS_FL_WRAP)
			scols_column_set_wrapfunc(cl, scols_wrapnl_chunksize,
						  scols_wrapnl_nextchunk, NULL);
	}
}

/*
 * Text from sandboxed programs (names, paths) reaches every cell.  JSON must
 * be UTF-8: what is not becomes U+FFFD.  A table needs nothing: libsmartcols
 * shows a control byte as "\xNN", and a backslash that could spell such an
 * escape as "\x5c".
 */
static char *cell_text(const char *data)
{
	return opts.json ? utf8_sanitize(data) : xstrdup(data);
}

static void set_cell(struct libscols_line *ln, size_t n, const char *data)
{
	/* The line takes the text: libsmartcols frees it. */
	if (scols_line_refer_data(ln, n, cell_text(data)))
		die(EXIT_FAILURE_OTHER, "out of memory");
}

static void set_cell_num(struct libscols_line *ln, size_t n,
			 unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", v);
	set_cell(ln, n, buf);
}

static void set_cell_id(struct libscols_line *ln, size_t n,
			unsigned long long id)
{
	char buf[32];

	if (!id)
		return;
	snprintf(buf, sizeof(buf), "%llx", id);
	set_cell(ln, n, buf);
}

/*
 * A list of names as one cell: separated by newlines for a JSON array (as
 * libsmartcols wants them), by commas for people.
 */
static void set_cell_list(struct libscols_line *ln, size_t n, const char *list,
			  bool json_array)
{
	char *s = xstrdup(list), *p;

	for (p = s; *p; p++) {
		if (*p == ' ' || *p == ',')
			*p = json_array ? '\n' : ',';
	}
	set_cell(ln, n, s);
	free(s);
}

static const char *user_name(uid_t uid)
{
	static struct {
		uid_t uid;
		char *name;
	} cache[64];
	static size_t nr_cache;
	struct passwd *pw;
	static char buf[32];
	size_t i;

	for (i = 0; i < nr_cache; i++) {
		if (cache[i].uid == uid)
			return cache[i].name;
	}
	pw = getpwuid(uid);
	if (!pw) {
		snprintf(buf, sizeof(buf), "%u", (unsigned int)uid);
		return buf;
	}
	if (nr_cache == ARRAY_SIZE(cache))
		return pw->pw_name;
	cache[nr_cache].uid = uid;
	cache[nr_cache].name = xstrdup(pw->pw_name);
	return cache[nr_cache++].name;
}

static const char *state_name(const struct ll_proc *p)
{
	switch (p->state) {
	case PROC_SANDBOXED:
		return "sandboxed";
	case PROC_NONE:
		return "unsandboxed";
	default:
		return "not-inspectable";
	}
}

/*
 * libsmartcols 2.38 prints an empty array cell as "[ null ]"; later
 * versions print "[]".  Makes @s (JSON from libsmartcols) say "[]".
 */
static void fix_empty_arrays(char *s)
{
	bool in_string = false;
	char *r = s, *w = s;

	while (*r) {
		if (in_string) {
			if (*r == '\\' && r[1])
				*w++ = *r++;
			else if (*r == '"')
				in_string = false;
			*w++ = *r++;
			continue;
		}
		if (*r == '"') {
			in_string = true;
		} else if (*r == '[') {
			char *p = r + 1;

			p += strspn(p, "\n ");
			if (!strncmp(p, "null", 4)) {
				p += 4;
				p += strspn(p, "\n ");
				if (*p == ']') {
					*w++ = '[';
					*w++ = ']';
					r = p + 1;
					continue;
				}
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/*
 * Prints the tables: one after the other for people, as the members of
 * one versioned JSON object for programs.
 */
static void print_tables(struct libscols_table **tbs, const char *const *titles,
			 size_t n, const char *members)
{
	size_t i;

	if (!opts.json) {
		for (i = 0; i < n; i++) {
			if (i)
				fputc('\n', stdout);
			if (titles && titles[i] && !opts.noheadings)
				printf("%s:\n", titles[i]);
			if (scols_table_is_empty(tbs[i]) && titles &&
			    titles[i]) {
				if (!opts.noheadings)
					fputs("  (none)\n", stdout);
				continue;
			}
			if (scols_print_table(tbs[i]))
				die(EXIT_FAILURE_OTHER, "cannot print table");
		}
		return;
	}
	printf("{\n   \"format_version\": %d", LLCTL_FORMAT_VERSION);
	if (members)
		printf(",\n%s", members);
	for (i = 0; i < n; i++) {
		char *s = NULL, *start, *end;

		if (!scols_table_get_nlines(tbs[i])) {
			printf(",\n   \"%s\": []",
			       scols_table_get_name(tbs[i]));
			continue;
		}
		if (scols_print_table_to_string(tbs[i], &s) || !s)
			die(EXIT_FAILURE_OTHER, "cannot print table");
		fix_empty_arrays(s);
		start = strchr(s, '{');
		end = strrchr(s, '}');
		if (!start || !end || end < start)
			die(EXIT_FAILURE_OTHER, "cannot print table");
		start++;
		while (*start == '\n')
			start++;
		while (end > start && (end[-1] == '\n' || end[-1] == ' '))
			end--;
		if (end > start)
			printf(",\n%.*s", (int)(end - start), start);
		else
			printf(",\n   \"%s\": []",
			       scols_table_get_name(tbs[i]));
		free(s);
	}
	fputs("\n}\n", stdout);
}

static void finish_output(void)
{
	if (fflush(stdout) || ferror(stdout))
		die(EXIT_FAILURE_OTHER, "write error: %s", strerror(errno));
}

static void report_hidden(struct ll_ctx *ctx)
{
	if (ctx->denied_procs)
		ll_warn("%zu %s not inspectable (permission denied)",
			ctx->denied_procs,
			ctx->denied_procs == 1 ? "process is" :
						 "processes are");
}

static void scan_one_or_all(struct ll_ctx *ctx, bool fatal_denied)
{
	int ret = ll_scan_procs(ctx, opts.pid, opts.threads, LL_SCAN_ALL);

	if (opts.pid && ret == -ENOENT)
		die(EXIT_NOT_FOUND, "no such process: %d", (int)opts.pid);
	if (opts.pid && ret == -EACCES && fatal_denied)
		die(EXIT_NO_PERMISSION, "process %d: permission denied",
		    (int)opts.pid);
}

static const char *proc_exe(const struct ll_proc *p)
{
	return p->exe ? p->exe : "";
}

static void fill_ps_line(struct ll_ctx *ctx, struct libscols_line *ln,
			 const int *sel, size_t nsel, const struct ll_proc *p)
{
	struct ll_layer *l = NULL;
	size_t i;

	if (p->state == PROC_SANDBOXED)
		l = ll_find_layer(ctx, p->domain);
	for (i = 0; i < nsel; i++) {
		switch (sel[i]) {
		case COL_PID:
			set_cell_num(ln, i, p->pid);
			break;
		case COL_TID:
			set_cell_num(ln, i, p->tid);
			break;
		case COL_USER:
			set_cell(ln, i, user_name(p->uid));
			break;
		case COL_UID:
			set_cell_num(ln, i, p->uid);
			break;
		case COL_STATE:
			set_cell(ln, i, state_name(p));
			break;
		case COL_DOMAIN:
			set_cell_id(ln, i, p->domain);
			break;
		case COL_DEPTH:
			if (p->state == PROC_NONE)
				set_cell_num(ln, i, 0);
			else if (p->state == PROC_SANDBOXED && p->depth > 0)
				set_cell_num(ln, i, p->depth);
			break;
		case COL_MODE:
			if (l && l->mode)
				set_cell(ln, i, l->mode);
			break;
		case COL_COMM:
			set_cell(ln, i, p->comm);
			break;
		case COL_EXE:
			set_cell(ln, i, proc_exe(p));
			break;
		}
	}
}

static int cmd_ps(struct ll_ctx *ctx)
{
	int sel[2 * ARRAY_SIZE(ps_cols)];
	int def[ARRAY_SIZE(ps_default) + 1];
	struct libscols_table *tb;
	size_t nsel, ndef = 0, i;

	for (i = 0; i < ARRAY_SIZE(ps_default); i++) {
		def[ndef++] = ps_default[i];
		if (ps_default[i] == COL_PID && opts.threads)
			def[ndef++] = COL_TID;
	}
	nsel = select_cols(ps_cols, ARRAY_SIZE(ps_cols), def, ndef, sel);
	ll_load_layers(ctx, LL_LAYER_ALL);
	scan_one_or_all(ctx, true);

	tb = new_table("processes");
	add_cols(tb, ps_cols, sel, nsel);
	for (i = 0; i < ctx->nr_procs; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		fill_ps_line(ctx, ln, sel, nsel, &ctx->procs[i]);
	}
	print_tables(&tb, NULL, 1, NULL);
	scols_unref_table(tb);
	report_hidden(ctx);
	finish_output();
	return EXIT_OK;
}

static void fill_tree_layer(struct libscols_line *ln, const int *sel,
			    size_t nsel, const struct ll_layer *l)
{
	size_t i;

	for (i = 0; i < nsel; i++) {
		switch (sel[i]) {
		case TCOL_NAME:
			set_cell_id(ln, i, l->id);
			break;
		case TCOL_TYPE:
			set_cell(ln, i, "layer");
			break;
		case TCOL_PID:
			if (l->creator_pid > 0)
				set_cell_num(ln, i, l->creator_pid);
			break;
		case TCOL_USER:
			if (l->creator_uid >= 0)
				set_cell(ln, i, user_name(l->creator_uid));
			break;
		case TCOL_COMM:
			if (l->creator_comm)
				set_cell(ln, i, l->creator_comm);
			break;
		case TCOL_PROCS:
			set_cell_num(ln, i, l->nr_procs);
			break;
		case TCOL_MODE:
			set_cell(ln, i, l->mode);
			break;
		case TCOL_DENIALS:
			set_cell_num(ln, i, l->denials);
			break;
		case TCOL_HANDLED: {
			char *all = xasprintf("%s %s %s", l->handled_fs,
					      l->handled_net, l->scoped);
			char *p, *q;

			/* Drop the empty items of empty lists. */
			for (p = q = all; *p; p++) {
				if (*p == ' ' && (q == all || q[-1] == ' '))
					continue;
				*q++ = *p;
			}
			while (q > all && q[-1] == ' ')
				q--;
			*q = '\0';
			set_cell_list(ln, i, all, opts.json);
			free(all);
			break;
		}
		case TCOL_EXE:
			if (l->creator_exe)
				set_cell(ln, i, l->creator_exe);
			break;
		}
	}
}

static void fill_tree_proc(struct libscols_line *ln, const int *sel,
			   size_t nsel, const struct ll_proc *p)
{
	char buf[32];
	size_t i;

	for (i = 0; i < nsel; i++) {
		switch (sel[i]) {
		case TCOL_NAME:
			snprintf(buf, sizeof(buf), "%d",
				 (int)(opts.threads ? p->tid : p->pid));
			set_cell(ln, i, buf);
			break;
		case TCOL_TYPE:
			set_cell(ln, i, opts.threads ? "thread" : "process");
			break;
		case TCOL_PID:
			set_cell_num(ln, i, p->pid);
			break;
		case TCOL_USER:
			set_cell(ln, i, user_name(p->uid));
			break;
		case TCOL_COMM:
			set_cell(ln, i, p->comm);
			break;
		case TCOL_EXE:
			set_cell(ln, i, proc_exe(p));
			break;
		}
	}
}

static int cmd_tree(struct ll_ctx *ctx)
{
	int sel[2 * ARRAY_SIZE(tree_cols)];
	struct libscols_line **lines;
	struct libscols_table *tb;
	bool *wanted = NULL;
	size_t nsel, i;

	nsel = select_cols(tree_cols, ARRAY_SIZE(tree_cols), tree_default,
			   ARRAY_SIZE(tree_default), sel);
	for (i = 0; i < nsel; i++) {
		if (sel[i] == TCOL_NAME)
			break;
	}
	if (i == nsel)
		usage_error("%s: the tree needs the NAME column", "tree");
	ll_load_layers(ctx, LL_LAYER_ALL);
	scan_one_or_all(ctx, true);

	tb = new_table("layers");
	add_cols(tb, tree_cols, sel, nsel);
	lines = xmalloc((ctx->nr_layers + 1) * sizeof(*lines));
	/* With -p, only the layers of this process's chain. */
	if (opts.pid) {
		wanted = xmalloc(ctx->nr_layers + 1);
		for (i = 0; i < ctx->nr_procs; i++) {
			struct ll_layer *l;

			if (ctx->procs[i].state != PROC_SANDBOXED)
				continue;
			l = ll_find_layer(ctx, ctx->procs[i].domain);
			while (l && !wanted[l - ctx->layers]) {
				wanted[l - ctx->layers] = true;
				l = l->parent ? ll_find_layer(ctx, l->parent) :
						NULL;
			}
		}
	}
	/* Parents first: by depth, then by ID. */
	for (i = 0; i < ctx->nr_layers; i++)
		ll_depth(ctx, &ctx->layers[i]);
	{
		int depth;
		bool more = true;

		for (depth = 1; more; depth++) {
			more = false;
			for (i = 0; i < ctx->nr_layers; i++) {
				struct ll_layer *l = &ctx->layers[i];
				struct libscols_line *parent = NULL;

				if (l->depth > depth)
					more = true;
				if (l->depth != depth)
					continue;
				if (l->parent) {
					struct ll_layer *pl =
						ll_find_layer(ctx, l->parent);

					if (pl)
						parent =
							lines[pl - ctx->layers];
				}
				if (wanted && !wanted[i])
					continue;
				lines[i] = scols_table_new_line(tb, parent);
				if (!lines[i])
					die(EXIT_FAILURE_OTHER,
					    "out of memory");
				fill_tree_layer(lines[i], sel, nsel, l);
			}
		}
	}
	for (i = 0; i < ctx->nr_procs; i++) {
		struct ll_proc *p = &ctx->procs[i];
		struct ll_layer *l;
		struct libscols_line *ln;

		if (p->state != PROC_SANDBOXED)
			continue;
		l = ll_find_layer(ctx, p->domain);
		if (!l || !lines[l - ctx->layers])
			continue;
		ln = scols_table_new_line(tb, lines[l - ctx->layers]);
		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		fill_tree_proc(ln, sel, nsel, p);
	}
	print_tables(&tb, NULL, 1, NULL);
	scols_unref_table(tb);
	free(lines);
	free(wanted);
	report_hidden(ctx);
	finish_output();
	return EXIT_OK;
}

static bool parse_id_arg(const char *s, unsigned long long *id)
{
	return parse_id(s, strlen(s), id);
}

static void kv(struct libscols_table *tb, const char *key, const char *val)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);

	if (!ln)
		die(EXIT_FAILURE_OTHER, "out of memory");
	set_cell(ln, 0, key);
	if (val)
		set_cell(ln, 1, val);
}

static void kv_num(struct libscols_table *tb, const char *key, long long val)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", val);
	kv(tb, key, val >= 0 ? buf : NULL);
}

static const struct colinfo layer_cols[] = {
	{ "ID", 0, 0, SCOLS_JSON_STRING, NULL },
	{ "PARENT", 0, 0, SCOLS_JSON_STRING, NULL },
	{ "DEPTH", 0, 0, SCOLS_JSON_NUMBER, NULL },
	{ "MODE", 0, 0, SCOLS_JSON_STRING, NULL },
	{ "HANDLED_FS", 0, 0, SCOLS_JSON_ARRAY_STRING, NULL },
	{ "HANDLED_NET", 0, 0, SCOLS_JSON_ARRAY_STRING, NULL },
	{ "SCOPED", 0, 0, SCOLS_JSON_ARRAY_STRING, NULL },
	{ "LOG_FLAGS", 0, 0, SCOLS_JSON_ARRAY_STRING, NULL },
	{ "DENIALS", 0, 0, SCOLS_JSON_NUMBER, NULL },
	{ "CREATOR_PID", 0, 0, SCOLS_JSON_NUMBER, NULL },
	{ "CREATOR_UID", 0, 0, SCOLS_JSON_NUMBER, NULL },
	{ "CREATOR_EXE", 0, 0, SCOLS_JSON_STRING, NULL },
	{ "CREATOR_COMM", 0, 0, SCOLS_JSON_STRING, NULL },
	{ "PROCS", 0, 0, SCOLS_JSON_NUMBER, NULL },
};

/* One layer as one line of JSON members (show -J, dump). */
static void layer_json_line(struct libscols_table *tb, struct ll_ctx *ctx,
			    struct ll_layer *l, bool with_creator)
{
	size_t n = with_creator ? ARRAY_SIZE(layer_cols) : 9;
	struct libscols_line *ln;
	int sel[ARRAY_SIZE(layer_cols)];
	size_t i;

	if (!scols_table_get_ncols(tb)) {
		for (i = 0; i < n; i++)
			sel[i] = (int)i;
		add_cols(tb, layer_cols, sel, n);
	}
	ln = scols_table_new_line(tb, NULL);
	if (!ln)
		die(EXIT_FAILURE_OTHER, "out of memory");
	set_cell_id(ln, 0, l->id);
	set_cell_id(ln, 1, l->parent);
	set_cell_num(ln, 2, ll_depth(ctx, l));
	set_cell(ln, 3, l->mode);
	set_cell_list(ln, 4, l->handled_fs, true);
	set_cell_list(ln, 5, l->handled_net, true);
	set_cell_list(ln, 6, l->scoped, true);
	set_cell_list(ln, 7, l->log_flags, true);
	set_cell_num(ln, 8, l->denials);
	if (!with_creator)
		return;
	if (l->creator_pid >= 0)
		set_cell_num(ln, 9, l->creator_pid);
	if (l->creator_uid >= 0)
		set_cell_num(ln, 10, l->creator_uid);
	if (l->creator_exe)
		set_cell(ln, 11, l->creator_exe);
	if (l->creator_comm)
		set_cell(ln, 12, l->creator_comm);
	set_cell_num(ln, 13, l->nr_procs);
}

enum {
	RCOL_LAYER,
	RCOL_TYPE,
	RCOL_DEV,
	RCOL_INO,
	RCOL_PORT,
	RCOL_PATH,
	RCOL_FILE,
	RCOL_RIGHTS,
};

/* RIGHTS last: the widest, it may run past the terminal's width. */
static const struct colinfo rule_cols[] = {
	[RCOL_LAYER] = { "LAYER", 0, 0, SCOLS_JSON_STRING, NULL },
	[RCOL_TYPE] = { "TYPE", 0, 0, SCOLS_JSON_STRING, NULL },
	[RCOL_DEV] = { "DEV", 0, 0, SCOLS_JSON_STRING, NULL },
	[RCOL_INO] = { "INO", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[RCOL_PORT] = { "PORT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, NULL },
	[RCOL_PATH] = { "PATH", 0, 0, SCOLS_JSON_STRING, NULL },
	[RCOL_FILE] = { "FILE", 0, 0, SCOLS_JSON_STRING, NULL },
	[RCOL_RIGHTS] = { "RIGHTS", 0, 0, SCOLS_JSON_ARRAY_STRING, NULL },
};

/* The rules of @l as lines of @tb; LAYER only with @with_layer. */
static void rule_lines(struct libscols_table *tb, struct ll_ctx *ctx,
		       struct ll_layer *l, bool with_layer)
{
	/* Cell numbers: the columns of the table, without LAYER or with it. */
	const size_t first = with_layer ? 0 : 1;
	int sel[ARRAY_SIZE(rule_cols)];
	size_t i;

	if (!scols_table_get_ncols(tb)) {
		for (i = first; i < ARRAY_SIZE(rule_cols); i++)
			sel[i - first] = (int)i;
		add_cols(tb, rule_cols, sel, ARRAY_SIZE(rule_cols) - first);
	}
	ll_load_rules(ctx, l);
	for (i = 0; i < l->nr_rules; i++) {
		const struct ll_rule *r = &l->rules[i];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		char *file, buf[32];

		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		if (with_layer)
			set_cell_id(ln, RCOL_LAYER, l->id);
		set_cell(ln, RCOL_TYPE - first, r->is_net ? "net" : "fs");
		set_cell_list(ln, RCOL_RIGHTS - first, r->rights, opts.json);
		if (r->is_net) {
			set_cell_num(ln, RCOL_PORT - first, r->port);
			continue;
		}
		snprintf(buf, sizeof(buf), "%u:%u", r->major, r->minor);
		set_cell(ln, RCOL_DEV - first, buf);
		set_cell_num(ln, RCOL_INO - first, r->ino);
		set_cell(ln, RCOL_PATH - first, r->path ? r->path : "?");
		if (ll_rule_mountpoint(ctx, r, &file))
			set_cell(ln, RCOL_FILE - first, file);
		free(file);
	}
}

static int cmd_show(struct ll_ctx *ctx, const char *arg)
{
	static const int thread_sel[] = { COL_PID, COL_TID, COL_USER, COL_COMM,
					  COL_EXE };
	static const int pid_sel[] = { COL_PID, COL_USER, COL_COMM, COL_EXE };
	const int *proc_sel = opts.threads ? thread_sel : pid_sel;
	size_t nproc_sel = opts.threads ? ARRAY_SIZE(thread_sel) :
					  ARRAY_SIZE(pid_sel);
	struct libscols_table *tbs[3];
	static const char *const titles[] = { NULL, "Rules", "Processes" };
	unsigned long long id;
	struct ll_layer *l;
	char buf[32];
	size_t i;

	if (!parse_id_arg(arg, &id))
		usage_error("not a layer ID: '%s'", arg);
	ll_load_layers(ctx, LL_LAYER_ALL);
	l = ll_find_layer(ctx, id);
	if (!l)
		die(EXIT_NOT_FOUND, "no visible layer with ID %s", arg);
	ll_scan_procs(ctx, 0, opts.threads, LL_SCAN_ALL);

	tbs[0] = new_table("layer");
	if (opts.json) {
		layer_json_line(tbs[0], ctx, l, true);
	} else {
		scols_table_new_column(tbs[0], "FIELD", 0, 0);
		scols_table_new_column(tbs[0], "VALUE", 0, 0);
		snprintf(buf, sizeof(buf), "%llx", l->id);
		kv(tbs[0], "ID", buf);
		snprintf(buf, sizeof(buf), "%llx", l->parent);
		kv(tbs[0], "PARENT", l->parent ? buf : "none");
		kv_num(tbs[0], "DEPTH", ll_depth(ctx, l));
		kv(tbs[0], "MODE", l->mode);
		kv(tbs[0], "HANDLED_FS", l->handled_fs);
		kv(tbs[0], "HANDLED_NET", l->handled_net);
		kv(tbs[0], "SCOPED", l->scoped);
		kv(tbs[0], "LOG_FLAGS", l->log_flags);
		kv_num(tbs[0], "DENIALS", (long long)l->denials);
		kv_num(tbs[0], "CREATOR_PID", l->creator_pid);
		kv_num(tbs[0], "CREATOR_UID", l->creator_uid);
		kv(tbs[0], "CREATOR_EXE", l->creator_exe);
		kv(tbs[0], "CREATOR_COMM", l->creator_comm);
		kv_num(tbs[0], "PROCS", (long long)l->nr_procs);
	}

	tbs[1] = new_table("rules");
	rule_lines(tbs[1], ctx, l, false);

	tbs[2] = new_table("processes");
	add_cols(tbs[2], ps_cols, proc_sel, nproc_sel);
	for (i = 0; i < ctx->nr_procs; i++) {
		struct ll_proc *p = &ctx->procs[i];
		struct libscols_line *ln;

		if (p->state != PROC_SANDBOXED || p->domain != id)
			continue;
		ln = scols_table_new_line(tbs[2], NULL);
		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		fill_ps_line(ctx, ln, proc_sel, nproc_sel, p);
	}
	print_tables(tbs, titles, 3, NULL);
	for (i = 0; i < 3; i++)
		scols_unref_table(tbs[i]);
	report_hidden(ctx);
	finish_output();
	return EXIT_OK;
}

struct exe_count {
	const char *exe;
	size_t count[3];
};

static int cmp_exe(const void *a, const void *b)
{
	return strcmp(((const struct exe_count *)a)->exe,
		      ((const struct exe_count *)b)->exe);
}

struct mode_count {
	const char *mode;
	size_t layers;
	unsigned long long denials;
};

struct stats {
	size_t procs[3]; /* by enum ll_proc_state */
	struct exe_count *exes;
	size_t nr_exes;
	struct mode_count *modes;
	size_t nr_modes;
	unsigned long long denials;
	double seconds;
};

static const char *const state_metric[] = {
	[PROC_SANDBOXED] = "sandboxed",
	[PROC_NONE] = "unsandboxed",
	[PROC_DENIED] = "not_inspectable",
};

/* Most processes first, then by name. */
static int cmp_exe_processes(const void *a, const void *b)
{
	const struct exe_count *x = a, *y = b;
	const size_t nx = x->count[0] + x->count[1] + x->count[2];
	const size_t ny = y->count[0] + y->count[1] + y->count[2];

	if (nx != ny)
		return nx > ny ? -1 : 1;
	return cmp_exe(a, b);
}

/*
 * With --max-executables: the executables with the most processes, and the
 * others counted together as "[other]" (no path has this spelling), so that
 * programs that choose their paths cannot make the metrics grow without
 * bound.  @st->exes has room for one more entry.
 */
static void fold_exes(struct stats *st)
{
	struct exe_count other = { 0 };
	size_t i, j;

	if (!opts.max_exes || st->nr_exes <= opts.max_exes)
		return;
	qsort(st->exes, st->nr_exes, sizeof(*st->exes), cmp_exe_processes);
	for (i = opts.max_exes; i < st->nr_exes; i++) {
		for (j = 0; j < 3; j++)
			other.count[j] += st->exes[i].count[j];
		free((char *)st->exes[i].exe);
	}
	st->nr_exes = opts.max_exes;
	qsort(st->exes, st->nr_exes, sizeof(*st->exes), cmp_exe);
	other.exe = xstrdup("[other]");
	st->exes[st->nr_exes++] = other;
}

/*
 * The executable's path; "[unknown]" for a process not inspectable or whose
 * executable could not be read (a path longer than PATH_MAX), "[none]" for
 * one without executable (kernel threads, zombies): a few values, fit for a
 * metric's label.
 */
static char *exe_key(const struct ll_proc *p)
{
	/* Grouped as the label shows it: no two series with one label. */
	if (p->exe)
		return utf8_sanitize(p->exe);
	if (p->state == PROC_DENIED || p->exe_unknown)
		return xstrdup("[unknown]");
	return xstrdup("[none]");
}

static void compute_stats(struct ll_ctx *ctx, struct stats *st)
{
	struct timespec t0, t1;
	size_t i, j;

	memset(st, 0, sizeof(*st));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ll_load_layers(ctx, LL_LAYER_SUMMARY);
	/* Counts per executable need neither the user nor the command name. */
	ll_scan_procs(ctx, 0, opts.threads, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	st->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

	st->exes = xmalloc((ctx->nr_procs + 1) * sizeof(*st->exes));
	for (i = 0; i < ctx->nr_procs; i++) {
		st->procs[ctx->procs[i].state]++;
		st->exes[i].exe = exe_key(&ctx->procs[i]);
		st->exes[i].count[ctx->procs[i].state] = 1;
	}
	if (ctx->nr_procs)
		qsort(st->exes, ctx->nr_procs, sizeof(*st->exes), cmp_exe);
	for (i = 0; i < ctx->nr_procs; i++) {
		struct exe_count *last =
			st->nr_exes ? &st->exes[st->nr_exes - 1] : NULL;

		if (last && !strcmp(last->exe, st->exes[i].exe)) {
			for (j = 0; j < 3; j++)
				last->count[j] += st->exes[i].count[j];
			free((char *)st->exes[i].exe);
			continue;
		}
		st->exes[st->nr_exes++] = st->exes[i];
	}
	fold_exes(st);

	st->modes = xmalloc((ctx->nr_layers + 1) * sizeof(*st->modes));
	for (i = 0; i < ctx->nr_layers; i++) {
		struct ll_layer *l = &ctx->layers[i];

		st->denials += l->denials;
		for (j = 0; j < st->nr_modes; j++) {
			if (!strcmp(st->modes[j].mode, l->mode))
				break;
		}
		if (j == st->nr_modes) {
			st->modes[j].mode = l->mode;
			st->nr_modes++;
		}
		st->modes[j].layers++;
		st->modes[j].denials += l->denials;
	}
}

static void free_stats(struct stats *st)
{
	size_t i;

	for (i = 0; i < st->nr_exes; i++)
		free((char *)st->exes[i].exe);
	free(st->exes);
	free(st->modes);
}

static void new_cols(struct libscols_table *tb, const char *const *names,
		     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct libscols_column *cl;

		cl = scols_table_new_column(tb, names[i], 0,
					    i ? SCOLS_FL_RIGHT : 0);
		if (!cl)
			die(EXIT_FAILURE_OTHER, "out of memory");
		scols_column_set_json_type(cl, i ? SCOLS_JSON_NUMBER :
						   SCOLS_JSON_STRING);
	}
}

static int cmd_stats(struct ll_ctx *ctx)
{
	static const char *const total_names[] = {
		"ABI",	       "PROCESSES",	  "SANDBOXED",
		"UNSANDBOXED", "NOT_INSPECTABLE", "VANISHED",
		"LAYERS",      "DENIALS",
	};
	static const char *const exe_names[] = { "EXE", "PROCESSES",
						 "SANDBOXED", "UNSANDBOXED",
						 "NOT_INSPECTABLE" };
	static const char *const mode_names[] = { "MODE", "LAYERS", "DENIALS" };
	static const char *const titles[] = { "Totals", "Executables",
					      "Layers" };
	struct libscols_table *tbs[3];
	struct libscols_line *ln;
	struct stats st;
	size_t i, c;

	compute_stats(ctx, &st);
	tbs[0] = new_table("totals");
	new_cols(tbs[0], total_names, ARRAY_SIZE(total_names));
	/* ABI is a number too, but the first column is made a string. */
	scols_column_set_json_type(scols_table_get_column(tbs[0], 0),
				   SCOLS_JSON_NUMBER);
	ln = scols_table_new_line(tbs[0], NULL);
	if (!ln)
		die(EXIT_FAILURE_OTHER, "out of memory");
	set_cell_num(ln, 0, ctx->abi);
	set_cell_num(ln, 1, ctx->nr_procs);
	set_cell_num(ln, 2, st.procs[PROC_SANDBOXED]);
	set_cell_num(ln, 3, st.procs[PROC_NONE]);
	set_cell_num(ln, 4, st.procs[PROC_DENIED]);
	set_cell_num(ln, 5, ctx->vanished_procs);
	set_cell_num(ln, 6, ctx->nr_layers);
	set_cell_num(ln, 7, st.denials);

	tbs[1] = new_table("executables");
	new_cols(tbs[1], exe_names, ARRAY_SIZE(exe_names));
	for (i = 0; i < st.nr_exes; i++) {
		ln = scols_table_new_line(tbs[1], NULL);
		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		set_cell(ln, 0, st.exes[i].exe);
		set_cell_num(ln, 1,
			     st.exes[i].count[0] + st.exes[i].count[1] +
				     st.exes[i].count[2]);
		for (c = 0; c < 3; c++)
			set_cell_num(ln, 2 + c, st.exes[i].count[c]);
	}

	tbs[2] = new_table("modes");
	new_cols(tbs[2], mode_names, ARRAY_SIZE(mode_names));
	for (i = 0; i < st.nr_modes; i++) {
		ln = scols_table_new_line(tbs[2], NULL);
		if (!ln)
			die(EXIT_FAILURE_OTHER, "out of memory");
		set_cell(ln, 0, st.modes[i].mode);
		set_cell_num(ln, 1, st.modes[i].layers);
		set_cell_num(ln, 2, st.modes[i].denials);
	}
	print_tables(tbs, titles, 3, NULL);
	for (i = 0; i < 3; i++)
		scols_unref_table(tbs[i]);
	free_stats(&st);
	report_hidden(ctx);
	finish_output();
	return EXIT_OK;
}

/*
 * A Prometheus label value: backslash, double quote and newline escaped.
 * What is not UTF-8 (a path may be anything) is U+FFFD, replaced before the
 * counts were grouped (exe_key()), so that no two series look the same.
 */
static void prom_label(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		size_t len = utf8_len(s);

		if (!len) {
			fputs("\xef\xbf\xbd", f);
			s++;
		} else if (*s == '\\') {
			fputs("\\\\", f);
			s++;
		} else if (*s == '"') {
			fputs("\\\"", f);
			s++;
		} else if (*s == '\n') {
			fputs("\\n", f);
			s++;
		} else {
			fwrite(s, 1, len, f);
			s += len;
		}
	}
}

static void prom_head(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void write_prometheus_all(FILE *f, struct ll_ctx *ctx, struct stats *st)
{
	size_t i, s;

	prom_head(f, "landlock_info",
		  "The kernel's Landlock ABI version, as a label.");
	fprintf(f, "landlock_info{abi=\"%d\"} 1\n", ctx->abi);

	prom_head(f, "landlock_processes",
		  "Processes by Landlock state, as the reader sees them.");
	for (s = 0; s < 3; s++)
		fprintf(f, "landlock_processes{state=\"%s\"} %zu\n",
			state_metric[s], st->procs[s]);

	prom_head(f, "landlock_executable_processes",
		  "Processes by executable and Landlock state.");
	for (i = 0; i < st->nr_exes; i++) {
		for (s = 0; s < 3; s++) {
			if (!st->exes[i].count[s])
				continue;
			fputs("landlock_executable_processes{exe=\"", f);
			prom_label(f, st->exes[i].exe);
			fprintf(f, "\",state=\"%s\"} %zu\n", state_metric[s],
				st->exes[i].count[s]);
		}
	}

	prom_head(f, "landlock_layers",
		  "Live Landlock layers visible to the reader, by mode.");
	for (i = 0; i < st->nr_modes; i++) {
		fputs("landlock_layers{mode=\"", f);
		prom_label(f, st->modes[i].mode);
		fprintf(f, "\"} %zu\n", st->modes[i].layers);
	}

	prom_head(f, "landlock_layer_denials",
		  "Denials so far of the live visible layers, by mode.");
	for (i = 0; i < st->nr_modes; i++) {
		fputs("landlock_layer_denials{mode=\"", f);
		prom_label(f, st->modes[i].mode);
		fprintf(f, "\"} %llu\n", st->modes[i].denials);
	}

	prom_head(f, "landlock_scan_vanished_processes",
		  "Processes that exited while they were being read.");
	fprintf(f, "landlock_scan_vanished_processes %zu\n",
		ctx->vanished_procs);
	prom_head(f, "landlock_scan_duration_seconds",
		  "Time the scan of procfs and securityfs took.");
	fprintf(f, "landlock_scan_duration_seconds %.6f\n", st->seconds);
}

static int cmd_prometheus(struct ll_ctx *ctx)
{
	char *dir, *base, *tmp, *slash;
	struct stats st;
	FILE *f;
	int fd;

	compute_stats(ctx, &st);
	if (!opts.prometheus_file) {
		write_prometheus_all(stdout, ctx, &st);
		free_stats(&st);
		report_hidden(ctx);
		finish_output();
		return EXIT_OK;
	}

	/* Temporary file in the same directory, then rename(2). */
	slash = strrchr(opts.prometheus_file, '/');
	if (slash) {
		dir = xasprintf("%.*s",
				(int)(slash - opts.prometheus_file) +
					(slash == opts.prometheus_file),
				opts.prometheus_file);
		base = slash + 1;
	} else {
		dir = xstrdup(".");
		base = (char *)opts.prometheus_file;
	}
	if (!*base)
		usage_error("not a file name: '%s'", opts.prometheus_file);
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;

		free(tmp);
		die(err == EACCES || err == EPERM ? EXIT_NO_PERMISSION :
						    EXIT_FAILURE_OTHER,
		    "%s: cannot create a temporary file: %s", dir,
		    strerror(err));
	}
	f = fchmod(fd, 0644) < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		int err = errno;

		unlink(tmp);
		die(EXIT_FAILURE_OTHER, "%s: %s", tmp, strerror(err));
	}
	write_prometheus_all(f, ctx, &st);
	if (fflush(f) || ferror(f) || fsync(fileno(f)) < 0) {
		int err = errno;

		fclose(f);
		unlink(tmp);
		die(EXIT_FAILURE_OTHER, "%s: write error: %s", tmp,
		    strerror(err));
	}
	if (fclose(f)) {
		int err = errno;

		unlink(tmp);
		die(EXIT_FAILURE_OTHER, "%s: write error: %s", tmp,
		    strerror(err));
	}
	if (rename(tmp, opts.prometheus_file) < 0) {
		int err = errno;

		unlink(tmp);
		die(err == EACCES || err == EPERM ? EXIT_NO_PERMISSION :
						    EXIT_FAILURE_OTHER,
		    "%s: cannot rename to %s: %s", tmp, opts.prometheus_file,
		    strerror(err));
	}
	free(tmp);
	free(dir);
	free_stats(&st);
	report_hidden(ctx);
	return EXIT_OK;
}

static pid_t parse_pid_arg(const char *s)
{
	unsigned long long v;

	if (!parse_ull(s, &v) || v == 0 || v > INT_MAX)
		usage_error("not a process ID: '%s'", s);
	return (pid_t)v;
}

static int cmd_dump(struct ll_ctx *ctx, const char *arg)
{
	static const int proc_sel[] = { COL_PID,    COL_UID,   COL_STATE,
					COL_DOMAIN, COL_DEPTH, COL_COMM,
					COL_EXE };
	struct ll_layer *chain[LLCTL_MAX_DEPTH];
	struct libscols_table *tbs[3];
	struct libscols_line *ln;
	struct ll_proc *p;
	size_t n = 0, i;
	bool json = opts.json;
	char *members;

	opts.pid = parse_pid_arg(arg);
	opts.json = true;
	opts.threads = false;
	ll_load_layers(ctx, LL_LAYER_ALL);
	scan_one_or_all(ctx, true);
	p = &ctx->procs[0];
	if (p->state == PROC_SANDBOXED) {
		struct ll_layer *l = ll_find_layer(ctx, p->domain);

		if (!l)
			die(EXIT_NOT_FOUND,
			    "process %d: its layer %llx vanished", (int)p->pid,
			    p->domain);
		for (; l;
		     l = l->parent ? ll_find_layer(ctx, l->parent) : NULL) {
			if (n == LLCTL_MAX_DEPTH)
				die(EXIT_MALFORMED,
				    "a chain of more than %d layers",
				    LLCTL_MAX_DEPTH);
			chain[n++] = l;
		}
	}

	tbs[0] = new_table("process");
	add_cols(tbs[0], ps_cols, proc_sel, ARRAY_SIZE(proc_sel));
	ln = scols_table_new_line(tbs[0], NULL);
	if (!ln)
		die(EXIT_FAILURE_OTHER, "out of memory");
	fill_ps_line(ctx, ln, proc_sel, ARRAY_SIZE(proc_sel), p);

	/* Oldest layer first: the order in which to recreate them. */
	tbs[1] = new_table("layers");
	tbs[2] = new_table("rules");
	for (i = n; i > 0; i--) {
		layer_json_line(tbs[1], ctx, chain[i - 1], false);
		rule_lines(tbs[2], ctx, chain[i - 1], true);
	}
	if (!scols_table_get_ncols(tbs[2])) {
		int sel[ARRAY_SIZE(rule_cols)];

		for (i = 0; i < ARRAY_SIZE(rule_cols); i++)
			sel[i] = (int)i;
		add_cols(tbs[2], rule_cols, sel, ARRAY_SIZE(rule_cols));
	}
	members = xasprintf("   \"kind\": \"%s\",\n   \"abi\": %d",
			    "landlockctl-dump", ctx->abi);
	print_tables(tbs, NULL, 3, members);
	free(members);
	for (i = 0; i < 3; i++)
		scols_unref_table(tbs[i]);
	opts.json = json;
	finish_output();
	return EXIT_OK;
}

static int cmd_restore(struct ll_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		usage_error("%s: needs FILE -- PROGRAM [ARGS...]", "restore");
	if (argc < 3)
		usage_error("%s: needs a PROGRAM to run after --", "restore");
	return ll_restore(ctx, argv[1], argv + 2);
}

enum {
	OPT_OUTPUT_ALL = 0x100,
	OPT_PROMETHEUS,
	OPT_PROMETHEUS_FILE,
	OPT_ROOT,
	OPT_MAX_EXES,
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-all", no_argument, NULL, OPT_OUTPUT_ALL },
		{ "pid", required_argument, NULL, 'p' },
		{ "raw", no_argument, NULL, 'r' },
		{ "threads", no_argument, NULL, 't' },
		{ "prometheus", no_argument, NULL, OPT_PROMETHEUS },
		{ "prometheus-file", required_argument, NULL,
		  OPT_PROMETHEUS_FILE },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "max-executables", required_argument, NULL, OPT_MAX_EXES },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	const char *cmd = "ps";
	struct ll_ctx ctx;
	int c, ret, nargs;
	char **args;

	opts.root = "";
	while ((c = getopt_long(argc, argv, "Jno:p:rthV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'J':
			opts.json = true;
			break;
		case 'n':
			opts.noheadings = true;
			break;
		case 'o':
			opts.output = optarg;
			break;
		case OPT_OUTPUT_ALL:
			opts.output_all = true;
			break;
		case 'p':
			opts.pid = parse_pid_arg(optarg);
			break;
		case 'r':
			opts.raw = true;
			break;
		case 't':
			opts.threads = true;
			break;
		case OPT_PROMETHEUS:
			opts.prometheus = true;
			break;
		case OPT_PROMETHEUS_FILE:
			opts.prometheus = true;
			opts.prometheus_file = optarg;
			break;
		case OPT_ROOT: {
			size_t len = strlen(optarg);

			while (len > 1 && optarg[len - 1] == '/')
				optarg[--len] = '\0';
			opts.root = strcmp(optarg, "/") ? optarg : "";
			break;
		}
		case OPT_MAX_EXES: {
			unsigned long long n;

			if (!parse_ull(optarg, &n) || !n || n > SIZE_MAX / 2)
				usage_error("not a positive number: '%s'",
					    optarg);
			opts.max_exes = n;
			break;
		}
		case 'h':
			usage();
			break;
		case 'V':
			printf("landlockctl %s (JSON format %d, %s)\n",
			       LLCTL_VERSION, LLCTL_FORMAT_VERSION,
			       LIBSMARTCOLS_VERSION);
			return EXIT_OK;
		default:
			fputs("Try 'landlockctl --help' for more information.\n",
			      stderr);
			return EXIT_USAGE;
		}
	}
	args = argv + optind;
	nargs = argc - optind;
	if (nargs)
		cmd = args[0];
	else if (opts.prometheus)
		cmd = "stats";

	/* Options that only some commands take. */
	if ((opts.output || opts.output_all) && strcmp(cmd, "ps") &&
	    strcmp(cmd, "tree"))
		usage_error("%s: -o and --output-all are for ps and tree", cmd);
	if (opts.pid && strcmp(cmd, "ps") && strcmp(cmd, "tree"))
		usage_error("%s: -p is for ps and tree", cmd);
	if (opts.prometheus && strcmp(cmd, "stats"))
		usage_error("%s: --prometheus is for stats", cmd);
	if (opts.max_exes && strcmp(cmd, "stats"))
		usage_error("%s: --max-executables is for stats", cmd);

	if (!strcmp(cmd, "show") || !strcmp(cmd, "dump")) {
		if (nargs != 2)
			usage_error("%s: needs exactly one argument", cmd);
	} else if (!strcmp(cmd, "restore")) {
		if (nargs < 2)
			usage_error("%s: needs FILE -- PROGRAM [ARGS...]",
				    "restore");
		if (nargs < 3)
			usage_error("%s: needs a PROGRAM to run after --",
				    "restore");
	} else if (!strcmp(cmd, "ps") || !strcmp(cmd, "tree") ||
		   !strcmp(cmd, "stats")) {
		if (nargs > 1)
			usage_error("unexpected argument: '%s'", args[1]);
	} else {
		usage_error("unknown command: '%s'", cmd);
	}

	ll_open(&ctx, opts.root);
	if (!strcmp(cmd, "ps"))
		ret = cmd_ps(&ctx);
	else if (!strcmp(cmd, "tree"))
		ret = cmd_tree(&ctx);
	else if (!strcmp(cmd, "show"))
		ret = cmd_show(&ctx, args[1]);
	else if (!strcmp(cmd, "dump"))
		ret = cmd_dump(&ctx, args[1]);
	else if (!strcmp(cmd, "restore"))
		ret = cmd_restore(&ctx, nargs, args);
	else if (opts.prometheus)
		ret = cmd_prometheus(&ctx);
	else
		ret = cmd_stats(&ctx);
	ll_close(&ctx);
	return ret;
}

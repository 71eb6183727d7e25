// SPDX-License-Identifier: GPL-2.0
/*
 * landlockctl restore: recreate the layers of a dump with their IDs, then
 * run a program in them.
 *
 * The image is what "landlockctl dump" wrote: a JSON object whose "layers"
 * are oldest first and whose "rules" name their layer.  Each layer is
 * rebuilt as the admin guide says: its ruleset, then its ID written to
 * /proc/thread-self/attr/landlock/next_domain, then landlock_restrict_self()
 * with its logging flags.  Nothing falls back to a new ID or to a weaker
 * layer: a rule that no path reaches any more stops the restore.
 */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "landlockctl.h"

#define IMAGE_MAX (16 << 20)
#define NEXT_DOMAIN "thread-self/attr/landlock/next_domain"

/*
 * The host's uapi header may be older than the kernel this runs on: the
 * values of ABI 7, the network rules (ABI 4) and the ruleset attribute with
 * its scopes (ABI 6).
 */
/* LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF: bit 2. */
#define LOG_SUBDOMAINS_OFF 4U
/* LANDLOCK_RESTRICT_SELF_PERMISSIVE: bit 31. */
#define PERMISSIVE 0x80000000U

struct ruleset_attr {
	__u64 handled_access_fs;
	__u64 handled_access_net;
	__u64 scoped;
};

/* LANDLOCK_RULE_NET_PORT and its attribute (ABI 4). */
#define RULE_NET_PORT 2

struct net_port_attr {
	__u64 allowed_access;
	__u64 port;
};

/* A JSON value: only what a dump holds. */
enum json_type { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct json {
	enum json_type type;
	char *str; /* J_STR, and the text of J_NUM */
	size_t n; /* J_ARR, J_OBJ */
	struct json *items;
	char **keys; /* J_OBJ */
};

struct json_parser {
	const char *p;
	const char *file;
};

static noreturn void bad_image(struct json_parser *jp, const char *what)
{
	die(EXIT_MALFORMED, "%s: not a landlockctl dump: %s", jp->file, what);
}

static void skip_space(struct json_parser *jp)
{
	while (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' ||
	       *jp->p == '\r')
		jp->p++;
}

static unsigned int hex_digit(struct json_parser *jp, char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	bad_image(jp, "bad \\u escape");
}

/* A string; \u escapes of code points below 0x800 only (UTF-8). */
static char *parse_string(struct json_parser *jp)
{
	size_t cap = 64, len = 0;
	char *s = xmalloc(cap);

	jp->p++;
	while (*jp->p != '"') {
		unsigned int c = (unsigned char)*jp->p++;

		if (!c || c < 0x20)
			bad_image(jp, "unterminated string");
		if (len + 4 >= cap)
			s = xrealloc(s, cap *= 2);
		if (c != '\\') {
			s[len++] = c;
			continue;
		}
		c = *jp->p++;
		switch (c) {
		case '"':
		case '\\':
		case '/':
			s[len++] = c;
			break;
		case 'b':
			s[len++] = '\b';
			break;
		case 'f':
			s[len++] = '\f';
			break;
		case 'n':
			s[len++] = '\n';
			break;
		case 'r':
			s[len++] = '\r';
			break;
		case 't':
			s[len++] = '\t';
			break;
		case 'u': {
			unsigned int cp = 0, i;

			for (i = 0; i < 4; i++)
				cp = cp << 4 | hex_digit(jp, *jp->p++);
			if (!cp || cp >= 0x800)
				bad_image(jp, "unsupported \\u escape");
			if (cp < 0x80) {
				s[len++] = cp;
			} else {
				s[len++] = 0xc0 | cp >> 6;
				s[len++] = 0x80 | (cp & 0x3f);
			}
			break;
		}
		default:
			bad_image(jp, "bad escape");
		}
	}
	jp->p++;
	s[len] = '\0';
	return s;
}

static void parse_value(struct json_parser *jp, struct json *v, int depth);

static void add_item(struct json_parser *jp, struct json *v, int depth)
{
	v->items = xrealloc(v->items, (v->n + 1) * sizeof(*v->items));
	parse_value(jp, &v->items[v->n++], depth + 1);
}

static void parse_value(struct json_parser *jp, struct json *v, int depth)
{
	memset(v, 0, sizeof(*v));
	if (depth > 8)
		bad_image(jp, "nested too deep");
	skip_space(jp);
	if (*jp->p == '"') {
		v->type = J_STR;
		v->str = parse_string(jp);
	} else if (*jp->p == '[' || *jp->p == '{') {
		const bool obj = *jp->p == '{';
		const char end = obj ? '}' : ']';

		v->type = obj ? J_OBJ : J_ARR;
		jp->p++;
		skip_space(jp);
		while (*jp->p != end) {
			if (v->n) {
				if (*jp->p != ',')
					bad_image(jp, "expected ','");
				jp->p++;
				skip_space(jp);
			}
			if (obj) {
				if (*jp->p != '"')
					bad_image(jp, "expected a key");
				const size_t size =
					(v->n + 1) * sizeof(*v->keys);

				v->keys = xrealloc(v->keys, size);
				v->keys[v->n] = parse_string(jp);
				skip_space(jp);
				if (*jp->p++ != ':')
					bad_image(jp, "expected ':'");
			}
			add_item(jp, v, depth);
			skip_space(jp);
		}
		jp->p++;
	} else if (!strncmp(jp->p, "null", 4)) {
		jp->p += 4;
	} else if (!strncmp(jp->p, "true", 4) || !strncmp(jp->p, "false", 5)) {
		v->type = J_BOOL;
		jp->p += *jp->p == 't' ? 4 : 5;
	} else if (*jp->p == '-' || isdigit((unsigned char)*jp->p)) {
		const char *start = jp->p;

		while (*jp->p == '-' || *jp->p == '+' || *jp->p == '.' ||
		       *jp->p == 'e' || *jp->p == 'E' ||
		       isdigit((unsigned char)*jp->p))
			jp->p++;
		v->type = J_NUM;
		v->str = xasprintf("%.*s", (int)(jp->p - start), start);
	} else {
		bad_image(jp, "unexpected character");
	}
}

static const struct json *get(const struct json *obj, const char *key)
{
	size_t i;

	if (obj->type != J_OBJ)
		return NULL;
	for (i = 0; i < obj->n; i++) {
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	}
	return NULL;
}

static const char *get_str(const struct json *obj, const char *key)
{
	const struct json *v = get(obj, key);

	return v && (v->type == J_STR || v->type == J_NUM) ? v->str : NULL;
}

/* Names of a features/ file of the running kernel, in bit order. */
struct names {
	char **name;
	unsigned long long *value;
	size_t n;
};

/*
 * The flags of landlock_restrict_self() are not contiguous: the permissive
 * flag of this kernel stays clear of the bits upstream hands out next.  The
 * features file says which names the kernel knows, this table their values.
 */
static const struct {
	const char *name;
	unsigned long long value;
} flag_values[] = {
	{ "log_same_exec_off", 1ULL << 0 },
	{ "log_new_exec_on", 1ULL << 1 },
	{ "log_subdomains_off", 1ULL << 2 },
	{ "permissive", 1ULL << 31 },
};

/* Names of rights and scopes are listed in bit order, flags by the table. */
static unsigned long long name_value(const char *file, const char *name,
				     size_t index)
{
	size_t i;

	if (strcmp(file, "restrict_self"))
		return 1ULL << index;
	for (i = 0; i < ARRAY_SIZE(flag_values); i++) {
		if (!strcmp(name, flag_values[i].name))
			return flag_values[i].value;
	}
	/* A flag this tool does not know: never restored. */
	return 0;
}

static void read_names(struct ll_ctx *ctx, const char *file,
		       struct names *names)
{
	char *path = xasprintf("%s/features/%s", ctx->landlock, file);
	char *buf, *tok, *save;
	int err;

	err = read_file_at(AT_FDCWD, path, &buf, 4096);
	if (err < 0)
		die(err == -EACCES ? EXIT_NO_PERMISSION : EXIT_NO_INTROSPECTION,
		    "%s: %s", path, strerror(-err));
	names->n = 0;
	names->name = NULL;
	names->value = NULL;
	for (tok = strtok_r(buf, "\n ", &save); tok;
	     tok = strtok_r(NULL, "\n ", &save)) {
		names->name = xrealloc(names->name,
				       (names->n + 1) * sizeof(*names->name));
		names->value = xrealloc(names->value,
					(names->n + 1) * sizeof(*names->value));
		names->value[names->n] = name_value(file, tok, names->n);
		names->name[names->n++] = xstrdup(tok);
	}
	free(buf);
	free(path);
}

/*
 * The bits of an array of names.  "log_disabled" is not a flag: it is
 * reported apart, with @log_disabled.
 */
static unsigned long long to_bits(const char *file, const struct json *arr,
				  const struct names *names, bool *log_disabled)
{
	unsigned long long bits = 0;
	size_t i, b;

	if (!arr || arr->type == J_NULL)
		return 0;
	if (arr->type != J_ARR)
		die(EXIT_MALFORMED, "%s: a list of names is not an array",
		    file);
	for (i = 0; i < arr->n; i++) {
		const char *name = arr->items[i].str;

		if (arr->items[i].type != J_STR)
			die(EXIT_MALFORMED, "%s: a name is not a string", file);
		if (log_disabled && !strcmp(name, "log_disabled")) {
			*log_disabled = true;
			continue;
		}
		for (b = 0; b < names->n; b++) {
			if (!strcmp(name, names->name[b]))
				break;
		}
		if (b == names->n || !names->value[b])
			die(EXIT_NO_RESTORE,
			    "%s: the running kernel does not know \"%s\"", file,
			    name);
		bits |= names->value[b];
	}
	return bits;
}

struct restore_names {
	struct names fs, net, scope, flags;
	/* The next_domain attribute of the calling thread, opened. */
	int next_domain_fd;
};

/* Adds the rules of layer @id to @ruleset_fd. */
static void add_rules(const char *file, const struct json *rules,
		      const char *id, const struct restore_names *names,
		      int ruleset_fd)
{
	size_t i;

	for (i = 0; rules && i < rules->n; i++) {
		const struct json *r = &rules->items[i];
		const char *layer = get_str(r, "layer");
		const char *type = get_str(r, "type");
		const bool is_net = type && !strcmp(type, "net");
		const struct names *rights = is_net ? &names->net : &names->fs;
		const unsigned long long access =
			to_bits(file, get(r, "rights"), rights, NULL);
		int err;

		if (!layer || strcmp(layer, id))
			continue;
		if (is_net) {
			const char *port = get_str(r, "port");
			struct net_port_attr attr = {
				.allowed_access = access,
			};

			if (!port || !parse_ull(port, &attr.port))
				die(EXIT_MALFORMED,
				    "%s: a net rule of %s has no port", file,
				    id);
			err = syscall(SYS_landlock_add_rule, ruleset_fd,
				      RULE_NET_PORT, &attr, 0);
		} else {
			const char *path = get_str(r, "file");
			const char *dev = get_str(r, "dev");
			const char *ino = get_str(r, "ino");
			struct landlock_path_beneath_attr attr = {
				.allowed_access = access,
			};
			unsigned int major, minor;
			unsigned long long inode;
			struct stat st;

			if (!dev || !ino ||
			    sscanf(dev, "%u:%u", &major, &minor) != 2 ||
			    !parse_ull(ino, &inode))
				die(EXIT_MALFORMED,
				    "%s: a rule of %s has no file", file, id);
			/*
			 * The dump found a path from the rule's device, inode
			 * and path in its filesystem; it must still lead to
			 * the same inode.
			 */
			if (!path)
				die(EXIT_NO_RESTORE,
				    "%s: layer %s is not restorable: no path leads to the file of its rule on %s inode %llu (deleted, or its filesystem unmounted)",
				    file, id, dev, inode);
			attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
			if (attr.parent_fd < 0 || fstat(attr.parent_fd, &st) ||
			    st.st_dev != makedev(major, minor) ||
			    st.st_ino != inode)
				die(EXIT_NO_RESTORE,
				    "%s: layer %s is not restorable: %s is not %s inode %llu any more",
				    file, id, path, dev, inode);
			err = syscall(SYS_landlock_add_rule, ruleset_fd,
				      LANDLOCK_RULE_PATH_BENEATH, &attr, 0);
			close(attr.parent_fd);
		}
		if (err)
			die(EXIT_FAILURE_OTHER, "%s: a rule of %s: %s", file,
			    id, strerror(errno));
	}
}

/*
 * Asks for @id as the ID of this thread's next layer, through the attribute
 * opened before the first layer: a layer that handles writing files would
 * deny opening it afterwards.
 */
static void request_id(int next_domain_fd, const char *id)
{
	const size_t len = strlen(id);

	if (write(next_domain_fd, id, len) != (ssize_t)len)
		die(errno == EPERM  ? EXIT_NO_PERMISSION :
		    errno == EEXIST ? EXIT_NO_RESTORE :
				      EXIT_FAILURE_OTHER,
		    "cannot restore layer %s: %s", id,
		    errno == EPERM ?
			    "needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN" :
		    errno == EEXIST ? "this ID is live" :
				      strerror(errno));
}

/* Recreates one layer, on top of the previous one. */
static void restore_layer(const char *file, const struct json *layer,
			  const struct json *rules,
			  const struct restore_names *names, bool parent_off)
{
	const char *id = get_str(layer, "id");
	const char *mode = get_str(layer, "mode");
	bool log_disabled = false;
	struct ruleset_attr attr = {
		.handled_access_fs = to_bits(file, get(layer, "handled_fs"),
					     &names->fs, NULL),
		.handled_access_net = to_bits(file, get(layer, "handled_net"),
					      &names->net, NULL),
		.scoped = to_bits(file, get(layer, "scoped"), &names->scope,
				  NULL),
	};
	const unsigned long long flags = to_bits(file, get(layer, "log_flags"),
						 &names->flags, &log_disabled);
	int ruleset_fd;

	if (!id)
		die(EXIT_MALFORMED, "%s: a layer has no ID", file);
	/* A permissive layer lists the flag in its log_flags too. */
	if (mode && strcmp(mode, "enforcing") &&
	    (strcmp(mode, "permissive") || !(flags & PERMISSIVE)))
		die(EXIT_NO_RESTORE, "%s: layer %s: unknown mode %s", file, id,
		    mode);
	if (log_disabled && !parent_off &&
	    syscall(SYS_landlock_restrict_self, -1, LOG_SUBDOMAINS_OFF))
		die(EXIT_FAILURE_OTHER, "layer %s: %s", id, strerror(errno));

	ruleset_fd =
		syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset_fd < 0)
		die(EXIT_FAILURE_OTHER, "layer %s: %s", id, strerror(errno));
	add_rules(file, rules, id, names, ruleset_fd);
	request_id(names->next_domain_fd, id);
	if (syscall(SYS_landlock_restrict_self, ruleset_fd, (__u32)flags))
		die(errno == EEXIST ? EXIT_NO_RESTORE : EXIT_FAILURE_OTHER,
		    "cannot restore layer %s: %s", id, strerror(errno));
	close(ruleset_fd);
}

static bool logs_off(const struct json *layer, const struct names *flags)
{
	bool log_disabled = false;
	const unsigned long long bits =
		to_bits("", get(layer, "log_flags"), flags, &log_disabled);

	return log_disabled || bits & LOG_SUBDOMAINS_OFF;
}

/**
 * ll_restore - Recreate the layers of a dump, then run a program in them
 *
 * @ctx: Opened context (for the features of the running kernel).
 * @file: The image written by "landlockctl dump".
 * @argv: The program and its arguments.
 *
 * Returns only on failure to run the program.
 */
int ll_restore(struct ll_ctx *ctx, const char *file, char **argv)
{
	struct json_parser jp = { .file = file };
	const struct json *layers, *rules, *v;
	struct restore_names names;
	const char *prev = NULL;
	struct json doc;
	char *buf, *path;
	size_t i;
	int err;

	err = read_file_at(AT_FDCWD, file, &buf, IMAGE_MAX);
	if (err < 0)
		die(err == -EACCES ? EXIT_NO_PERMISSION : EXIT_NOT_FOUND,
		    "%s: %s", file, strerror(-err));
	jp.p = buf;
	parse_value(&jp, &doc, 0);
	skip_space(&jp);
	if (*jp.p)
		bad_image(&jp, "trailing data");
	v = get(&doc, "kind");
	if (!v || v->type != J_STR || strcmp(v->str, "landlockctl-dump"))
		bad_image(&jp, "no \"kind\": \"landlockctl-dump\"");
	layers = get(&doc, "layers");
	rules = get(&doc, "rules");
	if (!layers || layers->type != J_ARR || (rules && rules->type != J_ARR))
		bad_image(&jp, "no layers");

	path = xasprintf("%s/%s", ctx->proc, NEXT_DOMAIN);
	names.next_domain_fd = open(path, O_WRONLY | O_CLOEXEC);
	if (names.next_domain_fd < 0 && errno == ENOENT)
		die(EXIT_NO_RESTORE,
		    "cannot restore %s: the running kernel cannot create a Landlock domain with a given ID (no domain ID restore); %s was not run",
		    file, argv[0]);
	if (names.next_domain_fd < 0)
		die(EXIT_NO_PERMISSION, "%s: %s", path, strerror(errno));
	free(path);
	read_names(ctx, "fs", &names.fs);
	read_names(ctx, "net", &names.net);
	read_names(ctx, "scope", &names.scope);
	read_names(ctx, "restrict_self", &names.flags);

	/* A dump by a sandboxed reader starts above its own domain. */
	for (i = 0; i < layers->n; i++) {
		const char *parent = get_str(&layers->items[i], "parent");

		if ((!prev && parent) ||
		    (prev && (!parent || strcmp(parent, prev))))
			die(EXIT_NO_RESTORE,
			    "%s: layer %zu is not on top of the one before it (a dump taken in a sandbox?)",
			    file, i);
		prev = get_str(&layers->items[i], "id");
	}

	if (layers->n && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die(EXIT_FAILURE_OTHER, "no_new_privs: %s", strerror(errno));
	for (i = 0; i < layers->n; i++)
		restore_layer(file, &layers->items[i], rules, &names,
			      i && logs_off(&layers->items[i - 1],
					    &names.flags));
	close(names.next_domain_fd);
	free(buf);

	execvp(argv[0], argv);
	die(errno == ENOENT ? EXIT_NOT_FOUND : EXIT_FAILURE_OTHER, "%s: %s",
	    argv[0], strerror(errno));
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Content of the files of a securityfs layer directory
 *
 * What each file of /sys/kernel/security/landlock/domains/<id>/ shows, once
 * securityfs.c has found the layer and checked that its reader may see it.
 * Adding a file is adding a line to landlock_layer_files[].
 */

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/wait_bit.h>
#include <net/ipv6.h>

#include "cred.h"
#include "domain.h"
#include "fs.h"
#include "layer_files.h"
#include "layers.h"
#include "limits.h"
#include "names.h"
#include "ruleset.h"
#include "visibility.h"

/**
 * landlock_seq_names - Print the names of the bits set in a mask
 *
 * @m: Output.
 * @names: Name of each bit.
 * @num_names: Number of entries in @names.
 * @mask: Bits to name.
 * @sep: Separator between two names.
 */
void landlock_seq_names(struct seq_file *const m,
			const char *const *const names, const size_t num_names,
			const unsigned long mask, const char sep)
{
	unsigned long bit;
	bool first = true;

	for_each_set_bit(bit, &mask, num_names) {
		if (!first)
			seq_putc(m, sep);
		seq_puts(m, names[bit]);
		first = false;
	}
}

/*
 * A sandboxed program chooses its name and the path of its executable: every
 * byte that is not printable ASCII, the backslash, and the bytes of @extra
 * are printed as a backslash and three octal digits, so that no control
 * sequence reaches the terminal of an administrator.
 */
static void seq_escape_untrusted(struct seq_file *const m, const char *str,
				 const char *const extra)
{
	for (; *str; str++) {
		const unsigned char c = *str;

		if (c < 0x20 || c >= 0x7f || c == '\\' || strchr(extra, c))
			seq_printf(m, "\\%03o", c);
		else
			seq_putc(m, c);
	}
}

static int show_parent(struct seq_file *const m,
		       const struct landlock_layer_reader *const reader,
		       struct landlock_hierarchy *const layer)
{
	if (layer->parent && reader->sees_parent)
		seq_printf(m, "%llx\n", landlock_get_layer_id(layer->parent));
	else
		seq_puts(m, "none\n");
	return 0;
}

/* One line: the names of the bits set in @mask, separated by spaces. */
static int show_names(struct seq_file *const m, const char *const *const names,
		      const size_t num_names, const unsigned long mask)
{
	landlock_seq_names(m, names, num_names, mask, ' ');
	seq_putc(m, '\n');
	return 0;
}

static int show_handled_fs(struct seq_file *const m,
			   const struct landlock_layer_reader *const reader,
			   struct landlock_hierarchy *const layer)
{
	return show_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS,
			  layer->handled.fs);
}

static int show_handled_net(struct seq_file *const m,
			    const struct landlock_layer_reader *const reader,
			    struct landlock_hierarchy *const layer)
{
	return show_names(m, landlock_net_access_names, LANDLOCK_NUM_ACCESS_NET,
			  layer->handled.net);
}

static int show_scoped(struct seq_file *const m,
		       const struct landlock_layer_reader *const reader,
		       struct landlock_hierarchy *const layer)
{
	return show_names(m, landlock_scope_names, LANDLOCK_NUM_SCOPE,
			  layer->handled.scope);
}

/* Prints the path of @inode, whose superblock the caller keeps active. */
static void print_inode_path(struct seq_file *const m,
			     struct inode *const inode)
{
	struct dentry *const dentry = d_find_alias(inode);
	char *const buf = dentry ? __getname() : NULL;
	char *path = ERR_PTR(-ENOMEM);

	if (buf)
		path = dentry_path_raw(dentry, buf, PATH_MAX);
	if (IS_ERR(path))
		seq_putc(m, '?');
	else
		seq_escape_untrusted(m, path, " ");
	if (buf)
		__putname(buf);
	dput(dentry);
}

static void print_fs_rule(struct seq_file *const m,
			  const struct landlock_rule *const rule,
			  const access_mask_t access)
{
	struct landlock_object *const object = rule->key.object;
	atomic_long_t *inode_refs = NULL;
	struct super_block *sb;
	struct inode *inode;
	bool active;

	/*
	 * The inode may be going away, or its filesystem unmounted: take a
	 * reference only while Landlock still holds one, and make
	 * hook_sb_delete() wait for ours, as release_inode() does.
	 */
	spin_lock(&object->lock);
	inode = object->underobj ? igrab(object->underobj) : NULL;
	if (inode) {
		inode_refs = &landlock_superblock(inode->i_sb)->inode_refs;
		atomic_long_inc(inode_refs);
	}
	spin_unlock(&object->lock);
	if (!inode) {
		/* The file was deleted: the rule can no longer match. */
		seq_puts(m, "fs ?:? ? ");
		landlock_seq_names(m, landlock_fs_access_names,
				   LANDLOCK_NUM_ACCESS_FS, access, ',');
		seq_puts(m, " ?\n");
		return;
	}

	/*
	 * The dcache of a filesystem being unmounted is torn down
	 * (shrink_dcache_for_umount()) before Landlock lets its inodes go
	 * (hook_sb_delete()): a dentry reference taken in between would
	 * outlive the dcache.  Both happen only once the last active
	 * reference is gone, so holding one keeps the dcache while we look;
	 * if there is none left, the path is already meaningless.
	 */
	sb = inode->i_sb;
	active = atomic_inc_not_zero(&sb->s_active);

	seq_printf(m, "fs %u:%u %lu ", MAJOR(sb->s_dev), MINOR(sb->s_dev),
		   inode->i_ino);
	landlock_seq_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS,
			   access, ',');
	seq_putc(m, ' ');
	/*
	 * A deleted file keeps its dentry while somebody uses it, with a
	 * path that may now name another file: no path reaches it.
	 */
	if (active && inode->i_nlink)
		print_inode_path(m, inode);
	else
		seq_putc(m, '?');
	seq_putc(m, '\n');

	iput(inode);
	if (atomic_long_dec_and_test(inode_refs))
		wake_up_var(inode_refs);
	/*
	 * Last: if the filesystem was unmounted meanwhile, this shuts it
	 * down, and hook_sb_delete() must not wait for our inode reference.
	 */
	if (active)
		deactivate_super(sb);
}

#if IS_ENABLED(CONFIG_INET)

struct net_rule {
	u16 port;
	access_mask_t access;
};

static int cmp_net_rule(const void *const a, const void *const b)
{
	const struct net_rule *const ra = a, *const rb = b;

	return ra->port - rb->port;
}

static void print_net_rules(struct seq_file *const m,
			    struct landlock_ruleset *const domain,
			    const u16 level, const access_mask_t handled)
{
	struct landlock_rule *rule, *next;
	struct net_rule *rules;
	size_t num = 0, i, max = 0;

	rbtree_postorder_for_each_entry_safe(rule, next, &domain->root_net_port,
					     node)
		max++;
	if (!max)
		return;
	rules = kcalloc(max, sizeof(*rules), GFP_KERNEL);
	if (!rules)
		return;

	rbtree_postorder_for_each_entry_safe(rule, next, &domain->root_net_port,
					     node) {
		for (i = 0; i < rule->num_layers; i++) {
			if (rule->layers[i].level != level)
				continue;
			rules[num].port = ntohs((__force __be16)rule->key.data);
			/* Stored rules also allow what the layer does not handle. */
			rules[num].access = rule->layers[i].access & handled;
			num++;
		}
	}
	sort(rules, num, sizeof(*rules), cmp_net_rule, NULL);
	for (i = 0; i < num; i++) {
		seq_printf(m, "net %u ", rules[i].port);
		landlock_seq_names(m, landlock_net_access_names,
				   LANDLOCK_NUM_ACCESS_NET, rules[i].access,
				   ',');
		seq_putc(m, '\n');
	}
	kfree(rules);
}

#else /* IS_ENABLED(CONFIG_INET) */

static void print_net_rules(struct seq_file *const m,
			    struct landlock_ruleset *const domain,
			    const u16 level, const access_mask_t handled)
{
}

#endif /* IS_ENABLED(CONFIG_INET) */

/* A rule's level is the depth of the layer that added it. */
static u16 get_depth(const struct landlock_hierarchy *layer)
{
	u16 depth = 0;

	for (; layer; layer = layer->parent)
		depth++;
	return depth;
}

/* Only the rules that this layer added, from any domain that holds them. */
static int show_rules(struct seq_file *const m,
		      const struct landlock_layer_reader *const reader,
		      struct landlock_hierarchy *const layer)
{
	const u16 level = get_depth(layer);
	struct landlock_ruleset *domain;
	struct landlock_rule *rule, *next;
	size_t i;

	/* The layer died between its lookup and now. */
	domain = landlock_get_layer_rules(layer);
	if (!domain)
		return -ENOENT;

	/*
	 * No lock: a domain's rules never change once it is enforced, and
	 * print_fs_rule() may shut a filesystem down, which must not hold
	 * up the creation of domains on top of this one.
	 */
	rbtree_postorder_for_each_entry_safe(rule, next, &domain->root_inode,
					     node) {
		for (i = 0; i < rule->num_layers; i++) {
			if (rule->layers[i].level == level)
				print_fs_rule(m, rule,
					      rule->layers[i].access &
						      layer->handled.fs);
		}
	}
	print_net_rules(m, domain, level, layer->handled.net);
	landlock_put_ruleset(domain);
	return 0;
}

static int show_creator_pid(struct seq_file *const m,
			    const struct landlock_layer_reader *const reader,
			    struct landlock_hierarchy *const layer)
{
	struct pid *const pid = layer->details.pid;

	/* 0 once the creator's process is gone, as its PID may be reused. */
	seq_printf(m, "%d\n",
		   pid_has_task(pid, PIDTYPE_TGID) ?
			   pid_nr_ns(pid, reader->pid_ns) :
			   0);
	return 0;
}

static int show_creator_uid(struct seq_file *const m,
			    const struct landlock_layer_reader *const reader,
			    struct landlock_hierarchy *const layer)
{
	seq_printf(m, "%u\n",
		   from_kuid_munged(reader->cred->user_ns, layer->details.uid));
	return 0;
}

static int show_creator_exe(struct seq_file *const m,
			    const struct landlock_layer_reader *const reader,
			    struct landlock_hierarchy *const layer)
{
	char *const buf = __getname();
	const char *path;

	if (!buf)
		return -ENOMEM;
	path = landlock_get_creator_exe(&layer->details, buf, PATH_MAX);
	seq_escape_untrusted(m, path, "");
	__putname(buf);
	seq_putc(m, '\n');
	return 0;
}

static int show_creator_comm(struct seq_file *const m,
			     const struct landlock_layer_reader *const reader,
			     struct landlock_hierarchy *const layer)
{
	seq_escape_untrusted(m, layer->details.comm, "");
	seq_putc(m, '\n');
	return 0;
}

/*
 * A layer created after LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF never logs,
 * but that flag was passed in some domain of the chain: only a reader above
 * that domain may learn it, or a sandboxed reader would learn a flag of its
 * own domain or of a hidden ancestor by creating a layer and reading it.
 */
static bool may_see_log_disabled(const struct cred *const reader,
				 const struct landlock_hierarchy *const layer)
{
	const struct landlock_ruleset *const reader_dom =
		landlock_cred(reader)->domain;

	if (READ_ONCE(layer->log_status) != LANDLOCK_LOG_DISABLED)
		return false;
	return !reader_dom || layer->log_off_depth > reader_dom->num_layers;
}

static int show_log_flags(struct seq_file *const m,
			  const struct landlock_layer_reader *const reader,
			  struct landlock_hierarchy *const layer)
{
	const unsigned long flags =
		landlock_unpack_layer_flags(layer->restrict_flags);

	landlock_seq_names(m, landlock_restrict_self_names,
			   LANDLOCK_NUM_RESTRICT_SELF, flags, ' ');
	if (may_see_log_disabled(reader->cred, layer))
		seq_printf(m, "%slog_disabled", flags ? " " : "");
	seq_putc(m, '\n');
	return 0;
}

static int show_mode(struct seq_file *const m,
		     const struct landlock_layer_reader *const reader,
		     struct landlock_hierarchy *const layer)
{
	seq_puts(m, layer->restrict_flags & LANDLOCK_LAYER_PERMISSIVE ?
			    "permissive\n" :
			    "enforcing\n");
	return 0;
}

static int show_denials(struct seq_file *const m,
			const struct landlock_layer_reader *const reader,
			struct landlock_hierarchy *const layer)
{
	seq_printf(m, "%lld\n", (s64)atomic64_read(&layer->num_denials));
	return 0;
}

/* In readdir order; the ABI documents each of them. */
const struct landlock_layer_file landlock_layer_files[] = {
	{ "parent", show_parent },
	{ "handled_fs", show_handled_fs },
	{ "handled_net", show_handled_net },
	{ "scoped", show_scoped },
	{ "rules", show_rules },
	{ "creator_pid", show_creator_pid },
	{ "creator_uid", show_creator_uid },
	{ "creator_exe", show_creator_exe },
	{ "creator_comm", show_creator_comm },
	{ "log_flags", show_log_flags },
	{ "mode", show_mode },
	{ "denials", show_denials },
};

static_assert(ARRAY_SIZE(landlock_layer_files) == LANDLOCK_NUM_LAYER_FILES);

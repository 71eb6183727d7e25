// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - The /sys/kernel/security/landlock/ tree
 *
 * abi_version and features/ describe what this kernel supports.  domains/
 * has one directory per domain layer the reader may see (cf. visibility.c),
 * named by its ID.  Nothing exists per layer until somebody looks: lookups
 * resolve IDs through the live-ID index, dentries are dropped as soon as
 * they are unused, and every open and read finds the layer again by ID, so
 * a file of a layer that has died reads as -ENOENT.
 */

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/namei.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/wait_bit.h>
#include <net/ipv6.h>

#include "domain.h"
#include "fs.h"
#include "id.h"
#include "limits.h"
#include "names.h"
#include "ruleset.h"
#include "setup.h"
#include "visibility.h"

/* Prints the names of the bits set in @mask, space-separated. */
static void seq_names(struct seq_file *const m, const char *const *const names,
		      const size_t num_names, const unsigned long mask,
		      const char sep)
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

/* abi_version and features/ */

enum feature_file {
	FEATURE_ABI_VERSION,
	FEATURE_FS,
	FEATURE_NET,
	FEATURE_SCOPE,
	FEATURE_RESTRICT_SELF,
};

static int feature_show(struct seq_file *const m, void *const v)
{
	switch ((uintptr_t)m->private) {
	case FEATURE_ABI_VERSION:
		seq_printf(m, "%d", landlock_abi_version);
		break;
	case FEATURE_FS:
		seq_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS,
			  LANDLOCK_MASK_ACCESS_FS, ' ');
		break;
	case FEATURE_NET:
		seq_names(m, landlock_net_access_names, LANDLOCK_NUM_ACCESS_NET,
			  LANDLOCK_MASK_ACCESS_NET, ' ');
		break;
	case FEATURE_SCOPE:
		seq_names(m, landlock_scope_names, LANDLOCK_NUM_SCOPE,
			  LANDLOCK_MASK_SCOPE, ' ');
		break;
	case FEATURE_RESTRICT_SELF:
		seq_names(m, landlock_restrict_self_names,
			  LANDLOCK_NUM_RESTRICT_SELF,
			  LANDLOCK_MASK_RESTRICT_SELF, ' ');
		break;
	}
	seq_putc(m, '\n');
	return 0;
}

static int feature_open(struct inode *const inode, struct file *const file)
{
	return single_open(file, feature_show, inode->i_private);
}

static const struct file_operations feature_fops = {
	.open = feature_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/* domains/<id>/ files */

enum layer_file {
	LAYER_PARENT,
	LAYER_HANDLED_FS,
	LAYER_HANDLED_NET,
	LAYER_SCOPED,
	LAYER_RULES,
	LAYER_CREATOR_PID,
	LAYER_CREATOR_UID,
	LAYER_CREATOR_EXE,
	LAYER_CREATOR_COMM,
	LAYER_LOG_FLAGS,
	LAYER_MODE,
	LAYER_DENIALS,
};

static const char *const layer_file_names[] = {
	[LAYER_PARENT] = "parent",
	[LAYER_HANDLED_FS] = "handled_fs",
	[LAYER_HANDLED_NET] = "handled_net",
	[LAYER_SCOPED] = "scoped",
	[LAYER_RULES] = "rules",
	[LAYER_CREATOR_PID] = "creator_pid",
	[LAYER_CREATOR_UID] = "creator_uid",
	[LAYER_CREATOR_EXE] = "creator_exe",
	[LAYER_CREATOR_COMM] = "creator_comm",
	[LAYER_LOG_FLAGS] = "log_flags",
	[LAYER_MODE] = "mode",
	[LAYER_DENIALS] = "denials",
};

/*
 * An ID has exactly one name: lowercase hexadecimal, without 0x nor leading
 * zeros, so that two names never reach the same layer.
 */
static bool parse_id(const struct qstr *const name, u64 *const id)
{
	size_t i;

	if (!name->len || name->len > 16 || name->name[0] == '0')
		return false;
	for (i = 0; i < name->len; i++) {
		if (!isdigit(name->name[i]) &&
		    !(name->name[i] >= 'a' && name->name[i] <= 'f'))
			return false;
	}
	/* Bounded and checked above: kstrtou64() needs a C string. */
	{
		char buf[17];

		memcpy(buf, name->name, name->len);
		buf[name->len] = '\0';
		return !kstrtou64(buf, 16, id) && *id;
	}
}

/*
 * The layer of the domains/<id>/ directory @dir, if @reader sees it: a
 * reference to release with landlock_put_hierarchy(), or NULL.
 */
static struct landlock_hierarchy *get_dir_layer(const struct dentry *const dir,
						const struct cred *const reader)
{
	u64 id;

	if (!parse_id(&dir->d_name, &id))
		return NULL;
	return landlock_get_visible_layer(reader, id);
}

/* The layer of a file in domains/<id>/, if its opener sees it. */
static struct landlock_hierarchy *get_file_layer(const struct file *const file)
{
	struct dentry *const dir = dget_parent(file->f_path.dentry);
	struct landlock_hierarchy *const layer =
		get_dir_layer(dir, file->f_cred);

	dput(dir);
	return layer;
}

static void print_fs_rule(struct seq_file *const m,
			  const struct landlock_rule *const rule,
			  const access_mask_t access)
{
	struct landlock_object *const object = rule->key.object;
	struct inode *inode;
	struct dentry *dentry = NULL;
	atomic_long_t *inode_refs;

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
		seq_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS,
			  access, ',');
		seq_puts(m, " ?\n");
		return;
	}

	seq_printf(m, "fs %u:%u %lu ", MAJOR(inode->i_sb->s_dev),
		   MINOR(inode->i_sb->s_dev), inode->i_ino);
	seq_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS, access,
		  ',');
	seq_putc(m, ' ');

	dentry = d_find_alias(inode);
	if (dentry) {
		char *const buf = __getname();
		char *path = ERR_PTR(-ENOMEM);

		if (buf)
			path = dentry_path_raw(dentry, buf, PATH_MAX);
		if (IS_ERR(path))
			seq_putc(m, '?');
		else
			seq_escape(m, path, " \t\n\\");
		if (buf)
			__putname(buf);
		dput(dentry);
	} else {
		seq_putc(m, '?');
	}
	seq_putc(m, '\n');
	iput(inode);
	if (atomic_long_dec_and_test(inode_refs))
		wake_up_var(inode_refs);
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
			rules[num].port =
				ntohs((__force __be16)rule->key.data);
			/* Stored rules also allow what the layer does not handle. */
			rules[num].access = rule->layers[i].access & handled;
			num++;
		}
	}
	sort(rules, num, sizeof(*rules), cmp_net_rule, NULL);
	for (i = 0; i < num; i++) {
		seq_printf(m, "net %u ", rules[i].port);
		seq_names(m, landlock_net_access_names, LANDLOCK_NUM_ACCESS_NET,
			  rules[i].access, ',');
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

/* Only the rules that this layer added: their level is its depth. */
static void print_rules(struct seq_file *const m,
			struct landlock_hierarchy *const layer)
{
	struct landlock_ruleset *domain;
	struct landlock_rule *rule, *next;
	size_t index, i;

	domain = landlock_get_layer_domain(layer, &index);
	if (!domain)
		return;

	mutex_lock(&domain->lock);
	rbtree_postorder_for_each_entry_safe(rule, next, &domain->root_inode,
					     node) {
		for (i = 0; i < rule->num_layers; i++) {
			if (rule->layers[i].level == index + 1)
				print_fs_rule(m, rule,
					      rule->layers[i].access &
						      layer->handled.fs);
		}
	}
	print_net_rules(m, domain, index + 1, layer->handled.net);
	mutex_unlock(&domain->lock);
	landlock_put_ruleset(domain);
}

static void print_log_flags(struct seq_file *const m,
			    const struct landlock_hierarchy *const layer)
{
	unsigned long flags = 0;

	if (!layer->log_same_exec)
		flags |= LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF;
	if (layer->log_new_exec)
		flags |= LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON;
	if (layer->log_subdomains_off)
		flags |= LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF;
	seq_names(m, landlock_restrict_self_names, LANDLOCK_NUM_RESTRICT_SELF,
		  flags, ' ');
	if (READ_ONCE(layer->log_status) == LANDLOCK_LOG_DISABLED)
		seq_printf(m, "%slog_disabled", flags ? " " : "");
}

static void print_layer_file(struct seq_file *const m,
			     const struct cred *const reader,
			     struct landlock_hierarchy *const layer,
			     const enum layer_file kind)
{
	const struct landlock_details *const details = layer->details;

	switch (kind) {
	case LAYER_PARENT:
		if (layer->parent &&
		    landlock_may_see_layer(reader, layer->parent))
			seq_printf(m, "%llx", layer->parent->id.value);
		else
			seq_puts(m, "none");
		break;
	case LAYER_HANDLED_FS:
		seq_names(m, landlock_fs_access_names, LANDLOCK_NUM_ACCESS_FS,
			  layer->handled.fs, ' ');
		break;
	case LAYER_HANDLED_NET:
		seq_names(m, landlock_net_access_names, LANDLOCK_NUM_ACCESS_NET,
			  layer->handled.net, ' ');
		break;
	case LAYER_SCOPED:
		seq_names(m, landlock_scope_names, LANDLOCK_NUM_SCOPE,
			  layer->handled.scope, ' ');
		break;
	case LAYER_RULES:
		print_rules(m, layer);
		return;
	case LAYER_CREATOR_PID:
		/* 0 once the creator's process is gone, as its PID may be reused. */
		seq_printf(m, "%d", pid_has_task(details->pid, PIDTYPE_TGID) ?
			   pid_nr_ns(details->pid,
				     task_active_pid_ns(current)) : 0);
		break;
	case LAYER_CREATOR_UID:
		seq_printf(m, "%u", from_kuid_munged(reader->user_ns,
						     details->uid));
		break;
	case LAYER_CREATOR_EXE:
		seq_escape(m, details->exe_path, "\n\\");
		break;
	case LAYER_CREATOR_COMM:
		seq_escape(m, details->comm, "\n\\");
		break;
	case LAYER_LOG_FLAGS:
		print_log_flags(m, layer);
		break;
	case LAYER_MODE:
		seq_puts(m, "enforcing");
		break;
	case LAYER_DENIALS:
		seq_printf(m, "%lld", (s64)atomic64_read(&layer->num_denials));
		break;
	}
	seq_putc(m, '\n');
}

static int layer_file_show(struct seq_file *const m, void *const v)
{
	const struct file *const file = m->file;
	struct landlock_hierarchy *const layer = get_file_layer(file);

	if (!layer)
		return -ENOENT;

	print_layer_file(m, file->f_cred, layer,
			 (enum layer_file)(uintptr_t)m->private);
	landlock_put_hierarchy(layer);
	return 0;
}

static int layer_file_open(struct inode *const inode, struct file *const file)
{
	/* Checked against the opener; the read checks again, by ID. */
	struct landlock_hierarchy *const layer = get_file_layer(file);

	if (!layer)
		return -ENOENT;
	landlock_put_hierarchy(layer);

	return single_open(file, layer_file_show, inode->i_private);
}

static const struct file_operations layer_file_fops = {
	.open = layer_file_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/* Dentries: recheck for every reader, never cache. */

static bool is_layer_visible(const struct dentry *const dir)
{
	struct landlock_hierarchy *const layer =
		get_dir_layer(dir, current_cred());

	if (!layer)
		return false;
	landlock_put_hierarchy(layer);
	return true;
}

static int layer_dir_revalidate(struct dentry *const dentry,
				const unsigned int flags)
{
	if (flags & LOOKUP_RCU)
		return -ECHILD;
	return is_layer_visible(dentry);
}

static int layer_file_revalidate(struct dentry *const dentry,
				 const unsigned int flags)
{
	struct dentry *dir;
	bool visible;

	if (flags & LOOKUP_RCU)
		return -ECHILD;
	dir = dget_parent(dentry);
	visible = is_layer_visible(dir);
	dput(dir);
	return visible;
}

static const struct dentry_operations layer_dir_dops = {
	.d_revalidate = layer_dir_revalidate,
	.d_delete = always_delete_dentry,
};

static const struct dentry_operations layer_file_dops = {
	.d_revalidate = layer_file_revalidate,
	.d_delete = always_delete_dentry,
};

static struct inode *new_layer_inode(struct super_block *const sb,
				     const umode_t mode)
{
	struct inode *const inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

/* domains/<id>/ */

static int layer_dir_iterate(struct file *const file,
			     struct dir_context *const ctx)
{
	if (!dir_emit_dots(file, ctx))
		return 0;
	while (ctx->pos - 2 < ARRAY_SIZE(layer_file_names)) {
		const char *const name = layer_file_names[ctx->pos - 2];

		if (!dir_emit(ctx, name, strlen(name), ctx->pos, DT_REG))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct file_operations layer_dir_fops = {
	.read = generic_read_dir,
	.iterate_shared = layer_dir_iterate,
	.llseek = default_llseek,
};

static struct dentry *layer_dir_lookup(struct inode *const dir,
				       struct dentry *const dentry,
				       const unsigned int flags)
{
	struct inode *inode;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(layer_file_names); i++) {
		if (strcmp(dentry->d_name.name, layer_file_names[i]) == 0)
			break;
	}
	if (i == ARRAY_SIZE(layer_file_names) ||
	    !is_layer_visible(dentry->d_parent))
		return ERR_PTR(-ENOENT);

	inode = new_layer_inode(dir->i_sb, S_IFREG | 0444);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_fop = &layer_file_fops;
	inode->i_private = (void *)(uintptr_t)i;
	d_set_d_op(dentry, &layer_file_dops);
	return d_splice_alias(inode, dentry);
}

static const struct inode_operations layer_dir_iops = {
	.lookup = layer_dir_lookup,
};

/* domains/ */

static struct dentry *domains_lookup(struct inode *const dir,
				     struct dentry *const dentry,
				     const unsigned int flags)
{
	struct inode *inode;

	if (!is_layer_visible(dentry))
		return ERR_PTR(-ENOENT);

	inode = new_layer_inode(dir->i_sb, S_IFDIR | 0555);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = &layer_dir_iops;
	inode->i_fop = &layer_dir_fops;
	d_set_d_op(dentry, &layer_dir_dops);
	return d_splice_alias(inode, dentry);
}

/*
 * Lists the visible layers in ID order.  The position is only a counter:
 * the last listed ID, kept with the open directory, is where the next call
 * resumes, so that layers created or freed meanwhile neither repeat nor
 * shift the listing.
 */
static int domains_iterate(struct file *const file,
			   struct dir_context *const ctx)
{
	u64 *const cursor = file->private_data;

	if (!dir_emit_dots(file, ctx))
		return 0;
	if (ctx->pos == 2)
		*cursor = 0;

	for (;;) {
		struct landlock_hierarchy *layer = NULL;
		struct landlock_domain_id *node;
		char name[17];
		bool visible;
		u64 id;

		spin_lock(&landlock_id_lock);
		node = landlock_id_next_locked(*cursor);
		if (node) {
			id = node->value;
			layer = container_of(node, struct landlock_hierarchy,
					     id);
			if (!refcount_inc_not_zero(&layer->usage))
				layer = NULL;
		}
		spin_unlock(&landlock_id_lock);
		if (!node)
			return 0;
		if (!layer) {
			*cursor = id;
			continue;
		}

		visible = landlock_may_see_layer(file->f_cred, layer);
		landlock_put_hierarchy(layer);
		if (visible) {
			const int len = scnprintf(name, sizeof(name), "%llx",
						  id);

			if (!dir_emit(ctx, name, len, (ino_t)id, DT_DIR))
				return 0;
			ctx->pos++;
		}
		*cursor = id;
	}
}

static int domains_open(struct inode *const inode, struct file *const file)
{
	file->private_data = kzalloc(sizeof(u64), GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

static int domains_release(struct inode *const inode, struct file *const file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations domains_fops = {
	.open = domains_open,
	.release = domains_release,
	.read = generic_read_dir,
	.iterate_shared = domains_iterate,
	.llseek = default_llseek,
};

static const struct inode_operations domains_iops = {
	.lookup = domains_lookup,
};

static int __init create_feature(const char *const name,
				 struct dentry *const parent,
				 const enum feature_file kind)
{
	void *const data = (void *)(uintptr_t)kind;

	return PTR_ERR_OR_ZERO(securityfs_create_file(name, 0444, parent, data,
						      &feature_fops));
}

static int __init landlock_init_securityfs(void)
{
	struct dentry *root, *features, *domains;
	int err;

	if (!landlock_initialized)
		return 0;

	root = securityfs_create_dir("landlock", NULL);
	if (IS_ERR(root))
		return PTR_ERR(root);

	err = create_feature("abi_version", root, FEATURE_ABI_VERSION);
	if (err)
		goto out_remove;

	features = securityfs_create_dir("features", root);
	if (IS_ERR(features)) {
		err = PTR_ERR(features);
		goto out_remove;
	}
	err = create_feature("fs", features, FEATURE_FS) ?:
	      create_feature("net", features, FEATURE_NET) ?:
	      create_feature("scope", features, FEATURE_SCOPE) ?:
	      create_feature("restrict_self", features,
			     FEATURE_RESTRICT_SELF);
	if (err)
		goto out_remove;

	domains = securityfs_create_dir("domains", root);
	if (IS_ERR(domains)) {
		err = PTR_ERR(domains);
		goto out_remove;
	}
	/* Resolved on lookup instead of populated: see the header comment. */
	d_inode(domains)->i_op = &domains_iops;
	d_inode(domains)->i_fop = &domains_fops;
	return 0;

out_remove:
	securityfs_recursive_remove(root);
	return err;
}

fs_initcall(landlock_init_securityfs);

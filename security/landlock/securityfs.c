// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - The /sys/kernel/security/landlock/ tree
 *
 * abi_version and features/ describe what this kernel supports.  domains/
 * has one directory per domain layer the reader may see (cf. visibility.c),
 * named by its ID, with the files of layer_files.c.  Nothing exists per
 * layer until somebody looks: lookups resolve IDs through the index of
 * layers.c, dentries are dropped as soon as they are unused, and every open
 * and read finds the layer again by ID, so that a file of a layer that has
 * died reads as -ENOENT.
 */

#include <linux/bits.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/pid_namespace.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cred.h"
#include "domain.h"
#include "id.h"
#include "layer_files.h"
#include "layers.h"
#include "limits.h"
#include "names.h"
#include "restore.h"
#include "ruleset.h"
#include "securityfs.h"
#include "setup.h"
#include "visibility.h"

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
		landlock_seq_names(m, landlock_fs_access_names,
				   LANDLOCK_NUM_ACCESS_FS,
				   LANDLOCK_MASK_ACCESS_FS, ' ');
		break;
	case FEATURE_NET:
		landlock_seq_names(m, landlock_net_access_names,
				   LANDLOCK_NUM_ACCESS_NET,
				   LANDLOCK_MASK_ACCESS_NET, ' ');
		break;
	case FEATURE_SCOPE:
		landlock_seq_names(m, landlock_scope_names, LANDLOCK_NUM_SCOPE,
				   LANDLOCK_MASK_SCOPE, ' ');
		break;
	case FEATURE_RESTRICT_SELF:
		landlock_seq_names(m, landlock_restrict_self_names,
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

/*
 * Inode numbers of layers: a directory and its files get consecutive numbers
 * from a slot allocated on the first lookup, freed with the layer, so that
 * stat(2) and readdir agree for the whole life of the layer, and all fit in
 * 32 bits (compat getdents(2) fails with EOVERFLOW otherwise).  They sit in
 * the upper half of the 32-bit range, away from the small numbers that
 * get_next_ino() gives the other securityfs files.
 */
#define LAYER_INO_BASE 0x80000000U
#define LAYER_INO_STRIDE 16
#define LAYER_INO_SLOTS (0x80000000U / LAYER_INO_STRIDE)

static_assert(LANDLOCK_NUM_LAYER_FILES < LAYER_INO_STRIDE);

/*
 * The search for a free slot starts where the layer's ID says, not at the
 * lowest free slot: the inode number of a new layer would otherwise tell its
 * reader how many live layers others looked up.  Starting places are among
 * the first 2^20 slots, whose bitmaps take at most 128 KiB; the search goes
 * upwards only, which leaves out at most 1/128 of the slots.
 */
#define LAYER_INO_START_SLOTS BIT(20)

static_assert(LAYER_INO_START_SLOTS <= LAYER_INO_SLOTS);

static DEFINE_IDA(layer_inos);

/* Inode number of @layer's directory, allocated on first use, or 0. */
static u32 get_layer_ino(struct landlock_hierarchy *const layer)
{
	u32 ino = READ_ONCE(layer->ino), faster, start;
	int slot;

	if (ino)
		return ino;

	/* The ID is the image of a keyed permutation: its bits are random. */
	start = landlock_get_layer_id(layer) & (LAYER_INO_START_SLOTS - 1);
	slot = ida_alloc_range(&layer_inos, start, LAYER_INO_SLOTS - 1,
			       GFP_KERNEL);
	if (slot < 0)
		return 0;
	ino = LAYER_INO_BASE + slot * LAYER_INO_STRIDE;
	/* Another lookup may have been faster. */
	faster = cmpxchg(&layer->ino, 0, ino);
	if (faster)
		ida_free(&layer_inos, slot);
	return faster ?: ino;
}

/**
 * landlock_securityfs_release_layer - Free what securityfs kept for a layer
 *
 * @layer: Layer node being freed.
 */
void landlock_securityfs_release_layer(struct landlock_hierarchy *const layer)
{
	if (layer->ino)
		ida_free(&layer_inos,
			 (layer->ino - LAYER_INO_BASE) / LAYER_INO_STRIDE);
}

/*
 * The layer of the domains/<id>/ directory @dir, if @reader sees it: a
 * reference to release with landlock_put_hierarchy(), or NULL.
 */
static struct landlock_hierarchy *get_dir_layer(const struct dentry *const dir,
						const struct cred *const reader)
{
	u64 id;

	/* Any other spelling of an ID names no layer. */
	if (landlock_parse_id((const char *)dir->d_name.name, dir->d_name.len,
			      &id))
		return NULL;
	return landlock_get_visible_layer(reader, id);
}

/* The layer of a file in domains/<id>/, if @reader sees it. */
static struct landlock_hierarchy *
get_file_layer(const struct file *const file, const struct cred *const reader)
{
	struct dentry *const dir = dget_parent(file->f_path.dentry);
	struct landlock_hierarchy *const layer = get_dir_layer(dir, reader);

	dput(dir);
	return layer;
}

/* domains/<id>/ files */

/* What an open layer file keeps: its kind, and who opened it. */
struct layer_file_state {
	const struct landlock_layer_file *kind;
	struct landlock_layer_reader reader;
};

static int layer_file_show(struct seq_file *const m, void *const v)
{
	const struct layer_file_state *const state = m->private;
	struct landlock_hierarchy *const layer =
		get_file_layer(m->file, state->reader.cred);
	int err;

	if (!layer)
		return -ENOENT;

	err = state->kind->show(m, &state->reader, layer);
	landlock_put_hierarchy(layer);
	return err;
}

static void free_layer_file_state(struct layer_file_state *const state)
{
	put_pid_ns(state->reader.pid_ns);
	kfree(state);
}

static int layer_file_open(struct inode *const inode, struct file *const file)
{
	struct landlock_hierarchy *layer;
	struct layer_file_state *state;
	int err;

	state = kzalloc(sizeof(*state), GFP_KERNEL);
	if (!state)
		return -ENOMEM;

	/*
	 * Checked against the opener, which is the current task here; each
	 * read checks the credentials again, by ID.
	 */
	layer = get_file_layer(file, file->f_cred);
	if (!layer) {
		kfree(state);
		return -ENOENT;
	}
	state->kind = inode->i_private;
	state->reader.cred = file->f_cred;
	state->reader.pid_ns = get_pid_ns(task_active_pid_ns(current));
	state->reader.sees_parent =
		layer->parent &&
		landlock_may_see_layer(file->f_cred, layer->parent);
	landlock_put_hierarchy(layer);

	err = single_open(file, layer_file_show, state);
	if (err)
		free_layer_file_state(state);
	return err;
}

static int layer_file_release(struct inode *const inode,
			      struct file *const file)
{
	free_layer_file_state(((struct seq_file *)file->private_data)->private);
	return single_release(inode, file);
}

static const struct file_operations layer_file_fops = {
	.open = layer_file_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = layer_file_release,
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
				     const umode_t mode, const u32 ino)
{
	struct inode *const inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_mode = mode;
	simple_inode_init_ts(inode);
	return inode;
}

/* domains/<id>/ */

static int layer_dir_iterate(struct file *const file,
			     struct dir_context *const ctx)
{
	const u32 ino = file_inode(file)->i_ino;

	if (!dir_emit_dots(file, ctx))
		return 0;
	while (ctx->pos - 2 < LANDLOCK_NUM_LAYER_FILES) {
		const size_t i = ctx->pos - 2;
		const char *const name = landlock_layer_files[i].name;

		if (!dir_emit(ctx, name, strlen(name), ino + 1 + i, DT_REG))
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

	for (i = 0; i < LANDLOCK_NUM_LAYER_FILES; i++) {
		if (strcmp(dentry->d_name.name, landlock_layer_files[i].name) ==
		    0)
			break;
	}
	if (i == LANDLOCK_NUM_LAYER_FILES ||
	    !is_layer_visible(dentry->d_parent))
		return ERR_PTR(-ENOENT);

	inode = new_layer_inode(dir->i_sb, S_IFREG | 0444, dir->i_ino + 1 + i);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_fop = &layer_file_fops;
	inode->i_private = (void *)&landlock_layer_files[i];
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
	struct landlock_hierarchy *const layer =
		get_dir_layer(dentry, current_cred());
	struct inode *inode;
	u32 ino;

	if (!layer)
		return ERR_PTR(-ENOENT);
	ino = get_layer_ino(layer);
	landlock_put_hierarchy(layer);
	if (!ino)
		return ERR_PTR(-ENOMEM);

	inode = new_layer_inode(dir->i_sb, S_IFDIR | 0555, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = &layer_dir_iops;
	inode->i_fop = &layer_dir_fops;
	d_set_d_op(dentry, &layer_dir_dops);
	return d_splice_alias(inode, dentry);
}

static bool is_strictly_below(const struct landlock_hierarchy *const base,
			      const struct landlock_hierarchy *layer)
{
	if (!base)
		return true;
	for (layer = layer->parent; layer; layer = layer->parent) {
		if (layer == base)
			return true;
	}
	return false;
}

/*
 * Lists the layers that the caller sees, as lookup does: a directory opened
 * by another process (e.g. inherited from an unsandboxed parent) lists what
 * its current reader may see, not what its opener could.  Only the layers
 * below the caller's own domain are walked, so a sandboxed caller's listing
 * costs in proportion to its own subtree.  The last listed layer, kept
 * referenced with the open directory, is where the next call resumes, so
 * that layers created or freed meanwhile neither repeat nor shift the
 * listing.
 */
static int domains_iterate(struct file *const file,
			   struct dir_context *const ctx)
{
	const struct cred *const reader = current_cred();
	const struct landlock_ruleset *const reader_dom =
		landlock_cred(reader)->domain;
	const struct landlock_hierarchy *const base =
		reader_dom ? reader_dom->hierarchy : NULL;
	struct landlock_hierarchy *prev = file->private_data;
	int err = 0;

	if (!dir_emit_dots(file, ctx))
		return 0;
	/* A rewind, or a new reader whose walk does not go through @prev. */
	if (prev && (ctx->pos == 2 || !is_strictly_below(base, prev))) {
		landlock_put_hierarchy(prev);
		prev = NULL;
	}

	for (;;) {
		struct landlock_hierarchy *const layer =
			landlock_get_next_layer(base, prev);
		char name[LANDLOCK_ID_STR_LEN + 1];

		if (!layer)
			break;
		if (landlock_may_see_layer(reader, layer)) {
			const u32 ino = get_layer_ino(layer);
			const int len = scnprintf(name, sizeof(name), "%llx",
						  landlock_get_layer_id(layer));

			if (!ino) {
				landlock_put_hierarchy(layer);
				err = -ENOMEM;
				break;
			}
			if (!dir_emit(ctx, name, len, ino, DT_DIR)) {
				landlock_put_hierarchy(layer);
				break;
			}
			ctx->pos++;
		}
		landlock_put_hierarchy(prev);
		prev = layer;
	}
	file->private_data = prev;
	return err;
}

static int domains_release(struct inode *const inode, struct file *const file)
{
	landlock_put_hierarchy(file->private_data);
	return 0;
}

static const struct file_operations domains_fops = {
	.release = domains_release,
	.read = generic_read_dir,
	.iterate_shared = domains_iterate,
	.llseek = default_llseek,
};

static const struct inode_operations domains_iops = {
	.lookup = domains_lookup,
};

static const char *const feature_names[] __initconst = {
	[FEATURE_ABI_VERSION] = "abi_version",
	[FEATURE_FS] = "fs",
	[FEATURE_NET] = "net",
	[FEATURE_SCOPE] = "scope",
	[FEATURE_RESTRICT_SELF] = "restrict_self",
};

static int __init create_feature(struct dentry *const parent,
				 const enum feature_file kind)
{
	void *const data = (void *)(uintptr_t)kind;
	struct dentry *file;

	file = securityfs_create_file(feature_names[kind], 0444, parent, data,
				      &feature_fops);
	return PTR_ERR_OR_ZERO(file);
}

/*
 * abi_version, features/ and its files, then domains/: each step runs only if
 * the previous ones succeeded, and a failure removes the whole tree.
 */
static int __init landlock_init_securityfs(void)
{
	struct dentry *root, *features = NULL, *domains = NULL;
	enum feature_file kind;
	int err;

	if (!landlock_initialized)
		return 0;

	root = securityfs_create_dir("landlock", NULL);
	err = PTR_ERR_OR_ZERO(root);
	if (!err)
		err = create_feature(root, FEATURE_ABI_VERSION);
	if (!err) {
		features = securityfs_create_dir("features", root);
		err = PTR_ERR_OR_ZERO(features);
	}
	for (kind = FEATURE_FS; !err && kind < ARRAY_SIZE(feature_names);
	     kind++)
		err = create_feature(features, kind);
	if (!err) {
		domains = securityfs_create_dir("domains", root);
		err = PTR_ERR_OR_ZERO(domains);
	}
	if (err) {
		securityfs_recursive_remove(root);
		return err;
	}
	/* Resolved on lookup instead of populated: see the header comment. */
	d_inode(domains)->i_op = &domains_iops;
	d_inode(domains)->i_fop = &domains_fops;
	return 0;
}

fs_initcall(landlock_init_securityfs);

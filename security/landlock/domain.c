// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Domain layer metadata
 */

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <uapi/linux/landlock.h>

#include "audit.h"
#include "cred.h"
#include "domain.h"
#include "id.h"
#include "restore.h"
#include "ruleset.h"
#include "securityfs.h"

/* A layer that nobody looks at costs one kmalloc-192 object (make bench). */
static_assert(!IS_ENABLED(CONFIG_64BIT) ||
	      sizeof(struct landlock_hierarchy) <= 192);

/*
 * Copies what describes the current task when it creates a layer: the task
 * may exec or exit long before anybody reads the layer's description.  Only
 * cheap copies and references: the path of the executable is rendered from
 * the file by whoever reads it, or by landlock_settle_creator_exes().
 */
static void init_current_details(struct landlock_details *const details)
{
	const struct cred *const cred = current_cred();
	struct mm_struct *const mm = current->mm;

	details->exe = mm ? (unsigned long)get_mm_exe_file(mm) : 0;
	details->pid = get_pid(task_tgid(current));
	details->uid = cred->uid;
	details->euid = cred->euid;
	details->suid = cred->suid;
	details->gid = cred->gid;
	details->egid = cred->egid;
	details->sgid = cred->sgid;
	/* The initial namespace lives forever: no reference to count. */
	details->user_ns = cred->user_ns == &init_user_ns ?
				   &init_user_ns :
				   get_user_ns(cred->user_ns);
	/* Same rule as __ptrace_may_access(), frozen at creation. */
	details->undumpable_ns = NULL;
	if (mm && get_dumpable(mm) != SUID_DUMP_USER)
		details->undumpable_ns = get_user_ns(mm->user_ns);
	/*
	 * As get_task_comm() since Linux 6.13, without the task lock: only
	 * this task and its thread group change its name, and a torn copy is
	 * still a string.
	 */
	memcpy(details->comm, current->comm, sizeof(details->comm));
	details->comm[sizeof(details->comm) - 1] = '\0';
}

/*
 * A creator's executable is a file (a reference, pinning its mount as the
 * running creator does) until a task that holds the layer executes another
 * program: it becomes the file's path then, and the layer stops pinning the
 * mount.  The lock only orders this one change with the readers, who may
 * log from interrupts (SIGIO): it is held for a few loads, never for
 * d_path().
 */
#define LANDLOCK_CREATOR_EXE_PATH 1UL
static DEFINE_SPINLOCK(creator_exe_lock);

static struct file *exe_file(const unsigned long exe)
{
	return exe & LANDLOCK_CREATOR_EXE_PATH ? NULL : (struct file *)exe;
}

static const char *exe_path(const unsigned long exe)
{
	return exe & LANDLOCK_CREATOR_EXE_PATH ?
		       (const char *)(exe & ~LANDLOCK_CREATOR_EXE_PATH) :
		       NULL;
}

/*
 * Returns the path of the creator's executable, which lives as long as the
 * layer, or NULL and sets @file to a new reference to the executable (NULL
 * if the creator had none).
 */
static const char *get_creator_exe(const struct landlock_details *const details,
				   struct file **const file)
{
	unsigned long exe, flags;

	/* Once a path, always a path; pairs with settle_creator_exe(). */
	exe = smp_load_acquire(&details->exe);
	*file = NULL;
	if (exe & LANDLOCK_CREATOR_EXE_PATH)
		return exe_path(exe);

	spin_lock_irqsave(&creator_exe_lock, flags);
	exe = details->exe;
	*file = exe_file(exe);
	if (*file)
		get_file(*file);
	spin_unlock_irqrestore(&creator_exe_lock, flags);
	return exe_path(exe);
}

/**
 * landlock_creator_exe_is_file - Tell whether a creator's executable is a file
 *
 * @details: Creator of a layer, kept alive by the caller.
 *
 * Return: True if landlock_get_creator_exe() may need a buffer: the path of
 * the creator's executable is not known yet.  Once false, always false.
 */
bool landlock_creator_exe_is_file(const struct landlock_details *const details)
{
	const unsigned long exe = READ_ONCE(details->exe);

	return exe && !(exe & LANDLOCK_CREATOR_EXE_PATH);
}

/**
 * landlock_get_creator_exe - Render the path of a creator's executable
 *
 * @details: Creator of a layer, kept alive by the caller.
 * @buf: Buffer of @size bytes (PATH_MAX fits any path).
 * @size: Size of @buf.
 *
 * Does not sleep.  A path not rendered yet is rendered from the current
 * task's root, and not at all outside of a task's context: d_path() may
 * wait for a rename that the interrupted task is doing.
 *
 * Return: The path, in @buf or in @details, or "" if the creator had no
 * executable or its path cannot be given.
 */
const char *
landlock_get_creator_exe(const struct landlock_details *const details,
			 char *const buf, const int size)
{
	const char *path;
	struct file *file;

	path = get_creator_exe(details, &file);
	if (path)
		return path;
	if (!file)
		return "";

	path = "";
	if (buf && in_task()) {
		char *const rendered = d_path(&file->f_path, buf, size);

		if (!IS_ERR(rendered))
			path = rendered;
	}
	fput(file);
	return path;
}

static void settle_creator_exe(struct landlock_details *const details)
{
	struct file *file, *layer_ref = NULL;
	char *buf, *copy = NULL;
	unsigned long flags;

	if (get_creator_exe(details, &file) || !file)
		return;

	buf = __getname();
	if (buf) {
		const char *const path = d_path(&file->f_path, buf, PATH_MAX);

		if (!IS_ERR(path))
			copy = kstrdup(path, GFP_KERNEL_ACCOUNT);
		__putname(buf);
	}
	/* Without memory, the file stays: the path is only rendered later. */
	if (copy) {
		spin_lock_irqsave(&creator_exe_lock, flags);
		/* Another holder may have been quicker. */
		if (details->exe == (unsigned long)file) {
			/* The path's bytes before the pointer to them. */
			smp_store_release(&details->exe,
					  (unsigned long)copy |
						  LANDLOCK_CREATOR_EXE_PATH);
			copy = NULL;
			layer_ref = file;
		}
		spin_unlock_irqrestore(&creator_exe_lock, flags);
		kfree(copy);
	}
	if (layer_ref)
		fput(layer_ref);
	fput(file);
}

/**
 * landlock_settle_creator_exes - Keep the paths of executables about to go
 *
 * @domain: Domain of a task that executes a program, or NULL.
 * @layers: Layers of @domain created since the last execve(2) of the task
 *          (or of the task it was forked from), one bit per layer index:
 *          their creator's executable is the one the task stops running.
 *
 * Called on execve(2), which may sleep.  The creators' executable files
 * are replaced by their paths, as seen from the task's root, so that the
 * layers stop pinning them and their mounts.
 */
void landlock_settle_creator_exes(const struct landlock_ruleset *const domain,
				  u32 layers)
{
	struct landlock_hierarchy *layer;
	size_t i;

	if (!domain)
		return;
	layer = domain->hierarchy;
	for (i = domain->num_layers; layers && i > 0; i--) {
		if (layers & BIT(i - 1)) {
			layers &= ~BIT(i - 1);
			settle_creator_exe(&layer->details);
		}
		layer = layer->parent;
	}
}

/**
 * landlock_init_hierarchy - Set up a new layer node
 *
 * @hierarchy: Uninitialized layer node of a domain being created by the
 *             current task.
 *
 * Every field is set here rather than by zeroing the allocation: on the
 * creation path, zeroing the whole node costs more than the rest of what
 * Landlock adds to it.  The layer's ID is fixed here, by drawing its
 * generator counter; the ID itself is only computed when somebody needs it
 * (landlock_get_layer_id()).  What the flags of landlock_restrict_self()
 * decide is set by landlock_publish_layer().
 *
 * Return: 0, or -ERESTARTSYS if interrupted while waiting for the ID key;
 * @hierarchy is then still ready to be released.
 */
int landlock_init_hierarchy(struct landlock_hierarchy *const hierarchy)
{
	hierarchy->parent = NULL;
	refcount_set(&hierarchy->usage, 1);
	hierarchy->num_domains = 0;
	hierarchy->id.counter = landlock_id_draw_counter();
	hierarchy->id.value = 0;
	/* Tells landlock_remove_layer() that it was never indexed. */
	hierarchy->sibling.next = NULL;
	hierarchy->ino = 0;
	init_current_details(&hierarchy->details);
	atomic64_set(&hierarchy->num_denials, 0);
	/* The rest of the logging state waits for landlock_publish_layer(). */
	hierarchy->log_status = LANDLOCK_LOG_PENDING;
	hierarchy->domain = NULL;
	/* Only here can this wait: the ID may be needed in atomic context. */
	return landlock_id_wait_key();
}

/**
 * landlock_publish_layer - Set up a new domain's youngest layer and show it
 *
 * @domain: New domain, fully set up but not yet enforced.
 * @flags: Flags of landlock_restrict_self(), already checked.
 * @creator: Landlock blob of the credentials that will hold @domain, with
 *           the logging state of the domain it replaces.
 *
 * The layer logs as landlock_layer_logs() says.  Under an earlier
 * %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF, it never logs.
 *
 * Lookups find a layer only through the index, so everything they read is
 * set before it enters the index.  The fields are set together, in one
 * place, because this is the domain creation path.
 *
 * Return: 0, or the error of a restore (see restore.c): the layer is then
 * not indexed, and the thread's request is kept.
 */
int landlock_publish_layer(struct landlock_ruleset *const domain,
			   const u32 flags,
			   const struct landlock_cred_security *const creator)
{
	struct landlock_hierarchy *const hierarchy = domain->hierarchy;
	const struct landlock_hierarchy *const parent = hierarchy->parent;
	const bool permissive = flags & LANDLOCK_RESTRICT_SELF_PERMISSIVE;
	const size_t youngest = domain->num_layers - 1;
	int err;

	hierarchy->restrict_flags = landlock_pack_layer_flags(flags);
	hierarchy->log_off_depth = 0;
	if (creator->log_subdomains_off) {
		hierarchy->log_status = LANDLOCK_LOG_DISABLED;
		hierarchy->log_off_depth = creator->log_off_depth;
	}
	hierarchy->permissive_layers =
		(parent ? parent->permissive_layers : 0) |
		(permissive ? BIT(youngest) : 0);
	hierarchy->handled = domain->access_masks[youngest];

	/* A restored ID replaces the generated one. */
	err = landlock_restore_get_id(&hierarchy->id.value);
	if (err)
		return err;
	err = landlock_add_layer(domain);
	if (err)
		return err;
	if (hierarchy->id.value)
		landlock_restore_done(hierarchy);
	return 0;
}

/**
 * landlock_release_layer - Release what a layer node holds
 *
 * @hierarchy: Layer node whose last reference was just dropped; the caller
 *             frees the node itself.
 *
 * Logs the deallocation if the allocation was logged, removes the layer from
 * the index so that no lookup can find it anymore, and frees its creator
 * details.
 */
void landlock_release_layer(struct landlock_hierarchy *const hierarchy)
{
	landlock_log_drop_domain(hierarchy);
	landlock_remove_layer(hierarchy);
	landlock_securityfs_release_layer(hierarchy);
	/* Nothing was captured if the domain creation failed early. */
	put_pid(hierarchy->details.pid);
	if (hierarchy->details.user_ns != &init_user_ns)
		put_user_ns(hierarchy->details.user_ns);
	put_user_ns(hierarchy->details.undumpable_ns);
	if (exe_file(hierarchy->details.exe))
		fput(exe_file(hierarchy->details.exe));
	else
		kfree(exe_path(hierarchy->details.exe));
}

/**
 * landlock_get_layer_hierarchy - Find the node of a domain's layer
 *
 * @domain: A domain (not a plain ruleset).
 * @layer: Layer index, 0 being the oldest.
 *
 * Return: The node, which lives at least as long as @domain, or NULL if
 * @layer is out of range.
 */
struct landlock_hierarchy *
landlock_get_layer_hierarchy(const struct landlock_ruleset *const domain,
			     const size_t layer)
{
	struct landlock_hierarchy *hierarchy = domain->hierarchy;
	size_t i;

	if (WARN_ON_ONCE(layer >= domain->num_layers))
		return NULL;

	for (i = domain->num_layers - 1; i > layer; i--)
		hierarchy = hierarchy->parent;
	return hierarchy;
}

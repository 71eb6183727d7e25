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
#include <linux/overflow.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "audit.h"
#include "domain.h"
#include "id.h"
#include "ruleset.h"
#include "securityfs.h"

/*
 * Most executable paths are short: render them on the stack, and only take a
 * PATH_MAX buffer for the others.
 */
#define SHORT_PATH_LEN 128

/*
 * Renders the path of @exe into @buf, or into a PATH_MAX buffer that it sets
 * @name to (to release with __putname()).  Returns "" if there is no path to
 * render: that is not a reason to fail.
 */
static const char *get_exe_path(struct file *const exe, char *const buf,
				char **const name)
{
	char *path;

	*name = NULL;
	if (!exe)
		return "";

	path = d_path(&exe->f_path, buf, SHORT_PATH_LEN);
	if (!IS_ERR(path) || PTR_ERR(path) != -ENAMETOOLONG)
		return IS_ERR(path) ? "" : path;

	*name = __getname();
	if (!*name)
		return "";
	path = d_path(&exe->f_path, *name, PATH_MAX);
	return IS_ERR(path) ? "" : path;
}

/*
 * Copies what describes the current task, once, when it creates a layer: the
 * task may exec or exit long before anybody reads the layer's description.
 */
static struct landlock_details *get_current_details(void)
{
	const struct cred *const cred = current_cred();
	struct file *const exe = get_task_exe_file(current);
	struct landlock_details *details;
	char buf[SHORT_PATH_LEN], *name;
	const char *path;
	size_t len;

	path = get_exe_path(exe, buf, &name);
	len = strlen(path) + 1;
	details = kzalloc(struct_size(details, exe_path, len),
			  GFP_KERNEL_ACCOUNT);
	if (details) {
		memcpy(details->exe_path, path, len);
		details->pid = get_pid(task_tgid(current));
		details->tgid = task_tgid_nr(current);
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
		if (current->mm && get_dumpable(current->mm) != SUID_DUMP_USER)
			details->undumpable_ns =
				get_user_ns(current->mm->user_ns);
		get_task_comm(details->comm, current);
	}

	if (name)
		__putname(name);
	if (exe)
		fput(exe);
	return details ?: ERR_PTR(-ENOMEM);
}

/**
 * landlock_init_hierarchy - Give a new layer its creator details
 *
 * @hierarchy: Zeroed layer node of a domain being created by the current
 *             task.
 *
 * Logging defaults to upstream's: denials of the creating program are
 * logged, those after its next execve(2) are not.
 *
 * Return: 0, -ENOMEM, or -ERESTARTSYS if interrupted while waiting for the
 * ID key (then nothing is left to release but @hierarchy).
 */
int landlock_init_hierarchy(struct landlock_hierarchy *const hierarchy)
{
	struct landlock_details *details;
	int err;

	err = landlock_id_wait_key();
	if (err)
		return err;

	details = get_current_details();
	if (IS_ERR(details))
		return PTR_ERR(details);

	hierarchy->details = details;
	hierarchy->log_same_exec = true;
	hierarchy->log_new_exec = false;
	return 0;
}

/**
 * landlock_set_layer_mode - Make a new domain's youngest layer permissive or not
 *
 * @domain: New domain, not yet published.
 * @permissive: %LANDLOCK_RESTRICT_SELF_PERMISSIVE was passed.
 *
 * A permissive layer is there to show all that it would deny: it also logs
 * the denials of the programs it executes.
 */
void landlock_set_layer_mode(struct landlock_ruleset *const domain,
			     const bool permissive)
{
	struct landlock_hierarchy *const hierarchy = domain->hierarchy;

	hierarchy->permissive = permissive;
	hierarchy->permissive_layers =
		hierarchy->parent ? hierarchy->parent->permissive_layers : 0;
	if (permissive) {
		hierarchy->permissive_layers |= BIT(domain->num_layers - 1);
		hierarchy->log_new_exec = true;
	}
}

/**
 * landlock_publish_layer - Make a new domain's youngest layer visible
 *
 * @domain: New domain, fully set up but not yet enforced.
 *
 * Lookups find a layer only through the index, so everything they read is
 * set before it enters the index.
 */
void landlock_publish_layer(struct landlock_ruleset *const domain)
{
	struct landlock_hierarchy *const hierarchy = domain->hierarchy;

	hierarchy->handled = domain->access_masks[domain->num_layers - 1];
	landlock_add_layer(domain);
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
	if (hierarchy->details) {
		put_pid(hierarchy->details->pid);
		if (hierarchy->details->user_ns != &init_user_ns)
			put_user_ns(hierarchy->details->user_ns);
		put_user_ns(hierarchy->details->undumpable_ns);
		kfree(hierarchy->details);
	}
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

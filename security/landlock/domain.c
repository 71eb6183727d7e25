// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Domain layer metadata
 */

#include <linux/atomic.h>
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

/*
 * Copies what describes the current task, once, when it creates a layer: the
 * task may exec or exit long before anybody reads the layer's description.
 */
static struct landlock_details *get_current_details(void)
{
	struct landlock_details *details;
	struct file *exe;
	char *buf, *path = "";
	size_t len;

	buf = __getname();
	if (!buf)
		return ERR_PTR(-ENOMEM);

	exe = get_task_exe_file(current);
	if (exe) {
		path = d_path(&exe->f_path, buf, PATH_MAX);
		/* A path too long to render is not a reason to fail. */
		if (IS_ERR(path))
			path = "";
	}

	len = strlen(path) + 1;
	details = kzalloc(struct_size(details, exe_path, len),
			  GFP_KERNEL_ACCOUNT);
	if (details) {
		memcpy(details->exe_path, path, len);
		details->pid = get_pid(task_tgid(current));
		details->tgid = task_tgid_nr(current);
		const struct cred *const cred = current_cred();

		details->uid = cred->uid;
		details->euid = cred->euid;
		details->suid = cred->suid;
		details->gid = cred->gid;
		details->egid = cred->egid;
		details->sgid = cred->sgid;
		details->user_ns = get_user_ns(cred->user_ns);
		/* Same rule as __ptrace_may_access(), frozen at creation. */
		if (current->mm && get_dumpable(current->mm) != SUID_DUMP_USER)
			details->undumpable_ns =
				get_user_ns(current->mm->user_ns);
		get_task_comm(details->comm, current);
	}

	if (exe)
		fput(exe);
	__putname(buf);
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
 * Returns 0, or -ENOMEM (then nothing is left to release but @hierarchy).
 */
int landlock_init_hierarchy(struct landlock_hierarchy *const hierarchy)
{
	struct landlock_details *const details = get_current_details();

	if (IS_ERR(details))
		return PTR_ERR(details);

	hierarchy->details = details;
	hierarchy->log_same_exec = true;
	hierarchy->log_new_exec = false;
	return 0;
}

/**
 * landlock_publish_layer - Give a new domain's youngest layer its ID
 *
 * @domain: New domain, fully set up but not yet enforced.
 *
 * Lookups find a layer only through its ID, so everything they read is set
 * before the ID enters the live index.
 */
void landlock_publish_layer(struct landlock_ruleset *const domain)
{
	struct landlock_hierarchy *const hierarchy = domain->hierarchy;

	hierarchy->handled = domain->access_masks[domain->num_layers - 1];
	hierarchy->domain = domain;
	landlock_id_assign(&hierarchy->id);
}

/**
 * landlock_free_hierarchy - Release what a layer holds, before it is freed
 *
 * @hierarchy: Layer node whose last reference was just dropped.
 *
 * Logs the deallocation if the allocation was logged, and removes the ID
 * from the live index so that no lookup can find the layer anymore.
 */
void landlock_free_hierarchy(struct landlock_hierarchy *const hierarchy)
{
	landlock_log_drop_domain(hierarchy);
	landlock_id_release(&hierarchy->id);
	if (hierarchy->details) {
		put_pid(hierarchy->details->pid);
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
 * Returns the node, which lives at least as long as @domain, or NULL if
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

/**
 * landlock_forget_domain - Unlink a dying domain from its youngest layer
 *
 * @domain: Domain whose last reference is gone.
 *
 * The layer may outlive the domain (nested domains keep it), so lookups of
 * its rules must stop finding this domain before it is freed.
 */
void landlock_forget_domain(struct landlock_ruleset *const domain)
{
	if (!domain->hierarchy || READ_ONCE(domain->hierarchy->domain) != domain)
		return;

	spin_lock(&landlock_id_lock);
	domain->hierarchy->domain = NULL;
	spin_unlock(&landlock_id_lock);
}

static size_t get_depth(const struct landlock_hierarchy *layer)
{
	size_t depth = 0;

	for (; layer; layer = layer->parent)
		depth++;
	return depth;
}

/**
 * landlock_get_layer_domain - Find a live domain that holds a layer's rules
 *
 * @layer: Live layer node.
 * @layer_index: Set to the index of @layer in the returned domain.
 *
 * The layer's own domain holds its rules; once that one is gone, any live
 * nested domain holds a copy of them.  Only called when somebody reads a
 * layer's rules, so walking the live IDs is acceptable.
 *
 * Returns a reference to a domain (release it with landlock_put_ruleset()),
 * or NULL if no domain holding the layer is alive anymore.
 */
struct landlock_ruleset *
landlock_get_layer_domain(struct landlock_hierarchy *const layer,
			  size_t *const layer_index)
{
	struct landlock_ruleset *found = NULL;
	struct landlock_domain_id *node;
	u64 cursor = 0;

	*layer_index = get_depth(layer) - 1;
	spin_lock(&landlock_id_lock);
	if (layer->domain && refcount_inc_not_zero(&layer->domain->usage)) {
		found = layer->domain;
		goto out_unlock;
	}
	while ((node = landlock_id_next_locked(cursor))) {
		struct landlock_hierarchy *const candidate =
			container_of(node, struct landlock_hierarchy, id);
		const struct landlock_hierarchy *walker;

		cursor = node->value;
		if (!candidate->domain)
			continue;
		for (walker = candidate->parent; walker; walker = walker->parent) {
			if (walker != layer)
				continue;
			if (refcount_inc_not_zero(&candidate->domain->usage)) {
				found = candidate->domain;
				goto out_unlock;
			}
			break;
		}
	}
out_unlock:
	spin_unlock(&landlock_id_lock);
	return found;
}

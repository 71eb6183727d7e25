// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - /proc/<pid>/attr/landlock/domain
 *
 * This file has its own operations instead of the getprocattr hook: with the
 * default LSM ID, that hook answers /proc/<pid>/attr/current for the first
 * LSM in the stack, and Landlock must not take that file over from AppArmor
 * or SELinux.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/landlock.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "cred.h"
#include "id.h"
#include "ruleset.h"
#include "setup.h"
#include "visibility.h"

/* "none\n" or an ID and "\n", and the NUL of scnprintf(). */
#define DOMAIN_ATTR_SIZE (LANDLOCK_ID_STR_LEN + 2)

struct domain_attr {
	size_t len;
	char buf[DOMAIN_ATTR_SIZE];
};

/**
 * landlock_is_enabled - Tell whether Landlock was enabled at boot
 *
 * Returns true if Landlock is in the LSM stack.
 */
bool landlock_is_enabled(void)
{
	return landlock_initialized;
}

/*
 * The youngest layer of @task that @reader sees: the ID is constant for the
 * layer's lifetime, so it is captured once, at open.
 */
static void get_domain_attr(const struct cred *const reader,
			    struct task_struct *const task,
			    struct domain_attr *const attr)
{
	const struct landlock_ruleset *domain;
	const struct landlock_hierarchy *layer;
	u64 id = 0;

	rcu_read_lock();
	domain = landlock_get_task_domain(task);
	for (layer = domain ? domain->hierarchy : NULL; layer;
	     layer = layer->parent) {
		if (landlock_may_see_layer(reader, layer)) {
			id = landlock_get_layer_id(layer);
			break;
		}
	}
	rcu_read_unlock();

	if (id)
		attr->len =
			scnprintf(attr->buf, sizeof(attr->buf), "%llx\n", id);
	else
		attr->len = scnprintf(attr->buf, sizeof(attr->buf), "none\n");
}

/**
 * landlock_domain_attr_open - Open /proc/<pid>/attr/landlock/domain
 *
 * @task: Target task, referenced by the caller.
 * @file: File being opened.
 *
 * Checks ptrace read access against the opener's credentials, as
 * /proc/<pid>/ns/\* does, while holding the target's exec_update_lock so
 * that a set-user-ID execve(2) cannot slip between the check and the
 * capture of the content.
 *
 * Returns 0, -EACCES, or another error from locking or allocation.
 */
int landlock_domain_attr_open(struct task_struct *const task,
			      struct file *const file)
{
	struct domain_attr *attr;
	int err;

	if (file->f_mode & FMODE_WRITE)
		return -EACCES;

	attr = kzalloc(sizeof(*attr), GFP_KERNEL);
	if (!attr)
		return -ENOMEM;

	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		goto out_free;

	if (ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS)) {
		get_domain_attr(file->f_cred, task, attr);
		file->private_data = attr;
		attr = NULL;
	} else {
		err = -EACCES;
	}
	up_read(&task->signal->exec_update_lock);

out_free:
	kfree(attr);
	return err;
}

/**
 * landlock_domain_attr_read - Read /proc/<pid>/attr/landlock/domain
 *
 * @file: File opened by landlock_domain_attr_open().
 * @buf: User buffer.
 * @count: Size of @buf.
 * @ppos: Position in the file.
 *
 * Returns the number of bytes read, or -EFAULT.
 */
ssize_t landlock_domain_attr_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	const struct domain_attr *const attr = file->private_data;

	return simple_read_from_buffer(buf, count, ppos, attr->buf, attr->len);
}

/**
 * landlock_domain_attr_release - Release /proc/<pid>/attr/landlock/domain
 *
 * @inode: Inode of the file.
 * @file: File opened by landlock_domain_attr_open().
 *
 * Returns 0.
 */
int landlock_domain_attr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

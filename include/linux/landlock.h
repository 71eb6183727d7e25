/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Interfaces for the rest of the kernel
 */

#ifndef _LINUX_LANDLOCK_H
#define _LINUX_LANDLOCK_H

#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/types.h>

#ifdef CONFIG_SECURITY_LANDLOCK

bool landlock_is_enabled(void);
int landlock_domain_attr_open(struct task_struct *const task,
			      struct file *const file);
ssize_t landlock_domain_attr_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos);
int landlock_domain_attr_release(struct inode *inode, struct file *file);
ssize_t landlock_next_domain_attr_write(const struct file *const file,
					struct task_struct *const task,
					const char __user *const buf,
					const size_t count, loff_t *const ppos);

#endif /* CONFIG_SECURITY_LANDLOCK */

#endif /* _LINUX_LANDLOCK_H */

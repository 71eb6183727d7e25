/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Restore of domain IDs
 */

#ifndef _SECURITY_LANDLOCK_RESTORE_H
#define _SECURITY_LANDLOCK_RESTORE_H

#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/rbtree_types.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "setup.h"

struct landlock_hierarchy;

/**
 * struct landlock_restore_request - ID a thread asked for its next layer
 *
 * The Landlock security blob of a task.  Only the task itself sets it.
 */
struct landlock_restore_request {
	/** @id: Requested ID, or 0 if none. */
	u64 id;
	/** @node: Node in the requests by ID, while @id is not 0. */
	struct rb_node node;
	/** @task: Task whose blob this is, while @id is not 0. */
	struct task_struct *task;
};

static inline struct landlock_restore_request *
landlock_task_request(const struct task_struct *const task)
{
	return task->security + landlock_blob_sizes.lbs_task;
}

DECLARE_STATIC_KEY_FALSE(landlock_id_restored);

bool landlock_restore_take_reservation(const u64 counter);

/**
 * landlock_restore_skips - Tell whether the generator must skip a value
 *
 * @counter: Generator counter just drawn.
 *
 * Free of locks until the first restore request of the uptime.
 *
 * Return: True if a restore asked for the value of @counter, which the
 * generator then never hands out.
 */
static inline bool landlock_restore_skips(const u64 counter)
{
	if (!static_branch_unlikely(&landlock_id_restored))
		return false;
	return landlock_restore_take_reservation(counter);
}

int landlock_parse_id(const char *const text, const size_t len, u64 *const id);

int landlock_restore_get_requested_id(u64 *const id);

/**
 * landlock_restore_get_id - Get the ID requested for the next layer
 *
 * @id: Set to the ID that the current thread asked for, or 0.
 *
 * Costs a no-op on the domain creation path until the first restore
 * request of the uptime.
 *
 * Return: 0, or -EPERM if the thread asked for an ID but may not restore
 * anymore.
 */
static inline int landlock_restore_get_id(u64 *const id)
{
	if (!static_branch_unlikely(&landlock_id_restored)) {
		*id = 0;
		return 0;
	}
	return landlock_restore_get_requested_id(id);
}

void landlock_restore_done(const struct landlock_hierarchy *const layer);

__init void landlock_add_restore_hooks(void);

#endif /* _SECURITY_LANDLOCK_RESTORE_H */

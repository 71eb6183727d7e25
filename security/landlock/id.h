/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Domain identifiers
 */

#ifndef _SECURITY_LANDLOCK_ID_H
#define _SECURITY_LANDLOCK_ID_H

#include <linux/bits.h>
#include <linux/rbtree_types.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

/*
 * Smallest domain ID: IDs below 2^32 are never used, so that an ID cannot be
 * mistaken for a PID, a UID or another 32-bit number, and always prints with
 * at least 9 hex digits.
 */
#define LANDLOCK_ID_MIN BIT_ULL(32)

/**
 * struct landlock_domain_id - Domain identifier
 *
 * Embedded in the object it identifies.  Its name is not "landlock_id"
 * because ruleset.h already has a struct with that name (rule keys).
 */
struct landlock_domain_id {
	/**
	 * @value: 0 until assigned, then constant (also after release, so the
	 * ID can still be logged when its object goes away).
	 */
	u64 value;
	/**
	 * @node: Node in the live-ID index, from assignment until release.
	 */
	struct rb_node node;
};

/* Protects the live-ID index, for landlock_id_*_locked(). */
extern spinlock_t landlock_id_lock;

void landlock_id_assign(struct landlock_domain_id *const id);

int landlock_id_assign_value(struct landlock_domain_id *const id,
			     const u64 value);

void landlock_id_release(struct landlock_domain_id *const id);

struct landlock_domain_id *landlock_id_find_locked(const u64 value);

struct landlock_domain_id *landlock_id_next_locked(const u64 after);

#endif /* _SECURITY_LANDLOCK_ID_H */

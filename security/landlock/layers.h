/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Index of the live domain layers
 */

#ifndef _SECURITY_LANDLOCK_LAYERS_H
#define _SECURITY_LANDLOCK_LAYERS_H

#include <linux/list.h>
#include <linux/llist.h>
#include <linux/rbtree_types.h>
#include <linux/types.h>

struct landlock_hierarchy;
struct landlock_ruleset;

/**
 * struct landlock_layer_id - ID of a domain layer, and its index entry
 *
 * Embedded in the layer it identifies.  Its name is not "landlock_id"
 * because ruleset.h already has a struct with that name (rule keys).
 */
struct landlock_layer_id {
	/**
	 * @counter: Generator counter that the ID stands for (see
	 * landlock_id_of()), set when the layer is created and constant: the
	 * index is sorted by it, so that nothing needs the ID until somebody
	 * asks for it.
	 */
	u64 counter;
	/**
	 * @value: The ID, or 0 until landlock_get_layer_id() first computes
	 * it from @counter.
	 */
	u64 value;
	union {
		/**
		 * @pending: Entry in the list of layers that the index has
		 * not taken in yet, from their creation to the next use of
		 * the index.
		 */
		struct llist_node pending;
		/** @node: Node in the index by @counter, from then on. */
		struct rb_node node;
	};
};

u64 landlock_get_layer_id(const struct landlock_hierarchy *const layer);

int landlock_add_layer(struct landlock_ruleset *const domain);

bool landlock_layer_id_is_live(const u64 id);

void landlock_remove_domain(struct landlock_ruleset *const domain);

void landlock_remove_layer(struct landlock_hierarchy *const layer);

struct landlock_hierarchy *landlock_get_layer_by_id(const u64 id);

struct landlock_ruleset *
landlock_get_layer_rules(const struct landlock_hierarchy *const layer);

struct landlock_hierarchy *
landlock_get_next_layer(const struct landlock_hierarchy *const base,
			const struct landlock_hierarchy *const prev);

#endif /* _SECURITY_LANDLOCK_LAYERS_H */

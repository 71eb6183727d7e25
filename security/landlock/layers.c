// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Index of the live domain layers
 *
 * Introspection finds layers by ID, walks them as a tree, and finds a domain
 * that still holds a layer's rules.  All three go through this index, under
 * one lock private to this file, and return referenced objects.
 *
 * A layer is live while at least one domain holds it, that is while a domain
 * created with it or on top of it lives: each layer counts these domains.
 * The count leads a search to the domains of a subtree without visiting the
 * subtrees without any, and makes the rules of a layer reachable in
 * O(depth) once the layer's own domain is gone.  A layer node whose count is
 * 0 (kept by a reader's reference) stays linked, so that a walk can resume
 * from it, but is never returned.
 */

#include <linux/bug.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/lockdep.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>

#include "domain.h"
#include "id.h"
#include "layers.h"
#include "ruleset.h"

/*
 * Protects the index (layers_by_id, root_layers, and the @id.node, @children,
 * @sibling, @num_domains and @domain fields of every indexed layer).  Only
 * taken to remove a domain or a layer node, and by introspection: a new
 * layer only goes on new_layers, which the next user of the index empties.
 */
static DEFINE_SPINLOCK(layers_lock);

/* Every indexed layer node, by ID counter. */
static struct rb_root layers_by_id = RB_ROOT;

/* Indexed layer nodes without parent, oldest first. */
static LIST_HEAD(root_layers);

/* Layers created since the index was last used, youngest first. */
static LLIST_HEAD(new_layers);

static int layer_cmp_key(const void *const key,
			 const struct rb_node *const node)
{
	const u64 counter = *(const u64 *)key;
	const u64 other =
		rb_entry(node, struct landlock_hierarchy, id.node)->id.counter;

	return counter < other ? -1 : counter > other;
}

static int layer_cmp(struct rb_node *const a, const struct rb_node *const b)
{
	const struct landlock_hierarchy *const layer =
		rb_entry(a, struct landlock_hierarchy, id.node);

	return layer_cmp_key(&layer->id.counter, b);
}

/**
 * landlock_get_layer_id - Give the ID of a layer
 *
 * @layer: Layer node, kept alive by the caller.
 *
 * The ID is fixed when the layer is created, by its counter; the keyed
 * permutation that turns the counter into the ID only runs the first time
 * somebody needs it (a reader, or an audit record).
 *
 * Return: The ID of @layer, the same in every interface.
 */
u64 landlock_get_layer_id(const struct landlock_hierarchy *const layer)
{
	u64 value = READ_ONCE(layer->id.value);

	if (!value) {
		value = landlock_id_of(layer->id.counter);
		/*
		 * A cache of a function of the constant @id.counter: racing
		 * writers write the same value.
		 */
		WRITE_ONCE(((struct landlock_layer_id *)&layer->id)->value,
			   value);
	}
	return value;
}

/*
 * Inserts @layer in the index under its ID counter.  A node that no domain
 * holds anymore (a reader keeps it) gives its ID up: lookups never return it,
 * and a restore may reuse the ID as soon as the layer is not live.
 */
static bool insert_id(struct landlock_hierarchy *const layer)
{
	struct rb_node *const taken =
		rb_find_add(&layer->id.node, &layers_by_id, layer_cmp);

	lockdep_assert_held(&layers_lock);

	if (!taken)
		return true;
	if (rb_entry(taken, struct landlock_hierarchy, id.node)->num_domains)
		return false;
	rb_replace_node(taken, &layer->id.node, &layers_by_id);
	RB_CLEAR_NODE(taken);
	return true;
}

/* Links an indexed @layer into the tree and counts its domain. */
static void link_layer(struct landlock_hierarchy *const layer)
{
	struct landlock_hierarchy *walker;

	lockdep_assert_held(&layers_lock);

	list_add_tail(&layer->sibling,
		      layer->parent ? &layer->parent->children : &root_layers);
	for (walker = layer; walker; walker = walker->parent)
		walker->num_domains++;
}

/*
 * Takes the layers created since the last call into the index: every user
 * of the index calls it right after taking the lock.
 */
static void index_new_layers(void)
{
	struct llist_node *const added =
		llist_reverse_order(llist_del_all(&new_layers));
	struct landlock_hierarchy *layer, *next;

	lockdep_assert_held(&layers_lock);

	/* Oldest first: a parent is always indexed before its children. */
	llist_for_each_entry_safe(layer, next, added, id.pending) {
		/*
		 * Fresh IDs never repeat, and the generator skips the IDs
		 * that restores reserved (see restore.c).
		 */
		if (WARN_ON_ONCE(!insert_id(layer)))
			RB_CLEAR_NODE(&layer->id.node);
		link_layer(layer);
	}
}

/*
 * Indexes a layer with a restored ID right away, for the check that the ID
 * is not live.  Any layer with that ID is already indexed once new_layers
 * is emptied: the restorer learnt the ID from an interface that only shows
 * published layers, and no one can guess an ID the generator is drawing.
 */
static int add_restored_layer(struct landlock_ruleset *const domain)
{
	struct landlock_hierarchy *const layer = domain->hierarchy;
	int err;

	err = landlock_id_counter(layer->id.value, &layer->id.counter);
	if (WARN_ON_ONCE(err))
		return err;

	spin_lock(&layers_lock);
	index_new_layers();
	if (!insert_id(layer)) {
		spin_unlock(&layers_lock);
		return -EEXIST;
	}
	layer->domain = domain;
	link_layer(layer);
	spin_unlock(&layers_lock);
	return 0;
}

/**
 * landlock_add_layer - Make a new domain's youngest layer findable
 *
 * @domain: New domain, fully set up but not yet enforced.
 *
 * Lookups find a layer only through the index, so everything they read is
 * set before.  Creating a domain takes no lock: the layer waits on a
 * lock-free list until the index is next used.  A layer whose ID was set by
 * a restore is indexed at once, or not at all.
 *
 * Return: 0, or -EEXIST if a live layer has the restored ID.
 */
int landlock_add_layer(struct landlock_ruleset *const domain)
{
	struct landlock_hierarchy *const layer = domain->hierarchy;

	INIT_LIST_HEAD(&layer->children);
	if (layer->id.value)
		return add_restored_layer(domain);

	layer->domain = domain;
	/* Fully ordered: the fields above before the layer on the list. */
	llist_add(&layer->id.pending, &new_layers);
	return 0;
}

/**
 * landlock_remove_domain - Stop finding a dying domain
 *
 * @domain: Domain (or plain ruleset) whose last reference is gone.
 *
 * The layers of @domain may outlive it (nested domains hold them), but no
 * lookup returns @domain anymore, and the layers that only @domain held are
 * no longer live.
 */
void landlock_remove_domain(struct landlock_ruleset *const domain)
{
	struct landlock_hierarchy *const layer = domain->hierarchy;
	struct landlock_hierarchy *walker;

	/* Set once by landlock_add_layer(), only cleared here. */
	if (!layer || layer->domain != domain)
		return;

	spin_lock(&layers_lock);
	index_new_layers();
	layer->domain = NULL;
	for (walker = layer; walker; walker = walker->parent)
		walker->num_domains--;
	spin_unlock(&layers_lock);
}

/**
 * landlock_remove_layer - Remove a layer node from the index
 *
 * @layer: Layer node whose last reference is gone; its children are gone.
 *
 * The ID of @layer is kept, so that the layer can still be logged while it
 * is being freed.  Its domain is gone, and landlock_remove_domain() indexed
 * it first.
 */
void landlock_remove_layer(struct landlock_hierarchy *const layer)
{
	/* Never linked: the domain creation failed. */
	if (!layer->sibling.next)
		return;

	spin_lock(&layers_lock);
	WARN_ON_ONCE(!list_empty(&layer->children) || layer->num_domains);
	if (!RB_EMPTY_NODE(&layer->id.node))
		rb_erase(&layer->id.node, &layers_by_id);
	list_del(&layer->sibling);
	spin_unlock(&layers_lock);
}

/* Takes a reference to @layer if it is live. */
static bool get_live_layer(struct landlock_hierarchy *const layer)
{
	lockdep_assert_held(&layers_lock);

	/* A live layer is referenced by its domains. */
	return layer->num_domains && refcount_inc_not_zero(&layer->usage);
}

/**
 * landlock_get_layer_by_id - Find a live layer by ID
 *
 * @id: Domain ID.
 *
 * Return: A reference to the layer (release it with landlock_put_hierarchy()),
 * or NULL if no live layer has this ID.
 */
struct landlock_hierarchy *landlock_get_layer_by_id(const u64 id)
{
	struct landlock_hierarchy *layer = NULL;
	struct rb_node *node;
	u64 counter;

	if (landlock_id_counter(id, &counter))
		return NULL;

	spin_lock(&layers_lock);
	index_new_layers();
	node = rb_find(&counter, &layers_by_id, layer_cmp_key);
	if (node) {
		layer = rb_entry(node, struct landlock_hierarchy, id.node);
		if (!get_live_layer(layer))
			layer = NULL;
	}
	spin_unlock(&layers_lock);
	return layer;
}

/**
 * landlock_layer_id_is_live - Tell whether a live layer has an ID
 *
 * @id: Domain ID.
 *
 * Return: True if a live layer has @id.
 */
bool landlock_layer_id_is_live(const u64 id)
{
	struct landlock_hierarchy *const layer = landlock_get_layer_by_id(id);

	if (!layer)
		return false;
	landlock_put_hierarchy(layer);
	return true;
}

/*
 * Next live layer after @node in a depth-first walk of the subtree below
 * @base (all the indexed layers if @base is NULL), oldest child first.  With
 * @descend, the walk enters the children of @node, else it skips them.
 * Subtrees without domain are skipped: they have no live layer.
 */
static struct landlock_hierarchy *
walk_next(const struct landlock_hierarchy *const base,
	  const struct landlock_hierarchy *node, const bool descend)
{
	struct landlock_hierarchy *next;

	lockdep_assert_held(&layers_lock);

	if (descend) {
		list_for_each_entry(next, &node->children, sibling) {
			if (next->num_domains)
				return next;
		}
	}
	while (node && node != base) {
		const struct list_head *const siblings =
			node->parent ? &node->parent->children : &root_layers;

		next = (struct landlock_hierarchy *)node;
		list_for_each_entry_continue(next, siblings, sibling) {
			if (next->num_domains)
				return next;
		}
		node = node->parent;
	}
	return NULL;
}

/* First live layer strictly below @base (or of the index, if NULL). */
static struct landlock_hierarchy *
walk_first(const struct landlock_hierarchy *const base)
{
	struct landlock_hierarchy *first;

	lockdep_assert_held(&layers_lock);

	if (base)
		return walk_next(base, base, true);
	list_for_each_entry(first, &root_layers, sibling) {
		if (first->num_domains)
			return first;
	}
	return NULL;
}

/**
 * landlock_get_layer_rules - Find a live domain that holds a layer's rules
 *
 * @layer: Layer node, kept alive by the caller.
 *
 * The layer's own domain holds its rules; once it is gone, every live domain
 * created on top of it holds a copy of them.  The walk only enters subtrees
 * with live domains: it reaches one in at most the depth of the tree (a
 * domain whose last reference is being dropped makes it go on).
 *
 * Return: A reference to a domain (release it with landlock_put_ruleset()),
 * or NULL if no domain holds the layer anymore.
 */
struct landlock_ruleset *
landlock_get_layer_rules(const struct landlock_hierarchy *const layer)
{
	const struct landlock_hierarchy *node = layer;
	struct landlock_ruleset *found = NULL;

	spin_lock(&layers_lock);
	index_new_layers();
	if (!layer->num_domains)
		node = NULL;
	while (node) {
		struct landlock_ruleset *const domain = node->domain;

		if (domain && refcount_inc_not_zero(&domain->usage)) {
			found = domain;
			break;
		}
		node = walk_next(layer, node, true);
	}
	spin_unlock(&layers_lock);
	return found;
}

/**
 * landlock_get_next_layer - Walk the live layers below a layer
 *
 * @base: Layer below which to walk, or NULL to walk all the live layers.
 * @prev: Layer returned by the previous call, still referenced by the
 *        caller, or NULL to start the walk.
 *
 * A depth-first walk, parents before their children, that resumes from
 * @prev even if @prev died meanwhile: each layer live during the whole walk
 * is returned once.  The cost of a walk is proportional to the number of
 * layers below @base.
 *
 * Return: A reference to the next live layer (release it with
 * landlock_put_hierarchy()), or NULL at the end of the walk.
 */
struct landlock_hierarchy *
landlock_get_next_layer(const struct landlock_hierarchy *const base,
			const struct landlock_hierarchy *const prev)
{
	struct landlock_hierarchy *next;

	spin_lock(&layers_lock);
	index_new_layers();
	next = prev ? walk_next(base, prev, true) : walk_first(base);
	while (next && !get_live_layer(next))
		next = walk_next(base, next, false);
	spin_unlock(&layers_lock);
	return next;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

#include <kunit/test.h>

/*
 * A hand-built subtree, below @base (never linked to the index itself):
 *
 *   base -> a -> a1 (domain d1)
 *        \-> b         (no domain left in this subtree)
 *        \-> c -> c1 (domain d2)
 */
struct test_tree {
	struct landlock_hierarchy base, a, a1, b, c, c1;
	struct landlock_ruleset d1, d2;
};

static void init_node(struct landlock_hierarchy *const node,
		      struct landlock_hierarchy *const parent,
		      const unsigned int num_domains)
{
	*node = (struct landlock_hierarchy){
		.parent = parent,
		.num_domains = num_domains,
	};
	INIT_LIST_HEAD(&node->children);
	refcount_set(&node->usage, 1);
	if (parent)
		list_add_tail(&node->sibling, &parent->children);
}

static void init_tree(struct test_tree *const t)
{
	init_node(&t->base, NULL, 2);
	init_node(&t->a, &t->base, 1);
	init_node(&t->a1, &t->a, 1);
	init_node(&t->b, &t->base, 0);
	init_node(&t->c, &t->base, 1);
	init_node(&t->c1, &t->c, 1);
	refcount_set(&t->d1.usage, 1);
	refcount_set(&t->d2.usage, 1);
	t->a1.domain = &t->d1;
	t->c1.domain = &t->d2;
}

/* Walks below @base, dropping the references that the walk takes. */
static size_t walk(struct landlock_hierarchy *const base,
		   struct landlock_hierarchy **const seen, const size_t max)
{
	struct landlock_hierarchy *prev = NULL, *next;
	size_t num = 0;

	while ((next = landlock_get_next_layer(base, prev))) {
		if (num < max)
			seen[num] = next;
		num++;
		/* Never the last reference: the nodes are on the stack. */
		if (prev)
			refcount_dec(&prev->usage);
		prev = next;
	}
	if (prev)
		refcount_dec(&prev->usage);
	return num;
}

/* Parents first, oldest child first, and no subtree without domain. */
static void test_walk_order(struct kunit *const test)
{
	struct landlock_hierarchy *seen[8];
	struct test_tree t;

	init_tree(&t);
	KUNIT_ASSERT_EQ(test, 4, walk(&t.base, seen, ARRAY_SIZE(seen)));
	KUNIT_EXPECT_PTR_EQ(test, &t.a, seen[0]);
	KUNIT_EXPECT_PTR_EQ(test, &t.a1, seen[1]);
	KUNIT_EXPECT_PTR_EQ(test, &t.c, seen[2]);
	KUNIT_EXPECT_PTR_EQ(test, &t.c1, seen[3]);
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&t.a.usage));
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&t.c1.usage));

	/* Below a leaf, nothing. */
	KUNIT_EXPECT_EQ(test, 0, walk(&t.c1, seen, ARRAY_SIZE(seen)));
}

/* A walk resumes after a layer that died since it was returned. */
static void test_walk_resumes_after_death(struct kunit *const test)
{
	struct landlock_hierarchy *first, *next;
	struct test_tree t;

	init_tree(&t);
	first = landlock_get_next_layer(&t.base, NULL);
	KUNIT_ASSERT_PTR_EQ(test, &t.a, first);

	/* d1 goes away: a and a1 are not live anymore. */
	t.a1.domain = NULL;
	t.a1.num_domains = 0;
	t.a.num_domains = 0;
	t.base.num_domains = 1;

	next = landlock_get_next_layer(&t.base, first);
	KUNIT_EXPECT_PTR_EQ(test, &t.c, next);
	refcount_dec(&first->usage);
	if (next)
		refcount_dec(&next->usage);
}

/*
 * The rules of a layer without its own domain come from a domain created on
 * top of it, skipping the subtrees without domain and a dying domain.
 */
static void test_rules_from_descendant(struct kunit *const test)
{
	struct landlock_ruleset *found;
	struct test_tree t;

	init_tree(&t);
	found = landlock_get_layer_rules(&t.a);
	KUNIT_EXPECT_PTR_EQ(test, &t.d1, found);
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&t.d1.usage));
	refcount_set(&t.d1.usage, 1);

	/* d1 is dying (usage 0) but still counted: d2 holds base's rules. */
	refcount_set(&t.d1.usage, 0);
	found = landlock_get_layer_rules(&t.base);
	KUNIT_EXPECT_PTR_EQ(test, &t.d2, found);
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&t.d2.usage));

	/* Only a dying domain holds a: no rules to read. */
	KUNIT_EXPECT_PTR_EQ(test, NULL, landlock_get_layer_rules(&t.a));
	/* No domain at all below b. */
	KUNIT_EXPECT_PTR_EQ(test, NULL, landlock_get_layer_rules(&t.b));
}

/* clang-format off */
static struct kunit_case test_cases[] = {
	KUNIT_CASE(test_walk_order),
	KUNIT_CASE(test_walk_resumes_after_death),
	KUNIT_CASE(test_rules_from_descendant),
	{}
};

/* clang-format on */

static struct kunit_suite test_suite = {
	.name = "landlock_layers",
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

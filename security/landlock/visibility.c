// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Which domain layers a reader may see
 *
 * Every introspection interface (procfs and securityfs) asks this file, so
 * that one rule decides: a reader sees a layer only if the layer lies
 * strictly below the reader's own domain, and if the reader could read the
 * layer's creator with ptrace (PTRACE_MODE_READ_FSCREDS).  A sandboxed
 * thread thus never learns anything about its own domain or its ancestors.
 *
 * The creator may be gone, or may have changed identity since, so the
 * credential and dumpability rules of __ptrace_may_access() apply to what
 * the creator was when it created the layer.  The LSM ptrace hooks need a
 * live task: they are asked about the creator's process as it is now, while
 * it lives.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/uidgid.h>

#include "cred.h"
#include "domain.h"
#include "layers.h"
#include "ruleset.h"
#include "visibility.h"

/*
 * True if @layer is a strict descendant of @reader_layer, or if the reader
 * has no domain at all.
 */
static bool
is_strictly_below(const struct landlock_hierarchy *const reader_layer,
		  const struct landlock_hierarchy *const layer)
{
	const struct landlock_hierarchy *walker;

	if (!reader_layer)
		return true;

	for (walker = layer->parent; walker; walker = walker->parent) {
		if (walker == reader_layer)
			return true;
	}
	return false;
}

/* Tells whether @reader has CAP_SYS_PTRACE in @ns. */
typedef bool (*has_ptrace_cap_t)(const struct cred *reader,
				 struct user_namespace *ns);

static bool has_ptrace_cap(const struct cred *const reader,
			   struct user_namespace *const ns)
{
	return !security_capable(reader, ns, CAP_SYS_PTRACE, CAP_OPT_NOAUDIT);
}

/*
 * Same rules as __ptrace_may_access() with PTRACE_MODE_FSCREDS, against
 * what the creator was when it created the layer: its credentials, and its
 * dumpability.  @has_cap decides the capability checks, so that this
 * decision can be tested alone.
 */
static bool may_inspect_creator(const struct cred *const reader,
				const struct landlock_details *const creator,
				const has_ptrace_cap_t has_cap)
{
	if (!(uid_eq(reader->fsuid, creator->uid) &&
	      uid_eq(reader->fsuid, creator->euid) &&
	      uid_eq(reader->fsuid, creator->suid) &&
	      gid_eq(reader->fsgid, creator->gid) &&
	      gid_eq(reader->fsgid, creator->egid) &&
	      gid_eq(reader->fsgid, creator->sgid)) &&
	    !has_cap(reader, creator->user_ns))
		return false;

	if (creator->undumpable_ns && !has_cap(reader, creator->undumpable_ns))
		return false;
	return true;
}

static bool is_visible(const struct landlock_hierarchy *const reader_layer,
		       const struct cred *const reader,
		       const struct landlock_hierarchy *const layer,
		       const has_ptrace_cap_t has_cap)
{
	return is_strictly_below(reader_layer, layer) &&
	       may_inspect_creator(reader, &layer->details, has_cap);
}

/*
 * Asks the LSM ptrace hooks (Yama, SELinux, AppArmor, Landlock itself...)
 * about the creator's process while it lives.  They check the current task,
 * so only a reader that is the current task is asked about: every check
 * that needs them is made at open (or lookup, or listing), by the opener;
 * the later checks of a reader's file, with its opener's credentials, skip
 * them.  NOAUDIT keeps a listing from flooding the audit log.
 */
static bool
lsm_may_inspect_creator(const struct cred *const reader,
			const struct landlock_details *const creator)
{
	const unsigned int mode = PTRACE_MODE_READ_FSCREDS |
				  PTRACE_MODE_NOAUDIT;
	struct task_struct *task;
	bool allowed = true;

	if (reader != current_cred())
		return true;

	rcu_read_lock();
	task = pid_task(creator->pid, PIDTYPE_PID);
	if (task)
		allowed = !security_ptrace_access_check(task, mode);
	rcu_read_unlock();
	return allowed;
}

/**
 * landlock_may_see_layer - Decide whether a reader may see a domain layer
 *
 * @reader: Credentials of the reader (the opener of a file).
 * @layer: Layer node, kept alive by the caller.
 *
 * Return: True if @reader may learn anything about @layer.
 */
bool landlock_may_see_layer(const struct cred *const reader,
			    const struct landlock_hierarchy *const layer)
{
	const struct landlock_ruleset *const reader_dom =
		landlock_cred(reader)->domain;

	return is_visible(reader_dom ? reader_dom->hierarchy : NULL, reader,
			  layer, has_ptrace_cap) &&
	       lsm_may_inspect_creator(reader, &layer->details);
}

/**
 * landlock_get_visible_layer - Find a live layer by ID, if the reader sees it
 *
 * @reader: Credentials of the reader.
 * @id: Domain ID.
 *
 * Return: A reference to the layer (release it with landlock_put_hierarchy())
 * or NULL if it does not exist, is being freed, or may not be seen: the
 * three cases are indistinguishable on purpose.
 */
struct landlock_hierarchy *
landlock_get_visible_layer(const struct cred *const reader, const u64 id)
{
	struct landlock_hierarchy *layer = landlock_get_layer_by_id(id);

	if (layer && !landlock_may_see_layer(reader, layer)) {
		landlock_put_hierarchy(layer);
		layer = NULL;
	}
	return layer;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

#include <kunit/test.h>

/*
 * A hand-built tree of layers:
 *
 *   root -> a -> b -> c
 *             \-> s (sibling of b)
 *
 * Allocated by each test: its layer nodes are too big for the stack of a
 * KASAN kernel.
 */
struct test_tree {
	struct landlock_details owner, other;
	struct landlock_hierarchy root, a, b, c, s;
};

static void init_details(struct landlock_details *const details,
			 const uid_t uid, const gid_t gid)
{
	*details = (struct landlock_details){
		.uid = KUIDT_INIT(uid),
		.euid = KUIDT_INIT(uid),
		.suid = KUIDT_INIT(uid),
		.gid = KGIDT_INIT(gid),
		.egid = KGIDT_INIT(gid),
		.sgid = KGIDT_INIT(gid),
		.user_ns = &init_user_ns,
	};
}

static void init_tree(struct test_tree *const t)
{
	init_details(&t->owner, 1000, 1000);
	init_details(&t->other, 2000, 2000);
	t->root = (struct landlock_hierarchy){ .details = t->owner };
	t->a = (struct landlock_hierarchy){ .parent = &t->root,
					    .details = t->owner };
	t->b = (struct landlock_hierarchy){ .parent = &t->a,
					    .details = t->owner };
	t->c = (struct landlock_hierarchy){ .parent = &t->b,
					    .details = t->owner };
	t->s = (struct landlock_hierarchy){ .parent = &t->a,
					    .details = t->other };
}

/*
 * The readers are hand-built credentials that never reach the LSM hooks:
 * the capability check is this stand-in, which only looks at the initial
 * user namespace, where all the test layers are.
 */
static bool fake_has_ptrace_cap(const struct cred *const reader,
				struct user_namespace *const ns)
{
	return ns == &init_user_ns &&
	       cap_raised(reader->cap_effective, CAP_SYS_PTRACE);
}

static bool test_is_visible(const struct landlock_hierarchy *const reader_layer,
			    const struct cred *const reader,
			    const struct landlock_hierarchy *const layer)
{
	return is_visible(reader_layer, reader, layer, fake_has_ptrace_cap);
}

static void init_reader(struct cred *const cred, const uid_t uid,
			const gid_t gid, const bool cap_sys_ptrace)
{
	*cred = (struct cred){
		.fsuid = KUIDT_INIT(uid),
		.fsgid = KGIDT_INIT(gid),
		.user_ns = &init_user_ns,
	};
	if (cap_sys_ptrace)
		cap_raise(cred->cap_effective, CAP_SYS_PTRACE);
}

static void test_unsandboxed_reader_sees_all(struct kunit *const test)
{
	struct test_tree *const t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct cred same;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_tree(t);
	init_reader(&same, 1000, 1000, false);
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &same, &t->root));
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &same, &t->c));
	/* ...but for the credential check against each creator. */
	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &same, &t->s));
}

static void test_only_strictly_below(struct kunit *const test)
{
	struct test_tree *const t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct cred same;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_tree(t);
	init_reader(&same, 1000, 1000, false);
	/* Reader in layer a. */
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->a, &same, &t->root));
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->a, &same, &t->a));
	KUNIT_EXPECT_TRUE(test, test_is_visible(&t->a, &same, &t->b));
	KUNIT_EXPECT_TRUE(test, test_is_visible(&t->a, &same, &t->c));
	/* Reader in layer b: its sibling and its parent are hidden. */
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->b, &same, &t->s));
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->b, &same, &t->a));
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->b, &same, &t->b));
	KUNIT_EXPECT_TRUE(test, test_is_visible(&t->b, &same, &t->c));
	/* Reader in the youngest layer sees nothing. */
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->c, &same, &t->c));
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->c, &same, &t->root));
}

static void test_creator_credentials(struct kunit *const test)
{
	struct test_tree *const t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct cred stranger, tracer, half;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_tree(t);
	init_reader(&stranger, 3000, 3000, false);
	init_reader(&tracer, 3000, 3000, true);
	/* Same user but another group: not the creator's credentials. */
	init_reader(&half, 1000, 3000, false);

	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &stranger, &t->b));
	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &half, &t->b));
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &tracer, &t->b));
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &tracer, &t->s));

	/* A set-user-ID creator: any differing ID hides the layer. */
	t->b.details.suid = KUIDT_INIT(0);
	init_reader(&stranger, 1000, 1000, false);
	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &stranger, &t->b));

	/* CAP_SYS_PTRACE does not lift the domain rule. */
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->b, &tracer, &t->a));
	KUNIT_EXPECT_FALSE(test, test_is_visible(&t->b, &tracer, &t->s));
}

/*
 * As ptrace, a creator that was not dumpable when it created the layer needs
 * CAP_SYS_PTRACE (in the user namespace of its memory map), even from a
 * reader with the same credentials.
 */
static void test_creator_not_dumpable(struct kunit *const test)
{
	struct test_tree *const t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct cred same, tracer;

	KUNIT_ASSERT_NOT_NULL(test, t);
	init_tree(t);
	init_reader(&same, 1000, 1000, false);
	init_reader(&tracer, 3000, 3000, true);
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &same, &t->b));

	t->b.details.undumpable_ns = &init_user_ns;
	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &same, &t->b));
	KUNIT_EXPECT_TRUE(test, test_is_visible(NULL, &tracer, &t->b));
	/* The capability must be in the memory map's namespace. */
	same.cap_effective = tracer.cap_effective;
	t->b.details.undumpable_ns = (struct user_namespace *)t;
	KUNIT_EXPECT_FALSE(test, test_is_visible(NULL, &same, &t->b));
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_unsandboxed_reader_sees_all),
	KUNIT_CASE(test_only_strictly_below),
	KUNIT_CASE(test_creator_credentials),
	KUNIT_CASE(test_creator_not_dumpable),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "landlock_visibility",
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

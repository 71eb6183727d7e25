// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Restore of domain IDs
 *
 * A checkpoint/restore tool recreates a layer under the ID it had: a
 * privileged thread writes the ID to /proc/thread-self/attr/landlock/
 * next_domain, and its next landlock_restrict_self() gives it to the layer it
 * creates, as clone3() takes set_tid.  From the write on, the ID is held for
 * this thread: no other thread may ask for it, and the generator skips it.
 * The index of layers.c has the last word: it refuses an ID that is live.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/binfmts.h>
#include <linux/bsearch.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/landlock.h>
#include <linux/lsm_hooks.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/vmalloc.h>

#include "audit.h"
#include "domain.h"
#include "id.h"
#include "layers.h"
#include "log_control.h"
#include "restore.h"
#include "ruleset.h"
#include "setup.h"

/**
 * struct landlock_id_reservation - Future generator output to skip
 */
struct landlock_id_reservation {
	/**
	 * @counter: Generator counter whose output a restore took.
	 */
	u64 counter;
	/**
	 * @node: Node in id_reserved, ordered by @counter.
	 */
	struct rb_node node;
};

/* Turned on by the first restore request; the generator then looks here. */
DEFINE_STATIC_KEY_FALSE(landlock_id_restored);

/*
 * Reservations are rare (restores only), and most are far ahead of the
 * generator, which may never reach them: a restored ID from another uptime
 * stands for a random counter.  The generator takes their lock only once it
 * reaches the lowest one, id_min_reserved (U64_MAX if none).
 */
static DEFINE_SPINLOCK(id_reserved_lock);
static struct rb_root id_reserved = RB_ROOT;
static atomic_t id_num_reserved = ATOMIC_INIT(0);
static atomic64_t id_min_reserved = ATOMIC64_INIT(U64_MAX);

static void update_min_reserved(void)
{
	const struct rb_node *const first = rb_first(&id_reserved);
	u64 min = U64_MAX;

	lockdep_assert_held(&id_reserved_lock);
	if (first)
		min = rb_entry(first, struct landlock_id_reservation, node)
			      ->counter;
	atomic64_set(&id_min_reserved, min);
}

/*
 * Protects requests_by_id and the request of every task.  Interrupts are off
 * under it: the last reference to a task, which drops its request, may go in
 * any context.
 */
static DEFINE_SPINLOCK(requests_lock);

/* Pending requests of the threads, by ID. */
static struct rb_root requests_by_id = RB_ROOT;

/**
 * landlock_restore_take_reservation - Take a generator value a restore took
 *
 * @counter: Generator counter just drawn.
 *
 * Return: True if a restore reserved @counter, whose reservation is then
 * dropped (the generator never comes back to it).
 */
bool landlock_restore_take_reservation(const u64 counter)
{
	struct landlock_id_reservation *res = NULL;
	struct rb_node *node;

	/* The caller's atomic64_fetch_inc() ordered this after the draw. */
	if (likely(counter < atomic64_read(&id_min_reserved)))
		return false;

	spin_lock(&id_reserved_lock);
	node = id_reserved.rb_node;
	while (node) {
		struct landlock_id_reservation *const cur =
			rb_entry(node, struct landlock_id_reservation, node);

		if (counter < cur->counter) {
			node = node->rb_left;
		} else if (counter > cur->counter) {
			node = node->rb_right;
		} else {
			res = cur;
			rb_erase(node, &id_reserved);
			atomic_dec(&id_num_reserved);
			update_min_reserved();
			break;
		}
	}
	spin_unlock(&id_reserved_lock);
	kfree(res);
	return res;
}

/*
 * Keeps the generator from handing out @value, with @res (allocated by the
 * caller, and freed here if not needed).  If the generator has not reached
 * @value yet, the reservation makes it skip @value; if it already handed it
 * out, it never will again.  Each reservation costs a small allocation until
 * the generator reaches it, which is likely never.  landlock_id_wait_key()
 * must have returned 0.
 */
static void reserve_generated(const u64 value,
			      struct landlock_id_reservation *const res)
{
	struct rb_node **link, *parent = NULL;
	u64 counter;

	if (WARN_ON_ONCE(landlock_id_counter(value, &counter)) ||
	    landlock_id_is_drawn(counter)) {
		kfree(res);
		return;
	}
	res->counter = counter;

	spin_lock(&id_reserved_lock);
	link = &id_reserved.rb_node;
	while (*link) {
		struct landlock_id_reservation *const cur =
			rb_entry(*link, struct landlock_id_reservation, node);

		parent = *link;
		if (counter < cur->counter) {
			link = &(*link)->rb_left;
		} else if (counter > cur->counter) {
			link = &(*link)->rb_right;
		} else {
			spin_unlock(&id_reserved_lock);
			kfree(res);
			return;
		}
	}
	rb_link_node(&res->node, parent, link);
	rb_insert_color(&res->node, &id_reserved);
	atomic_inc(&id_num_reserved);
	update_min_reserved();
	spin_unlock(&id_reserved_lock);

	/*
	 * Pairs with the draw's atomic64_fetch_inc(): either the generator
	 * sees the new lowest reservation, or this sees that the generator
	 * drew @counter, maybe missing the reservation, which is then taken
	 * back here.  The value is then handed out, and the index refuses the
	 * duplicate of whichever comes second.
	 */
	smp_mb();
	if (landlock_id_is_drawn(counter))
		landlock_restore_take_reservation(counter);
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static int test_reserve(const u64 value)
{
	struct landlock_id_reservation *const res =
		kmalloc(sizeof(*res), GFP_KERNEL);

	if (!res)
		return -ENOMEM;
	reserve_generated(value, res);
	return 0;
}

/*
 * The generator skips a value that a restore reserved, but not a value it
 * had handed out already.  Other domains may be created meanwhile: compare
 * with what this test drew, not with a fixed sequence.
 */
static void test_reserve_next(struct kunit *const test)
{
	u64 reserved, fresh, past;

	KUNIT_ASSERT_EQ(test, 0, landlock_id_wait_key());
	static_branch_enable(&landlock_id_restored);

	past = landlock_id_of(landlock_id_draw_counter());
	KUNIT_EXPECT_GE(test, past, LANDLOCK_ID_MIN);
	KUNIT_ASSERT_EQ(test, 0, test_reserve(past));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&id_num_reserved));

	reserved = landlock_id_peek(0);
	KUNIT_ASSERT_EQ(test, 0, test_reserve(reserved));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&id_num_reserved));
	/* A second reservation of the same value is the same one. */
	KUNIT_ASSERT_EQ(test, 0, test_reserve(reserved));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&id_num_reserved));

	fresh = landlock_id_of(landlock_id_draw_counter());
	KUNIT_EXPECT_NE(test, reserved, fresh);
	KUNIT_EXPECT_NE(test, past, fresh);
	KUNIT_EXPECT_GE(test, fresh, LANDLOCK_ID_MIN);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&id_num_reserved));
}

/*
 * A reservation that the generator is far from reaching costs it one
 * comparison with the lowest reservation, without the lock.  Only the
 * generator reaching it would take it; the test takes it back itself.
 */
static void test_reserve_far(struct kunit *const test)
{
	const u64 far = landlock_id_peek(1ULL << 40);
	const u64 near = landlock_id_peek(0);
	u64 far_counter, near_counter;

	KUNIT_ASSERT_EQ(test, 0, landlock_id_wait_key());
	static_branch_enable(&landlock_id_restored);
	KUNIT_ASSERT_EQ(test, 0, landlock_id_counter(far, &far_counter));
	KUNIT_ASSERT_EQ(test, 0, landlock_id_counter(near, &near_counter));
	KUNIT_EXPECT_EQ(test, U64_MAX, (u64)atomic64_read(&id_min_reserved));

	KUNIT_ASSERT_EQ(test, 0, test_reserve(far));
	KUNIT_EXPECT_EQ(test, far_counter,
			(u64)atomic64_read(&id_min_reserved));
	KUNIT_ASSERT_EQ(test, 0, test_reserve(near));
	KUNIT_EXPECT_EQ(test, near_counter,
			(u64)atomic64_read(&id_min_reserved));

	/* Skips the near one, which leaves the far one the lowest. */
	KUNIT_EXPECT_NE(test, near, landlock_id_of(landlock_id_draw_counter()));
	KUNIT_EXPECT_EQ(test, far_counter,
			(u64)atomic64_read(&id_min_reserved));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&id_num_reserved));

	KUNIT_EXPECT_TRUE(test, landlock_restore_take_reservation(far_counter));
	KUNIT_EXPECT_EQ(test, U64_MAX, (u64)atomic64_read(&id_min_reserved));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&id_num_reserved));
}

static int cmp_u64(const void *const a, const void *const b)
{
	const u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

#define TEST_NUM_RESTORED 100000

/*
 * After restores of 10^5 IDs that the generator would have produced next
 * (every other one of its next 2 * 10^5 outputs, starting with the next
 * one), it hands out the others
 * and none of these, and keeps no reservation once it passed them.
 */
static void test_reserve_many(struct kunit *const test)
{
	const size_t num = TEST_NUM_RESTORED;
	size_t i, hits = 0, low = 0;
	u64 *restored;

	KUNIT_ASSERT_EQ(test, 0, landlock_id_wait_key());
	static_branch_enable(&landlock_id_restored);
	restored = vmalloc_array(num, sizeof(*restored));
	KUNIT_ASSERT_NOT_NULL(test, restored);

	for (i = 0; i < num; i++) {
		restored[i] = landlock_id_peek(2 * i);
		if (test_reserve(restored[i])) {
			KUNIT_FAIL(test, "reservation %zu failed", i);
			goto out;
		}
		if (!(i % 4096))
			cond_resched();
	}
	KUNIT_EXPECT_EQ(test, num, atomic_read(&id_num_reserved));
	sort(restored, num, sizeof(*restored), cmp_u64, NULL);

	for (i = 0; i < num; i++) {
		const u64 id = landlock_id_of(landlock_id_draw_counter());

		low += id < LANDLOCK_ID_MIN;
		hits += !!bsearch(&id, restored, num, sizeof(*restored),
				  cmp_u64);
		if (!(i % 4096))
			cond_resched();
	}
	KUNIT_EXPECT_EQ(test, 0, low);
	KUNIT_EXPECT_EQ(test, 0, hits);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&id_num_reserved));

out:
	vfree(restored);
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/**
 * landlock_parse_id - Read a domain ID spelled as Landlock prints it
 *
 * @text: Spelling of the ID, not NUL-terminated.
 * @len: Length of @text.
 * @id: Set to the ID on success.
 *
 * An ID has one spelling, the one every interface prints: lowercase
 * hexadecimal without 0x nor leading zeros, at most LANDLOCK_ID_STR_LEN
 * digits.  Two spellings thus never name the same layer.  Values below
 * LANDLOCK_ID_MIN are never IDs.
 *
 * Return: 0, or -EINVAL if @text is anything else.
 */
int landlock_parse_id(const char *const text, const size_t len, u64 *const id)
{
	char digits[LANDLOCK_ID_STR_LEN + 1];
	size_t i;

	if (!len || len > LANDLOCK_ID_STR_LEN || text[0] == '0')
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isdigit(text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
			return -EINVAL;
	}
	/* Bounded and checked above: kstrtou64() needs a C string. */
	memcpy(digits, text, len);
	digits[len] = '\0';
	if (kstrtou64(digits, 16, id) || *id < LANDLOCK_ID_MIN)
		return -EINVAL;
	return 0;
}

/*
 * What next_domain takes: an ID, optionally followed by one newline (as read
 * from the domain attribute, or written by echo).
 */
static int parse_next_domain(const char *const text, size_t len, u64 *const id)
{
	if (len && text[len - 1] == '\n')
		len--;
	return landlock_parse_id(text, len, id);
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

struct parse_case {
	const char *text;
	/* Used as the length if not 0, for embedded NUL bytes. */
	size_t len;
	/* What next_domain returns. */
	int err;
	/* What landlock_parse_id() returns, if not @err: a name has no newline. */
	int name_err;
	u64 id;
};

static const struct parse_case parse_cases[] = {
	{ .text = "100000000", .id = LANDLOCK_ID_MIN },
	{ .text = "100000000\n", .name_err = -EINVAL, .id = LANDLOCK_ID_MIN },
	{ .text = "123456789abcdef0", .id = 0x123456789abcdef0ULL },
	{ .text = "ffffffffffffffff", .id = U64_MAX },
	{ .text = "ffffffffffffffff\n", .name_err = -EINVAL, .id = U64_MAX },
	{ .text = "", .err = -EINVAL },
	{ .text = "\n", .err = -EINVAL },
	{ .text = "0", .err = -EINVAL },
	{ .text = "0\n", .err = -EINVAL },
	{ .text = "1", .err = -EINVAL },
	{ .text = "ffffffff", .err = -EINVAL },
	{ .text = "ffffffff\n", .err = -EINVAL },
	{ .text = "0100000000", .err = -EINVAL },
	{ .text = "0x100000000", .err = -EINVAL },
	{ .text = "10000000A", .err = -EINVAL },
	{ .text = "ABCDEF012", .err = -EINVAL },
	{ .text = "10000000000000000", .err = -EINVAL },
	{ .text = "10000000000000000\n", .err = -EINVAL },
	{ .text = " 100000000", .err = -EINVAL },
	{ .text = "100000000 ", .err = -EINVAL },
	{ .text = "100000000\n\n", .err = -EINVAL },
	{ .text = "100000000\r\n", .err = -EINVAL },
	{ .text = "\n100000000", .err = -EINVAL },
	{ .text = "+100000000", .err = -EINVAL },
	{ .text = "-100000000", .err = -EINVAL },
	{ .text = "100000000g", .err = -EINVAL },
	{ .text = "1000\0000000", .len = 10, .err = -EINVAL },
	{ .text = "100000000\0", .len = 10, .err = -EINVAL },
};

static void test_parse_id(struct kunit *const test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *const c = &parse_cases[i];
		const size_t len = c->len ?: strlen(c->text);
		const int name_err = c->err ?: c->name_err;
		u64 id = 0;

		KUNIT_EXPECT_EQ_MSG(test, c->err,
				    parse_next_domain(c->text, len, &id),
				    "case %zu", i);
		if (!c->err)
			KUNIT_EXPECT_EQ_MSG(test, c->id, id, "case %zu", i);

		id = 0;
		KUNIT_EXPECT_EQ_MSG(test, name_err,
				    landlock_parse_id(c->text, len, &id),
				    "case %zu", i);
		if (!name_err)
			KUNIT_EXPECT_EQ_MSG(test, c->id, id, "case %zu", i);
	}
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/*
 * The request for @id of a live thread.  An exiting thread creates no more
 * layers: its request is dropped here rather than when the last reference to
 * its task goes, which may be long after it was reaped.
 */
static struct landlock_restore_request *find_request(const u64 id)
{
	struct rb_node *node = requests_by_id.rb_node;
	struct landlock_restore_request *req;

	lockdep_assert_held(&requests_lock);

	while (node) {
		req = rb_entry(node, struct landlock_restore_request, node);
		if (id < req->id) {
			node = node->rb_left;
		} else if (id > req->id) {
			node = node->rb_right;
		} else {
			if (!(READ_ONCE(req->task->flags) & PF_EXITING))
				return req;
			rb_erase(node, &requests_by_id);
			WRITE_ONCE(req->id, 0);
			break;
		}
	}
	return NULL;
}

static void add_request(struct landlock_restore_request *const req)
{
	struct rb_node **link = &requests_by_id.rb_node, *parent = NULL;

	lockdep_assert_held(&requests_lock);

	while (*link) {
		const struct landlock_restore_request *const cur =
			rb_entry(*link, struct landlock_restore_request, node);

		parent = *link;
		link = req->id < cur->id ? &(*link)->rb_left :
					   &(*link)->rb_right;
	}
	rb_link_node(&req->node, parent, link);
	rb_insert_color(&req->node, &requests_by_id);
}

/*
 * Makes @id the request of the current thread, replacing its previous one.
 * Another thread's request, or a live layer, already has it: -EEXIST, and
 * nothing changes.  The check of live layers is not atomic with the request:
 * a layer created with this ID meanwhile (only the generator racing with
 * reserve_generated() can) makes landlock_restrict_self() fail instead.
 */
static int request_id(const u64 id)
{
	struct landlock_restore_request *const req =
		landlock_task_request(current);
	struct landlock_id_reservation *res;
	unsigned long flags;
	int err = 0;

	/* Sleeps: before any lock, and before the generator needs it. */
	static_branch_enable(&landlock_id_restored);

	res = kmalloc(sizeof(*res), GFP_KERNEL_ACCOUNT);
	if (!res)
		return -ENOMEM;

	if (landlock_layer_id_is_live(id)) {
		kfree(res);
		return -EEXIST;
	}

	spin_lock_irqsave(&requests_lock, flags);
	if (req->id != id) {
		if (find_request(id)) {
			err = -EEXIST;
		} else {
			if (req->id)
				rb_erase(&req->node, &requests_by_id);
			WRITE_ONCE(req->id, id);
			req->task = current;
			add_request(req);
		}
	}
	spin_unlock_irqrestore(&requests_lock, flags);

	if (err)
		kfree(res);
	else
		reserve_generated(id, res);
	return err;
}

/* Drops the request of @task, if any. */
static void drop_request(struct task_struct *const task)
{
	struct landlock_restore_request *const req =
		landlock_task_request(task);
	unsigned long flags;

	/*
	 * Only the task sets it, and it is either current or gone; only
	 * find_request() may clear it meanwhile.
	 */
	if (likely(!READ_ONCE(req->id)))
		return;

	spin_lock_irqsave(&requests_lock, flags);
	if (req->id) {
		rb_erase(&req->node, &requests_by_id);
		WRITE_ONCE(req->id, 0);
	}
	spin_unlock_irqrestore(&requests_lock, flags);
}

/*
 * The privilege to choose an ID: a capability that only the initial user
 * namespace grants, as for clone3()'s set_tid in the initial PID namespace.
 */
static bool may_restore(void)
{
	return checkpoint_restore_ns_capable(&init_user_ns);
}

/*
 * The opener of the file must have had the privilege too: a descriptor
 * opened without it and kept across the execution of a set-user-ID program
 * must not let the attacker's text, written by that program, choose its IDs.
 */
static bool opener_may_restore(const struct file *const file)
{
	return file_ns_capable(file, &init_user_ns, CAP_CHECKPOINT_RESTORE) ||
	       file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN);
}

/**
 * landlock_next_domain_attr_write - Write /proc/<pid>/attr/landlock/next_domain
 *
 * @file: The open file.
 * @task: Task of the file, referenced by the caller.
 * @buf: User buffer: one ID as the other interfaces print it.
 * @count: Size of @buf.
 * @ppos: Position in the file.
 *
 * Asks for the ID of the next layer that the current thread creates.  The
 * request replaces a previous one; a failed write leaves the previous one.
 *
 * Return: @count, -EACCES if @task is not the current thread, -EPERM if
 * the writer, or the opener of @file, had neither %CAP_CHECKPOINT_RESTORE
 * nor %CAP_SYS_ADMIN in the initial user namespace, -EINVAL for anything but
 * one ID at offset 0, -EEXIST if the ID is live or another thread asked for
 * it, -EFAULT, -ENOMEM or -ERESTARTSYS.
 */
ssize_t landlock_next_domain_attr_write(const struct file *const file,
					struct task_struct *const task,
					const char __user *const buf,
					const size_t count, loff_t *const ppos)
{
	/* An ID, a newline, and one more byte to tell a longer text. */
	char text[LANDLOCK_ID_STR_LEN + 2];
	u64 id;
	int err;

	if (task != current)
		return -EACCES;
	if (!may_restore() || !opener_may_restore(file))
		return -EPERM;
	if (*ppos || count > sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, count))
		return -EFAULT;
	err = parse_next_domain(text, count, &id);
	if (err)
		return err;

	err = landlock_id_wait_key();
	if (err)
		return err;
	err = request_id(id);
	if (err)
		return err;
	return count;
}

/**
 * landlock_restore_get_requested_id - Get the ID requested for the next layer
 *
 * @id: Set to the ID that the current thread asked for, or 0.
 *
 * The slow path of landlock_restore_get_id(), once restores happened.
 * The privilege is checked again at use: the thread may have dropped it
 * since the request.  Nothing changes here; landlock_restore_done() drops
 * the request once the layer has the ID.
 *
 * Return: 0, or -EPERM if the thread asked for an ID but may not restore
 * anymore.
 */
int landlock_restore_get_requested_id(u64 *const id)
{
	/* Only the current thread sets its request. */
	*id = READ_ONCE(landlock_task_request(current)->id);
	if (*id && !may_restore())
		return -EPERM;
	return 0;
}

#ifdef CONFIG_AUDIT

/*
 * The restore of an ID has a record kind of its own, in the format of the
 * allocation record, with the restorer (the creator of the layer).
 */
static void log_restore(const struct landlock_hierarchy *const layer)
{
	struct audit_buffer *ab;

	if (!audit_enabled ||
	    !landlock_log_kind_allowed(LANDLOCK_LOG_KIND_ID_RESTORE))
		return;

	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab)
		return;

	audit_log_format(ab, "domain=%llx status=restored",
			 landlock_get_layer_id(layer));
	landlock_log_creator(ab, &layer->details, GFP_KERNEL);
	audit_log_end(ab);
}

#else /* CONFIG_AUDIT */

static inline void log_restore(const struct landlock_hierarchy *const layer)
{
}

#endif /* CONFIG_AUDIT */

/**
 * landlock_restore_done - Consume the request that a new layer satisfied
 *
 * @layer: Layer just indexed under the ID of the current thread's request.
 */
void landlock_restore_done(const struct landlock_hierarchy *const layer)
{
	drop_request(current);
	log_restore(layer);
}

/* A request is for the thread that made it, not for its children. */
static void hook_task_free(struct task_struct *const task)
{
	drop_request(task);
}

/* Nor for the program it executes. */
static void hook_bprm_committing_creds(const struct linux_binprm *const bprm)
{
	drop_request(current);
}

static struct security_hook_list landlock_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_free, hook_task_free),
	LSM_HOOK_INIT(bprm_committing_creds, hook_bprm_committing_creds),
};

/**
 * landlock_add_restore_hooks - Drop requests at execve(2) and exit
 */
__init void landlock_add_restore_hooks(void)
{
	security_add_hooks(landlock_hooks, ARRAY_SIZE(landlock_hooks),
			   &landlock_lsmid);
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

/* clang-format off */
static struct kunit_case test_cases[] = {
	KUNIT_CASE(test_reserve_next),
	KUNIT_CASE(test_reserve_far),
	KUNIT_CASE(test_reserve_many),
	KUNIT_CASE(test_parse_id),
	{}
};

/* clang-format on */

static struct kunit_suite test_suite = {
	.name = "landlock_restore",
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - /proc/<pid>/attr/landlock/domain
 *
 * This file has its own operations instead of the getprocattr hook: with the
 * default LSM ID, that hook answers /proc/<pid>/attr/current for the first
 * LSM in the stack, and Landlock must not take that file over from AppArmor
 * or SELinux.
 */

#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/landlock.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cred.h"
#include "id.h"
#include "ruleset.h"
#include "setup.h"
#include "visibility.h"

/* "none\n" or an ID and "\n". */
#define DOMAIN_ATTR_SIZE (LANDLOCK_ID_STR_LEN + 1)

/*
 * The content is captured at open as the ID it names, 0 for "none".  Where a
 * pointer holds 64 bits, ->private_data holds the ID itself: reading a
 * task's domain then allocates nothing.
 */
#if BITS_PER_LONG >= 64

static int set_attr_id(struct file *const file, const u64 id)
{
	file->private_data = (void *)(uintptr_t)id;
	return 0;
}

static u64 get_attr_id(const struct file *const file)
{
	return (uintptr_t)file->private_data;
}

static void release_attr_id(struct file *const file)
{
}

#else /* BITS_PER_LONG >= 64 */

static int set_attr_id(struct file *const file, const u64 id)
{
	u64 *const stored = kmalloc(sizeof(*stored), GFP_KERNEL);

	if (!stored)
		return -ENOMEM;
	*stored = id;
	file->private_data = stored;
	return 0;
}

static u64 get_attr_id(const struct file *const file)
{
	return *(const u64 *)file->private_data;
}

static void release_attr_id(struct file *const file)
{
	kfree(file->private_data);
}

#endif /* BITS_PER_LONG >= 64 */

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
static u64 get_domain_attr_id(const struct cred *const reader,
			      struct task_struct *const task)
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
	return id;
}

/*
 * Prints as "%llx\n" does, or "none\n" for 0: vsnprintf() would cost more
 * than the rest of a read.
 */
static size_t format_domain_attr(char *const buf, const u64 id)
{
	static const char none[] = "none\n";
	u64 rest = id;
	size_t len, i;

	if (!id) {
		memcpy(buf, none, sizeof(none) - 1);
		return sizeof(none) - 1;
	}
	len = DIV_ROUND_UP(fls64(id), 4);
	for (i = len; i > 0; i--) {
		buf[i - 1] = hex_asc[rest & 0xf];
		rest >>= 4;
	}
	buf[len] = '\n';
	return len + 1;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static void check_format(struct kunit *const test, const u64 id)
{
	char got[DOMAIN_ATTR_SIZE], want[DOMAIN_ATTR_SIZE + 1];
	const size_t len = format_domain_attr(got, id);
	const int want_len = snprintf(want, sizeof(want), "%llx\n", id);

	KUNIT_ASSERT_EQ(test, want_len, len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(want, got, len));
}

static void test_format_domain_attr(struct kunit *const test)
{
	char got[DOMAIN_ATTR_SIZE];
	unsigned int shift;

	KUNIT_ASSERT_EQ(test, 5, format_domain_attr(got, 0));
	KUNIT_EXPECT_EQ(test, 0, memcmp("none\n", got, 5));
	for (shift = 32; shift < 64; shift++) {
		check_format(test, BIT_ULL(shift));
		check_format(test, BIT_ULL(shift) - 1);
		check_format(test, BIT_ULL(shift) | 0x0123456789abcdefULL);
	}
	check_format(test, U64_MAX);
	check_format(test, 0xfedcba9876543210ULL);
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

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
	int err;

	if (file->f_mode & FMODE_WRITE)
		return -EACCES;

	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		return err;

	if (ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS))
		err = set_attr_id(file, get_domain_attr_id(file->f_cred, task));
	else
		err = -EACCES;
	up_read(&task->signal->exec_update_lock);
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
	char attr[DOMAIN_ATTR_SIZE];
	const size_t len = format_domain_attr(attr, get_attr_id(file));

	return simple_read_from_buffer(buf, count, ppos, attr, len);
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
	release_attr_id(file);
	return 0;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_format_domain_attr),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "landlock_procfs",
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

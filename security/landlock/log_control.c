// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Administrator control of what Landlock may log
 *
 * Two sysctls, in the style of seccomp's actions_avail and actions_logged:
 * kernel.landlock.log_kinds_avail lists the kinds of records this kernel can
 * emit, kernel.landlock.log_kinds_allowed the kinds that may be emitted.  A
 * layer's flags say what the layer asks to log; this setting has the last
 * word, so that an administrator can silence a noisy kind of record without
 * touching the sandboxes.
 */

#include <kunit/test.h>
#include <linux/audit.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/capability.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/types.h>
#include <linux/user_namespace.h>

#include "log_control.h"
#include "setup.h"

static const char *const log_kind_names[LANDLOCK_NUM_LOG_KINDS] = {
	[LANDLOCK_LOG_KIND_DENIAL] = "denial",
	[LANDLOCK_LOG_KIND_PERMISSIVE_DENIAL] = "permissive_denial",
	[LANDLOCK_LOG_KIND_ALLOCATION] = "allocation",
	[LANDLOCK_LOG_KIND_DEALLOCATION] = "deallocation",
	[LANDLOCK_LOG_KIND_ID_RESTORE] = "id_restore",
};

#define LOG_KINDS_ALL ((u32)GENMASK(LANDLOCK_NUM_LOG_KINDS - 1, 0))

/*
 * Room for every name with a separator after each: the longest valid write
 * (all the kinds and a newline) is shorter than this, and the longest list
 * fits with its NUL (checked by KUnit).
 */
#define LOG_KINDS_BUF_SIZE 64

/* Written under log_kinds_lock, read locklessly by the audit paths. */
static u32 log_kinds_allowed = LOG_KINDS_ALL;

/*
 * Serializes the writes, so that each AUDIT_CONFIG_CHANGE record has the old
 * value that its write replaced.
 */
static DEFINE_MUTEX(log_kinds_lock);

/*
 * Writes the names of @kinds into @buf (LOG_KINDS_BUF_SIZE bytes), in the
 * order of enum landlock_log_kind whatever order they were written in,
 * separated by @sep.  The empty set is the empty string.
 */
static void format_log_kinds(const u32 kinds, const char *const sep,
			     char *const buf)
{
	const unsigned long bits = kinds;
	unsigned long bit;
	size_t len = 0;

	buf[0] = '\0';
	for_each_set_bit(bit, &bits, LANDLOCK_NUM_LOG_KINDS)
		len += scnprintf(buf + len, LOG_KINDS_BUF_SIZE - len, "%s%s",
				 len ? sep : "", log_kind_names[bit]);
}

static int match_log_kind(const char *const word, const size_t len)
{
	int kind;

	for (kind = 0; kind < LANDLOCK_NUM_LOG_KINDS; kind++) {
		if (strlen(log_kind_names[kind]) == len &&
		    !memcmp(log_kind_names[kind], word, len))
			return kind;
	}
	return -EINVAL;
}

/*
 * Parses the @len bytes at @buf (not necessarily NUL-terminated) into
 * @kinds: names of log_kind_names, each at most once, in any order,
 * separated by single spaces, optionally followed by one newline.  A lone
 * newline is the empty set (what "echo >" writes); zero bytes, any other
 * byte, an empty word (leading, trailing or doubled space) or a repeated
 * name is -EINVAL, and @kinds is then left alone.
 */
static int parse_log_kinds(const char *buf, size_t len, u32 *const kinds)
{
	u32 parsed = 0;

	if (!len || len >= LOG_KINDS_BUF_SIZE)
		return -EINVAL;
	if (buf[len - 1] == '\n')
		len--;
	if (!len) {
		*kinds = 0;
		return 0;
	}

	for (;;) {
		const char *const space = memchr(buf, ' ', len);
		const size_t word_len = space ? space - buf : len;
		const int kind = match_log_kind(buf, word_len);

		if (kind < 0 || parsed & BIT(kind))
			return -EINVAL;
		parsed |= BIT(kind);
		if (!space)
			break;
		buf = space + 1;
		len -= word_len + 1;
	}
	*kinds = parsed;
	return 0;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static void test_format_fits(struct kunit *const test)
{
	static const char all[] =
		"denial permissive_denial allocation deallocation id_restore";
	char buf[LOG_KINDS_BUF_SIZE];

	format_log_kinds(LOG_KINDS_ALL, " ", buf);
	/* The longest valid write, with its newline, must parse. */
	KUNIT_EXPECT_LT(test, strlen(buf) + 1, LOG_KINDS_BUF_SIZE);
	KUNIT_EXPECT_STREQ(test, buf, all);
	format_log_kinds(0, " ", buf);
	KUNIT_EXPECT_STREQ(test, buf, "");
	format_log_kinds(BIT(LANDLOCK_LOG_KIND_DENIAL) |
				 BIT(LANDLOCK_LOG_KIND_DEALLOCATION),
			 ",", buf);
	KUNIT_EXPECT_STREQ(test, buf, "denial,deallocation");
}

static int parse_string(const char *const str, u32 *const kinds)
{
	return parse_log_kinds(str, strlen(str), kinds);
}

/* Every subset, in the canonical order and reversed, with and without \n. */
static void test_parse_every_set(struct kunit *const test)
{
	u32 kinds;

	for (kinds = 0; kinds <= LOG_KINDS_ALL; kinds++) {
		char canonical[LOG_KINDS_BUF_SIZE],
			reversed[LOG_KINDS_BUF_SIZE];
		size_t len = 0;
		int kind;
		u32 parsed;

		format_log_kinds(kinds, " ", canonical);
		reversed[0] = '\0';
		for (kind = LANDLOCK_NUM_LOG_KINDS - 1; kind >= 0; kind--) {
			if (kinds & BIT(kind))
				len += scnprintf(reversed + len,
						 sizeof(reversed) - len, "%s%s",
						 len ? " " : "",
						 log_kind_names[kind]);
		}

		parsed = ~0;
		if (kinds) {
			KUNIT_EXPECT_EQ(test, 0,
					parse_string(canonical, &parsed));
			KUNIT_EXPECT_EQ(test, kinds, parsed);
			parsed = ~0;
			KUNIT_EXPECT_EQ(test, 0,
					parse_string(reversed, &parsed));
			KUNIT_EXPECT_EQ(test, kinds, parsed);
		} else {
			/* Zero bytes are not the empty set: nothing was said. */
			KUNIT_EXPECT_EQ(test, -EINVAL,
					parse_string(canonical, &parsed));
			KUNIT_EXPECT_EQ(test, ~0U, parsed);
		}
		strcat(canonical, "\n");
		parsed = ~0;
		KUNIT_EXPECT_EQ(test, 0, parse_string(canonical, &parsed));
		KUNIT_EXPECT_EQ(test, kinds, parsed);
	}
}

static void test_parse_invalid(struct kunit *const test)
{
	static const char *const invalid[] = {
		" ",
		"\n\n",
		"\x20\n",
		" denial",
		"denial ",
		"denial\x20\n",
		"denial  allocation",
		"denial\tallocation",
		"denial,allocation",
		"denial\n\n",
		"\ndenial",
		"denial\nallocation",
		"Denial",
		"denials",
		"denia",
		"denial denial",
		"allocation denial allocation",
		"(none)",
		"all",
	};
	/* An embedded NUL, then a valid name. */
	static const char nul[] = "denial\0allocation";
	char over_long[LOG_KINDS_BUF_SIZE + 1];
	size_t i;
	u32 kinds = 42;

	for (i = 0; i < ARRAY_SIZE(invalid); i++) {
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL,
				    parse_string(invalid[i], &kinds),
				    "input \"%s\"", invalid[i]);
		KUNIT_EXPECT_EQ(test, 42, kinds);
	}
	KUNIT_EXPECT_EQ(test, -EINVAL,
			parse_log_kinds(nul, sizeof(nul) - 1, &kinds));
	KUNIT_EXPECT_EQ(test, -EINVAL, parse_log_kinds("denial", 0, &kinds));

	/* Valid words, but longer than any valid list. */
	memset(over_long, ' ', sizeof(over_long));
	memcpy(over_long, "denial", 6);
	over_long[sizeof(over_long) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, -EINVAL, parse_string(over_long, &kinds));
	KUNIT_EXPECT_EQ(test, 42, kinds);
}

/*
 * Random words made of the bytes that valid input uses (and a few others):
 * whatever parses is a set of distinct names, so its canonical form has the
 * same length.
 */
static void test_parse_random(struct kunit *const test)
{
	static const char alphabet[] = "denial_permissivocdtrs,\t\n ";
	struct rnd_state state;
	unsigned int round, accepted = 0;

	prandom_seed_state(&state, 0x4c414e444c4f434bULL);
	for (round = 0; round < 20000; round++) {
		char buf[LOG_KINDS_BUF_SIZE + 2], canonical[LOG_KINDS_BUF_SIZE];
		const size_t len = prandom_u32_state(&state) % sizeof(buf);
		const bool words = round % 2;
		size_t i;
		u32 kinds = ~0;
		int err;

		for (i = 0; i < len; i++) {
			const u32 r = prandom_u32_state(&state);

			buf[i] = words ? alphabet[r % (sizeof(alphabet) - 1)] :
					 (char)r;
		}
		if (words && len > 1 && round % 4 == 1) {
			/* Mostly real names: build from the table. */
			size_t pos = 0;

			while (pos < len) {
				const char *const name =
					log_kind_names[prandom_u32_state(&state) %
						       LANDLOCK_NUM_LOG_KINDS];
				const size_t n = min(strlen(name), len - pos);

				memcpy(buf + pos, name, n);
				pos += n;
				if (pos < len)
					buf[pos++] = ' ';
			}
		}

		err = parse_log_kinds(buf, len, &kinds);
		if (err) {
			KUNIT_EXPECT_EQ(test, -EINVAL, err);
			KUNIT_EXPECT_EQ(test, ~0U, kinds);
			continue;
		}
		accepted++;
		KUNIT_EXPECT_EQ(test, 0, kinds & ~LOG_KINDS_ALL);
		format_log_kinds(kinds, " ", canonical);
		KUNIT_EXPECT_EQ(test, len - (buf[len - 1] == '\n'),
				strlen(canonical));
	}
	/* The generator must reach the accepting paths too. */
	KUNIT_EXPECT_GT(test, accepted, 0);
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/*
 * The decision, apart from audit's own (audit_enabled and the audit rules,
 * applied afterwards): a record is written if the layer asks for it and the
 * administrator allows its kind.
 */
static bool is_log_allowed(const u32 allowed, const enum landlock_log_kind kind,
			   const bool requested)
{
	if (WARN_ON_ONCE(kind >= LANDLOCK_NUM_LOG_KINDS))
		return false;
	return requested && (allowed & BIT(kind));
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static void test_decision_table(struct kunit *const test)
{
	u32 allowed;

	for (allowed = 0; allowed <= LOG_KINDS_ALL; allowed++) {
		int kind;

		for (kind = 0; kind < LANDLOCK_NUM_LOG_KINDS; kind++) {
			const bool in_list = allowed & BIT(kind);

			KUNIT_EXPECT_FALSE(test, is_log_allowed(allowed, kind,
								false));
			KUNIT_EXPECT_EQ(test, in_list,
					is_log_allowed(allowed, kind, true));
		}
	}
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/**
 * landlock_log_kind_allowed - Whether the administrator allows a record kind
 *
 * @kind: Kind of the record about to be written.
 *
 * To be called after the layer's own flags asked for the record, right
 * before writing it.
 *
 * Return: true if kernel.landlock.log_kinds_allowed lists @kind.
 */
bool landlock_log_kind_allowed(const enum landlock_log_kind kind)
{
	return is_log_allowed(READ_ONCE(log_kinds_allowed), kind, true);
}

#ifdef CONFIG_AUDIT

/* Same shape as seccomp's op=seccomp-logging record. */
static void log_config_change(const u32 new_kinds, const u32 old_kinds,
			      const int err)
{
	char new_names[LOG_KINDS_BUF_SIZE], old_names[LOG_KINDS_BUF_SIZE];
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;

	format_log_kinds(new_kinds, ",", new_names);
	format_log_kinds(old_kinds, ",", old_names);
	audit_log_format(ab, "op=landlock-logging kinds=%s old-kinds=%s res=%d",
			 err ? "?" : (new_kinds ? new_names : "(none)"),
			 old_kinds ? old_names : "(none)", !err);
	audit_log_end(ab);
}

#else /* CONFIG_AUDIT */

static inline void log_config_change(const u32 new_kinds, const u32 old_kinds,
				     const int err)
{
}

#endif /* CONFIG_AUDIT */

static int read_log_kinds(const struct ctl_table *const table, const u32 kinds,
			  void *const buffer, size_t *const lenp,
			  loff_t *const ppos)
{
	char names[LOG_KINDS_BUF_SIZE];
	struct ctl_table names_table = *table;

	format_log_kinds(kinds, " ", names);
	names_table.data = names;
	names_table.maxlen = sizeof(names);
	return proc_dostring(&names_table, 0, buffer, lenp, ppos);
}

static int write_log_kinds(void *const buffer, size_t *const lenp,
			   loff_t *const ppos, u32 *const kinds)
{
	/*
	 * The sysctl core hands handlers the position of the write's kiocb:
	 * its file tells who opened the sysctl.  Both the opener and the
	 * writer need the privilege, so that neither a file descriptor passed
	 * to an unprivileged process nor one opened by root in a child user
	 * namespace (which owns the file when its 0 maps to the global root)
	 * and passed to a privileged one can write.
	 */
	const struct file *const file =
		container_of(ppos, struct kiocb, ki_pos)->ki_filp;
	int err;

	if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN) ||
	    !capable(CAP_SYS_ADMIN))
		return -EPERM;

	/* The whole list in one write(2): no appending, no partial update. */
	if (*ppos)
		return -EINVAL;

	err = parse_log_kinds(buffer, *lenp, kinds);
	if (err)
		return err;

	WRITE_ONCE(log_kinds_allowed, *kinds);
	*ppos += *lenp;
	return 0;
}

static int log_kinds_allowed_handler(const struct ctl_table *table, int write,
				     void *buffer, size_t *lenp, loff_t *ppos)
{
	u32 old_kinds, new_kinds = 0;
	int err;

	if (!write)
		return read_log_kinds(table, READ_ONCE(log_kinds_allowed),
				      buffer, lenp, ppos);

	mutex_lock(&log_kinds_lock);
	old_kinds = log_kinds_allowed;
	err = write_log_kinds(buffer, lenp, ppos, &new_kinds);
	log_config_change(new_kinds, old_kinds, err);
	mutex_unlock(&log_kinds_lock);
	return err;
}

static int log_kinds_avail_handler(const struct ctl_table *table, int write,
				   void *buffer, size_t *lenp, loff_t *ppos)
{
	/* Mode 0444 already stops root; this is only a second lock. */
	if (write)
		return -EPERM;
	return read_log_kinds(table, LOG_KINDS_ALL, buffer, lenp, ppos);
}

static struct ctl_table log_control_table[] = {
	{
		.procname = "log_kinds_avail",
		.mode = 0444,
		.proc_handler = log_kinds_avail_handler,
	},
	{
		.procname = "log_kinds_allowed",
		.mode = 0644,
		.proc_handler = log_kinds_allowed_handler,
	},
};

static int __init landlock_init_log_control(void)
{
	if (!landlock_initialized)
		return 0;

	register_sysctl_init("kernel/landlock", log_control_table);
	return 0;
}

device_initcall(landlock_init_log_control);

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

/* clang-format off */
static struct kunit_case landlock_log_control_test_cases[] = {
	KUNIT_CASE(test_format_fits),
	KUNIT_CASE(test_parse_every_set),
	KUNIT_CASE(test_parse_invalid),
	KUNIT_CASE(test_parse_random),
	KUNIT_CASE(test_decision_table),
	{}
};

/* clang-format on */

static struct kunit_suite landlock_log_control_test_suite = {
	.name = "landlock_log_control",
	.test_cases = landlock_log_control_test_cases,
};

kunit_test_suite(landlock_log_control_test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock tests - Every combination of the logging flags
 *
 * The variants of the log_flags fixture: the flags given to
 * landlock_restrict_self(2), and their names as the log_flags file of
 * securityfs lists them.
 */

/* clang-format on */
FIXTURE_VARIANT(log_flags)
{
	__u32 flags;
	const char *names;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, none) {
	/* clang-format on */
	.flags = 0,
	.names = "",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, same_exec_off) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
	.names = "log_same_exec_off",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, new_exec_on) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
	.names = "log_new_exec_on",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, subdomains_off) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
	.names = "log_subdomains_off",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, same_exec_off_new_exec_on) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |
		 LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
	.names = "log_same_exec_off log_new_exec_on",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, same_exec_off_subdomains_off) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |
		 LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
	.names = "log_same_exec_off log_subdomains_off",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, new_exec_on_subdomains_off) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON |
		 LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
	.names = "log_new_exec_on log_subdomains_off",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(log_flags, all) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |
		 LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON |
		 LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
	.names = "log_same_exec_off log_new_exec_on log_subdomains_off",
};

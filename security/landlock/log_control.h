/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Administrator control of what Landlock may log
 */

#ifndef _SECURITY_LANDLOCK_LOG_CONTROL_H
#define _SECURITY_LANDLOCK_LOG_CONTROL_H

#include <linux/types.h>

/**
 * enum landlock_log_kind - Kind of audit record that Landlock emits
 *
 * The order is the one in which the sysctls list the kinds.
 *
 * @LANDLOCK_LOG_KIND_DENIAL: Access denied by an enforcing layer
 * (%AUDIT_LANDLOCK_ACCESS).
 * @LANDLOCK_LOG_KIND_PERMISSIVE_DENIAL: Access that a permissive layer would
 * deny, allowed (%AUDIT_LANDLOCK_ACCESS).
 * @LANDLOCK_LOG_KIND_ALLOCATION: Description of a layer, after its first
 * logged denial (%AUDIT_LANDLOCK_DOMAIN, status=allocated).
 * @LANDLOCK_LOG_KIND_DEALLOCATION: End of a layer whose allocation was logged
 * (%AUDIT_LANDLOCK_DOMAIN, status=deallocated).
 * @LANDLOCK_LOG_KIND_ID_RESTORE: Layer created with a restored domain ID.
 * @LANDLOCK_NUM_LOG_KINDS: Number of kinds.
 */
enum landlock_log_kind {
	LANDLOCK_LOG_KIND_DENIAL,
	LANDLOCK_LOG_KIND_PERMISSIVE_DENIAL,
	LANDLOCK_LOG_KIND_ALLOCATION,
	LANDLOCK_LOG_KIND_DEALLOCATION,
	LANDLOCK_LOG_KIND_ID_RESTORE,
	LANDLOCK_NUM_LOG_KINDS
};

bool landlock_log_kind_allowed(const enum landlock_log_kind kind);

#endif /* _SECURITY_LANDLOCK_LOG_CONTROL_H */

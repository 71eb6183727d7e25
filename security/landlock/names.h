/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Names of access rights and scopes
 *
 * The same names are used by audit records and by the securityfs tree, so
 * that a blocker in a log line can be looked up in a domain's description.
 */

#ifndef _SECURITY_LANDLOCK_NAMES_H
#define _SECURITY_LANDLOCK_NAMES_H

#include "limits.h"

extern const char *const landlock_fs_access_names[LANDLOCK_NUM_ACCESS_FS];
extern const char *const landlock_net_access_names[LANDLOCK_NUM_ACCESS_NET];
extern const char *const landlock_scope_names[LANDLOCK_NUM_SCOPE];
extern const char
	*const landlock_restrict_self_names[LANDLOCK_NUM_RESTRICT_SELF];

#endif /* _SECURITY_LANDLOCK_NAMES_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Which domain layers a reader may see
 */

#ifndef _SECURITY_LANDLOCK_VISIBILITY_H
#define _SECURITY_LANDLOCK_VISIBILITY_H

#include <linux/cred.h>
#include <linux/types.h>

#include "ruleset.h"

bool landlock_may_see_layer(const struct cred *const reader,
			    const struct landlock_hierarchy *const layer);

struct landlock_hierarchy *
landlock_get_visible_layer(const struct cred *const reader, const u64 id);

#endif /* _SECURITY_LANDLOCK_VISIBILITY_H */

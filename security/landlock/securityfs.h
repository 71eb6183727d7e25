/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - The /sys/kernel/security/landlock/ tree
 */

#ifndef _SECURITY_LANDLOCK_SECURITYFS_H
#define _SECURITY_LANDLOCK_SECURITYFS_H

struct landlock_hierarchy;

void landlock_securityfs_release_layer(struct landlock_hierarchy *const layer);

#endif /* _SECURITY_LANDLOCK_SECURITYFS_H */

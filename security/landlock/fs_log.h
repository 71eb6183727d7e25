/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Audit records of denied filesystem requests
 */

#ifndef _SECURITY_LANDLOCK_FS_LOG_H
#define _SECURITY_LANDLOCK_FS_LOG_H

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/types.h>

#include "cred.h"
#include "limits.h"
#include "ruleset.h"

int landlock_log_fs_access(const struct cred *const cred,
			   const struct path *const path,
			   const access_mask_t access,
			   const layer_mask_t *const layer_masks);

bool landlock_log_fs_refer(const struct path *const new_dir,
			   struct dentry *const old_parent,
			   const access_mask_t access_old_parent,
			   const layer_mask_t *const layer_masks_old_parent,
			   const access_mask_t access_new_dir,
			   const layer_mask_t *const layer_masks_new_dir);

int landlock_log_topology_path(const struct landlock_cred_security *subject,
			       const struct path *const path);

int landlock_log_topology_dentry(const struct landlock_cred_security *subject,
				 struct dentry *const dentry);

int landlock_log_file_truncate(struct file *const file);

int landlock_log_file_ioctl(struct file *const file, const unsigned int cmd);

#endif /* _SECURITY_LANDLOCK_FS_LOG_H */

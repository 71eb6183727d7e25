// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denied filesystem requests
 *
 * The filesystem hooks decide; these helpers only describe a denial (the
 * object, the rights, the layer to blame) to landlock_log_denial().  Allowed
 * requests never call into this file.
 */

#include <linux/bitops.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_audit.h>
#include <linux/path.h>
#include <linux/types.h>

#include "audit.h"
#include "cred.h"
#include "fs.h"
#include "fs_log.h"
#include "limits.h"
#include "ruleset.h"

/**
 * landlock_log_fs_access - Log a denied access to a path
 *
 * @cred: Credentials of the requester (for an open file, the opener's).
 * @path: The path the request was checked on.
 * @access: The requested access rights.
 * @layer_masks: Per access right, the layers that did not grant it, as the
 *               access check left them.
 *
 * The youngest layer that left a requested right in @layer_masks is blamed.
 */
void landlock_log_fs_access(const struct cred *const cred,
			    const struct path *const path,
			    const access_mask_t access,
			    const layer_mask_t *const layer_masks)
{
	landlock_log_denial(landlock_cred(cred),
			    &(struct landlock_request){
				    .type = LANDLOCK_REQUEST_FS_ACCESS,
				    .audit.type = LSM_AUDIT_DATA_PATH,
				    .audit.u.path = *path,
				    .access = access,
				    .layer_masks = layer_masks,
				    .layer_masks_size = LANDLOCK_NUM_ACCESS_FS,
			    });
}

static bool has_denied_access(const access_mask_t access,
			      const layer_mask_t *const layer_masks)
{
	const unsigned long bits = access;
	unsigned long bit;

	for_each_set_bit(bit, &bits, LANDLOCK_NUM_ACCESS_FS) {
		if (layer_masks[bit])
			return true;
	}
	return false;
}

/**
 * landlock_log_fs_refer - Log a denied rename or link across directories
 *
 * @new_dir: The destination directory.
 * @old_parent: The source directory, on the mount of @new_dir.
 * @access_old_parent: The access rights requested on @old_parent.
 * @layer_masks_old_parent: What the access check left for @old_parent.
 * @access_new_dir: The access rights requested on @new_dir.
 * @layer_masks_new_dir: What the access check left for @new_dir.
 *
 * As upstream, one record per directory that lacks a right.  A refused
 * reparenting (EXDEV) may leave no right missing on either side: both
 * directories are then logged, and blamed for the refer right.
 */
void landlock_log_fs_refer(const struct path *const new_dir,
			   struct dentry *const old_parent,
			   const access_mask_t access_old_parent,
			   const layer_mask_t *const layer_masks_old_parent,
			   const access_mask_t access_new_dir,
			   const layer_mask_t *const layer_masks_new_dir)
{
	const bool allow_old_parent =
		!has_denied_access(access_old_parent, layer_masks_old_parent);
	const bool allow_new_dir =
		!has_denied_access(access_new_dir, layer_masks_new_dir);

	if (!allow_old_parent || allow_new_dir)
		landlock_log_fs_access(current_cred(),
				       &(struct path){ .mnt = new_dir->mnt,
						       .dentry = old_parent },
				       access_old_parent,
				       layer_masks_old_parent);
	if (!allow_new_dir || allow_old_parent)
		landlock_log_fs_access(current_cred(), new_dir, access_new_dir,
				       layer_masks_new_dir);
}

static void log_topology(const struct landlock_cred_security *const subject,
			 const size_t handle_layer,
			 const struct common_audit_data *const audit)
{
	landlock_log_denial(subject,
			    &(struct landlock_request){
				    .type = LANDLOCK_REQUEST_FS_CHANGE_TOPOLOGY,
				    .audit = *audit,
				    .layer_plus_one = handle_layer + 1,
			    });
}

/**
 * landlock_log_topology_path - Log a denied mount change by path
 *
 * @subject: The requester, whose domain handles a filesystem access.
 * @handle_layer: The youngest layer of @subject that handles one, the layer
 *                that denies every change of the mount topology.
 * @path: The mount point or the path to mount.
 */
void landlock_log_topology_path(const struct landlock_cred_security *subject,
				const size_t handle_layer,
				const struct path *const path)
{
	log_topology(subject, handle_layer,
		     &(struct common_audit_data){
			     .type = LSM_AUDIT_DATA_PATH,
			     .u.path = *path,
		     });
}

/**
 * landlock_log_topology_dentry - Log a denied change of a mount
 *
 * @subject: As for landlock_log_topology_path().
 * @handle_layer: As for landlock_log_topology_path().
 * @dentry: The root of the mount, named as upstream does:
 *          name="/" dev=... ino=...
 */
void landlock_log_topology_dentry(const struct landlock_cred_security *subject,
				  const size_t handle_layer,
				  struct dentry *const dentry)
{
	log_topology(subject, handle_layer,
		     &(struct common_audit_data){
			     .type = LSM_AUDIT_DATA_DENTRY,
			     .u.dentry = dentry,
		     });
}

/*
 * An operation on an open file is checked against the rights its opener had:
 * the layer to blame was recorded at open.
 */
static void log_file_access(struct file *const file, const access_mask_t access,
			    const u8 layer_plus_one,
			    const struct common_audit_data *const audit)
{
	landlock_log_denial(landlock_cred(file->f_cred),
			    &(struct landlock_request){
				    .type = LANDLOCK_REQUEST_FS_ACCESS,
				    .audit = *audit,
				    .access = access,
				    .layer_plus_one = layer_plus_one,
			    });
}

/**
 * landlock_log_file_truncate - Log a denied truncation of an open file
 *
 * @file: The file, opened without %LANDLOCK_ACCESS_FS_TRUNCATE.
 */
void landlock_log_file_truncate(struct file *const file)
{
	log_file_access(file, LANDLOCK_ACCESS_FS_TRUNCATE,
			landlock_file(file)->deny_truncate_layer,
			&(struct common_audit_data){
				.type = LSM_AUDIT_DATA_FILE,
				.u.file = file,
			});
}

/**
 * landlock_log_file_ioctl - Log a denied IOCTL on an open device file
 *
 * @file: The file, opened without %LANDLOCK_ACCESS_FS_IOCTL_DEV.
 * @cmd: The IOCTL command.
 */
void landlock_log_file_ioctl(struct file *const file, const unsigned int cmd)
{
	struct lsm_ioctlop_audit ioctl_op = {
		.path = file->f_path,
		.cmd = cmd,
	};

	log_file_access(file, LANDLOCK_ACCESS_FS_IOCTL_DEV,
			landlock_file(file)->deny_ioctl_layer,
			&(struct common_audit_data){
				.type = LSM_AUDIT_DATA_IOCTL_OP,
				.u.op = &ioctl_op,
			});
}

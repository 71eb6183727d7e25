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
 * The youngest enforcing layer that left a requested right in @layer_masks
 * is blamed, or else the youngest permissive one (see landlock_log_denial()).
 *
 * Return: -EACCES, or 0 if only permissive layers refuse the request.
 */
int landlock_log_fs_access(const struct cred *const cred,
			   const struct path *const path,
			   const access_mask_t access,
			   const layer_mask_t *const layer_masks)
{
	const struct landlock_request request = {
		.type = LANDLOCK_REQUEST_FS_ACCESS,
		.audit.type = LSM_AUDIT_DATA_PATH,
		.audit.u.path = *path,
		.access = access,
		.layer_masks = layer_masks,
		.layer_masks_size = LANDLOCK_NUM_ACCESS_FS,
	};

	if (!landlock_log_denial(landlock_cred(cred), &request))
		return 0;
	return -EACCES;
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
 *
 * Return: true if the refusal stands, false if only permissive layers
 * refuse the request.
 */
bool landlock_log_fs_refer(const struct path *const new_dir,
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
	const struct path old_dir = {
		.mnt = new_dir->mnt,
		.dentry = old_parent,
	};
	bool denied = false;

	if (!allow_old_parent || allow_new_dir)
		denied = landlock_log_fs_access(current_cred(), &old_dir,
						access_old_parent,
						layer_masks_old_parent);
	if (!allow_new_dir || allow_old_parent)
		denied |= landlock_log_fs_access(current_cred(), new_dir,
						 access_new_dir,
						 layer_masks_new_dir);
	return denied;
}

/*
 * Every layer that handles a filesystem right refuses a change of the mount
 * topology: the youngest enforcing one answers for it.
 */
static int log_topology(const struct landlock_cred_security *const subject,
			const struct common_audit_data *const audit)
{
	const struct landlock_request request = {
		.type = LANDLOCK_REQUEST_FS_CHANGE_TOPOLOGY,
		.audit = *audit,
	};

	if (!landlock_log_denial(subject, &request))
		return 0;
	return -EPERM;
}

/**
 * landlock_log_topology_path - Log a denied mount change by path
 *
 * @subject: The requester, whose domain handles a filesystem access.
 * @path: The mount point or the path to mount.
 *
 * Return: -EPERM, or 0 if only permissive layers refuse the change.
 */
int landlock_log_topology_path(const struct landlock_cred_security *subject,
			       const struct path *const path)
{
	return log_topology(subject, &(struct common_audit_data){
					     .type = LSM_AUDIT_DATA_PATH,
					     .u.path = *path,
				     });
}

/**
 * landlock_log_topology_dentry - Log a denied change of a mount
 *
 * @subject: As for landlock_log_topology_path().
 * @dentry: The root of the mount, named as upstream does:
 *          name="/" dev=... ino=...
 *
 * Return: -EPERM, or 0 if only permissive layers refuse the change.
 */
int landlock_log_topology_dentry(const struct landlock_cred_security *subject,
				 struct dentry *const dentry)
{
	return log_topology(subject, &(struct common_audit_data){
					     .type = LSM_AUDIT_DATA_DENTRY,
					     .u.dentry = dentry,
				     });
}

/*
 * An operation on an open file is checked against the rights its opener had:
 * the layer to blame was recorded at open (an enforcing one if any denied
 * the right).  Returns -EACCES, or 0 if that layer is permissive.
 */
static int log_file_access(struct file *const file, const access_mask_t access,
			   const u8 layer_plus_one,
			   const struct common_audit_data *const audit)
{
	const struct landlock_request request = {
		.type = LANDLOCK_REQUEST_FS_ACCESS,
		.audit = *audit,
		.access = access,
		.layer_plus_one = layer_plus_one,
	};

	if (!landlock_log_denial(landlock_cred(file->f_cred), &request))
		return 0;
	return -EACCES;
}

/**
 * landlock_log_file_truncate - Log a denied truncation of an open file
 *
 * @file: The file, opened without %LANDLOCK_ACCESS_FS_TRUNCATE.
 *
 * Return: -EACCES, or 0 if only a permissive layer refused the right.
 */
int landlock_log_file_truncate(struct file *const file)
{
	return log_file_access(file, LANDLOCK_ACCESS_FS_TRUNCATE,
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
 *
 * Return: -EACCES, or 0 if only a permissive layer refused the right.
 */
int landlock_log_file_ioctl(struct file *const file, const unsigned int cmd)
{
	struct lsm_ioctlop_audit ioctl_op = {
		.path = file->f_path,
		.cmd = cmd,
	};

	return log_file_access(file, LANDLOCK_ACCESS_FS_IOCTL_DEV,
			       landlock_file(file)->deny_ioctl_layer,
			       &(struct common_audit_data){
				       .type = LSM_AUDIT_DATA_IOCTL_OP,
				       .u.op = &ioctl_op,
			       });
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Names of access rights and scopes
 */

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <uapi/linux/landlock.h>

#include "names.h"

/* Indexed by bit number, in the order of include/uapi/linux/landlock.h. */
const char *const landlock_fs_access_names[] = {
	[ilog2(LANDLOCK_ACCESS_FS_EXECUTE)] = "execute",
	[ilog2(LANDLOCK_ACCESS_FS_WRITE_FILE)] = "write_file",
	[ilog2(LANDLOCK_ACCESS_FS_READ_FILE)] = "read_file",
	[ilog2(LANDLOCK_ACCESS_FS_READ_DIR)] = "read_dir",
	[ilog2(LANDLOCK_ACCESS_FS_REMOVE_DIR)] = "remove_dir",
	[ilog2(LANDLOCK_ACCESS_FS_REMOVE_FILE)] = "remove_file",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_CHAR)] = "make_char",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_DIR)] = "make_dir",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_REG)] = "make_reg",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_SOCK)] = "make_sock",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_FIFO)] = "make_fifo",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_BLOCK)] = "make_block",
	[ilog2(LANDLOCK_ACCESS_FS_MAKE_SYM)] = "make_sym",
	[ilog2(LANDLOCK_ACCESS_FS_REFER)] = "refer",
	[ilog2(LANDLOCK_ACCESS_FS_TRUNCATE)] = "truncate",
	[ilog2(LANDLOCK_ACCESS_FS_IOCTL_DEV)] = "ioctl_dev",
};

static_assert(ARRAY_SIZE(landlock_fs_access_names) == LANDLOCK_NUM_ACCESS_FS);

const char *const landlock_net_access_names[] = {
	[ilog2(LANDLOCK_ACCESS_NET_BIND_TCP)] = "bind_tcp",
	[ilog2(LANDLOCK_ACCESS_NET_CONNECT_TCP)] = "connect_tcp",
};

static_assert(ARRAY_SIZE(landlock_net_access_names) == LANDLOCK_NUM_ACCESS_NET);

const char *const landlock_scope_names[] = {
	[ilog2(LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET)] = "abstract_unix_socket",
	[ilog2(LANDLOCK_SCOPE_SIGNAL)] = "signal",
};

static_assert(ARRAY_SIZE(landlock_scope_names) == LANDLOCK_NUM_SCOPE);

const char *const landlock_restrict_self_names[] = {
	[ilog2(LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF)] = "log_same_exec_off",
	[ilog2(LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON)] = "log_new_exec_on",
	[ilog2(LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF)] =
		"log_subdomains_off",
	[ilog2(LANDLOCK_RESTRICT_SELF_PERMISSIVE)] = "permissive",
};

static_assert(ARRAY_SIZE(landlock_restrict_self_names) ==
	      LANDLOCK_NUM_RESTRICT_SELF);

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Audit records of denied network requests
 */

#ifndef _SECURITY_LANDLOCK_NET_LOG_H
#define _SECURITY_LANDLOCK_NET_LOG_H

#include <linux/socket.h>
#include <linux/types.h>

#include "ruleset.h"

bool landlock_log_socket_denial(const struct sockaddr *const address,
				const __be16 port, const access_mask_t access,
				const layer_mask_t *const layer_masks);

#endif /* _SECURITY_LANDLOCK_NET_LOG_H */

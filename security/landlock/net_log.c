// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denied network requests
 *
 * net.c decides; this file only describes a denial to landlock_log_denial().
 */

#include <linux/cred.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/lsm_audit.h>
#include <linux/socket.h>
#include <linux/types.h>

#include "audit.h"
#include "cred.h"
#include "limits.h"
#include "net_log.h"
#include "ruleset.h"

/**
 * landlock_log_socket_denial - Log a denied bind(2) or connect(2)
 *
 * @address: The address the socket was to be bound or connected to.
 * @port: Its port, in network byte order.
 * @access: The requested right, %LANDLOCK_ACCESS_NET_BIND_TCP or
 *          %LANDLOCK_ACCESS_NET_CONNECT_TCP.
 * @layer_masks: Per network access right (%LANDLOCK_NUM_ACCESS_NET of
 *               them), the layers that did not grant it.
 *
 * Names the local address and port for bind(2), the remote ones for
 * connect(2), as the LSM audit helpers print them (saddr/src, daddr/dest).
 *
 * Return: true if the refusal stands, false if only permissive layers
 * refuse (see landlock_log_denial()).
 */
bool landlock_log_socket_denial(const struct sockaddr *const address,
				const __be16 port, const access_mask_t access,
				const layer_mask_t *const layer_masks)
{
	const bool is_bind = access & LANDLOCK_ACCESS_NET_BIND_TCP;
	struct lsm_network_audit net = {
		.family = address->sa_family,
	};

	if (address->sa_family == AF_INET) {
		const struct sockaddr_in *const addr4 =
			(const struct sockaddr_in *)address;

		if (is_bind)
			net.v4info.saddr = addr4->sin_addr.s_addr;
		else
			net.v4info.daddr = addr4->sin_addr.s_addr;
#if IS_ENABLED(CONFIG_IPV6)
	} else if (address->sa_family == AF_INET6) {
		const struct sockaddr_in6 *const addr6 =
			(const struct sockaddr_in6 *)address;

		if (is_bind)
			net.v6info.saddr = addr6->sin6_addr;
		else
			net.v6info.daddr = addr6->sin6_addr;
#endif /* IS_ENABLED(CONFIG_IPV6) */
	} else {
		/* bind(AF_UNSPEC) on an IPv4 socket means INADDR_ANY. */
		net.family = AF_INET;
	}
	if (is_bind)
		net.sport = port;
	else
		net.dport = port;

	return landlock_log_denial(landlock_cred(current_cred()),
				   &(struct landlock_request){
					   .type = LANDLOCK_REQUEST_NET_ACCESS,
					   .audit.type = LSM_AUDIT_DATA_NET,
					   .audit.u.net = &net,
					   .access = access,
					   .layer_masks = layer_masks,
					   .layer_masks_size =
						   LANDLOCK_NUM_ACCESS_NET,
				   });
}

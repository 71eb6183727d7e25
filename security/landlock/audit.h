/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Audit records of denials and domain lifetimes
 */

#ifndef _SECURITY_LANDLOCK_AUDIT_H
#define _SECURITY_LANDLOCK_AUDIT_H

#include <linux/lsm_audit.h>
#include <linux/types.h>

#include "cred.h"
#include "fs.h"
#include "ruleset.h"

/**
 * enum landlock_request_type - Kind of denied request, for the blockers
 */
enum landlock_request_type {
	LANDLOCK_REQUEST_FS_ACCESS = 1,
	LANDLOCK_REQUEST_FS_CHANGE_TOPOLOGY,
	LANDLOCK_REQUEST_NET_ACCESS,
	LANDLOCK_REQUEST_PTRACE,
	LANDLOCK_REQUEST_SCOPE_ABSTRACT_UNIX_SOCKET,
	LANDLOCK_REQUEST_SCOPE_SIGNAL,
};

/**
 * struct landlock_request - A denied request, as a hook saw it
 *
 * Either @layer_masks is set and the refusing layers are found from it, or
 * @deniers names them, or @layer_plus_one names the only one.  A change of
 * the mount topology needs none of them: every layer that handles a
 * filesystem right refuses it; ptrace and scopes name the @target domain:
 * the subject's layers that the target does not share refuse it (those
 * with the scope in @access, for a scope).
 *
 * Every hook fills one on its denial path, zeroing what it does not set:
 * the small fields share a word.
 */
struct landlock_request {
	/** @audit: The object, as the LSM audit helpers print it. */
	struct common_audit_data audit;
	/** @type: Kind of request. */
	enum landlock_request_type type;
	/**
	 * @access: Requested access rights (filesystem or network); for
	 * @layer_masks, only these bits are considered.
	 */
	access_mask_t access;
	/**
	 * @deniers: Without @layer_masks, the layers that refuse the request,
	 * one bit per layer index (or 0 for @layer_plus_one).
	 */
	layer_mask_t deniers;
	/** @noaudit: Decide only: neither count nor log. */
	bool noaudit;
	/** @layer_masks_size: Number of entries in @layer_masks. */
	u8 layer_masks_size;
	/** @layer_plus_one: Index of the denying layer plus one, or 0. */
	u8 layer_plus_one;
	/**
	 * @layer_masks: Per access right, the layers that did not grant it,
	 * as left by the access check.
	 */
	const layer_mask_t *layer_masks;
	/**
	 * @target: For ptrace and scopes, the domain of the target (NULL if
	 * none); the caller holds what keeps it alive.
	 */
	const struct landlock_ruleset *target;
};

bool landlock_log_denial(const struct landlock_cred_security *const subject,
			 const struct landlock_request *const request);

void landlock_set_deny_layers(struct landlock_file_security *const file_sec,
			      const struct landlock_ruleset *const domain,
			      const layer_mask_t *const layer_masks);

#ifdef CONFIG_AUDIT

struct audit_buffer;
struct landlock_details;

void landlock_log_creator(struct audit_buffer *const ab,
			  const struct landlock_details *const details,
			  const gfp_t gfp);

void landlock_log_drop_domain(const struct landlock_hierarchy *const hierarchy);

#else /* CONFIG_AUDIT */

static inline void
landlock_log_drop_domain(const struct landlock_hierarchy *const hierarchy)
{
}

#endif /* CONFIG_AUDIT */

#endif /* _SECURITY_LANDLOCK_AUDIT_H */

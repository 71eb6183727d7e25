// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denials and domain lifetimes
 *
 * The records match upstream Linux's (6.15 and later) so that existing audit
 * tools parse them.  Only the denial path comes here: allowed accesses never
 * call into this file.
 */

#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/log2.h>
#include <linux/lsm_audit.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "audit.h"
#include "cred.h"
#include "domain.h"
#include "limits.h"
#include "log_control.h"
#include "names.h"
#include "ruleset.h"

/*
 * Finds the youngest layer that denied one of the requested rights, and
 * narrows @access to the rights that this layer denied.
 */
static bool get_denied_layer(const struct landlock_request *const request,
			     access_mask_t *const access, size_t *const layer)
{
	const unsigned long requested = request->access;
	unsigned long bit;
	access_mask_t denied = 0;
	bool found = false;
	size_t youngest = 0;

	for_each_set_bit(bit, &requested, request->layer_masks_size) {
		const layer_mask_t mask = request->layer_masks[bit];

		if (!mask)
			continue;
		if (!found || __fls(mask) > youngest)
			youngest = __fls(mask);
		found = true;
	}
	if (!found)
		return false;

	for_each_set_bit(bit, &requested, request->layer_masks_size) {
		if (request->layer_masks[bit] & BIT(youngest))
			denied |= BIT(bit);
	}
	*access = denied;
	*layer = youngest;
	return true;
}

static u8 youngest_layer_plus_one(const layer_mask_t layers)
{
	return layers ? __fls(layers) + 1 : 0;
}

/**
 * landlock_set_deny_layers - Record which layers denied a file's later uses
 *
 * @file_sec: Landlock blob of a file being opened.
 * @layer_masks: Per filesystem access right (%LANDLOCK_NUM_ACCESS_FS of
 *               them), the layers that did not grant it, as the open check
 *               left them.
 *
 * ftruncate(2) and ioctl(2) are checked against the rights the file was
 * opened with, maybe long after: a refusal then names the youngest layer
 * that denied the right at open.
 */
void landlock_set_deny_layers(struct landlock_file_security *const file_sec,
			      const layer_mask_t *const layer_masks)
{
	const layer_mask_t truncate =
		layer_masks[ilog2(LANDLOCK_ACCESS_FS_TRUNCATE)];
	const layer_mask_t ioctl =
		layer_masks[ilog2(LANDLOCK_ACCESS_FS_IOCTL_DEV)];

	file_sec->deny_truncate_layer = youngest_layer_plus_one(truncate);
	file_sec->deny_ioctl_layer = youngest_layer_plus_one(ioctl);
}

#ifdef CONFIG_AUDIT

static void log_access_names(struct audit_buffer *const ab,
			     const char *const prefix,
			     const char *const *const names,
			     const size_t num_names, const access_mask_t access)
{
	const unsigned long bits = access;
	unsigned long bit;
	bool first = true;

	for_each_set_bit(bit, &bits, num_names) {
		audit_log_format(ab, "%s%s.%s", first ? "" : ",", prefix,
				 names[bit]);
		first = false;
	}
}

static void log_blockers(struct audit_buffer *const ab,
			 const enum landlock_request_type type,
			 const access_mask_t access)
{
	audit_log_format(ab, " blockers=");
	switch (type) {
	case LANDLOCK_REQUEST_FS_ACCESS:
		log_access_names(ab, "fs", landlock_fs_access_names,
				 LANDLOCK_NUM_ACCESS_FS, access);
		return;
	case LANDLOCK_REQUEST_NET_ACCESS:
		log_access_names(ab, "net", landlock_net_access_names,
				 LANDLOCK_NUM_ACCESS_NET, access);
		return;
	case LANDLOCK_REQUEST_FS_CHANGE_TOPOLOGY:
		audit_log_format(ab, "fs.change_topology");
		return;
	case LANDLOCK_REQUEST_PTRACE:
		audit_log_format(ab, "ptrace");
		return;
	case LANDLOCK_REQUEST_SCOPE_ABSTRACT_UNIX_SOCKET:
		audit_log_format(ab, "scope.abstract_unix_socket");
		return;
	case LANDLOCK_REQUEST_SCOPE_SIGNAL:
		audit_log_format(ab, "scope.signal");
		return;
	}
	WARN_ON_ONCE(1);
}

static void
log_domain_allocated(const struct landlock_hierarchy *const hierarchy)
{
	const struct landlock_details *const details = hierarchy->details;
	struct audit_buffer *ab;

	if (WARN_ON_ONCE(!details))
		return;

	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab)
		return;

	audit_log_format(ab, "domain=%llx status=allocated mode=enforcing",
			 hierarchy->id.value);
	audit_log_format(ab, " pid=%d uid=%u exe=", details->tgid,
			 from_kuid(&init_user_ns, details->uid));
	audit_log_untrustedstring(ab, details->exe_path);
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, details->comm);
	audit_log_end(ab);
}

static bool is_logged(const struct landlock_cred_security *const subject,
		      struct landlock_hierarchy *const hierarchy,
		      const size_t layer)
{
	const bool same_exec = subject->domain_exec & BIT(layer);

	if (!audit_enabled)
		return false;
	if (READ_ONCE(hierarchy->log_status) == LANDLOCK_LOG_DISABLED)
		return false;
	return same_exec ? hierarchy->log_same_exec : hierarchy->log_new_exec;
}

/**
 * landlock_log_drop_domain - Log the end of a layer that was logged
 *
 * @hierarchy: Layer node being freed.
 *
 * The denial count includes the denials that were not logged.  Not tied to
 * any system call: the layer dies when its last user's credentials go.
 */
void landlock_log_drop_domain(const struct landlock_hierarchy *const hierarchy)
{
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;
	if (READ_ONCE(hierarchy->log_status) != LANDLOCK_LOG_RECORDED)
		return;
	if (!landlock_log_kind_allowed(LANDLOCK_LOG_KIND_DEALLOCATION))
		return;

	ab = audit_log_start(NULL, GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab)
		return;

	audit_log_format(ab, "domain=%llx status=deallocated denials=%llu",
			 hierarchy->id.value,
			 (u64)atomic64_read(&hierarchy->num_denials));
	audit_log_end(ab);
}

static void log_denial(const struct landlock_cred_security *const subject,
		       struct landlock_hierarchy *const hierarchy,
		       const size_t layer,
		       const struct landlock_request *const request,
		       const access_mask_t access)
{
	struct audit_buffer *ab;
	bool first = false;

	if (!is_logged(subject, hierarchy, layer))
		return;
	if (!landlock_log_kind_allowed(LANDLOCK_LOG_KIND_DENIAL))
		return;

	/*
	 * Only one denial describes the layer, even under a race.  While the
	 * administrator suppresses allocation records, the layer stays
	 * pending: no deallocation record without its allocation, and a later
	 * denial may still describe the layer.
	 */
	if (landlock_log_kind_allowed(LANDLOCK_LOG_KIND_ALLOCATION))
		first = cmpxchg(&hierarchy->log_status, LANDLOCK_LOG_PENDING,
				LANDLOCK_LOG_RECORDED) == LANDLOCK_LOG_PENDING;

	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_ACCESS);
	if (ab) {
		audit_log_format(ab, "domain=%llx", hierarchy->id.value);
		log_blockers(ab, request->type, access);
		audit_log_lsm_data(ab, &request->audit);
		audit_log_end(ab);
	}

	/*
	 * As upstream, the layer's description follows its first denial, in
	 * the same event: tools match the two records in this order.
	 */
	if (first)
		log_domain_allocated(hierarchy);
}

#else /* CONFIG_AUDIT */

static inline void
log_denial(const struct landlock_cred_security *const subject,
	   struct landlock_hierarchy *const hierarchy, const size_t layer,
	   const struct landlock_request *const request,
	   const access_mask_t access)
{
}

#endif /* CONFIG_AUDIT */

/**
 * landlock_log_denial - Count a denial and log it if the layer asks for it
 *
 * @subject: Credential of the task whose request was denied (for a file,
 *           the credential that opened it).
 * @request: What was denied, and by which layer.
 *
 * Called only on the denial path.  The first logged denial of a layer also
 * logs the layer's allocation, with its creator.
 */
void landlock_log_denial(const struct landlock_cred_security *const subject,
			 const struct landlock_request *const request)
{
	struct landlock_hierarchy *hierarchy;
	access_mask_t access = request->access;
	size_t layer;

	if (WARN_ON_ONCE(!subject || !subject->domain))
		return;

	if (request->layer_masks) {
		if (!get_denied_layer(request, &access, &layer)) {
			/*
			 * Only a refused reparenting (EXDEV) leaves no right
			 * missing in the masks: the refer right of the
			 * youngest layer that handles it is responsible.
			 */
			const struct access_masks refer = {
				.fs = LANDLOCK_ACCESS_FS_REFER,
			};

			access = refer.fs;
			layer = landlock_get_handle_layer(subject->domain,
							  refer);
		}
	} else {
		if (WARN_ON_ONCE(!request->layer_plus_one))
			return;
		layer = request->layer_plus_one - 1;
	}

	hierarchy = landlock_get_layer_hierarchy(subject->domain, layer);
	if (!hierarchy)
		return;
	atomic64_inc(&hierarchy->num_denials);

	log_denial(subject, hierarchy, layer, request, access);
}

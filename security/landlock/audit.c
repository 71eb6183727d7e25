// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denials and domain lifetimes
 *
 * The records match upstream Linux's (6.15 and later) so that existing audit
 * tools parse them.  Only the denial path comes here: allowed accesses never
 * call into this file.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/lsm_audit.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "audit.h"
#include "cred.h"
#include "domain.h"
#include "layers.h"
#include "limits.h"
#include "log_control.h"
#include "names.h"
#include "ruleset.h"

/*
 * Layers that denied any of the requested rights, as the masks say.  This and
 * the blockers below are the denial path's loops, so both walk the bits of
 * one access mask, whose size is a constant: find_next_bit() is then inlined.
 */
static layer_mask_t
get_mask_deniers(const struct landlock_request *const request)
{
	const unsigned long requested = request->access &
					(BIT(request->layer_masks_size) - 1);
	layer_mask_t deniers = 0;
	unsigned long bit;

	for_each_set_bit(bit, &requested, BITS_PER_TYPE(access_mask_t))
		deniers |= request->layer_masks[bit];
	return deniers;
}

/* Narrows the requested rights to those that @layer denied. */
static access_mask_t
get_layer_access(const struct landlock_request *const request,
		 const size_t layer)
{
	const unsigned long requested = request->access &
					(BIT(request->layer_masks_size) - 1);
	access_mask_t denied = 0;
	unsigned long bit;

	for_each_set_bit(bit, &requested, BITS_PER_TYPE(access_mask_t)) {
		if (request->layer_masks[bit] & BIT(layer))
			denied |= BIT(bit);
	}
	return denied;
}

static u8 youngest_layer_plus_one(const layer_mask_t layers)
{
	return layers ? __fls(layers) + 1 : 0;
}

/**
 * landlock_set_deny_layers - Record which layers denied a file's later uses
 *
 * @file_sec: Landlock blob of a file being opened.
 * @domain: Domain of the opener.
 * @layer_masks: Per filesystem access right (%LANDLOCK_NUM_ACCESS_FS of
 *               them), the layers that did not grant it, as the open check
 *               left them.
 *
 * ftruncate(2) and ioctl(2) are checked against the rights the file was
 * opened with, maybe long after: a refusal then names the layer that
 * answers for it at open, the youngest enforcing layer that denied the
 * right, or else the youngest (permissive) one.
 */
void landlock_set_deny_layers(struct landlock_file_security *const file_sec,
			      const struct landlock_ruleset *const domain,
			      const layer_mask_t *const layer_masks)
{
	const layer_mask_t permissive = domain->hierarchy->permissive_layers;
	const layer_mask_t truncate_deniers =
		layer_masks[ilog2(LANDLOCK_ACCESS_FS_TRUNCATE)];
	const layer_mask_t ioctl_deniers =
		layer_masks[ilog2(LANDLOCK_ACCESS_FS_IOCTL_DEV)];
	const layer_mask_t truncate = (truncate_deniers & ~permissive) ?:
					      truncate_deniers;
	const layer_mask_t ioctl = (ioctl_deniers & ~permissive) ?:
								   ioctl_deniers;

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

/**
 * landlock_log_creator - Append the creator of a layer to a record
 *
 * @ab: Record being written.
 * @details: Creator of the layer.
 * @gfp: Allocation flags for the buffer of the executable's path.
 *
 * The fields of upstream's allocation record, in its order: pid, uid, exe
 * and comm.
 */
void landlock_log_creator(struct audit_buffer *const ab,
			  const struct landlock_details *const details,
			  const gfp_t gfp)
{
	/* Only a file's path needs rendering. */
	char *const buf = landlock_creator_exe_is_file(details) ?
				  kmalloc(PATH_MAX, gfp) :
				  NULL;

	audit_log_format(ab, " pid=%d uid=%u exe=", pid_nr(details->pid),
			 from_kuid(&init_user_ns, details->uid));
	audit_log_untrustedstring(ab, landlock_get_creator_exe(details, buf,
							       PATH_MAX));
	kfree(buf);
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, details->comm);
}

/* Returns false if the record could not be written. */
static bool
log_domain_allocated(const struct landlock_hierarchy *const hierarchy)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab)
		return false;

	audit_log_format(ab, "domain=%llx status=allocated mode=%s",
			 landlock_get_layer_id(hierarchy),
			 hierarchy->restrict_flags & LANDLOCK_LAYER_PERMISSIVE ?
				 "permissive" :
				 "enforcing");
	landlock_log_creator(ab, &hierarchy->details,
			     GFP_ATOMIC | __GFP_NOWARN);
	audit_log_end(ab);
	return true;
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
	return landlock_layer_logs(hierarchy->restrict_flags, same_exec);
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
			 landlock_get_layer_id(hierarchy),
			 (u64)atomic64_read(&hierarchy->num_denials));
	audit_log_end(ab);
}

/*
 * Not inlined: the registers that formatting needs would otherwise be saved
 * on every denial, logged or not.
 */
static noinline void log_denial(struct landlock_hierarchy *const hierarchy,
				const struct landlock_request *const request,
				const access_mask_t access)
{
	const enum landlock_log_kind kind =
		hierarchy->restrict_flags & LANDLOCK_LAYER_PERMISSIVE ?
			LANDLOCK_LOG_KIND_PERMISSIVE_DENIAL :
			LANDLOCK_LOG_KIND_DENIAL;
	struct audit_buffer *ab;
	bool first = false;

	if (!landlock_log_kind_allowed(kind))
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
		audit_log_format(ab, "domain=%llx",
				 landlock_get_layer_id(hierarchy));
		log_blockers(ab, request->type, access);
		audit_log_lsm_data(ab, &request->audit);
		audit_log_end(ab);
	}

	/*
	 * As upstream, the layer's description follows its first denial, in
	 * the same event: tools match the two records in this order.
	 */
	if (first && !log_domain_allocated(hierarchy))
		/*
		 * Lost (full backlog, no memory): a later denial describes the
		 * layer, and no deallocation record comes without it.
		 */
		WRITE_ONCE(hierarchy->log_status, LANDLOCK_LOG_PENDING);
}

#else /* CONFIG_AUDIT */

static inline bool is_logged(const struct landlock_cred_security *const subject,
			     struct landlock_hierarchy *const hierarchy,
			     const size_t layer)
{
	return false;
}

static inline void log_denial(struct landlock_hierarchy *const hierarchy,
			      const struct landlock_request *const request,
			      const access_mask_t access)
{
}

#endif /* CONFIG_AUDIT */

/* Layers of @domain that handle any of @masks. */
static layer_mask_t
get_handling_layers(const struct landlock_ruleset *const domain,
		    const struct access_masks masks)
{
	const union access_masks_all wanted = {
		.masks = masks,
	};
	layer_mask_t layers = 0;
	size_t layer;

	for (layer = 0; layer < domain->num_layers; layer++) {
		const union access_masks_all handled = {
			.masks = domain->access_masks[layer],
		};

		if (handled.all & wanted.all)
			layers |= BIT(layer);
	}
	return layers;
}

/*
 * Two domains share the layers of their youngest common ancestor and of
 * its ancestors, which have the same indexes in both.  Returns the layers
 * of @domain that are not layers of @other (which may be NULL).
 */
static layer_mask_t
get_unshared_layers(const struct landlock_ruleset *const domain,
		    const struct landlock_ruleset *const other)
{
	const struct landlock_hierarchy *walker = domain->hierarchy;
	const struct landlock_hierarchy *other_walker =
		other ? other->hierarchy : NULL;
	int layer = domain->num_layers - 1;
	int other_layer = other ? other->num_layers - 1 : -1;

	for (; other_layer > layer; other_layer--)
		other_walker = other_walker->parent;
	for (; layer > other_layer; layer--)
		walker = walker->parent;
	/* Both at the same index: the first common node is the last shared. */
	for (; layer >= 0 && walker != other_walker; layer--) {
		walker = walker->parent;
		other_walker = other_walker->parent;
	}
	return GENMASK(domain->num_layers - 1, 0) &
	       ~(layer >= 0 ? GENMASK(layer, 0) : 0);
}

/*
 * Layers that refuse @request: none only for a ptrace or scope target that
 * changed its domain since the hook's check.
 */
static layer_mask_t get_deniers(const struct landlock_ruleset *const domain,
				const struct landlock_request *const request)
{
	if (request->layer_masks) {
		const layer_mask_t deniers = get_mask_deniers(request);
		/*
		 * Only a refused reparenting (EXDEV) leaves no right missing
		 * in the masks: every layer that handles the refer right may
		 * be the one that refuses it.
		 */
		const struct access_masks refer = {
			.fs = LANDLOCK_ACCESS_FS_REFER,
		};

		return deniers ?: get_handling_layers(domain, refer);
	}
	if (request->type == LANDLOCK_REQUEST_PTRACE)
		return get_unshared_layers(domain, request->target);
	if (request->type == LANDLOCK_REQUEST_SCOPE_SIGNAL ||
	    request->type == LANDLOCK_REQUEST_SCOPE_ABSTRACT_UNIX_SOCKET) {
		const struct access_masks scope = {
			.scope = request->access,
		};

		return get_unshared_layers(domain, request->target) &
		       get_handling_layers(domain, scope);
	}
	if (request->type == LANDLOCK_REQUEST_FS_CHANGE_TOPOLOGY) {
		/* Every layer that handles a filesystem right refuses it. */
		const struct access_masks any_fs = {
			.fs = ~0,
		};

		return get_handling_layers(domain, any_fs);
	}
	if (request->deniers)
		return request->deniers;
	return request->layer_plus_one ? BIT(request->layer_plus_one - 1) : 0;
}

/*
 * The layer that answers for a refusal by @deniers: the youngest enforcing
 * one, whose refusal stands, or else the youngest of them, all permissive,
 * and then the request is allowed.
 */
static size_t get_responsible_layer(const layer_mask_t deniers,
				    const layer_mask_t permissive,
				    bool *const enforced)
{
	const layer_mask_t enforcing = deniers & ~permissive;

	*enforced = enforcing;
	return __fls(enforcing ?: deniers);
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

static void test_responsible_layer(struct kunit *const test)
{
	bool enforced;

	/* No permissive layer: the youngest denier, as upstream. */
	KUNIT_EXPECT_EQ(test, 0, get_responsible_layer(BIT(0), 0, &enforced));
	KUNIT_EXPECT_TRUE(test, enforced);
	KUNIT_EXPECT_EQ(test, 3,
			get_responsible_layer(BIT(0) | BIT(3), 0, &enforced));
	KUNIT_EXPECT_TRUE(test, enforced);

	/* A permissive layer alone: allowed, and its own. */
	KUNIT_EXPECT_EQ(test, 2,
			get_responsible_layer(BIT(2), BIT(2), &enforced));
	KUNIT_EXPECT_FALSE(test, enforced);

	/* Permissive above an enforcing denier: the enforcing one stands. */
	KUNIT_EXPECT_EQ(test, 1,
			get_responsible_layer(BIT(1) | BIT(4), BIT(4),
					      &enforced));
	KUNIT_EXPECT_TRUE(test, enforced);

	/* Permissive below an enforcing denier: same. */
	KUNIT_EXPECT_EQ(test, 4,
			get_responsible_layer(BIT(1) | BIT(4), BIT(1),
					      &enforced));
	KUNIT_EXPECT_TRUE(test, enforced);

	/* Permissive layers that do not deny change nothing. */
	KUNIT_EXPECT_EQ(test, 1,
			get_responsible_layer(BIT(1), BIT(0) | BIT(5),
					      &enforced));
	KUNIT_EXPECT_TRUE(test, enforced);

	/* Several permissive deniers: the youngest, allowed. */
	KUNIT_EXPECT_EQ(test, 15,
			get_responsible_layer(BIT(0) | BIT(15),
					      BIT(0) | BIT(15), &enforced));
	KUNIT_EXPECT_FALSE(test, enforced);
}

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

/**
 * landlock_log_denial - Settle a refusal: count it, log it, tell if it stands
 *
 * @subject: Credential of the task whose request was refused (for a file,
 *           the credential that opened it).
 * @request: What was refused, and by which layers.
 *
 * Called only on the refusal path, by every hook.  If an enforcing layer
 * refuses the request, the youngest such layer answers for it and the
 * refusal stands; if only permissive layers do, the youngest of them
 * answers for it and the request is allowed.  Either way the refusal is
 * counted in that layer's denials and logged if the layer asks for it.
 * The first logged denial of a layer also logs the layer's allocation,
 * with its creator.
 *
 * Return: true if the hook must deny the request, false if it must allow
 * it.
 */
bool landlock_log_denial(const struct landlock_cred_security *const subject,
			 const struct landlock_request *const request)
{
	struct landlock_hierarchy *hierarchy;
	access_mask_t access = request->access;
	layer_mask_t deniers, permissive;
	bool enforced;
	size_t layer;

	if (WARN_ON_ONCE(!subject || !subject->domain))
		return true;

	deniers = get_deniers(subject->domain, request);
	/*
	 * The target of a ptrace or a scope may have changed its domain since
	 * the hook's check: the refusal then stands, as the check said.
	 */
	if (!deniers)
		return true;
	permissive = subject->domain->hierarchy->permissive_layers;
	layer = get_responsible_layer(deniers, permissive, &enforced);
	if (request->noaudit)
		return enforced;

	/* Most often the youngest layer answers: no walk, no call. */
	if (layer == subject->domain->num_layers - 1)
		hierarchy = subject->domain->hierarchy;
	else
		hierarchy =
			landlock_get_layer_hierarchy(subject->domain, layer);
	if (!hierarchy)
		return true;
	atomic64_inc(&hierarchy->num_denials);

	/* With audit off, a denial costs no more than this count. */
	if (!is_logged(subject, hierarchy, layer))
		return enforced;
	if (request->layer_masks)
		access = get_layer_access(request, layer) ?:
				 LANDLOCK_ACCESS_FS_REFER;
	log_denial(hierarchy, request, access);
	return enforced;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

/* clang-format off */
static struct kunit_case landlock_audit_test_cases[] = {
	KUNIT_CASE(test_responsible_layer),
	{}
};

/* clang-format on */

static struct kunit_suite landlock_audit_test_suite = {
	.name = "landlock_audit",
	.test_cases = landlock_audit_test_cases,
};

kunit_test_suite(landlock_audit_test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

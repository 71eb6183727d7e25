/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Domain layer metadata
 *
 * Each layer of a domain (what one landlock_restrict_self() call adds) has
 * an ID, a description of the task that created it, and the state needed
 * to log its denials.  These live in struct landlock_hierarchy, which has
 * exactly the lifetime of the layer.
 */

#ifndef _SECURITY_LANDLOCK_DOMAIN_H
#define _SECURITY_LANDLOCK_DOMAIN_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <uapi/linux/landlock.h>

struct landlock_cred_security;
struct landlock_hierarchy;
struct landlock_ruleset;

/**
 * struct landlock_details - Creator of a domain layer
 *
 * Captured by landlock_restrict_self(), never changed afterwards, without
 * allocating anything: embedded in the layer node.
 */
struct landlock_details {
	/**
	 * @pid: Thread group of the creator, to translate into a reader's PID
	 * namespace (its task may be gone by then).
	 */
	struct pid *pid;
	/** @uid: Real UID of the creator. */
	kuid_t uid;
	/** @euid: Effective UID of the creator. */
	kuid_t euid;
	/** @suid: Saved UID of the creator. */
	kuid_t suid;
	/** @gid: Real GID of the creator. */
	kgid_t gid;
	/** @egid: Effective GID of the creator. */
	kgid_t egid;
	/** @sgid: Saved GID of the creator. */
	kgid_t sgid;
	/**
	 * @user_ns: User namespace of the creator, for the CAP_SYS_PTRACE
	 * check of readers.
	 */
	struct user_namespace *user_ns;
	/**
	 * @undumpable_ns: NULL if the creator was dumpable when it created
	 * the layer; else the user namespace of its memory map, in which a
	 * reader needs CAP_SYS_PTRACE, as ptrace requires for a non-dumpable
	 * task.
	 */
	struct user_namespace *undumpable_ns;
	/**
	 * @exe: Executable of the creator, 0 if it had none.  First the
	 * creator's open executable file, whose path is rendered by whoever
	 * reads it, not on the creation path; then, once a task that holds
	 * this layer executes another program, the path itself, tagged with
	 * %LANDLOCK_CREATOR_EXE_PATH (see domain.c).
	 */
	unsigned long exe;
	/** @comm: Command name of the creator. */
	char comm[TASK_COMM_LEN];
};

/**
 * enum landlock_log_status - Whether a layer was announced in the audit log
 *
 * @LANDLOCK_LOG_PENDING: Allocation not logged yet (maybe suppressed by
 * kernel.landlock.log_kinds_allowed); the next logged denial also logs the
 * layer's allocation if that sysctl allows it.
 * @LANDLOCK_LOG_RECORDED: The allocation was logged, so the deallocation
 * will be too.
 * @LANDLOCK_LOG_DISABLED: This layer never logs (created under
 * %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF).
 */
enum landlock_log_status {
	LANDLOCK_LOG_PENDING = 0,
	LANDLOCK_LOG_RECORDED,
	LANDLOCK_LOG_DISABLED,
};

/*
 * &landlock_hierarchy.restrict_flags keeps upstream's logging flags at their
 * bits and the project's permissive flag at bit 3: a layer's flags are one
 * byte, set with one store on the domain creation path.
 */
#define LANDLOCK_LAYER_UPSTREAM_FLAGS               \
	(LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF | \
	 LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON |   \
	 LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF)
#define LANDLOCK_LAYER_PERMISSIVE BIT(3)
static_assert(LANDLOCK_LAYER_UPSTREAM_FLAGS < LANDLOCK_LAYER_PERMISSIVE);

/**
 * landlock_pack_layer_flags - Pack the flags of landlock_restrict_self()
 *
 * @flags: Flags of landlock_restrict_self(), already checked.
 *
 * A permissive layer is there to show all that it would deny: it also logs
 * the denials of the programs that it executes, as if
 * %LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON were passed.
 *
 * Return: The byte for &landlock_hierarchy.restrict_flags.
 */
static inline u8 landlock_pack_layer_flags(const u32 flags)
{
	if (flags & LANDLOCK_RESTRICT_SELF_PERMISSIVE)
		return (flags & LANDLOCK_LAYER_UPSTREAM_FLAGS) |
		       LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON |
		       LANDLOCK_LAYER_PERMISSIVE;
	return flags & LANDLOCK_LAYER_UPSTREAM_FLAGS;
}

/**
 * landlock_unpack_layer_flags - Give back the flags of a layer
 *
 * @restrict_flags: &landlock_hierarchy.restrict_flags of a layer.
 *
 * Return: The flags of landlock_restrict_self() that the layer follows.
 */
static inline u32 landlock_unpack_layer_flags(const u8 restrict_flags)
{
	if (restrict_flags & LANDLOCK_LAYER_PERMISSIVE)
		return (restrict_flags & LANDLOCK_LAYER_UPSTREAM_FLAGS) |
		       LANDLOCK_RESTRICT_SELF_PERMISSIVE;
	return restrict_flags;
}

/**
 * landlock_layer_logs - Tell whether a layer logs the denials of a program
 *
 * @restrict_flags: &landlock_hierarchy.restrict_flags of the layer.
 * @same_exec: The program is the one that created the layer.
 *
 * Logging follows upstream's defaults: denials of the creating program are
 * logged, those after its next execve(2) are not.
 *
 * Return: True if the layer's denials are to be logged, unless a
 * %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF above it disabled its logs.
 */
static inline bool landlock_layer_logs(const u8 restrict_flags,
				       const bool same_exec)
{
	if (same_exec)
		return !(restrict_flags &
			 LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF);
	return restrict_flags & LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON;
}

int landlock_init_hierarchy(struct landlock_hierarchy *const hierarchy);
int landlock_publish_layer(struct landlock_ruleset *const domain,
			   const u32 flags,
			   const struct landlock_cred_security *const creator);
void landlock_release_layer(struct landlock_hierarchy *const hierarchy);
void landlock_put_hierarchy(struct landlock_hierarchy *hierarchy);
bool landlock_creator_exe_is_file(const struct landlock_details *const details);
const char *
landlock_get_creator_exe(const struct landlock_details *const details,
			 char *const buf, const int size);
void landlock_settle_creator_exes(const struct landlock_ruleset *const domain,
				  u32 layers);
struct landlock_hierarchy *
landlock_get_layer_hierarchy(const struct landlock_ruleset *const domain,
			     const size_t layer);

#endif /* _SECURITY_LANDLOCK_DOMAIN_H */

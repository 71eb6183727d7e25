// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denied ptrace, signals and abstract UNIX
 * sockets
 *
 * task.c decides; this file only describes a denial to
 * landlock_log_denial(), which tells whether it stands: ptrace and scopes
 * name the domain of the target, whose layers the subject does not share.
 */

#include <linux/cred.h>
#include <linux/lsm_audit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <uapi/linux/landlock.h>

#include "audit.h"
#include "cred.h"
#include "task_log.h"

/**
 * landlock_log_ptrace_denial - Log a denied ptrace access
 *
 * @parent: Task that would trace.
 * @child: Task that would be traced.
 * @log: False for a check that asks not to be audited
 *       (%PTRACE_MODE_NOAUDIT), which is then neither logged nor counted.
 *
 * Return: true if the refusal stands, false if only permissive layers
 * refuse (see landlock_log_denial()).
 */
bool landlock_log_ptrace_denial(const struct task_struct *const parent,
				const struct task_struct *const child,
				const bool log)
{
	const struct landlock_cred_security *subject;
	struct landlock_request request = {
		.type = LANDLOCK_REQUEST_PTRACE,
		.audit.type = LSM_AUDIT_DATA_TASK,
		.audit.u.tsk = (struct task_struct *)child,
		.noaudit = !log,
	};
	bool denied = true;

	rcu_read_lock();
	subject = landlock_cred(__task_cred(parent));
	request.target = landlock_get_task_domain(child);
	if (subject->domain)
		denied = landlock_log_denial(subject, &request);
	rcu_read_unlock();
	return denied;
}

static bool log_scope_denial(const struct landlock_cred_security *const subject,
			     const struct landlock_ruleset *const target,
			     const access_mask_t scope,
			     const struct common_audit_data *const audit)
{
	const struct landlock_request request = {
		.type = scope == LANDLOCK_SCOPE_SIGNAL ?
				LANDLOCK_REQUEST_SCOPE_SIGNAL :
				LANDLOCK_REQUEST_SCOPE_ABSTRACT_UNIX_SOCKET,
		.audit = *audit,
		.access = scope,
		.target = target,
	};

	return landlock_log_denial(subject, &request);
}

/**
 * landlock_log_signal_denial - Log a signal refused by the signal scope
 *
 * @subject: Landlock blob of the sender's credentials (for SIGIO, those of
 *           the file's owner).
 * @target: Task the signal was for; the caller holds the RCU read lock.
 *
 * Return: true if the refusal stands, false if only permissive layers
 * refuse (see landlock_log_denial()).
 */
bool landlock_log_signal_denial(const struct landlock_cred_security *subject,
				struct task_struct *const target)
{
	const struct common_audit_data audit = {
		.type = LSM_AUDIT_DATA_TASK,
		.u.tsk = target,
	};

	return log_scope_denial(subject, landlock_get_task_domain(target),
				LANDLOCK_SCOPE_SIGNAL, &audit);
}

/**
 * landlock_log_unix_socket_denial - Log a connection or a datagram refused
 *                                   by the abstract UNIX socket scope
 *
 * @other: The abstract UNIX socket of the peer.
 *
 * Return: true if the refusal stands, false if only permissive layers
 * refuse (see landlock_log_denial()).
 */
bool landlock_log_unix_socket_denial(struct sock *const other)
{
	struct lsm_network_audit net = {
		.sk = other,
		.family = AF_UNIX,
	};
	const struct common_audit_data audit = {
		.type = LSM_AUDIT_DATA_NET,
		.u.net = &net,
	};
	/* The credentials will not change, as for sock_is_scoped(). */
	const struct landlock_ruleset *const target =
		landlock_cred(other->sk_socket->file->f_cred)->domain;

	return log_scope_denial(landlock_cred(current_cred()), target,
				LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET, &audit);
}

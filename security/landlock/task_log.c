// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Audit records of denied ptrace, signal and abstract UNIX
 * socket requests
 *
 * task.c decides; this file only describes a denial to landlock_log_denial().
 */

#include <linux/cred.h>
#include <linux/lsm_audit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <net/sock.h>
#include <uapi/linux/landlock.h>

#include "audit.h"
#include "cred.h"
#include "ruleset.h"
#include "task_log.h"

/**
 * landlock_log_ptrace_denial - Log a denied ptrace request
 *
 * @parent: The tracer.
 * @child: The tracee.
 *
 * The tracer's youngest layer is never an ancestor of the tracee's domain
 * when the tracer is denied, so it is the layer responsible.
 */
void landlock_log_ptrace_denial(const struct task_struct *const parent,
				const struct task_struct *const child)
{
	const struct landlock_cred_security *subject;
	struct landlock_request request = {
		.type = LANDLOCK_REQUEST_PTRACE,
		.audit.type = LSM_AUDIT_DATA_TASK,
		.audit.u.tsk = (struct task_struct *)child,
	};

	rcu_read_lock();
	subject = landlock_cred(__task_cred(parent));
	if (subject->domain) {
		request.layer_plus_one = subject->domain->num_layers;
		landlock_log_denial(subject, &request);
	}
	rcu_read_unlock();
}

/*
 * When domain_is_scoped() refuses, the client's youngest layer with @scope
 * is the one that refused: an older layer can only refuse if every younger
 * one with @scope does.
 */
static void log_scope_denial(const struct landlock_cred_security *const subject,
			     const access_mask_t scope,
			     const struct common_audit_data *const audit)
{
	const struct access_masks masks = {
		.scope = scope,
	};
	const struct landlock_request request = {
		.type = scope == LANDLOCK_SCOPE_SIGNAL ?
				LANDLOCK_REQUEST_SCOPE_SIGNAL :
				LANDLOCK_REQUEST_SCOPE_ABSTRACT_UNIX_SOCKET,
		.audit = *audit,
		.layer_plus_one =
			landlock_get_handle_layer(subject->domain, masks) + 1,
	};

	landlock_log_denial(subject, &request);
}

/**
 * landlock_log_unix_socket_denial - Log a refused abstract UNIX socket
 *
 * @other: The socket that the current task may not connect or send to.
 */
void landlock_log_unix_socket_denial(struct sock *const other)
{
	struct lsm_network_audit net = {
		.sk = other,
		.family = AF_UNIX,
	};

	log_scope_denial(landlock_cred(current_cred()),
			 LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
			 &(struct common_audit_data){
				 .type = LSM_AUDIT_DATA_NET,
				 .u.net = &net,
			 });
}

/**
 * landlock_log_signal_denial - Log a refused signal
 *
 * @subject: The sender (for a SIGIO, the file owner's recorded credential).
 * @target: The task that may not receive the signal.
 */
void landlock_log_signal_denial(const struct landlock_cred_security *subject,
				struct task_struct *const target)
{
	log_scope_denial(subject, LANDLOCK_SCOPE_SIGNAL,
			 &(struct common_audit_data){
				 .type = LSM_AUDIT_DATA_TASK,
				 .u.tsk = target,
			 });
}

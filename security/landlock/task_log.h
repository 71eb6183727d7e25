/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Audit records of denied ptrace, signal and abstract UNIX
 * socket requests
 */

#ifndef _SECURITY_LANDLOCK_TASK_LOG_H
#define _SECURITY_LANDLOCK_TASK_LOG_H

#include <linux/sched.h>
#include <net/sock.h>

#include "cred.h"

void landlock_log_ptrace_denial(const struct task_struct *const parent,
				const struct task_struct *const child);

void landlock_log_unix_socket_denial(struct sock *const other);

void landlock_log_signal_denial(const struct landlock_cred_security *subject,
				struct task_struct *const target);

#endif /* _SECURITY_LANDLOCK_TASK_LOG_H */

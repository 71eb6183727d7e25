/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Audit records of denied ptrace, signals and abstract UNIX
 * sockets
 */

#ifndef _SECURITY_LANDLOCK_TASK_LOG_H
#define _SECURITY_LANDLOCK_TASK_LOG_H

#include <linux/sched.h>
#include <linux/types.h>
#include <net/sock.h>

#include "cred.h"

bool landlock_log_ptrace_denial(const struct task_struct *const parent,
				const struct task_struct *const child,
				const bool log);
bool landlock_log_signal_denial(const struct landlock_cred_security *subject,
				struct task_struct *const target);
bool landlock_log_unix_socket_denial(struct sock *const other);

#endif /* _SECURITY_LANDLOCK_TASK_LOG_H */

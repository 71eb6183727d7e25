#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo that "make run" shows: what a person wants to see, step by step.
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; sh -c "$*"; }

step "Kernel"
show uname -sr

step "Landlock ABI version (landlock_create_ruleset with LANDLOCK_CREATE_RULESET_VERSION)"
show landlock-abi

step "A sandbox: read-only everywhere, read-write only in /tmp"
echo "upstream's samples/landlock/sandboxer restricts itself, then runs a shell"
export LL_FS_RO=/ LL_FS_RW=/tmp
show 'sandboxer /bin/sh -c "echo allowed >/tmp/demo && cat /tmp/demo; echo denied >/etc/demo"'
unset LL_FS_RO LL_FS_RW
echo "(the write to /etc was denied by Landlock: EACCES)"

step "The same denial in the audit log (no audit daemon here: the kernel log)"
echo "LL_FORCE_LOG=1 asks the sandboxer for LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,"
echo "so that the denials of the program it runs are logged too."
export LL_FS_RO=/ LL_FS_RW=/tmp LL_FORCE_LOG=1
show 'sandboxer /bin/sh -c "echo denied >/etc/demo"'
unset LL_FS_RO LL_FS_RW LL_FORCE_LOG
sleep 1
show "dmesg | grep -E 'type=142[34]' | sed 's/^.*audit: //'"

step "Powering off"

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

step "Powering off"

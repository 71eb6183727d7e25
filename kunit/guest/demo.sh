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

step "A permissive sandbox: it logs what it would deny, and the program keeps working"
echo "LL_PERMISSIVE=1 asks the sandboxer for LANDLOCK_RESTRICT_SELF_PERMISSIVE"
echo "(a flag of this kernel only): the write to /etc succeeds, and is logged."
export LL_FS_RO=/ LL_FS_RW=/tmp LL_PERMISSIVE=1
show 'sandboxer /bin/sh -c "echo written >/etc/demo && cat /etc/demo"'
sleep 1
perm_id=$(dmesg | grep 'mode=permissive' | tail -n 1 | sed -n 's/.*domain=\([0-9a-f]*\).*/\1/p')
show "dmesg | grep 'domain=$perm_id' | sed 's/^.*audit: //'"
sandboxer sleep 5 >/dev/null 2>&1 &
perm_pid=$!
unset LL_FS_RO LL_FS_RW LL_PERMISSIVE
sleep 1
perm_id=$(cat /proc/$perm_pid/attr/landlock/domain)
show "cat /sys/kernel/security/landlock/domains/$perm_id/mode /sys/kernel/security/landlock/domains/$perm_id/log_flags"
kill $perm_pid 2>/dev/null
rm -f /etc/demo

step "The administrator turns denial logging off (kernel.landlock.log_kinds_allowed)"
show "cat /proc/sys/kernel/landlock/log_kinds_avail"
# Without an audit daemon, the kernel prints audit records rate-limited
# (10 per 5 s): let the earlier ones pass.
sleep 5
show "echo allocation deallocation id_restore >/proc/sys/kernel/landlock/log_kinds_allowed"
show "cat /proc/sys/kernel/landlock/log_kinds_allowed"
sleep 1
echo "the change, in the audit log (AUDIT_CONFIG_CHANGE):"
show "dmesg | grep 'op=landlock-logging' | tail -n 1 | sed 's/^.*audit: //'"
before=$(dmesg | grep -c 'type=1423')
export LL_FS_RO=/ LL_FS_RW=/tmp LL_FORCE_LOG=1
show 'sandboxer /bin/sh -c "echo denied >/etc/demo"'
unset LL_FS_RO LL_FS_RW LL_FORCE_LOG
sleep 1
echo "access records in the kernel log before: $before, after: $(dmesg | grep -c 'type=1423')"
echo "(denied with EACCES, counted, but not logged); a bad list changes nothing:"
show "echo 'denial  allocation' >/proc/sys/kernel/landlock/log_kinds_allowed"
show "cat /proc/sys/kernel/landlock/log_kinds_allowed"
show "cat /proc/sys/kernel/landlock/log_kinds_avail >/proc/sys/kernel/landlock/log_kinds_allowed"

step "Introspection: a nested sandbox, seen from outside"
echo "A sandbox (read-only /, read-write /tmp) runs a second sandbox"
echo "(read-write /tmp/inner only), whose shell tries to write /etc/x, then sleeps."
mkdir -p /tmp/inner
LL_FS_RO=/ LL_FS_RW=/tmp sandboxer \
	env LL_FS_RO=/ LL_FS_RW=/tmp/inner LL_FORCE_LOG=1 \
	sandboxer /bin/sh -c 'echo x >/etc/x 2>/dev/null; exec sleep 30' \
	>/dev/null 2>&1 &
# Each program execs the next, so the sleeping process keeps this PID.
pid=$!
sleep 2
echo "the sandboxed process: pid $pid"
show "cat /proc/$pid/attr/landlock/domain"
id=$(cat /proc/$pid/attr/landlock/domain)
show "ls /sys/kernel/security/landlock/domains/"
show "cd /sys/kernel/security/landlock/domains/$id && grep -r . . | sort"
parent=$(cat /sys/kernel/security/landlock/domains/$id/parent)
show "cat /sys/kernel/security/landlock/domains/$parent/rules"
echo "the same ID in the audit record of the nested sandbox's denial:"
show "dmesg | grep 'domain=$id' | sed 's/^.*audit: //'"
echo "and from inside a sandbox, its own domain is invisible:"
show "LL_FS_RO=/ LL_FS_RW=/tmp sandboxer cat /proc/self/attr/landlock/domain 2>/dev/null"
show "ls /sys/kernel/security/landlock/"
show "cat /sys/kernel/security/landlock/abi_version /sys/kernel/security/landlock/features/*"

step "The same with landlockctl (tools/landlock/)"
show "landlockctl ps -o PID,USER,STATE,DOMAIN,DEPTH,EXE"
show "landlockctl tree"
show "landlockctl show $id"
show "landlockctl stats"
show "landlockctl --prometheus | grep -v '^#'"
show "landlockctl dump $pid >/tmp/image.json && head -c 400 /tmp/image.json; echo"
show "landlockctl restore /tmp/image.json -- /bin/true; echo \"exit status \$?\""
kill $pid 2>/dev/null

step "Checkpoint/restore: a sandboxed process recreated with its domain IDs"
echo "A sandboxed shell (read-only /, read-write /tmp, denials logged) is denied"
echo "a write to /etc, then sleeps."
LL_FS_RO=/ LL_FS_RW=/tmp LL_FORCE_LOG=1 sandboxer \
	/bin/sh -c 'echo x >/etc/ckpt 2>/dev/null; exec sleep 600' \
	>/dev/null 2>&1 &
ckpt=$!
sleep 2
show "cat /proc/$ckpt/attr/landlock/domain"
ckpt_id=$(cat /proc/$ckpt/attr/landlock/domain)
echo "checkpoint: dump its layers, then kill it"
show "landlockctl dump $ckpt >/tmp/ckpt.json && landlockctl show $ckpt_id | head -4"
show "kill -KILL $ckpt"
wait $ckpt 2>/dev/null
i=0
while [ -e "/sys/kernel/security/landlock/domains/$ckpt_id" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
show "ls /sys/kernel/security/landlock/domains/ | grep -c $ckpt_id"
echo "restore: the same layers, under the same IDs, then the same program"
landlockctl restore /tmp/ckpt.json -- \
	/bin/sh -c 'echo x >/etc/ckpt 2>/dev/null; exec sleep 600' \
	>/dev/null 2>&1 &
restored=$!
sleep 2
show "cat /proc/$restored/attr/landlock/domain"
show "landlockctl show $ckpt_id | head -4"
echo "the restore record, and the denials before and after, under one ID:"
show "dmesg | grep 'domain=$ckpt_id' | sed 's/^.*audit: //'"
kill -KILL $restored 2>/dev/null

step "Powering off"

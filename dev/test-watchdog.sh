#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tests dev/boot.sh's watchdog and KVM fallback in seconds, with a stand-in
# for QEMU: a script that writes a few console lines and then does what the
# case asks (hang silently, print forever, report a status, hang under KVM
# only).  Each check runs under an outer timeout, so that a missing
# watchdog shows as a failed case, never as a hung test.
. "$(dirname "$0")/common.sh"

tmp=$(mktemp -d)
cleanup() {
	local pid
	for pid in $(cat "$tmp/pids" 2>/dev/null); do
		kill -9 "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/build/obj-test/arch/x86/boot"
touch "$tmp/build/obj-test/arch/x86/boot/bzImage" "$tmp/build/initramfs-test.cpio"
touch "$tmp/kvm"

# The stand-in: console and results files from the -serial file:X options;
# FAKE_MODE=hang|chatter|exit|hang-under-kvm.
cat >"$tmp/fake-qemu" <<'EOF'
#!/bin/bash
files=() kvm=0
for a in "$@"; do
	case $a in
	file:*) files+=("${a#file:}") ;;
	*accel=kvm*) kvm=1 ;;
	esac
done
echo $$ >>"$FAKE_PIDS"
console=${files[0]:-/dev/null}
for i in 1 2 3; do echo "[    0.00000$i] fake boot line $i" >>"$console"; done
case $FAKE_MODE in
hang) exec sleep 1000 ;;
chatter) while :; do echo tick >>"$console"; sleep 0.2; done ;;
exit) exit 1 ;; # isa-debug-exit's encoding of guest status 0
hang-under-kvm) [ $kvm = 1 ] && exec sleep 1000; exit 1 ;;
esac
EOF
chmod +x "$tmp/fake-qemu"

# Runs boot.sh with the stand-in; sets $out (its stdout), $err, $rc, $secs.
boot() {
	local mode=$1 start
	shift
	: >"$tmp/pids"
	start=$(date +%s)
	set +e
	# Whatever the caller's environment says (make check KVM=1...), each
	# case sets the knobs it tests and nothing else.
	out=$(env -u KVM -u GUEST_IDLE -u GUEST_LIMIT -u KVM_PROBE_IDLE \
		-u KVM_PROBE_LIMIT -u QEMU_EXTRA -u INITRAMFS_VARIANT \
		BUILD="$tmp/build" QEMU="$tmp/fake-qemu" FAKE_MODE="$mode" \
		FAKE_PIDS="$tmp/pids" KVM_DEV="$tmp/kvm" "$@" \
		timeout 30 "$ROOT/dev/boot.sh" test test 2>"$tmp/err")
	rc=$?
	set -e
	secs=$(($(date +%s) - start))
	err=$(cat "$tmp/err")
}

# No stand-in process may outlive boot.sh.
reaped() {
	local pid
	while read -r pid; do
		kill -0 "$pid" 2>/dev/null && return 1
	done <"$tmp/pids"
	return 0
}

result() { # condition-status, name, details
	if [ "$1" = 0 ]; then
		echo "ok watchdog: $2"
	else
		echo "not ok watchdog: $2 # $3"
	fi
}

boot hang GUEST_IDLE=2
want="not ok guest (test): no output for 2 s after: [    0.000003] fake boot line 3"
[ "$out" = "$want" ] && [ $rc = 124 ] && [ $secs -lt 15 ] && reaped
result $? "a silent guest is killed and reported with its last console line" \
	"rc=$rc after ${secs}s, stdout: $out"

boot chatter GUEST_IDLE=2 GUEST_LIMIT=3
case $out in
"not ok guest (test): still running after the limit of 3 s, last line: tick") s=0 ;;
*) s=1 ;;
esac
[ $s = 0 ] && [ $rc = 124 ] && [ $secs -lt 15 ] && reaped
result $? "a guest that prints forever is killed at the overall limit" \
	"rc=$rc after ${secs}s, stdout: $out"

boot exit GUEST_IDLE=2
[ "$out" = "ok guest (test): booted under tcg and reported status 0" ] && [ $rc = 0 ]
result $? "a guest that reports status 0 passes, under TCG by default" \
	"rc=$rc, stdout: $out"

boot hang-under-kvm GUEST_IDLE=2 KVM=1 KVM_PROBE_IDLE=2
[ "$out" = "ok guest (test): booted under tcg and reported status 0" ] &&
	[ $rc = 0 ] && grep -q 'notice: KVM probe failed (no output for 2 s' <<<"$err" &&
	[ $secs -lt 15 ] && reaped
result $? "KVM=1 with a KVM that hangs falls back to TCG with a notice" \
	"rc=$rc after ${secs}s, stdout: $out, stderr: $err"

boot exit GUEST_IDLE=2 KVM=1
[ "$out" = "ok guest (test): booted under kvm and reported status 0" ] && [ $rc = 0 ]
result $? "KVM=1 with a KVM that boots uses it" "rc=$rc, stdout: $out"

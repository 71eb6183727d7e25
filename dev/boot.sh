#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boots the guest kernel in QEMU, under a progress watchdog.
# Usage: boot.sh test|debug|base|coverage demo|test|bench|coverage [args...]
#   demo:  the serial console is this terminal
#   test:  console (kernel log) to build/<variant>-console.log, test output
#          (second serial port) to build/<variant>-results.log
#   bench, coverage: as test
#
# Software emulation (TCG) unless KVM=1: a /dev/kvm that exists may still
# fail to boot a guest under nested virtualization, and then QEMU spins
# silently.  With KVM=1, a short probe boot decides; a failed probe falls
# back to TCG with a notice.
#
# In test and bench modes, prints one TAP case line on stdout:
#   ok guest (<variant>): ...  or  not ok guest (<variant>): <why>
# Exits with the guest's own status, 124 if the watchdog stopped it, or 125
# if it ended without reporting a status.
#
# Environment: GUEST_IDLE (seconds without any serial output before the
# guest is killed, default 120), GUEST_LIMIT (overall seconds, default
# scaled with the number of test binaries), QEMU (the emulator binary),
# KVM=1, KVM_DEV (default /dev/kvm), INITRAMFS_VARIANT, QEMU_EXTRA,
# GUEST_SMP (CPUs, default 2), GUEST_MEM (default 512M, 2G for debug).
. "$(dirname "$0")/common.sh"

variant=$1 mode=$2
shift 2
kernel=$BUILD/obj-$variant/arch/x86/boot/bzImage
initrd=$BUILD/initramfs-${INITRAMFS_VARIANT:-$variant}.cpio
[ -f "$kernel" ] && [ -f "$initrd" ] || die "build the $variant kernel and initramfs first"
qemu=${QEMU:-qemu-system-x86_64}
idle=${GUEST_IDLE:-120}

mem=${GUEST_MEM:-512M}
[ "$variant" = debug ] && mem=${GUEST_MEM:-2G}
base_args=(-cpu max -smp "${GUEST_SMP:-2}" -m "$mem" -no-reboot -display none -monitor none
	-nodefaults -device isa-debug-exit,iobase=0xf4,iosize=0x04
	-kernel "$kernel" -initrd "$initrd")
# shellcheck disable=SC2206 # QEMU_EXTRA is a list of words on purpose
[ -n "${QEMU_EXTRA:-}" ] && base_args+=($QEMU_EXTRA)

# isa-debug-exit makes QEMU exit with (status << 1) | 1; anything else
# (0, 124 from the watchdog, a signal) means the guest reported nothing.
guest_status() {
	if [ $(($1 & 1)) = 1 ] && [ "$1" -lt 124 ]; then
		echo $(($1 >> 1))
	else
		echo -1
	fi
}

# Boots the same kernel with KVM into llmode=probe, which ends at once.
kvm_works() {
	local dir rc
	dir=$(mktemp -d)
	python3 "$ROOT/dev/watchdog.py" --idle "${KVM_PROBE_IDLE:-30}" \
		--limit "${KVM_PROBE_LIMIT:-60}" --watch "$dir/console" \
		--report "$dir/report" -- "$qemu" -machine pc,accel=kvm \
		"${base_args[@]}" -serial "file:$dir/console" -serial null \
		-append "console=ttyS0 panic=-1 llmode=probe" >/dev/null 2>&1
	rc=$?
	probe_reason=$(cat "$dir/report" 2>/dev/null)
	rm -rf "$dir"
	[ "$(guest_status $rc)" = 0 ] && return 0
	probe_reason=${probe_reason:-qemu exit status $rc}
	return 1
}

accel=tcg
if [ "${KVM:-0}" = 1 ]; then
	if [ ! -w "${KVM_DEV:-/dev/kvm}" ]; then
		say "notice: KVM=1 but ${KVM_DEV:-/dev/kvm} is not usable; using TCG"
	elif kvm_works; then
		accel=kvm
		say "KVM probe booted: using KVM"
	else
		say "notice: KVM probe failed ($probe_reason); using TCG"
	fi
fi

cmdline="console=ttyS0 panic=-1 llmode=$mode $*"
watch=()
case $mode in
demo)
	serial=(-serial stdio -serial null)
	# No audit daemon in the guest: audit=1 sends records to the kernel log.
	cmdline="$cmdline quiet audit=1"
	;;
test | bench | coverage)
	console=$BUILD/$variant-console.log results=$BUILD/$variant-results.log
	rm -f "$console" "$results"
	serial=(-serial "file:$console" -serial "file:$results")
	watch=(--watch "$console" --watch "$results")
	;;
*) die "unknown mode $mode" ;;
esac

# The overall limit grows with the work: a base, plus a share per test
# binary, four times as much on the (much slower) debug kernel.
tests=$(printf '%s\n' "$@" | sed -n 's/^lltests=//p' | tr , '\n' | grep -c . || true)
if [ "$tests" = 0 ] && [ -d "$BUILD/user-$variant/landlock" ]; then
	tests=$(cd "$BUILD/user-$variant/landlock" && ls -- *_test 2>/dev/null | wc -l)
fi
factor=1
[ "$variant" = debug ] && factor=4
limit=${GUEST_LIMIT:-$((factor * (180 + 45 * tests)))}

report=$(mktemp)
trap 'rm -f "$report"' EXIT
set +e
python3 "$ROOT/dev/watchdog.py" --idle "$idle" --limit "$limit" "${watch[@]}" \
	--report "$report" -- "$qemu" -machine "pc,accel=$accel" "${base_args[@]}" \
	"${serial[@]}" -append "$cmdline"
rc=$?
set -e
why=$(cat "$report")
status=$(guest_status $rc)

tap() { [ "$mode" = demo ] && echo "$*" >&2 || echo "$*"; }
if [ -n "$why" ]; then
	tap "not ok guest ($variant): $why"
	exit 124
elif [ "$status" = -1 ]; then
	tap "not ok guest ($variant): ended without reporting a status (qemu exit status $rc)"
	exit 125
elif [ "$status" != 0 ]; then
	tap "not ok guest ($variant): the guest reported status $status"
else
	tap "ok guest ($variant): booted under $accel and reported status 0"
fi
exit "$status"

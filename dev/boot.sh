#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boots the guest kernel in QEMU (software emulation unless /dev/kvm works).
# Usage: boot.sh test|debug demo|test [lltests=a_test,b_test]
#   demo: the serial console is this terminal
#   test: console (kernel log) to build/<variant>-console.log, test output
#         (second serial port) to build/<variant>-results.log
# Exits with the guest's own status, or 125 if the guest never reported one.
. "$(dirname "$0")/common.sh"

variant=$1 mode=$2
shift 2
kernel=$BUILD/obj-$variant/arch/x86/boot/bzImage
initrd=$BUILD/initramfs-${INITRAMFS_VARIANT:-$variant}.cpio
[ -f "$kernel" ] && [ -f "$initrd" ] || die "build the $variant kernel and initramfs first"

mem=512M
[ "$variant" = debug ] && mem=2G
accel=tcg
args=(-machine pc,accel=$accel -cpu max -smp 2 -m "$mem" -no-reboot
	-display none -monitor none -nodefaults
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-kernel "$kernel" -initrd "$initrd")
cmdline="console=ttyS0 panic=-1 llmode=$mode $*"

case $mode in
demo)
	args+=(-serial stdio -serial null)
	# No audit daemon in the guest: audit=1 sends records to the kernel log.
	cmdline="$cmdline quiet audit=1"
	;;
test | bench)
	console=$BUILD/$variant-console.log results=$BUILD/$variant-results.log
	rm -f "$console" "$results"
	args+=(-serial "file:$console" -serial "file:$results")
	;;
*) die "unknown mode $mode" ;;
esac

set +e
timeout "${GUEST_TIMEOUT:-1800}" qemu-system-x86_64 "${args[@]}" -append "$cmdline"
rc=$?
set -e
# isa-debug-exit makes QEMU exit with (status << 1) | 1.
if [ $((rc & 1)) = 1 ] && [ "$rc" != 125 ] && [ "$rc" -lt 124 ]; then
	exit $((rc >> 1))
fi
echo "guest ended without reporting a status (qemu rc=$rc)" >&2
exit 125

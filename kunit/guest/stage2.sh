#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stage 2, in the tmpfs root: mount the usual filesystems, run what the
# kernel command line asks for (llmode=test, demo, bench or probe), then
# end the guest through isa-debug-exit so that the host reads the status.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t securityfs securityfs /sys/kernel/security
mount -t tmpfs -o mode=1777 tmp /tmp
[ -d /sys/kernel/debug ] && mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname guest
export PATH=/bin:/tests/bin HOME=/root

mode=test
for arg in $(cat /proc/cmdline); do
	case $arg in
	llmode=*) mode=${arg#llmode=} ;;
	esac
done

case $mode in
test) /tests/run-tests.sh >/dev/ttyS1 2>&1 ;;
demo) /tests/demo.sh </dev/console >/dev/console 2>&1 ;;
bench) landlock-bench >/dev/ttyS1 2>&1 ;;
probe) true ;; # dev/boot.sh's KVM probe: reaching here is the answer
*) echo "unknown llmode=$mode" >/dev/console ;;
esac
guest-exit $?

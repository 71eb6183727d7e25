#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stage 2, in the tmpfs root: mount the usual filesystems, run what the
# kernel command line asks for (llmode=test, demo, bench, coverage or
# probe; with bench, llbench=case,case... selects cases and llruns=N sets
# the runs per case), then end the guest through isa-debug-exit so that the
# host reads the status.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t securityfs securityfs /sys/kernel/security
mount -t tmpfs -o mode=1777 tmp /tmp
[ -d /sys/kernel/debug ] && mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
hostname guest
export PATH=/bin:/tests/bin HOME=/root

mode=test bench_cases= bench_runs=5
for arg in $(cat /proc/cmdline); do
	case $arg in
	llmode=*) mode=${arg#llmode=} ;;
	llbench=*) bench_cases=${arg#llbench=} ;;
	llruns=*) bench_runs=${arg#llruns=} ;;
	esac
done

case $mode in
test) /tests/run-tests.sh >/dev/ttyS1 2>&1 ;;
demo) /tests/demo.sh </dev/console >/dev/console 2>&1 ;;
bench) landlock-bench -r "$bench_runs" -c "$bench_cases" >/dev/ttyS1 2>&1 ;;
probe) true ;; # dev/boot.sh's KVM probe: reaching here is the answer
coverage) { /tests/run-tests.sh; /tests/gcov-dump.sh; } >/dev/ttyS1 2>&1 ;;
*) echo "unknown llmode=$mode" >/dev/console ;;
esac
guest-exit $?

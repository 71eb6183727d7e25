#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs every Landlock kselftest binary, each framed by the markers that
# kunit/guest/README.md defines (the host's dev/guest-tap.py reads them).
# The KUnit suites already ran at boot and are in the kernel log, which the
# host reads from the other serial port.
only=
for arg in $(cat /proc/cmdline); do
	case $arg in
	lltests=*) only=$(echo "${arg#lltests=}" | tr , ' ') ;;
	esac
done

cd /tests/landlock || exit 1
for t in *_test; do
	if [ -n "$only" ] && ! echo " $only " | grep -q " $t "; then
		continue
	fi
	echo "@@@ BEGIN $t"
	timeout 600 "./$t"
	echo "@@@ END $t rc=$?"
done

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Two scans: a leak is only reported once it was seen unreferenced twice.
	echo scan >/sys/kernel/debug/kmemleak
	sleep 1
	echo scan >/sys/kernel/debug/kmemleak
	echo "@@@ BEGIN kmemleak"
	cat /sys/kernel/debug/kmemleak
	echo "@@@ END kmemleak rc=0"
fi
echo "@@@ DONE"

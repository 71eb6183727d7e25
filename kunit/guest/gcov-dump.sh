#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# For "make coverage": prints the gcov counters of Landlock's objects, each
# framed as "@@@ GCDA <path below the build folder>" ... "@@@ GCDA-END" and
# base64-encoded, after the tests ran.  dev/coverage.sh decodes them.
cd /sys/kernel/debug/gcov || exit 1
find . -name '*.gcda' -path '*/security/landlock/*' | while read -r f; do
	echo "@@@ GCDA security/landlock/${f##*/}"
	base64 "$f"
	echo "@@@ GCDA-END"
done
echo "@@@ GCOV-DONE"

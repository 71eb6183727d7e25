#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host tests of landlockctl: builds it twice (plain, and with
# AddressSanitizer and UBSan), runs the fixture tests on both and the real
# consumers (promtool, prometheus-node-exporter on 127.0.0.1) on the plain
# one.  Prints "ok NAME" or "not ok NAME # why" per case (dev/stage.sh
# makes TAP of them).  Usage: run.sh [OUTPUT_DIR]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
out=${1:-$(cd "$src/../.." && pwd)/build/landlockctl}
mkdir -p "$out"
rc=0

build() { # name, target
	local log
	if log=$(make -s -C "$src" OUTPUT="$out" "$out/$2" 2>&1); then
		echo "ok build: $1"
	else
		echo "not ok build: $1 # make failed"
		sed 's/^/#   /' <<<"$log" >&2
		return 1
	fi
}

missing=
for t in python3 promtool prometheus-node-exporter setpriv pkg-config; do
	command -v "$t" >/dev/null || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "not ok tools for the tests # missing:$missing (dev/deps.sh installs them)"
	rc=1
fi

# A read(2) that fails with ESRCH, as when a process exits mid-scan.
vanish=()
if log=$(${CC:-gcc} -Wall -O2 -shared -fPIC -o "$out/vanish.so" \
	"$here/vanish.c" -ldl 2>&1); then
	echo "ok build: vanish.so"
	vanish=(--vanish "$out/vanish.so")
else
	echo "not ok build: vanish.so # cc failed"
	sed 's/^/#   /' <<<"$log" >&2
	rc=1
fi
asan_lib=$(${CC:-gcc} -print-file-name=libasan.so)

if build landlockctl landlockctl; then
	timeout 600 python3 "$here/fixtures.py" --consumers "${vanish[@]}" \
		"$out/landlockctl" || rc=1
else
	rc=1
fi
if build "landlockctl (ASan+UBSan)" landlockctl-asan; then
	timeout 900 python3 "$here/fixtures.py" --sanitized --prefix "asan: " \
		"${vanish[@]}" --preload-first "$asan_lib" \
		"$out/landlockctl-asan" || rc=1
else
	rc=1
fi
exit $rc

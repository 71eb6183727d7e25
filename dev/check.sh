#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The test command: prepare, style, round trip, build (W=1, sparse), boot,
# KUnit and every Landlock kselftest in the guest, kernel log scan; then the
# same guest run on the debug kernel (KASAN, lockdep, kmemleak...), whose
# cases are counted under "debug/".  Ends with
# "N passed, N failed, N skipped" and a non-zero status on any failure.
# Usage: check.sh test|debug [comma-separated kselftest binaries]
#   test: the test kernel, then the debug kernel (SKIP_DEBUG=1 to skip it)
#   debug: the debug kernel only
. "$(dirname "$0")/common.sh"
set +e

variant=${1:-test} only=${2:-}
start=$(date +%s)
extra=$BUILD/check-extra.results
fail_early() {
	echo "FAIL $1"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
}

# Builds and boots one variant; its guest status goes to the extra results.
guest_run() {
	local v=$1 boot_args=
	"$ROOT/dev/build-kernel.sh" "$v" || fail_early "building the $v kernel"
	"$ROOT/dev/warnings.sh" "$v" >>"$extra"
	"$ROOT/dev/build-user.sh" "$v" || fail_early "building the $v guest userspace"
	"$ROOT/dev/initramfs.sh" "$v" || fail_early "building the $v initramfs"
	say "booting the $v guest"
	[ -n "$only" ] && boot_args="lltests=$only"
	"$ROOT/dev/boot.sh" "$v" test $boot_args
	local guest=$?
	[ $guest = 0 ] || echo "not ok guest ($v): exit status $guest" >>"$extra"
}

"$ROOT/dev/deps.sh" || fail_early "installing dependencies"
"$ROOT/dev/tree.sh" || fail_early "preparing the tree (see above)"
mkdir -p "$BUILD"
{
	"$ROOT/dev/style.sh"
	"$ROOT/dev/roundtrip.sh"
} >"$extra"

guest_run "$variant"
debug_args=()
if [ "$variant" = test ] && [ "${SKIP_DEBUG:-0}" != 1 ]; then
	guest_run debug
	debug_args=(--debug-console "$BUILD/debug-console.log"
		--debug-results "$BUILD/debug-results.log")
fi

expect=$only
if [ -z "$expect" ]; then
	expect=$(cd "$BUILD/user-$variant/landlock" && ls -- *_test | paste -sd,)
fi
say "check took $(($(date +%s) - start)) s"
exec "$ROOT/dev/report.py" --console "$BUILD/$variant-console.log" \
	--results "$BUILD/$variant-results.log" --expect "$expect" \
	--extra "$extra" "${debug_args[@]}"

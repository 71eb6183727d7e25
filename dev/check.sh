#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The test command: prepare, style, round trip, build, boot, KUnit and every
# Landlock kselftest in the guest, kernel log scan; ends with
# "N passed, N failed, N skipped" and a non-zero status on any failure.
# Usage: check.sh test|debug [comma-separated kselftest binaries]
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

"$ROOT/dev/deps.sh" || fail_early "installing dependencies"
"$ROOT/dev/tree.sh" || fail_early "preparing the tree (see above)"
mkdir -p "$BUILD"
{
	"$ROOT/dev/style.sh"
	"$ROOT/dev/roundtrip.sh"
} >"$extra"
"$ROOT/dev/build-kernel.sh" "$variant" || fail_early "building the kernel"
"$ROOT/dev/warnings.sh" "$variant" >>"$extra"
"$ROOT/dev/build-user.sh" "$variant" || fail_early "building the guest userspace"
"$ROOT/dev/initramfs.sh" "$variant" || fail_early "building the initramfs"

say "booting the $variant guest"
boot_args=
[ -n "$only" ] && boot_args="lltests=$only"
"$ROOT/dev/boot.sh" "$variant" test $boot_args
guest=$?
[ $guest = 0 ] || echo "not ok guest: exit status $guest" >>"$extra"

expect=$only
if [ -z "$expect" ]; then
	expect=$(cd "$BUILD/user-$variant/landlock" && ls -- *_test | paste -sd,)
fi
say "check took $(($(date +%s) - start)) s"
exec "$ROOT/dev/report.py" --console "$BUILD/$variant-console.log" \
	--results "$BUILD/$variant-results.log" --expect "$expect" --extra "$extra"

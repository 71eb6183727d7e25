#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boots the test guest of one kernel and turns what it printed into TAP
# files in build/results/<kernel>/ (dev/guest-tap.py says which).
# Usage: guest-results.sh KERNEL [BINARIES] [MODE]
#   KERNEL    test, debug or coverage
#   BINARIES  comma-separated kselftest binaries (default: all)
#   MODE      the guest's llmode (default: test; coverage also dumps gcov)
. "$(dirname "$0")/common.sh"

variant=$1 only=${2:-} mode=${3:-test}
dir=$BUILD/results/$variant
expect=$(expected_tests "$variant" "$only")
mkdir -p "$dir"
rm -f "$dir"/{guest,kunit,kernel-log,kmemleak,script}.tap "$dir"/*_test.tap

say "booting the $variant guest"
rc=0
"$ROOT/dev/stage.sh" "$variant" guest "$ROOT/dev/boot.sh" "$variant" "$mode" \
	${only:+"lltests=$only"} || rc=$?
python3 "$ROOT/dev/guest-tap.py" --console "$BUILD/$variant-console.log" \
	--results "$BUILD/$variant-results.log" --expect "$expect" --out "$dir"
exit $rc

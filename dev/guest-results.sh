#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boots the test guest of one kernel and turns what it printed into TAP
# files in build/results/<kernel>/ (dev/guest-tap.py says which).
# Usage: guest-results.sh test|debug [comma-separated kselftest binaries]
. "$(dirname "$0")/common.sh"

variant=$1 only=${2:-}
dir=$BUILD/results/$variant
expect=$(expected_tests "$variant" "$only")
mkdir -p "$dir"
rm -f "$dir"/{guest,kunit,kernel-log,kmemleak,script}.tap "$dir"/*_test.tap

say "booting the $variant guest"
rc=0
"$ROOT/dev/stage.sh" "$variant" guest "$ROOT/dev/boot.sh" "$variant" test \
	${only:+"lltests=$only"} || rc=$?
python3 "$ROOT/dev/guest-tap.py" --console "$BUILD/$variant-console.log" \
	--results "$BUILD/$variant-results.log" --expect "$expect" --out "$dir"
exit $rc

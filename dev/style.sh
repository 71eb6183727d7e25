#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch --strict on every patch and every new C file of the overlay
# (and the guest helpers); one result line per file.
. "$(dirname "$0")/common.sh"

cp=$SRC/scripts/checkpatch.pl
[ -x "$cp" ] || die "no prepared tree: run 'make tree' first"
# checkpatch runs scripts/spdxcheck.py through "env python3": make that
# Debian's interpreter, which has python3-ply, whatever else is on PATH.
mkdir -p "$BUILD/python"
ln -sf /usr/bin/python3 "$BUILD/python/python3"
export PATH=$BUILD/python:$PATH
opts=(--strict --quiet --no-summary --show-types --color=never)
rc=0
check() {
	local name=$1 out
	shift
	if out=$(cd "$SRC" && "$cp" "${opts[@]}" "$@" 2>&1) && [ -z "$out" ]; then
		echo "ok style: $name"
	else
		echo "not ok style: $name # checkpatch"
		echo "$out" | sed 's/^/#   /' >&2
		rc=1
	fi
}
while read -r p; do
	[ -n "$p" ] && check "patches/$p" --no-signoff "$ROOT/patches/$p"
done < <(overlay_patches "$ROOT")
while read -r f; do
	case $f in
	*.c | *.h) check "$f" -f "$ROOT/$f" ;;
	esac
done < <(overlay_kernel_files "$ROOT"; cd "$ROOT" && ls kunit/guest/*.c)
# checkpatch --strict leaves a cache of CamelCase words in the tree, which
# dev/export.sh would take for a build artifact.
rm -f "$SRC"/.checkpatch-camelcase.*
exit $rc

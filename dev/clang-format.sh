#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# clang-format (Debian's, with the kernel's own .clang-format) over every C
# file that the overlay adds, whole, and over the lines that the patches
# change in upstream Landlock C files; one result line per file.  The upstream lines
# around a hunk are not ours to reformat.
. "$(dirname "$0")/common.sh"

cf=$(command -v clang-format-14 || command -v clang-format) ||
	die "clang-format not found: run dev/deps.sh"
cfd=$(command -v clang-format-diff-14 || command -v clang-format-diff) ||
	die "clang-format-diff not found: run dev/deps.sh"
style=$SRC/.clang-format
[ -f "$style" ] || die "no prepared tree: run 'make tree' first"
rc=0
verdict() { # name, diff
	if [ -z "$2" ]; then
		echo "ok clang-format: $1"
	else
		echo "not ok clang-format: $1 # $(grep -c '^@@' <<<"$2") hunks to reformat"
		sed 's/^/#   /' <<<"$2" >&2
		rc=1
	fi
}

while read -r f; do
	case $f in
	*.c | *.h)
		out=$("$cf" --style="file:$style" "$ROOT/$f" | diff -u "$ROOT/$f" - || true)
		verdict "$f" "$out"
		;;
	esac
done < <(overlay_kernel_files "$ROOT"; cd "$ROOT" && ls kunit/guest/*.c)

while read -r p; do
	f=${p%.patch}
	# Landlock's files only: the rest of the kernel does not follow
	# clang-format (fs/proc/base.c would fail on its own upstream lines).
	case $f in
	*landlock*.c | *landlock*.h) ;;
	*) continue ;;
	esac
	out=$(cd "$SRC" && git diff -U0 base -- "$f" | "$cfd" -p1 -binary "$cf" \
		-style "file:$style" || true)
	verdict "patches/$p" "$out"
done < <(overlay_patches "$ROOT")
exit $rc

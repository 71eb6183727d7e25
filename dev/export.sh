#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Writes the changes made in build/src back into the overlay: new files
# whole at their kernel path, changes to upstream files as one patch per
# file in patches/<path>.patch.
#
# Usage: export.sh [--from TREE-ISH] [--to DIR]
#   --from  export this tree instead of the work tree of build/src
#   --to    write into DIR instead of the repository
. "$(dirname "$0")/common.sh"

from= dest=$ROOT
while [ $# -gt 0 ]; do
	case $1 in
	--from) from=$2; shift ;;
	--to) dest=$(cd "$2" && pwd); shift ;;
	*) die "unknown option $1" ;;
	esac
	shift
done

[ -d "$SRC/.git" ] || die "no prepared tree: run 'make tree' first"
cd "$SRC"
if [ -z "$from" ]; then
	cp .git/index "$BUILD/work.index"
	GIT_INDEX_FILE=$BUILD/work.index "$ROOT/dev/add-worktree.sh"
	tree=$(GIT_INDEX_FILE=$BUILD/work.index git write-tree)
	rm -f "$BUILD/work.index"
else
	tree=$(git rev-parse "$from^{tree}")
fi

# The overlay is regenerated so that dropped changes go away, but only
# files the project's repository tracks are removed: untracked work in the
# overlay (a new file not yet copied into build/src) is never destroyed.
tracked() { # dir, listing -> the tracked subset
	if git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		grep -Fxf <(git -C "$1" ls-files) || true
	else
		cat
	fi
}
overlay_kernel_files "$dest" | tracked "$dest" | (cd "$dest" && xargs -r rm -f)
overlay_patches "$dest" | sed 's|^|patches/|' | tracked "$dest" |
	(cd "$dest" && xargs -r rm -f)

npatch=0 nfile=0
while IFS=$'\t' read -r status path; do
	case $status in
	A)
		mkdir -p "$dest/$(dirname "$path")"
		git cat-file blob "$tree:$path" >"$dest/$path"
		case $(git ls-tree "$tree" -- "$path" | cut -d' ' -f1) in
		100755) chmod 755 "$dest/$path" ;;
		*) chmod 644 "$dest/$path" ;;
		esac
		nfile=$((nfile + 1))
		;;
	*)
		mkdir -p "$dest/patches/$(dirname "$path")"
		git diff --no-renames --no-color --no-ext-diff base "$tree" -- "$path" \
			>"$dest/patches/$path.patch"
		npatch=$((npatch + 1))
		;;
	esac
done < <(git diff --no-renames --name-status base "$tree")

for d in patches $KERNEL_DIRS; do
	[ -d "$dest/$d" ] && find "$dest/$d" -depth -type d -empty -delete
done
say "exported $npatch patches and $nfile new files to $dest"

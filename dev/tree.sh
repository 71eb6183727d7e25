#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lays out the prepared kernel tree in build/src as a git repository: the
# tag "base" is the pristine Debian source, the branch "project" is base
# plus the overlay (patches applied with no fuzz, new files copied whole).
#
# Usage: tree.sh [--overlay DIR] [--commit-only] [--force]
#   --commit-only  print the project commit for DIR, leave the work tree be
#   --force        discard edits in build/src that were not exported
. "$(dirname "$0")/common.sh"

overlay=$ROOT commit_only= force=
while [ $# -gt 0 ]; do
	case $1 in
	--overlay) overlay=$(cd "$2" && pwd); shift ;;
	--commit-only) commit_only=1 ;;
	--force) force=1 ;;
	*) die "unknown option $1" ;;
	esac
	shift
done

pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
if [ ! -d "$SRC/.git" ] || [ "$(cat "$BUILD/base-version" 2>/dev/null)" != "$pkgver" ]; then
	say "extracting $BASE_TARBALL ($pkgver) into $SRC"
	rm -rf "$SRC" "$BUILD/extract"
	mkdir -p "$BUILD/extract"
	tar -xJf "$BASE_TARBALL" -C "$BUILD/extract"
	mv "$BUILD/extract"/linux-source-6.12 "$SRC"
	rmdir "$BUILD/extract"
	git -C "$SRC" init -q
	git -C "$SRC" config core.autocrlf false
	git -C "$SRC" config gc.auto 0
	git -C "$SRC" add -A -f .
	git -C "$SRC" commit -q -m "Debian linux-source-6.12 $pkgver (pristine)"
	git -C "$SRC" tag -f base >/dev/null
	git -C "$SRC" checkout -q -b project
	echo "$pkgver" >"$BUILD/base-version"
fi

cd "$SRC"

# Build the project commit in a private index, without touching files.
export GIT_INDEX_FILE=$BUILD/overlay.index
rm -f "$GIT_INDEX_FILE"
git read-tree base
while read -r p; do
	[ -n "$p" ] || continue
	git apply --cached --whitespace=nowarn "$overlay/patches/$p" 2>"$BUILD/apply.err" ||
		{ cat "$BUILD/apply.err" >&2; die "patches/$p does not apply cleanly to the base"; }
done < <(overlay_patches "$overlay")
while read -r f; do
	[ -n "$f" ] || continue
	if git cat-file -e "base:$f" 2>/dev/null; then
		die "$f exists in the base: keep it as patches/$f.patch"
	fi
	mode=100644
	[ -x "$overlay/$f" ] && mode=100755
	h=$(git hash-object -w "$overlay/$f")
	git update-index --add --cacheinfo "$mode,$h,$f"
done < <(overlay_kernel_files "$overlay")
tree=$(git write-tree)
commit=$(git commit-tree "$tree" -p base -m "Landlock introspection overlay")
rm -f "$GIT_INDEX_FILE"
unset GIT_INDEX_FILE

if [ -n "$commit_only" ]; then
	echo "$commit"
	exit 0
fi

# What the work tree holds now, edits included.
cp .git/index "$BUILD/work.index"
GIT_INDEX_FILE=$BUILD/work.index "$ROOT/dev/add-worktree.sh"
worktree=$(GIT_INDEX_FILE=$BUILD/work.index git write-tree)
rm -f "$BUILD/work.index"

if [ "$worktree" = "$tree" ]; then
	# Already there (for instance right after an export): only move HEAD.
	git reset -q "$commit"
elif [ "$worktree" = "$(git rev-parse HEAD^{tree})" ] || [ -n "$force" ]; then
	# git only rewrites the files that differ, so make rebuilds stay small.
	git checkout -q -f -B project "$commit"
	git clean -q -fd
else
	git status --short | head -20 >&2
	die "build/src has edits that are not in the overlay: run 'make export' to keep them, or 'make tree FORCE=1' to drop them"
fi
git update-ref refs/heads/project "$commit"
say "prepared $SRC at $(git rev-parse --short HEAD) (base $pkgver + $(overlay_patches "$overlay" | wc -l) patches + $(overlay_kernel_files "$overlay" | wc -l) new files)"

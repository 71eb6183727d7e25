#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Proves the overlay <-> prepared tree round trip without touching either:
#  1. export of the prepared commit gives back the overlay byte for byte;
#  2. an edit (a changed upstream file, a changed and a new project file)
#     exported to a scratch overlay and prepared again gives the same tree.
. "$(dirname "$0")/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SRC"
commit=$("$ROOT/dev/tree.sh" --commit-only)

snapshot() { # overlay dir -> listing with content hashes
	(cd "$1" && { overlay_kernel_files .; overlay_patches . | sed 's|^|patches/|'; } |
		while read -r f; do [ -n "$f" ] && sha256sum "$f"; done)
}

mkdir "$tmp/a"
"$ROOT/dev/export.sh" --from "$commit" --to "$tmp/a" 2>/dev/null
if [ "$(snapshot "$ROOT")" = "$(snapshot "$tmp/a")" ]; then
	echo "ok roundtrip: export of the prepared tree equals the overlay"
else
	diff <(snapshot "$ROOT") <(snapshot "$tmp/a") >&2 || true
	echo "not ok roundtrip: export of the prepared tree equals the overlay"
fi

# An edited tree, built with plumbing in a private index.
export GIT_INDEX_FILE=$tmp/index
git read-tree "$commit"
edit() { # path, content
	local h
	h=$(printf '%s' "$2" | git hash-object -w --stdin)
	git update-index --add --cacheinfo "100644,$h,$1"
}
edit security/landlock/setup.c "$(git cat-file blob "$commit:security/landlock/setup.c")
/* round-trip probe */
"
edit security/landlock/roundtrip_probe.c "// SPDX-License-Identifier: GPL-2.0
"
edited_tree=$(git write-tree)
edited=$(git commit-tree "$edited_tree" -p base -m edited)
unset GIT_INDEX_FILE

mkdir "$tmp/b"
for d in patches $KERNEL_DIRS; do
	[ -d "$ROOT/$d" ] && cp -a "$ROOT/$d" "$tmp/b/"
done
"$ROOT/dev/export.sh" --from "$edited" --to "$tmp/b" 2>/dev/null
again=$("$ROOT/dev/tree.sh" --overlay "$tmp/b" --commit-only 2>/dev/null)
if [ -f "$tmp/b/patches/security/landlock/setup.c.patch" ] &&
	[ -f "$tmp/b/security/landlock/roundtrip_probe.c" ] &&
	[ "$(git rev-parse "$again^{tree}")" = "$edited_tree" ]; then
	echo "ok roundtrip: edit, export, prepare again gives an identical tree"
else
	echo "not ok roundtrip: edit, export, prepare again gives an identical tree"
fi

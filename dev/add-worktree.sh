#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stages the whole work tree of build/src into $GIT_INDEX_FILE, new files
# included: Debian's .gitignore ends with "/*", which would hide every new
# file, so ignore rules are bypassed -- but build artifacts are refused, as
# they must never reach the overlay (the kernel is built with O=).
set -euo pipefail
git add -A .
junk=$(git ls-files --others --ignored --exclude-standard -- . |
	grep -E '(\.(o|a|ko|mod|mod\.c|cmd|d|so|pyc)$|/\.|__pycache__|^\.)' || true)
if [ -n "$junk" ]; then
	echo "build artifacts in build/src (build with O=, then remove them):" >&2
	echo "$junk" | head -20 >&2
	exit 1
fi
git ls-files -z --others --ignored --exclude-standard -- . |
	xargs -0 -r git add -f --

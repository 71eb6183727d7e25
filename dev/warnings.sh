#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rebuilds Landlock and lsm_audit.c with W=1 and sparse (C=1): any compiler
# or sparse warning fails, and kernel-doc warnings fail for the files that
# the project adds (upstream 6.12 has a few kernel-doc quirks of its own).
# Usage: warnings.sh test|debug  (after the kernel is configured)
. "$(dirname "$0")/common.sh"

variant=${1:-test}
obj=$BUILD/obj-$variant
wobj=$BUILD/obj-$variant-w1
log=$BUILD/warnings-$variant.log
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"
kmake() {
	make -s -C "$SRC" O="$wobj" ARCH=x86_64 CC="$cc" HOSTCC="$cc" \
		-j"${JOBS:-$(nproc)}" "$@"
}
[ -f "$obj/.config" ] || die "configure the $variant kernel first"

# A folder of its own, so that the W=1 objects never make the next normal
# build of obj-$variant recompile security/landlock/.
kernel_build_lock
mkdir -p "$wobj"
if ! cmp -s "$obj/.config" "$wobj/.config"; then
	cp "$obj/.config" "$wobj/.config"
	kmake olddefconfig prepare >/dev/null 2>&1 || die "preparing $wobj failed"
fi
rm -f "$wobj"/security/landlock/*.o "$wobj/security/lsm_audit.o"
if ! kmake W=1 C=1 security/landlock/ security/lsm_audit.o >"$log" 2>&1; then
	cat "$log" >&2
	echo "not ok build: W=1 C=1 of security/landlock # build failed"
	exit 1
fi

new_files=$(overlay_kernel_files "$ROOT" | grep -E '^security/.*\.[ch]$' | paste -sd'|')
bad=$(grep -E '(warning|error):' "$log" | grep -v '^Use of uninitialized' |
	grep -E "^[^ ]*:[0-9]+:[0-9]+: |(${new_files:-^$}):[0-9]+: " || true)
if [ -n "$bad" ]; then
	echo "$bad" | sed 's/^/#   /' >&2
	echo "not ok build: W=1 C=1 of security/landlock # warnings"
	exit 1
fi
echo "ok build: W=1 C=1 of security/landlock and security/lsm_audit.c"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configures and builds the guest kernel in build/obj-<variant>.
# Usage: build-kernel.sh test|debug
. "$(dirname "$0")/common.sh"

variant=${1:-test}
obj=$BUILD/obj-$variant
frags="$ROOT/kunit/x86_64.config"
[ "$variant" = debug ] && frags="$frags $ROOT/kunit/debug.config"
[ "$variant" = coverage ] && frags="$frags $ROOT/kunit/coverage.config"
case $variant in
test | debug | coverage) ;;
# The unpatched base, for the benchmark's ratios: same configuration.
base) SRC=$BUILD/base-src ;;
*) die "unknown variant $variant" ;;
esac

cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"
jobs=${JOBS:-$(nproc)}
kmake() { make -s -C "$SRC" O="$obj" ARCH=x86_64 CC="$cc" HOSTCC="$cc" -j"$jobs" "$@"; }

mkdir -p "$obj"
kernel_build_lock
# Regenerate .config only when a fragment changed, so that an unchanged
# configuration never triggers a full rebuild.
stamp=$(cat $frags "$BUILD/base-version" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$obj/.config-stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$obj/.config" ]; then
	say "configuring $variant kernel"
	kmake tinyconfig >/dev/null
	KCONFIG_CONFIG="$obj/.config" "$SRC/scripts/kconfig/merge_config.sh" -m -O "$obj" \
		"$obj/.config" $frags >/dev/null
	kmake olddefconfig >/dev/null
	# A fragment line that did not survive olddefconfig means a missing
	# dependency: fail now rather than test a different kernel.
	bad=0
	for f in $frags; do
		while read -r line; do
			case $line in
			CONFIG_*=n) opt=${line%%=*}; grep -q "^$opt=" "$obj/.config" && { echo "config: $opt should be unset" >&2; bad=1; } ;;
			CONFIG_*) grep -qxF "$line" "$obj/.config" || { echo "config: $line not set" >&2; bad=1; } ;;
			esac
		done <"$f"
	done
	[ $bad = 0 ] || die "kernel configuration does not match kunit/ fragments"
	echo "$stamp" >"$obj/.config-stamp"
fi

say "building $variant kernel ($(make -s -C "$SRC" kernelversion)) in $obj"
kmake bzImage || die "kernel build failed"
kmake headers >/dev/null
ls -l "$obj/arch/x86/boot/bzImage" >&2

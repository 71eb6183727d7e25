#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds the guest's userspace against the prepared tree's UAPI headers:
# the Landlock kselftests, upstream's sandboxer sample and the guest helpers.
# Usage: build-user.sh test|debug
. "$(dirname "$0")/common.sh"

variant=${1:-test}
obj=$BUILD/obj-$variant
out=$BUILD/user-$variant
hdr=$obj/usr/include
[ -d "$hdr/linux" ] || die "no UAPI headers in $hdr: build the kernel first"
cc=gcc
command -v ccache >/dev/null && cc="ccache gcc"

mkdir -p "$out/landlock" "$out/bin"
say "building Landlock kselftests"
make -s -C "$SRC/tools/testing/selftests/landlock" OUTPUT="$out/landlock" \
	KHDR_INCLUDES="-isystem $hdr" CC="$cc" -j"${JOBS:-$(nproc)}" all >&2 ||
	die "kselftest build failed"

ucc() { $cc -O2 -Wall -Werror -static -isystem "$hdr" "$@"; }
ucc -o "$out/bin/sandboxer" "$SRC/samples/landlock/sandboxer.c"
ucc -o "$out/bin/guest-exit" "$ROOT/kunit/guest/exit.c"
ucc -o "$out/bin/landlock-abi" "$ROOT/kunit/guest/landlock-abi.c"
ucc -o "$out/bin/landlock-bench" "$ROOT/kunit/guest/bench.c"
# What the benchmark's execve(2) case runs: a few kilobytes with nolibc.
ucc -s -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables \
	-include "$SRC/tools/include/nolibc/nolibc.h" \
	-o "$out/bin/landlock-nop" "$ROOT/kunit/guest/nop.c" -lgcc
# landlockctl is linked dynamically (libmount, libsmartcols): initramfs.sh
# copies the libraries that ldd lists.
say "building landlockctl"
make -s -C "$SRC/tools/landlock" OUTPUT="$out/bin" CC="$cc" \
	CFLAGS="-O2 -Wall -Werror -isystem $hdr" "$out/bin/landlockctl" >&2 ||
	die "landlockctl build failed"

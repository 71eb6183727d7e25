#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Assembles the guest's initramfs: static busybox, the test binaries, the
# shared libraries that the dynamically linked ones need, and the scripts.
# Usage: initramfs.sh test|debug
. "$(dirname "$0")/common.sh"

variant=${1:-test}
user=$BUILD/user-$variant
root=$BUILD/initramfs-$variant
cpio=$BUILD/initramfs-$variant.cpio
busybox=/bin/busybox
file -L "$busybox" | grep -q 'statically linked' || die "$busybox is not static: install busybox-static"

rm -rf "$root"
mkdir -p "$root"/{bin,etc,tests/bin,tests/landlock,root}
cp "$busybox" "$root/bin/busybox"
cp "$ROOT/kunit/guest/init" "$root/init"
cp "$ROOT"/kunit/guest/{stage2.sh,run-tests.sh,demo.sh,gcov-dump.sh} "$root/tests/"
cp -a "$user/bin/." "$root/tests/bin/"
cp -a "$user/landlock/." "$root/tests/landlock/"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

# Shared libraries (and the dynamic loader) at their host paths.
find "$root/tests" -type f -perm -u+x | while read -r f; do
	file "$f" | grep -q 'dynamically linked' || continue
	ldd "$f" | grep -o '/[^ ]*' || true
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
# Debian's loader path is /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...
if [ -d "$root/lib64" ] && [ ! -e "$root/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ]; then
	mkdir -p "$root/lib/x86_64-linux-gnu"
	cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib/x86_64-linux-gnu/"
fi

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$cpio"
say "initramfs: $cpio ($(du -h "$cpio" | cut -f1))"

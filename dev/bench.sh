#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: the same guest userspace on the unpatched base kernel and on
# the patched one, booted alternately in one session; prints, per case, the
# nanoseconds per operation on each and their ratio (patched / base).
# Timings under QEMU software emulation are noisy: compare ratios, over
# several rounds (BENCH_ROUNDS, default 3 boots of each kernel).
. "$(dirname "$0")/common.sh"

rounds=${BENCH_ROUNDS:-3}
if [ ! -d "$BUILD/base-src" ]; then
	say "checking out the unpatched base into $BUILD/base-src"
	git -C "$SRC" worktree add -f --detach "$BUILD/base-src" base >/dev/null
fi
"$ROOT/dev/build-kernel.sh" base
"$ROOT/dev/build-kernel.sh" test
"$ROOT/dev/build-user.sh" test
"$ROOT/dev/initramfs.sh" test

out=$BUILD/bench.results
: >"$out"
for r in $(seq "$rounds"); do
	for variant in base test; do
		say "round $r: $variant kernel"
		INITRAMFS_VARIANT=test "$ROOT/dev/boot.sh" "$variant" bench ||
			die "the $variant guest failed"
		sed -n "s/^bench /$variant /p" "$BUILD/$variant-results.log" >>"$out"
	done
done

awk '
{ sum[$1, $2] += $3; n[$1, $2]++; cases[$2] = 1 }
END {
	printf "%-24s %12s %12s %8s\n", "case", "base ns/op", "patched", "ratio"
	for (c in cases) {
		b = sum["base", c] / n["base", c]
		p = sum["test", c] / n["test", c]
		printf "%-24s %12.0f %12.0f %8.3f\n", c, b, p, p / b
	}
}' "$out" | (read -r header; echo "$header"; sort)

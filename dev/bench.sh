#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: the unpatched base kernel (a git worktree of the "base" tag)
# and the patched one, same configuration, same userspace, booted
# alternately under QEMU's -icount shift=0,sleep=off on one CPU, so that
# the guest clock counts instructions: every figure is guest instructions,
# independent of the host, not wall time.
#
# Stages: build (reusing build folders), boot (BENCH_BOOTS boots of each
# kernel, default 2; kunit/guest/bench.c runs every case BENCH_RUNS times
# per boot, default 5, after a warm-up run), report (dev/bench-report.py:
# the table on stdout, build/bench/results.json, build/bench/scaling.png).
# BENCH_CASES=case,case... runs only these cases (names in bench.c).
. "$(dirname "$0")/common.sh"

boots=${BENCH_BOOTS:-2}
runs=${BENCH_RUNS:-5}
cases=${BENCH_CASES:-}
out=$BUILD/bench
# Guest instructions: one virtual nanosecond per instruction, no host time
# leaking in while the guest sleeps; one CPU, no KVM.
icount="-icount shift=0,sleep=off"
# KUnit would run at boot: seconds of guest time that measure nothing.
# norandmaps: the same address space layout in every boot, so that page
# table allocations (fork, execve) do not vary between boots.
cmdline="kunit.enable=0 quiet norandmaps llruns=$runs${cases:+ llbench=$cases}"

build() {
	if [ ! -d "$BUILD/base-src" ]; then
		say "checking out the unpatched base into $BUILD/base-src"
		git -C "$SRC" worktree add -f --detach "$BUILD/base-src" base >/dev/null
	fi
	"$ROOT/dev/build-kernel.sh" base
	"$ROOT/dev/build-kernel.sh" test
	"$ROOT/dev/build-user.sh" test
	"$ROOT/dev/initramfs.sh" test
}

# Both kernels boot the test userspace; the guest's output of each boot is
# kept as build/bench/<kernel>-<boot>.log.
boot_all() {
	local b variant
	rm -rf "$out"
	mkdir -p "$out"
	for b in $(seq "$boots"); do
		for variant in base test; do
			say "boot $b of $boots: $variant kernel"
			KVM=0 GUEST_SMP=1 GUEST_MEM=${BENCH_MEM:-2G} \
				GUEST_LIMIT=${GUEST_LIMIT:-1500} INITRAMFS_VARIANT=test \
				QEMU_EXTRA="$icount ${QEMU_EXTRA:-}" \
				"$ROOT/dev/boot.sh" "$variant" bench $cmdline >&2 ||
				die "the $variant guest failed (see $BUILD/$variant-console.log)"
			cp "$BUILD/$variant-results.log" "$out/$variant-$b.log"
			cp "$BUILD/$variant-console.log" "$out/$variant-$b.console.log"
		done
	done
}

report() {
	python3 "$ROOT/dev/bench-report.py" --dir "$out" --boots "$boots" \
		--runs "$runs" --qemu "$icount -smp 1 -m ${BENCH_MEM:-2G}" \
		--cmdline "$cmdline"
}

start=$(date +%s)
build
boot_all
report
say "benchmark done in $(($(date +%s) - start)) s"

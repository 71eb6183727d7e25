#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Line coverage of the project's new kernel files under the guest tests:
# the test configuration plus gcov (kunit/coverage.config) in
# build/obj-coverage, every KUnit suite and kselftest run in the guest, the
# counters copied out of debugfs over the serial port, and gcov's line
# counts per file (dev/gcov-report.py).  Not part of make check.
. "$(dirname "$0")/common.sh"

stage() { "$ROOT/dev/stage.sh" coverage "$@"; }
rm -rf "$BUILD/results/coverage"
stage build-kernel "$ROOT/dev/build-kernel.sh" coverage
stage build-user "$ROOT/dev/build-user.sh" coverage
stage initramfs "$ROOT/dev/initramfs.sh" coverage
# Counters everywhere make the guest about twice as slow as the test one.
GUEST_LIMIT=${GUEST_LIMIT:-3000} "$ROOT/dev/guest-results.sh" coverage "" \
	coverage || true
# The coverage of a run whose tests failed is still worth reading.
"$ROOT/dev/report.py" --kernels coverage | grep -E "^FAIL|passed," >&2 || true
files=$(overlay_kernel_files "$ROOT" | grep -E '^security/.*\.c$')
# shellcheck disable=SC2086 # one argument per file
python3 "$ROOT/dev/gcov-report.py" --results "$BUILD/coverage-results.log" \
	--obj "$BUILD/obj-coverage" --src "$SRC" --out "$BUILD/coverage" $files

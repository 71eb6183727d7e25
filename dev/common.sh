# SPDX-License-Identifier: GPL-2.0
# Shared settings for the project's host-side scripts; sourced, not run.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
SRC=${SRC:-$BUILD/src}
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz

# Top-level directories of the kernel tree that the overlay may mirror.
# Files below them in the overlay are kernel files; everything else
# (dev/, kunit/, Makefile, README.md...) belongs to the project only.
KERNEL_DIRS="Documentation arch block certs crypto drivers fs include init \
io_uring ipc kernel lib mm net rust samples scripts security sound tools \
usr virt"

# Deterministic commits: the same overlay always gives the same hash.
export GIT_AUTHOR_NAME=landlock-introspection GIT_AUTHOR_EMAIL=dev@localhost
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"

# ccache keys on absolute paths: relative to the build folder, a fresh clone
# elsewhere (as CI makes) still hits the cache.
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1

# One kernel build at a time on this machine, whatever checkout it is for:
# two concurrent builds on two cores only slow each other down.
kernel_build_lock() {
	exec 9>/tmp/landlock-introspection-build.lock
	flock 9
}

say() { printf '>>> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Lists the overlay's kernel files, relative to $1, sorted.
overlay_kernel_files() {
	local dir=$1 d
	(cd "$dir" && for d in $KERNEL_DIRS; do
		if [ -d "$d" ]; then find "$d" -type f; fi
	done) | LC_ALL=C sort
}

# Lists the overlay's patches, relative to $1/patches, in application order.
overlay_patches() {
	[ -d "$1/patches" ] || return 0
	(cd "$1/patches" && find . -type f -name '*.patch' | sed 's|^\./||') |
		LC_ALL=C sort
}

# The kselftest binaries that a guest run of variant $1 is expected to run:
# the list $2 (comma-separated) if given, else every *_test binary built.
expected_tests() {
	if [ -n "${2:-}" ]; then
		echo "$2"
	else
		(cd "$BUILD/user-$1/landlock" && ls -- *_test | paste -sd,)
	fi
}

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Installs what the project needs on Debian 12 (as root), once.
. "$(dirname "$0")/common.sh"

PKGS="linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev
cpio xz-utils rsync kmod git python3 perl ccache sparse qemu-system-x86
busybox-static libcap-dev libmount-dev pkg-config python3-ply python3-git file
clang-format gnuplot-nox libsmartcols-dev prometheus prometheus-node-exporter"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root)"
	say "installing:$missing"
	# The prometheus packages would start servers listening on every
	# interface; the tests start their own on 127.0.0.1.  A policy-rc.d
	# that says 101 makes invoke-rc.d start no service during the install.
	policy=/usr/sbin/policy-rc.d
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		trap 'rm -f "$policy"' EXIT
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi

ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
case $ver in
6.12.*) ;;
*) die "linux-source-6.12 is $ver, expected 6.12.y" ;;
esac
[ -f "$BASE_TARBALL" ] || die "$BASE_TARBALL not found"
say "base: Debian linux-source-6.12 $ver"

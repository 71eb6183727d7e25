#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs one stage of the build or of the checks and records its result as
# TAP in build/results/<kernel>/<stage>.tap, the only thing dev/report.py
# reads.  Usage: stage.sh <kernel> <stage> command [args...]
#   <kernel> is test, debug or base, or "host" for stages that do not
#   depend on a kernel (style, round trip...).
#
# Lines "ok NAME" / "not ok NAME # reason" that the command prints on
# stdout become the stage's cases; its other output goes to stderr.  A
# command that prints no case gives one case named after the stage.  A
# command that fails without a failed case adds one: a stage can never
# pass by printing "ok" and then failing.  Exits with the command's status.
. "$(dirname "$0")/common.sh"

kernel=$1 stage=$2
shift 2
dir=$BUILD/results/$kernel
mkdir -p "$dir"
tap=$dir/$stage.tap
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT

set +e
"$@" | while IFS= read -r line; do
	case $line in
	"ok "* | "not ok "*) printf '%s\n' "$line" >>"$cases" ;;
	*) printf '%s\n' "$line" >&2 ;;
	esac
done
rc=${PIPESTATUS[0]}
set -e

if [ ! -s "$cases" ]; then
	if [ "$rc" = 0 ]; then
		echo "ok $stage" >"$cases"
	else
		echo "not ok $stage # exit status $rc" >"$cases"
	fi
elif [ "$rc" != 0 ] && ! grep -q '^not ok ' "$cases"; then
	echo "not ok $stage: exit status $rc with no failed case" >>"$cases"
fi

{
	echo "TAP version 13"
	echo "1..$(wc -l <"$cases")"
	awk '{
		ok = ($1 == "ok") ? "ok" : "not ok"
		sub(/^(not )?ok /, "")
		printf "%s %d %s\n", ok, NR, $0
	}' "$cases"
} >"$tap"
exit "$rc"

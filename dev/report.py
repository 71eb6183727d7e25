#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Counts the results of every stage: the TAP files in build/results/.

Each stage (dev/stage.sh for the host stages, dev/guest-tap.py for what a
guest printed) writes build/results/<kernel>/<stage>.tap.  This only reads
them: it lists skips with their reasons, failures with their diagnostics,
and ends with "N passed, N failed, N skipped".  A case is named
"<kernel>/<stage>: <case>".  A stage that --require lists but that left no
file is a failure, and so is a file whose plan does not match its cases.
Exits 1 if anything failed.
"""

import argparse
import glob
import os
import re
import sys
import time

RESULT = re.compile(r"^(not ok|ok) (\d+)(?: (?:- )?([^#]*?))?\s*(?:#\s*(.*))?$")

# The stages that every run of a kind must leave, so that one that died
# before writing its results cannot go unnoticed.
HOST_STAGES = ["deps", "tree", "style", "clang-format", "roundtrip", "watchdog",
               "landlockctl"]
GUEST_STAGES = ["build-kernel", "build-user", "initramfs", "guest", "kunit",
                "kernel-log", "script"]


def read_tap(path):
    """Returns [(ok, name, directive, diagnostics)] and a problem or None."""
    cases, plan, problem = [], None, None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^1\.\.(\d+)", line)
        if m:
            plan = int(m.group(1))
            continue
        if line.startswith("Bail out!"):
            problem = line
            continue
        if line.startswith("#") and cases:
            cases[-1][3].append(line.lstrip("# ").rstrip())
            continue
        m = RESULT.match(line)
        if m:
            cases.append((m.group(1) == "ok", (m.group(3) or "").strip(),
                          (m.group(4) or "").strip(), []))
    if plan is None:
        problem = problem or "no plan line"
    elif plan != len(cases):
        problem = problem or f"plan says {plan} cases, {len(cases)} reported"
    return cases, problem


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--results", default="build/results")
    ap.add_argument("--host", action="store_true", help="require the host stages")
    ap.add_argument("--kernels", default="", help="kernels whose guest stages are required")
    ap.add_argument("--require", default="", help="more kernel/stage names required")
    args = ap.parse_args()

    required = []
    if args.host:
        required += ["host/" + s for s in HOST_STAGES]
    for k in args.kernels.replace(",", " ").split():
        required += [f"{k}/{s}" for s in GUEST_STAGES]
    required += [r for r in args.require.replace(",", " ").split()]

    passed, failed, skipped = [], [], []
    # Only the kinds asked for: results of an earlier run of another kernel
    # must not leak into "make guest-test DEBUG=1".
    kinds = (["host"] if args.host else []) + args.kernels.replace(",", " ").split()
    files = sorted(f for k in (kinds or ["*"])
                   for f in glob.glob(os.path.join(args.results, k, "*.tap")))
    seen = set()
    for path in files:
        stage = os.path.splitext(os.path.relpath(path, args.results))[0]
        seen.add(stage)
        cases, problem = read_tap(path)
        for ok, name, directive, diag in cases:
            full = f"{stage}: {name}"
            if directive.upper().startswith("SKIP"):
                skipped.append((full, directive[4:].strip() or "no reason given"))
            elif ok:
                passed.append(full)
            else:
                failed.append((full, directive, diag))
        if problem:
            failed.append((f"{stage}: results file", problem, []))
    for stage in required:
        if stage not in seen:
            failed.append((f"{stage}: stage left no results (it did not run, "
                           "or an earlier stage failed)", "", []))

    for name, reason in skipped:
        print(f"SKIP {name}: {reason}")
    for name, why, diag in failed:
        print(f"FAIL {name}" + (f" ({why})" if why else ""))
        for d in diag:
            print(f"     {d}")
    kunit = sum(1 for n in passed if n.split(":", 1)[0].endswith("/kunit"))
    print(f"stages: {len(seen)}; kunit cases passed: {kunit}; other cases passed: "
          f"{len(passed) - kunit}; skipped (not counted as passed): {len(skipped)}")
    try:  # "make check" writes the start time; guest-test does not
        if not args.host:
            raise OSError
        start = int(open(os.path.join(args.results, "start")).read())
        print(f"took {int(time.time()) - start} s")
    except (OSError, ValueError):
        pass
    print(f"{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
    return 1 if failed or not seen else 0


if __name__ == "__main__":
    sys.exit(main())

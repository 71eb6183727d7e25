#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Line coverage of the project's kernel files, from a coverage guest run.

Decodes the gcov counters that kunit/guest/gcov-dump.sh printed on the
results serial port ("@@@ GCDA <path>", base64, "@@@ GCDA-END") into the
coverage kernel's build folder, next to the compiler's .gcno files, runs
Debian's gcov (the same GCC that built the kernel) on each file given, and
prints a table: lines, lines executed, percentage, goal met.  The lines
never executed go to <out>/<file>.uncovered, with their source.
"""

import argparse
import base64
import os
import re
import subprocess
import sys


def decode(results, obj):
    current, chunks, written = None, [], []
    with open(results, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = re.match(r"@@@ GCDA (\S+)$", line)
            if m:
                current, chunks = m.group(1), []
            elif line == "@@@ GCDA-END" and current:
                path = os.path.join(obj, current)
                with open(path, "wb") as out:
                    out.write(base64.b64decode("".join(chunks)))
                written.append(current)
                current = None
            elif current:
                chunks.append(line.strip())
    return written


def gcov(obj, src, annotate):
    rel = os.path.relpath(src, obj)
    args = ["gcov", "-t" if annotate else "-n", "-o",
            os.path.join(obj, os.path.dirname(os.path.relpath(src, SRC_ROOT))), rel]
    return subprocess.run(args, cwd=obj, capture_output=True, text=True).stdout


def main():
    global SRC_ROOT
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--results", required=True)
    ap.add_argument("--obj", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--goal", type=float, default=95.0)
    ap.add_argument("files", nargs="+", help="C files, relative to the source tree")
    args = ap.parse_args()
    # gcov runs in the build folder: every path must stand on its own.
    args.obj, args.src, args.out = map(os.path.abspath, (args.obj, args.src, args.out))
    SRC_ROOT = args.src
    os.makedirs(args.out, exist_ok=True)

    written = decode(args.results, args.obj)
    if not written:
        print("no gcov counters in the guest's output", file=sys.stderr)
        return 1

    rows, missing = [], 0
    for f in args.files:
        src = os.path.join(args.src, f)
        text = gcov(args.obj, src, annotate=True)
        total = covered = 0
        uncovered = []
        # gcov -t prints one section per source file, headers included:
        # only the section of the file itself counts.
        mine = False
        for line in text.splitlines():
            m = re.match(r"\s*([^:]+):\s*(\d+):(.*)$", line)
            if not m:
                continue
            count, num, code = m.group(1).strip(), int(m.group(2)), m.group(3)
            if num == 0 and code.startswith("Source:"):
                mine = os.path.abspath(os.path.join(args.obj, code[7:])) == \
                    os.path.abspath(src)
                continue
            if not mine or count == "-" or num == 0:
                continue
            total += 1
            if count.startswith("#####") or count.startswith("====="):
                uncovered.append(f"{num}: {code}")
            else:
                covered += 1
        if total == 0:
            rows.append((f, 0, 0, None))
            missing += 1
            continue
        with open(os.path.join(args.out, os.path.basename(f) + ".uncovered"), "w") as out:
            out.write("\n".join(uncovered) + ("\n" if uncovered else ""))
        rows.append((f, total, covered, 100.0 * covered / total))

    print(f"{'file':40} {'lines':>6} {'run':>6} {'cover':>7}  goal {args.goal:g} %")
    for f, total, covered, pct in rows:
        if pct is None:
            print(f"{f:40} {'-':>6} {'-':>6} {'-':>7}  no executable line (data only) or not built")
        else:
            met = "yes" if pct >= args.goal else "NO"
            print(f"{f:40} {total:6} {covered:6} {pct:6.1f}%  {met}")
    all_total = sum(r[1] for r in rows)
    all_cov = sum(r[2] for r in rows)
    if all_total:
        print(f"{'all':40} {all_total:6} {all_cov:6} {100.0 * all_cov / all_total:6.1f}%")
    print(f"lines never run: {args.out}/<file>.uncovered")
    return 0


if __name__ == "__main__":
    sys.exit(main())

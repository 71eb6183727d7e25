#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns a guest run into test results.

Reads the kernel console log (KUnit's KTAP output and any kernel report),
the test serial log (kselftest TAP output framed by "@@@ BEGIN/END name"
markers) and optional extra result files ("ok name" / "not ok name" lines),
then prints failures, skips with their reasons, and a last line
"N passed, N failed, N skipped".  Counts test cases, never binaries.
Exits 1 if anything failed or a log is missing.
"""

import argparse
import re
import sys

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\]\s?")
RESULT = re.compile(r"^(not ok|ok) (\d+)(?: (?:- )?([^#]*?))?\s*(?:#\s*(.*))?$")

# What a kernel prints when something went wrong, whatever the tests said.
KERNEL_REPORTS = re.compile(
    r"(Oops|BUG:|WARNING:|KASAN:|UBSAN:|kernel BUG at|general protection fault"
    r"|Kernel panic|possible circular locking|possible recursive locking"
    r"|inconsistent lock state|suspicious RCU usage|INFO: task .* blocked"
    r"|unreferenced object 0x|list_add corruption|list_del corruption"
    r"|ODEBUG:|Call Trace:|kmemleak: .*suspected memory leak)")


class Results:
    def __init__(self):
        self.passed = []
        self.failed = []
        self.skipped = []
        self.prefix = ""

    def add(self, name, ok, directive=""):
        name = self.prefix + name
        directive = (directive or "").strip()
        if directive.upper().startswith("SKIP"):
            self.skipped.append((name, directive[4:].strip() or "no reason given"))
        elif ok:
            self.passed.append(name)
        else:
            self.failed.append((name, directive))


def parse_ktap(lines, res, prefix_filter):
    """KUnit KTAP: a "# Subtest: X" header sits one level deeper than the
    result line that closes X, so a result line closing an open header is a
    suite or parameterised test, and any other result line is a case."""
    open_headers = []  # indentation of the result line that closes each
    path = []
    seen_any = False
    for raw in lines:
        line = TIMESTAMP.sub("", raw.rstrip("\n"))
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        m = re.match(r"# Subtest: (\S+)", stripped)
        if m:
            open_headers.append(indent - 4)
            path.append(m.group(1))
            continue
        m = RESULT.match(stripped)
        if not m or not path:
            continue
        name = (m.group(3) or "").strip()
        if open_headers and open_headers[-1] == indent:
            open_headers.pop()
            path.pop()
            continue
        if not path[0].startswith(prefix_filter):
            continue
        seen_any = True
        res.add("kunit: " + ".".join(path + [name]), m.group(1) == "ok", m.group(4))
    return seen_any


def parse_kselftests(lines, res, expected):
    current, plan, results, seen = None, None, [], set()
    for raw in lines:
        line = raw.rstrip("\r\n")
        m = re.match(r"@@@ BEGIN (\S+)", line)
        if m:
            current, plan, results = m.group(1), None, []
            continue
        m = re.match(r"@@@ END (\S+) rc=(\d+)", line)
        if m and current:
            seen.add(current)
            if current != "kmemleak":
                fails = sum(1 for r in results if not r)
                if plan is not None and len(results) < plan:
                    res.add(f"{current}: {plan - len(results)} cases never reported "
                            f"(binary stopped early)", False)
                elif int(m.group(2)) != 0 and fails == 0:
                    res.add(f"{current}: exit status {m.group(2)} with no failed case",
                            False)
            current = None
            continue
        if current is None or current == "kmemleak":
            continue
        m = re.match(r"^1\.\.(\d+)$", line)
        if m:
            plan = int(m.group(1))
            continue
        m = RESULT.match(line)
        if m:
            ok = m.group(1) == "ok"
            results.append(ok)
            res.add(f"{current}: {(m.group(3) or '').strip()}", ok, m.group(4))
    for name in expected:
        if name not in seen:
            res.add(f"{name}: never ran to completion", False)
    return seen


def kernel_reports(lines):
    reports = []
    i = 0
    clean = [TIMESTAMP.sub("", l.rstrip("\n")) for l in lines]
    while i < len(clean):
        if KERNEL_REPORTS.search(clean[i]):
            block = clean[max(0, i - 2):i + 40]
            end = next((j for j, l in enumerate(block) if "---[ end trace" in l), None)
            if end is not None:
                block = block[:end + 1]
            reports.append(block)
            i += max(len(block) - 2, 1)
        else:
            i += 1
    return reports


def read_guest(res, console_log, results_log, expect):
    try:
        console = open(console_log, errors="replace").readlines()
        results = open(results_log, errors="replace").readlines()
    except OSError as e:
        print(f"missing guest log: {e}")
        console, results = [], []
        res.add("guest logs", False, str(e))

    if console and not parse_ktap(console, res, "landlock"):
        res.add("kunit: no Landlock KUnit results in the kernel log", False)
    expected = [e for e in expect.split(",") if e]
    parse_kselftests(results, res, expected)
    if results and not any(l.startswith("@@@ DONE") for l in results):
        res.add("guest test script did not finish", False)

    for block in kernel_reports(console):
        res.add("kernel log: " + block[min(2, len(block) - 1)].strip(), False)
        print("---- kernel report ----")
        print("\n".join(block))
        print("-----------------------")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--console", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--expect", default="", help="comma-separated kselftest binaries")
    ap.add_argument("--extra", action="append", default=[],
                    help="file of 'ok NAME' / 'not ok NAME # reason' lines")
    ap.add_argument("--debug-console", help="kernel log of a debug guest run")
    ap.add_argument("--debug-results", help="test output of a debug guest run")
    args = ap.parse_args()
    res = Results()
    guest_runs = [("", args.console, args.results)]
    if args.debug_console:
        guest_runs.append(("debug/", args.debug_console, args.debug_results))
    for prefix, console_log, results_log in guest_runs:
        res.prefix = prefix
        read_guest(res, console_log, results_log, args.expect)
    res.prefix = ""

    for extra in args.extra:
        for line in open(extra, errors="replace"):
            m = RESULT.match(line.strip()) or re.match(
                r"^(not ok|ok)()\s+([^#]*?)\s*(?:#\s*(.*))?$", line.strip())
            if m:
                res.add(m.group(3).strip(), m.group(1) == "ok", m.group(4))

    for name, reason in res.skipped:
        print(f"SKIP {name}: {reason}")
    for name, why in res.failed:
        print(f"FAIL {name}" + (f" ({why})" if why else ""))
    kunit = sum(1 for n in res.passed
                if n.split("/", 1)[-1].startswith("kunit: "))
    print(f"kunit cases passed: {kunit}; kselftest and other cases passed: "
          f"{len(res.passed) - kunit}; skipped (not counted as passed): {len(res.skipped)}")
    print(f"{len(res.passed)} passed, {len(res.failed)} failed, {len(res.skipped)} skipped")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the logs of one guest run into TAP files, one per stage.

Inputs, both written by QEMU's serial ports (see kunit/guest/README.md for
the protocol):
- the console log: the kernel log, with KUnit's KTAP output;
- the results log: what kunit/guest/run-tests.sh prints, each kselftest
  binary's TAP framed by "@@@ BEGIN <name>" and "@@@ END <name> rc=<status>",
  a "kmemleak" section framed the same way, and "@@@ DONE" at the end.

Outputs, in --out (build/results/<kernel>/):
- kunit.tap: every KUnit case of the Landlock suites;
- <binary>.tap: every case of each expected kselftest binary, plus a failed
  case if it stopped before its plan, exited non-zero with no failed case,
  or never ran to completion;
- kernel-log.tap: one failed case per Oops, BUG, WARNING, KASAN, UBSAN,
  lockdep, RCU or list-corruption report in the kernel log (printed whole
  as TAP diagnostics), or one passed case if there is none;
- kmemleak.tap: the kmemleak section, when the guest had kmemleak;
- script.tap: whether the guest's test script reached "@@@ DONE".
"""

import argparse
import os
import re

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\]\s?")
RESULT = re.compile(r"^(not ok|ok) (\d+)(?: (?:- )?([^#]*?))?\s*(?:#\s*(.*))?$")

# What a kernel prints when something went wrong, whatever the tests said.
KERNEL_REPORTS = re.compile(
    r"(Oops|BUG:|WARNING:|KASAN:|UBSAN:|kernel BUG at|general protection fault"
    r"|Kernel panic|possible circular locking|possible recursive locking"
    r"|inconsistent lock state|suspicious RCU usage|INFO: task .* blocked"
    r"|unreferenced object 0x|list_add corruption|list_del corruption"
    r"|ODEBUG:|Call Trace:|kmemleak: .*suspected memory leak)")


class Tap:
    """Cases of one output file."""

    def __init__(self):
        self.cases = []  # (ok, name, directive, diagnostics)

    def add(self, ok, name, directive="", diag=()):
        self.cases.append((ok, name.strip(), (directive or "").strip(), list(diag)))

    def write(self, path):
        with open(path, "w") as f:
            f.write(f"TAP version 13\n1..{len(self.cases)}\n")
            for i, (ok, name, directive, diag) in enumerate(self.cases, 1):
                line = f"{'ok' if ok else 'not ok'} {i} {name}"
                if directive:
                    line += f" # {directive}"
                f.write(line + "\n")
                for d in diag:
                    f.write(f"#   {d}\n")


def parse_ktap(lines, prefix):
    """KUnit KTAP: a "# Subtest: X" header sits one level deeper than the
    result line that closes X, so a result line closing an open header is a
    suite or parameterised test, and any other result line is a case."""
    tap = Tap()
    open_headers = []  # indentation of the result line that closes each
    path = []
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
        if path[0].startswith(prefix):
            tap.add(m.group(1) == "ok", ".".join(path + [name]), m.group(4))
    if not tap.cases:
        tap.add(False, f"no {prefix} KUnit results in the kernel log")
    return tap


def split_sections(lines):
    """Returns {name: (lines, rc or None)} and whether DONE was seen."""
    sections, current, body, done = {}, None, [], False
    for raw in lines:
        line = raw.rstrip("\r\n")
        m = re.match(r"@@@ BEGIN (\S+)$", line)
        if m:
            current, body = m.group(1), []
            continue
        m = re.match(r"@@@ END (\S+) rc=(\d+)$", line)
        if m and current == m.group(1):
            sections[current] = (body, int(m.group(2)))
            current = None
            continue
        if line.startswith("@@@ DONE"):
            done = True
            continue
        if current:
            body.append(line)
    if current:
        sections[current] = (body, None)
    return sections, done


def parse_kselftest(name, section):
    tap = Tap()
    if section is None:
        tap.add(False, f"{name}: never ran")
        return tap
    body, rc = section
    plan, results = None, []
    for line in body:
        m = re.match(r"^1\.\.(\d+)$", line)
        if m:
            plan = int(m.group(1))
            continue
        m = RESULT.match(line)
        if m:
            ok = m.group(1) == "ok"
            results.append(ok)
            tap.add(ok, (m.group(3) or "").strip() or f"case {m.group(2)}", m.group(4))
    if rc is None:
        tap.add(False, f"{name}: never ran to completion (no END marker)")
    elif plan is not None and len(results) < plan:
        tap.add(False, f"{name}: {plan - len(results)} cases never reported "
                "(binary stopped early)")
    elif rc != 0 and results.count(False) == 0:
        tap.add(False, f"{name}: exit status {rc} with no failed case")
    elif not results:
        tap.add(False, f"{name}: reported no case")
    return tap


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


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--console", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--expect", default="", help="comma-separated kselftest binaries")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def read(path):
        try:
            return open(path, errors="replace").readlines()
        except OSError:
            return None

    console, results = read(args.console), read(args.results)
    out = lambda name: os.path.join(args.out, name + ".tap")

    if console is None:
        kunit, log = Tap(), Tap()
        kunit.add(False, f"no console log {args.console}")
        log.add(False, f"no console log {args.console}")
    else:
        kunit = parse_ktap(console, "landlock")
        log = Tap()
        for block in kernel_reports(console):
            log.add(False, block[min(2, len(block) - 1)].strip(), diag=block)
        if not log.cases:
            log.add(True, "no kernel report in the console log")
    kunit.write(out("kunit"))
    log.write(out("kernel-log"))

    sections, done = split_sections(results or [])
    for name in [e for e in args.expect.split(",") if e]:
        parse_kselftest(name, sections.get(name)).write(out(name))
    if "kmemleak" in sections:
        leak = Tap()
        body = [l for l in sections["kmemleak"][0] if l.strip()]
        leak.add(not body, "kmemleak: no suspected leak", diag=body[:80])
        leak.write(out("kmemleak"))
    script = Tap()
    script.add(done, "guest test script reached @@@ DONE"
               + ("" if results is not None else f" (no results log {args.results})"))
    script.write(out("script"))


if __name__ == "__main__":
    main()

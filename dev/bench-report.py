#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The benchmark's report: reads build/bench/<kernel>-<boot>.log (what
kunit/guest/bench.c printed in each boot), prints the table (case, base,
patched, ratio, goal, met?) and the stability of every case, writes
results.json and draws scaling.png with gnuplot.

Every figure is a median over all runs of all boots, in guest instructions
per operation (bytes for the slab row)."""

import argparse
import json
import os
import statistics
import subprocess
import sys

KERNELS = {"base": "base", "test": "patched"}
# (all records, Landlock denial records) read by the guest's audit daemon.
AUDIT_RECORDS = []
SCALES = (1000, 10000, 50000)


def parse(directory, boots):
    """{kernel: {case: [[run values of boot 1], ...]}}, skips, failures."""
    data, skips, fails = {}, {}, []
    for kernel in KERNELS:
        data[kernel] = {}
        for boot in range(1, boots + 1):
            path = os.path.join(directory, f"{kernel}-{boot}.log")
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    words = line.split()
                    if len(words) == 4 and words[0] == "bench":
                        runs = data[kernel].setdefault(words[1], [])
                        while len(runs) < boot:
                            runs.append([])
                        runs[boot - 1].append(int(words[3]))
                    elif words[:1] == ["skip"]:
                        skips.setdefault(kernel, set()).add(words[1])
                    elif words[:3] == ["#", "audit", "daemon:"] and len(words) >= 6:
                        # "# audit daemon: N records, M of them Landlock denials"
                        AUDIT_RECORDS.append((int(words[3]), int(words[5])))
                    elif words[:1] == ["fail"]:
                        fails.append(f"{kernel} boot {boot}: {line.strip()}")
    return data, skips, fails


def stats(boots):
    values = [v for boot in boots for v in boot]
    median = statistics.median(values)
    return {
        "runs": boots,
        "min": min(values),
        "median": median,
        "max": max(values),
        "spread": (max(values) - min(values)) / median if median else 0,
        "boot_medians": [statistics.median(b) for b in boots if b],
    }


class Table:
    def __init__(self, results):
        self.results = results
        self.rows = []

    def med(self, kernel, case):
        s = self.results.get(case, {}).get(kernel)
        return s["median"] if s else None

    def add(self, label, base, patched, ratio, goal, met):
        self.rows.append({"case": label, "base": base, "patched": patched,
                          "ratio": ratio, "goal": goal, "met": met})

    def ratio_row(self, label, case, goal=None):
        b, p = self.med("base", case), self.med("test", case)
        ratio = p / b if b and p else None
        met = "-"
        if goal is not None:
            met = "?" if ratio is None else ("yes" if ratio <= goal else "NO")
        self.add(label, b, p, ratio, f"<= {goal:.2f}" if goal else "-", met)

    def patched_row(self, label, case, goal, met):
        self.add(label, None, self.med("test", case), None, goal, met)


def fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    return f"{v:,.0f}{unit}"


def build_table(results):
    t = Table(results)
    med = t.med
    t.ratio_row("open()+close() allowed, unsandboxed", "open_unsandboxed")
    t.ratio_row("open()+close() allowed, 1 layer", "open_allowed_1", 1.01)
    t.ratio_row("open()+close() allowed, 16 layers", "open_allowed_16", 1.01)
    t.ratio_row("open() denied, 16 layers, audit off", "open_denied_16", 1.02)
    t.ratio_row("  profile: open() denied, 1 layer, audit off", "open_denied_1")
    audited, denied = med("test", "open_denied_16_audit"), med("test", "open_denied_16")
    records = (sum(a for a, _ in AUDIT_RECORDS) / sum(d for _, d in AUDIT_RECORDS)
               if AUDIT_RECORDS else 0)
    t.patched_row("open() denied, 16 layers, audit on, logged to an audit daemon",
                  "open_denied_16_audit", "reported",
                  f"+{audited - denied:,.0f} per denial ({records:.0f} records)"
                  if audited and denied else "?")
    t.ratio_row("create_ruleset+restrict_self+exit, 1 layer (fork, wait)",
                "create_restrict_exit_1", 1.05)
    t.ratio_row("  restrict_self() alone", "restrict_self")
    t.ratio_row("  fork()+_exit()+wait() alone, no layer", "fork_exit")
    t.ratio_row("execve() static nolibc binary, unsandboxed (fork, wait)",
                "execve_unsandboxed", 1.01)
    t.ratio_row("execve() static nolibc binary, 16 layers (fork, wait)",
                "execve_16", 1.01)
    t.ratio_row("readlink /proc/<pid>/ns/mnt, per process of 10,000", "procfs_ns_mnt")
    dom, ns = med("test", "procfs_domain"), med("test", "procfs_ns_mnt")
    r = dom / ns if dom and ns else None
    t.patched_row("read /proc/<pid>/attr/landlock/domain, per process of 10,000",
                  "procfs_domain", "<= 1.5 x ns/mnt",
                  "?" if r is None else f"{'yes' if r <= 1.5 else 'NO'} ({r:.2f} x)")
    # Where the difference goes: the pieces of both, same processes.
    t.ratio_row("  profile: open()+close() of ns/mnt", "procfs_ns_mnt_open")
    t.patched_row("  profile: open()+close() of attr/landlock/domain",
                  "procfs_domain_open", "-", "-")
    t.patched_row("  profile: stat() of attr/landlock/domain (path walk)",
                  "procfs_domain_stat", "-", "-")

    empty = med("test", "ls_sandbox_0")
    t.patched_row("ls domains/ in a sandbox, 0 live layers", "ls_sandbox_0",
                  "reference", "-")
    first = {}
    for n in SCALES:
        for kind, label in (("ls_root", f"ls domains/ as root, {n:,} live layers"),
                            ("ls_sandbox", f"ls domains/ in a sandbox (sees none), {n:,} live layers"),
                            ("parent_root", f"read domains/<id>/parent as root, {n:,} live layers"),
                            ("parent_sandbox", f"lookup domains/<id>/parent in a sandbox (ENOENT), {n:,} live layers")):
            v = med("test", f"{kind}_{n}")
            first.setdefault(kind, v)
            if v is None:
                t.patched_row(label, f"{kind}_{n}", "-", "?")
            elif kind == "ls_root":
                per, per0 = v / n, first[kind] / SCALES[0]
                t.patched_row(label, f"{kind}_{n}", "linear in entries seen",
                              f"{'yes' if per <= 1.25 * per0 else 'NO'} ({per:,.0f} per entry)")
            elif kind == "ls_sandbox":
                per = (v - empty) / n if empty else None
                met = "?" if empty is None else ("yes" if v <= 1.25 * empty else "NO")
                t.patched_row(label, f"{kind}_{n}", "flat: sees none",
                              f"{met} ({per:,.0f} per hidden layer)" if per is not None else met)
            else:
                growth = v / first[kind]
                t.patched_row(label, f"{kind}_{n}", "flat (<= 1.25 x at 1,000)",
                              f"{'yes' if growth <= 1.25 else 'NO'} ({growth:.2f} x)")

    v = med("test", "rules_1000")
    t.patched_row("read rules of a layer with 1,000 rules", "rules_1000",
                  "reported", f"{v / 1000:,.0f} per rule" if v else "?")
    v0, v1 = med("test", "rules_older_0"), med("test", "rules_older_10000")
    t.patched_row("read rules (10) of an older layer, 0 other live layers",
                  "rules_older_0", "reference", "-")
    t.patched_row("read rules (10) of an older layer, 10,000 other live layers",
                  "rules_older_10000", "must not grow (<= 1.1 x)",
                  "?" if not (v0 and v1) else
                  f"{'yes' if v1 <= 1.1 * v0 else 'NO'} ({v1 / v0:.1f} x)")
    b, p = med("base", "slab_per_layer"), med("test", "slab_per_layer")
    t.add("slab bytes per live layer (10,000 sleeping threads)", b, p,
          p / b if b and p else None, "<= base + 64 B",
          "?" if b is None or p is None else
          f"{'yes' if p - b <= 64 else 'NO'} (+{p - b:,.0f} B)")
    v = med("test", "tool_scan")
    t.patched_row("landlockctl stats over 10,000 sandboxed processes (fork, exec)",
                  "tool_scan", "reported",
                  f"{v / 10000:,.0f} per process" if v else "?")
    return t.rows


def print_table(rows, out):
    header = ("case", "base", "patched", "ratio", "goal", "met?")
    lines = [(r["case"], fmt(r["base"]), fmt(r["patched"]),
              "-" if r["ratio"] is None else f"{r['ratio']:.3f}",
              r["goal"], r["met"]) for r in rows]
    widths = [max(len(x[i]) for x in lines + [header]) for i in range(6)]
    align = ("<", ">", ">", ">", "<", "<")
    for line in [header] + lines:
        print("  ".join(f"{c:{a}{w}}" for c, a, w in zip(line, align, widths)).rstrip(),
              file=out)


def print_stability(results, out):
    print("\nStability (guest instructions; spread = (max - min) / median over "
          "all runs; one median per boot):", file=out)
    print(f"{'case':<26} {'kernel':<7} {'min':>12} {'median':>12} {'max':>12} "
          f"{'spread':>7}  boot medians", file=out)
    for case, kernels in results.items():
        for kernel, s in kernels.items():
            boots = " ".join(f"{m:,.0f}" for m in s["boot_medians"])
            print(f"{case:<26} {KERNELS[kernel]:<7} {s['min']:>12,} "
                  f"{s['median']:>12,.0f} {s['max']:>12,} {100 * s['spread']:>6.2f}%  {boots}",
                  file=out)


def plot(results, directory):
    dat = os.path.join(directory, "scaling.dat")
    kinds = ("ls_root", "ls_sandbox", "parent_root", "parent_sandbox")
    if not any(f"{k}_{n}" in results for k in kinds for n in SCALES):
        # BENCH_CASES without any scaling case: nothing to draw.
        return False
    with open(dat, "w", encoding="utf-8") as f:
        f.write("# live_layers " + " ".join(kinds) + "\n")
        for n in SCALES:
            vals = [results.get(f"{k}_{n}", {}).get("test", {}).get("median")
                    for k in kinds]
            f.write(f"{n} " + " ".join("NaN" if v is None else str(v) for v in vals) + "\n")
    titles = ("ls domains/, root (sees all)", "ls domains/, sandbox (sees none)",
              "domains/<id>/parent, root", "domains/<id>/parent, sandbox (ENOENT)")
    plots = ", ".join(f"'{dat}' using 1:{i + 2} with linespoints title '{t}'"
                      for i, t in enumerate(titles))
    script = f"""
set terminal png size 1000,650
set output '{os.path.join(directory, "scaling.png")}'
set title 'securityfs domains/ on the patched kernel (QEMU -icount: guest instructions)'
set xlabel 'live domain layers'
set ylabel 'guest instructions per operation'
set logscale xy
set grid
set key top left
plot {plots}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--boots", type=int, required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--qemu", default="")
    ap.add_argument("--cmdline", default="")
    args = ap.parse_args()

    data, skips, fails = parse(args.dir, args.boots)
    results = {}
    for kernel, cases in data.items():
        for case, boots in cases.items():
            results.setdefault(case, {})[kernel] = stats(boots)
    rows = build_table(results)

    out = sys.stdout
    print(f"Figures are guest instructions per operation, not wall time: QEMU "
          f"{args.qemu} (1 guest ns = 1 instruction),\nmedian of {args.runs} runs "
          f"x {args.boots} boots per kernel; guest command line: {args.cmdline}.\n"
          "Rows without a base figure need the introspection interfaces "
          "(patched only).\n", file=out)
    print_table(rows, out)
    print_stability(results, out)
    for f in fails:
        print(f"FAILED: {f}", file=out)

    with open(os.path.join(args.dir, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"unit": "guest instructions per operation (bytes for "
                           "slab_per_layer); QEMU " + args.qemu,
                   "guest_cmdline": args.cmdline, "boots": args.boots,
                   "runs_per_boot": args.runs,
                   "kernels": KERNELS,
                   "cases": results, "table": rows,
                   "skipped": {k: sorted(v) for k, v in skips.items()},
                   "failures": fails}, f, indent=1)
    drawn = plot(results, args.dir)
    print(f"\nwrote {args.dir}/results.json" +
          (f" and {args.dir}/scaling.png" if drawn else
           " (no scaling case was run: no scaling.png)"), file=out)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

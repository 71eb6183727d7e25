#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Runs a command (QEMU) and kills it when it stops making progress.

Progress is growth of any watched file or of the command's standard output,
which is passed through.  The command runs in a process group of its own;
when it shows no progress for --idle seconds, or runs past --limit seconds,
the whole group gets SIGTERM, then SIGKILL, and the reason goes to --report:

    no output for 120 s after: <last line of the first watched file>
    still running after the limit of 900 s, last line: <...>

Exits with the command's status, or 124 when it killed it.
"""

import argparse
import os
import select
import signal
import subprocess
import sys
import time

POLL = 0.5


def last_line(path, fallback):
    """Last non-empty line of @path, with control characters dropped."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 4096))
            lines = [l for l in f.read().splitlines() if l.strip()]
    except OSError:
        lines = []
    raw = lines[-1] if lines else fallback
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    text = "".join(c for c in text if c.isprintable()).strip()
    return (text[:200] or "(nothing)")


def size(path):
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


def stop(proc):
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--idle", type=float, required=True)
    ap.add_argument("--limit", type=float, required=True)
    ap.add_argument("--watch", action="append", default=[])
    ap.add_argument("--report", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, start_new_session=True)
    out_fd = proc.stdout.fileno()
    os.set_blocking(out_fd, False)
    sizes = [size(p) for p in args.watch]
    start = last_progress = time.monotonic()
    stdout_tail = b""
    reason = None

    while True:
        ready, _, _ = select.select([out_fd] if out_fd >= 0 else [], [], [], POLL)
        if ready:
            data = os.read(out_fd, 65536)
            if data:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                stdout_tail = (stdout_tail + data)[-4096:]
                last_progress = time.monotonic()
            else:
                out_fd = -1
        now_sizes = [size(p) for p in args.watch]
        if now_sizes != sizes:
            sizes = now_sizes
            last_progress = time.monotonic()
        if proc.poll() is not None and out_fd < 0:
            break
        if proc.poll() is not None:
            # Exited; drain what is left of its output on the next rounds.
            if not ready:
                break
            continue
        now = time.monotonic()
        tail_lines = [l for l in stdout_tail.splitlines() if l.strip()]
        fallback = tail_lines[-1] if tail_lines else b""
        first = args.watch[0] if args.watch else ""
        if now - last_progress >= args.idle:
            reason = (f"no output for {args.idle:g} s after: "
                      f"{last_line(first, fallback)}")
        elif now - start >= args.limit:
            reason = (f"still running after the limit of {args.limit:g} s, "
                      f"last line: {last_line(first, fallback)}")
        if reason:
            stop(proc)
            break

    with open(args.report, "w") as f:
        f.write((reason or "") + "\n")
    if reason:
        print(f"watchdog: {reason}", file=sys.stderr)
        return 124
    return proc.wait()


if __name__ == "__main__":
    sys.exit(main())

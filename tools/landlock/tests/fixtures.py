#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host tests of landlockctl against fixture trees (--root DIR).

Usage: fixtures.py [--prefix NAME] [--sanitized] [--consumers] LANDLOCKCTL

Each test builds a directory laid out like /proc, /sys/kernel/security and
/proc/self/mountinfo, runs the tool on it and checks its output, its
message and its exit code.  Prints one line per case: "ok NAME" or
"not ok NAME # why" (dev/stage.sh turns them into TAP).  --consumers also
runs the real consumers: promtool and prometheus-node-exporter.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

EXIT = dict(ok=0, disabled=1, no_introspection=2, not_mounted=3,
            no_permission=4, not_found=5, no_restore=6, malformed=7,
            other=8, usage=64)

FS_RIGHTS = ("execute write_file read_file read_dir remove_dir remove_file "
             "make_char make_dir make_reg make_sock make_fifo make_block "
             "make_sym refer truncate ioctl_dev")

# Three layers: A (root) -> B -> C, and D beside A.
A, B, C, D = "1c9f0a6b2e4", "7d3e55aa01f2c3b4", "a0b1c2d3e4", "5e5e5e5e5e"

TOOL = None
SANITIZED = False
PREFIX = ""
VANISH = None  # the preload library of tests/vanish.c
PRELOAD_FIRST = ""  # libasan, which must come first
RESULTS = []


def write(path, content, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content.encode() if isinstance(content, str) else content)
    if mode is not None:
        os.chmod(path, mode)


class Fixture:
    """A fake /proc and securityfs under a temporary directory."""

    def __init__(self, secfs="/sys/kernel/security", mount_secfs=True,
                 mount_proc=True):
        self.root = tempfile.mkdtemp(prefix="llctl-")
        os.chmod(self.root, 0o755)
        self.proc = self.root + "/proc"
        self.secfs = self.root + secfs
        self.ll = self.secfs + "/landlock"
        lines = ["20 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw",
                 "21 20 254:1 /srv/data /data rw,relatime - ext4 /dev/vda1 rw",
                 "22 20 0:32 / /tmp rw - tmpfs tmpfs rw"]
        if mount_proc:
            lines.append("23 20 0:5 / /proc rw,nosuid - proc proc rw")
        if mount_secfs:
            lines.append(f"24 20 0:7 / {secfs} rw - securityfs securityfs rw")
        os.makedirs(self.proc + "/1", exist_ok=True)
        write(self.proc + "/1/mountinfo", "\n".join(lines) + "\n")
        os.symlink("1", self.proc + "/self")
        write(self.secfs + "/lsm", "lockdown,capability,landlock")
        write(self.ll + "/abi_version", "7\n")
        write(self.ll + "/features/fs", FS_RIGHTS + "\n")
        write(self.ll + "/features/net", "bind_tcp connect_tcp\n")
        os.makedirs(self.ll + "/domains", exist_ok=True)
        self.add_proc(1, "init", "/sbin/init", None)

    def cleanup(self):
        for dirpath, dirnames, _ in os.walk(self.root):
            for d in dirnames:
                p = os.path.join(dirpath, d)
                if not os.path.islink(p):
                    os.chmod(p, 0o755)
        shutil.rmtree(self.root)

    def add_layer(self, lid, parent="none", handled_fs="read_file read_dir",
                  rules="", mode="enforcing", denials=0, creator_pid=100,
                  creator_uid=0, exe="/usr/bin/sandboxer", comm="sandboxer",
                  log_flags="", handled_net="", scoped="", skip=()):
        d = f"{self.ll}/domains/{lid}"
        files = dict(parent=f"{parent}\n", handled_fs=f"{handled_fs}\n",
                     handled_net=f"{handled_net}\n", scoped=f"{scoped}\n",
                     rules=rules, log_flags=f"{log_flags}\n",
                     mode=f"{mode}\n", denials=f"{denials}\n",
                     creator_pid=f"{creator_pid}\n",
                     creator_uid=f"{creator_uid}\n",
                     creator_exe=f"{exe}\n", creator_comm=f"{comm}\n")
        for name, content in files.items():
            if name not in skip:
                write(f"{d}/{name}", content)
        return d

    def add_proc(self, pid, comm, exe, domain, uid=None, tasks=None,
                 domain_raw=None):
        d = f"{self.proc}/{pid}"
        write(f"{d}/comm", comm + "\n")
        if exe:
            os.symlink(exe, f"{d}/exe" if isinstance(exe, str)
                       else os.fsencode(f"{d}/exe"))
        write(f"{d}/attr/landlock/domain",
              domain_raw if domain_raw is not None else
              (f"{domain}\n" if domain else "none\n"))
        for tid in tasks or [pid]:
            t = f"{d}/task/{tid}"
            write(f"{t}/comm", comm + "\n")
            write(f"{t}/attr/landlock/domain",
                  domain_raw if domain_raw is not None else
                  (f"{domain}\n" if domain else "none\n"))
        if uid is not None:
            os.chown(d, uid, uid)
        return d

    def standard(self):
        """The three-layer chain, a sibling root layer and five processes."""
        self.add_layer(A, rules="fs 254:1 1572865 execute,read_file,read_dir /usr\n"
                       "fs 254:1 77 read_file /srv/data/my\\040file\n"
                       "fs 0:99 5 read_file ?\n"
                       "net 443 connect_tcp\n",
                       handled_net="connect_tcp", denials=3)
        self.add_layer(B, parent=A, handled_fs="write_file",
                       log_flags="log_new_exec_on", denials=2,
                       comm="evil\\033[2Jx", creator_pid=0)
        self.add_layer(C, parent=B, scoped="signal")
        self.add_layer(D, handled_fs="execute", creator_uid=65534)
        self.add_proc(100, "sandboxer", "/usr/bin/sandboxer", A)
        self.add_proc(101, "shell", "/bin/sh", B, tasks=[101, 102])
        self.add_proc(103, "cat", "/bin/cat", C)
        self.add_proc(104, "cat", "/bin/cat", C)
        self.add_proc(105, "nobody-job", "/usr/bin/job", D, uid=65534)
        self.add_proc(200, "sshd", "/usr/sbin/sshd", None)


def run(args, fixture=None, unprivileged=False, env=None):
    cmd = [TOOL]
    if fixture:
        cmd += ["--root", fixture.root]
    cmd += args
    if unprivileged and os.geteuid() == 0:
        # Root reads mode 000 files anyway: drop to nobody for EACCES.
        cmd = ["setpriv", "--reuid=65534", "--regid=65534",
               "--clear-groups", "--"] + cmd
    e = dict(os.environ, LC_ALL="C")
    e.setdefault("ASAN_OPTIONS", "detect_leaks=1:exitcode=99")
    e.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1:exitcode=98")
    if env:
        e.update(env)
    p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=60,
                       errors="replace")
    return p.returncode, p.stdout, p.stderr


class Failure(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Failure(why)


def expect(res, code, message=None):
    rc, out, err = res
    check("Sanitizer" not in err and "runtime error" not in err,
          f"sanitizer report: {err.strip()[:300]}")
    check(rc == EXIT[code] if isinstance(code, str) else rc == code,
          f"exit status {rc}, expected {code} ({EXIT.get(code, code)}); "
          f"stderr: {err.strip()[:200]}")
    if message is not None:
        check(message in err, f"stderr {err.strip()[:200]!r} lacks {message!r}")
    return out


def case(name):
    def wrap(fn):
        RESULTS.append((name, fn))
        return fn
    return wrap


def fixture_case(name, **kw):
    def wrap(fn):
        def runner():
            fx = Fixture(**kw)
            try:
                fn(fx)
            finally:
                fx.cleanup()
        RESULTS.append((name, runner))
        return fn
    return wrap


def jrun(fx, args, code="ok"):
    out = expect(run(["-J"] + args, fx), code)
    try:
        return json.loads(out)
    except json.JSONDecodeError as e:
        raise Failure(f"invalid JSON ({e}): {out[:200]!r}")


# ---- normal output ----

@fixture_case("ps: table lists every process with its state and depth")
def _(fx):
    fx.standard()
    out = expect(run(["ps", "-o", "PID,STATE,DOMAIN,DEPTH,COMM"], fx), "ok")
    lines = out.splitlines()
    check(lines[0].split() == ["PID", "STATE", "DOMAIN", "DEPTH", "COMM"],
          f"header {lines[0]!r}")
    rows = {int(l.split()[0]): l.split() for l in lines[1:]}
    check(sorted(rows) == [1, 100, 101, 103, 104, 105, 200], f"pids {sorted(rows)}")
    check(rows[103][1:4] == ["sandboxed", C, "3"], f"row 103 {rows[103]}")
    check(rows[100][1:4] == ["sandboxed", A, "1"], f"row 100 {rows[100]}")
    check(rows[200][1:3] == ["unsandboxed", "0"], f"row 200 {rows[200]}")


@fixture_case("ps: -J is versioned JSON with numbers as numbers")
def _(fx):
    fx.standard()
    doc = jrun(fx, ["ps", "--output-all"])
    check(doc.get("format_version") == 1, f"format_version {doc.get('format_version')}")
    procs = {p["pid"]: p for p in doc["processes"]}
    check(isinstance(procs[101]["depth"], int) and procs[101]["depth"] == 2,
          f"depth {procs[101]}")
    check(procs[101]["domain"] == B and procs[101]["mode"] == "enforcing",
          f"101: {procs[101]}")
    check(procs[200]["domain"] is None and procs[200]["state"] == "unsandboxed",
          f"200: {procs[200]}")
    check(procs[105]["uid"] == 65534, f"105: {procs[105]}")
    check(procs[103]["exe"] == "/bin/cat", f"103: {procs[103]}")


@fixture_case("ps: -n, -p PID and -t threads")
def _(fx):
    fx.standard()
    out = expect(run(["ps", "-n", "-p", "101", "-o", "PID,DOMAIN"], fx), "ok")
    check(out.split() == ["101", B], f"output {out!r}")
    doc = jrun(fx, ["ps", "-t", "-p", "101"])
    tids = [p["tid"] for p in doc["processes"]]
    check(tids == [101, 102], f"tids {tids}")
    expect(run(["ps", "-p", "4242"], fx), "not_found", "no such process: 4242")


@fixture_case("tree: layers nested as the parent files say, processes inside")
def _(fx):
    fx.standard()
    doc = jrun(fx, ["tree"])
    roots = {n["name"]: n for n in doc["layers"]}
    check(sorted(roots) == sorted([A, D]), f"roots {sorted(roots)}")
    a = roots[A]
    kids = {n["name"]: n for n in a.get("children", [])}
    check(B in kids and "100" in kids, f"children of A {sorted(kids)}")
    b = kids[B]
    bk = {n["name"]: n for n in b.get("children", [])}
    check(C in bk and "101" in bk, f"children of B {sorted(bk)}")
    ck = sorted(n["name"] for n in bk[C].get("children", []))
    check(ck == ["103", "104"], f"children of C {ck}")
    check(bk[C]["procs"] == 2 and bk[C]["type"] == "layer", f"C {bk[C]}")
    doc = jrun(fx, ["tree", "-p", "103"])
    check([n["name"] for n in doc["layers"]] == [A], f"-p roots {doc['layers']}")
    b = [n for n in doc["layers"][0]["children"] if n["name"] == B]
    check(len(b) == 1 and [n["name"] for n in b[0]["children"]] == [C] and
          [n["name"] for n in b[0]["children"][0]["children"]] == ["103"],
          f"-p chain {doc['layers']}")
    out = expect(run(["tree"], fx), "ok")
    check(any(l.lstrip("│├└─|`- ").startswith(C) for l in out.splitlines()),
          f"no C line in {out!r}")


@fixture_case("show: rights, rules resolved through the mount table, creator")
def _(fx):
    fx.standard()
    doc = jrun(fx, ["show", A])
    layer = doc["layer"][0]
    check(layer["id"] == A and layer["parent"] is None and layer["depth"] == 1,
          f"layer {layer}")
    check(layer["handled_fs"] == ["read_file", "read_dir"], f"fs {layer['handled_fs']}")
    check(layer["handled_net"] == ["connect_tcp"] and layer["denials"] == 3,
          f"layer {layer}")
    rules = doc["rules"]
    check(len(rules) == 4, f"{len(rules)} rules")
    check(rules[0]["rights"] == ["execute", "read_file", "read_dir"] and
          rules[0]["file"] == "/usr" and rules[0]["ino"] == 1572865, f"rule0 {rules[0]}")
    check(rules[1]["path"] == "/srv/data/my file" and
          rules[1]["file"] == "/data/my file", f"rule1 {rules[1]}")
    check(rules[2]["path"] == "?" and rules[2]["file"] is None, f"rule2 {rules[2]}")
    check(rules[3]["type"] == "net" and rules[3]["port"] == 443, f"rule3 {rules[3]}")
    check([p["pid"] for p in doc["processes"]] == [100], f"procs {doc['processes']}")
    doc = jrun(fx, ["show", B])
    check(doc["layer"][0]["creator_comm"] == "evil\x1b[2Jx", f"comm {doc['layer'][0]}")
    check(doc["layer"][0]["log_flags"] == ["log_new_exec_on"], f"{doc['layer'][0]}")
    out = expect(run(["show", B], fx), "ok")
    check("\x1b" not in out, "raw escape byte reached the terminal table")
    check("HANDLED_FS" in out and "write_file" in out, f"table {out!r}")


@fixture_case("show: invisible or malformed IDs")
def _(fx):
    fx.standard()
    expect(run(["show", "deadbeef42"], fx), "not_found",
           "no visible layer with ID deadbeef42")
    for bad in ("0x" + A, A.upper(), "0" + A, "xyz", ""):
        expect(run(["show", bad], fx), "usage", "not a layer ID")


@fixture_case("stats: coverage, per executable, layers by mode")
def _(fx):
    fx.standard()
    doc = jrun(fx, ["stats"])
    t = doc["totals"][0]
    check((t["processes"], t["sandboxed"], t["unsandboxed"],
           t["not_inspectable"], t["layers"], t["denials"], t["abi"]) ==
          (7, 5, 2, 0, 4, 5, 7), f"totals {t}")
    exes = {e["exe"]: e for e in doc["executables"]}
    check(exes["/bin/cat"]["sandboxed"] == 2 and exes["/bin/cat"]["processes"] == 2,
          f"cat {exes.get('/bin/cat')}")
    check(doc["modes"] == [{"mode": "enforcing", "layers": 4, "denials": 5}],
          f"modes {doc['modes']}")
    out = expect(run(["stats"], fx), "ok")
    check("Executables:" in out and "/usr/sbin/sshd" in out, f"table {out!r}")


@fixture_case("dump: every visible layer of a process, oldest first")
def _(fx):
    fx.standard()
    out = expect(run(["dump", "103"], fx), "ok")
    doc = json.loads(out)
    check(doc["format_version"] == 1 and doc["kind"] == "landlockctl-dump" and
          doc["abi"] == 7, f"header {list(doc)[:3]}")
    check([l["id"] for l in doc["layers"]] == [A, B, C], f"layers {doc['layers']}")
    check(doc["layers"][1]["parent"] == A, f"layer1 {doc['layers'][1]}")
    check(doc["layers"][2]["scoped"] == ["signal"], f"layer2 {doc['layers'][2]}")
    check([r["layer"] for r in doc["rules"]] == [A] * 4, f"rules {doc['rules']}")
    check(doc["process"][0]["pid"] == 103 and doc["process"][0]["domain"] == C,
          f"process {doc['process']}")
    doc = json.loads(expect(run(["dump", "200"], fx), "ok"))
    check(doc["layers"] == [] and doc["rules"] == [], f"unsandboxed {doc}")
    expect(run(["dump", "4242"], fx), "not_found", "no such process: 4242")
    expect(run(["dump", "abc"], fx), "usage", "not a process ID")


@fixture_case("restore: refused, with its own exit code, program not run")
def _(fx):
    fx.standard()
    image = fx.root + "/image.json"
    write(image, expect(run(["dump", "103"], fx), "ok"))
    marker = fx.root + "/ran"
    expect(run(["restore", image, "--", "touch", marker], fx), "no_restore",
           "no domain ID restore")
    check(not os.path.exists(marker), "the program ran")
    expect(run(["restore", fx.root + "/nope", "--", "true"], fx), "not_found")
    expect(run(["restore", image], fx), "usage")


@fixture_case("securityfs found through mountinfo, wherever it is")
def _(fx):
    pass


def _moved():
    fx = Fixture(secfs="/mnt/elsewhere")
    try:
        fx.standard()
        doc = jrun(fx, ["stats"])
        check(doc["totals"][0]["layers"] == 4, f"totals {doc['totals']}")
    finally:
        fx.cleanup()


RESULTS[-1] = (RESULTS[-1][0], _moved)

# ---- prometheus ----


@fixture_case("prometheus: metrics as the exposition format wants them")
def _(fx):
    fx.standard()
    out = expect(run(["--prometheus"], fx), "ok")
    samples = dict(l.rsplit(" ", 1) for l in out.splitlines()
                   if l and not l.startswith("#"))
    check(samples.get('landlock_processes{state="sandboxed"}') == "5",
          f"sandboxed: {samples}")
    check(samples.get('landlock_layers{mode="enforcing"}') == "4", "layers")
    check(samples.get('landlock_info{abi="7"}') == "1", "info")
    check(samples.get('landlock_executable_processes{exe="/bin/cat",state="sandboxed"}') == "2",
          "per exe")
    check(not any(A in l or "pid" in l.split("{")[0] for l in samples),
          "an ID or PID as a label")
    for l in out.splitlines():
        if l.startswith("landlock_") or l.startswith("# TYPE"):
            check(l.split()[0 if l[0] != "#" else 2].startswith("landlock_"),
                  f"prefix: {l}")


@fixture_case("prometheus-file: atomic write, mode 0644, no temporary left")
def _(fx):
    fx.standard()
    d = fx.root + "/textfile"
    os.makedirs(d)
    path = d + "/landlock.prom"
    write(path, "old\n")
    expect(run(["--prometheus-file", path], fx), "ok")
    check(sorted(os.listdir(d)) == ["landlock.prom"], f"files {os.listdir(d)}")
    check(os.stat(path).st_mode & 0o777 == 0o644, "mode")
    check("landlock_processes" in open(path).read(), "content")
    expect(run(["--prometheus-file", fx.root + "/nodir/x.prom"], fx), "other",
           "cannot create a temporary file")
    check(not os.path.exists(fx.root + "/nodir"), "created a directory")


# ---- text from sandboxed programs ----


def run_bytes(args, fixture):
    """As run(), with the output as bytes: no decoding hides bad UTF-8."""
    e = dict(os.environ, LC_ALL="C")
    e.setdefault("ASAN_OPTIONS", "detect_leaks=1:exitcode=99")
    e.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1:exitcode=98")
    p = subprocess.run([TOOL, "--root", fixture.root] + args,
                       capture_output=True, env=e, timeout=60)
    check(p.returncode == 0,
          f"exit status {p.returncode}; stderr: {p.stderr[:200]!r}")
    check(b"Sanitizer" not in p.stderr and b"runtime error" not in p.stderr,
          f"sanitizer report: {p.stderr[:300]!r}")
    return p.stdout


@fixture_case("json: paths and names that are not UTF-8 keep the document valid")
def _(fx):
    fx.standard()
    # As the kernel escapes it: the bytes 0xff and 0xfe.
    fx.add_layer("abcdef0123", exe="/tmp/\\377\\376x", comm="\\377")
    fx.add_proc(300, "bad", b"/tmp/\xffx", "abcdef0123")
    for args in (["ps"], ["tree"], ["show", "abcdef0123"], ["stats"],
                 ["dump", "300"]):
        out = run_bytes(["-J"] + args, fx)
        try:
            doc = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise Failure(f"{args}: not UTF-8 JSON ({e}): {out[:120]!r}")
    exes = {e["exe"]: e for e in jrun(fx, ["stats"])["executables"]}
    check("/tmp/\ufffdx" in exes, f"exes {sorted(exes)}")
    creator = jrun(fx, ["show", "abcdef0123"])["layer"][0]
    check("\ufffd\ufffd" in json.dumps(creator, ensure_ascii=False),
          f"creator {creator}")


@fixture_case("prometheus: executables told apart only by bytes that are not UTF-8 make one series")
def _(fx):
    fx.standard()
    fx.add_proc(300, "a", b"/tmp/\xff", A)
    fx.add_proc(301, "b", b"/tmp/\xfe", A)
    out = run_bytes(["--prometheus"], fx).decode("utf-8")
    series = [l.rsplit(" ", 1)[0] for l in out.splitlines()
              if l and not l.startswith("#")]
    check(len(series) == len(set(series)),
          f"duplicate series: {sorted(s for s in series if series.count(s) > 1)}")
    samples = dict(l.rsplit(" ", 1) for l in out.splitlines()
                   if l and not l.startswith("#"))
    key = 'landlock_executable_processes{exe="/tmp/\ufffd",state="sandboxed"}'
    check(samples.get(key) == "2", f"{key}: {samples.get(key)}")


@fixture_case("show: a creator path escaped to more than 4 KiB is read")
def _(fx):
    fx.standard()
    # 1,200 two-byte characters: 2,400 bytes, 9,600 once escaped.
    fx.add_layer("abcdef0123", exe="/" + "\\303\\251" * 1200)
    doc = jrun(fx, ["show", "abcdef0123"])
    layer = doc["layer"][0]
    text = json.dumps(layer, ensure_ascii=False)
    check("\u00e9" * 1200 in text, f"creator exe cut: {text[:200]!r}")
    jrun(fx, ["ps"])
    jrun(fx, ["tree"])


@fixture_case("ps: a name cannot spell an escape byte that it does not have")
def _(fx):
    fx.standard()
    fx.add_proc(300, "x\\x1b", "/bin/true", A)
    fx.add_proc(301, "x\x1b", "/bin/true", A)
    out = expect(run(["ps", "-o", "PID,COMM"], fx), "ok")
    rows = {l.split()[0]: l.split()[1] for l in out.splitlines()[1:]}
    check(rows.get("300") == "x\\x5cx1b", f"300: {rows.get('300')!r}")
    check(rows.get("301") == "x\\x1b", f"301: {rows.get('301')!r}")
    check("\x1b" not in out, "an escape byte reached the terminal")


@fixture_case("stats: --max-executables keeps those with the most processes, the others as [other]")
def _(fx):
    fx.standard()
    for i in range(5):
        fx.add_proc(300 + i, f"x{i}", f"/tmp/x{i}", A)
    doc = jrun(fx, ["--max-executables", "2", "stats"])
    exes = {e["exe"]: e for e in doc["executables"]}
    # /bin/cat has 2 processes, then the ties by name: /bin/sh.
    check(sorted(exes) == ["/bin/cat", "/bin/sh", "[other]"], f"exes {sorted(exes)}")
    every = jrun(fx, ["stats"])["executables"]
    check(len(every) > 3, f"every {every}")
    check(exes["[other]"]["processes"] ==
          sum(e["processes"] for e in every) - 3, f"other {exes['[other]']}")
    check(exes["/bin/cat"]["processes"] == 2, f"cat {exes['/bin/cat']}")
    out = expect(run(["--max-executables", "2", "--prometheus"], fx), "ok")
    series = [l for l in out.splitlines()
              if l.startswith("landlock_executable_processes{")]
    check(len({l.split(",")[0] for l in series}) == 3, f"series {series}")
    expect(run(["--max-executables", "0", "stats"], fx), "usage")
    expect(run(["--max-executables", "2", "ps"], fx), "usage")


# ---- errors ----

def err_case(name, code, message, setup, args=("ps",), unprivileged=False,
             **kw):
    def runner():
        fx = Fixture(**kw)
        try:
            fx.standard()
            setup(fx)
            expect(run(list(args), fx, unprivileged=unprivileged), code, message)
        finally:
            fx.cleanup()
    RESULTS.append((name, runner))


def rm(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def nothing(fx):
    pass


err_case("error: procfs not mounted (no mountinfo)", "not_mounted",
         "procfs is not mounted", lambda fx: rm(fx.proc + "/1/mountinfo"))
err_case("error: procfs not in mountinfo", "not_mounted",
         "procfs is not mounted", nothing, mount_proc=False)
err_case("error: securityfs not mounted", "not_mounted",
         "securityfs is not mounted", nothing, mount_secfs=False)
err_case("error: Landlock disabled", "disabled", "Landlock is not enabled",
         lambda fx: (rm(fx.ll), write(fx.secfs + "/lsm", "lockdown,capability,yama")))
err_case("error: Landlock disabled, no lsm file", "disabled",
         "Landlock is not enabled", lambda fx: (rm(fx.ll), rm(fx.secfs + "/lsm")))
err_case("error: kernel without the securityfs interface", "no_introspection",
         "lacks the Landlock introspection interfaces", lambda fx: rm(fx.ll))
err_case("error: kernel without domains/", "no_introspection",
         "lacks the Landlock introspection interfaces",
         lambda fx: rm(fx.ll + "/domains"))
err_case("error: kernel without /proc/<pid>/attr/landlock", "no_introspection",
         "lacks the Landlock introspection interfaces",
         lambda fx: rm(fx.proc + "/1/attr"))
err_case("error: domains/ not readable (EACCES)", "no_permission",
         "domains: permission denied",
         lambda fx: os.chmod(fx.ll + "/domains", 0), unprivileged=True)
err_case("error: landlock/ not searchable (EACCES)", "no_permission",
         "permission denied", lambda fx: os.chmod(fx.ll, 0), unprivileged=True)
err_case("error: layer file not readable (EACCES)", "no_permission",
         f"domains/{C}/mode: permission denied",
         lambda fx: os.chmod(f"{fx.ll}/domains/{C}/mode", 0), unprivileged=True)
err_case("error: ps -p of a process not inspectable (EACCES)", "no_permission",
         "process 103: permission denied",
         lambda fx: os.chmod(fx.proc + "/103/attr/landlock/domain", 0),
         args=("ps", "-p", "103"), unprivileged=True)
err_case("error: dump of a process not inspectable (EACCES)", "no_permission",
         "process 103: permission denied",
         lambda fx: os.chmod(fx.proc + "/103/attr/landlock/domain", 0),
         args=("dump", "103"), unprivileged=True)
err_case("error: malformed domain ID in procfs", "malformed",
         "/proc/103/attr/landlock/domain: malformed content",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", "A0B1\n"))
err_case("error: domain ID with leading zero", "malformed",
         "malformed content",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", "0a0b1\n"))
err_case("error: domain ID without newline", "malformed", "malformed content",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", C))
err_case("error: over-long procfs content", "malformed", "too long",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", "a" * 5000 + "\n"))
err_case("error: two lines in procfs domain (first read ends at a newline)",
         "malformed", "/proc/103/attr/landlock/domain: malformed content",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", C + "\n" + D + "\n"))
err_case("error: NUL byte in procfs domain", "malformed", "NUL byte",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", "a0b1\0c2d3\n"))
err_case("error: procfs domain one byte over its bound", "malformed", "too long",
         lambda fx: write(fx.proc + "/103/attr/landlock/domain", "a" * 64 + "\n"))
err_case("error: over-long layer file", "malformed", "too long",
         lambda fx: write(f"{fx.ll}/domains/{C}/handled_fs", "read_file " * 1000 + "\n"))
err_case("error: NUL byte in a layer file", "malformed", "NUL byte",
         lambda fx: write(f"{fx.ll}/domains/{C}/mode", "enf\0orcing\n"))
err_case("error: two lines in a one-line file", "malformed",
         f"domains/{C}/mode: malformed content",
         lambda fx: write(f"{fx.ll}/domains/{C}/mode", "enforcing\nx\n"))
err_case("error: malformed layer directory name", "malformed",
         "malformed layer ID",
         lambda fx: os.makedirs(f"{fx.ll}/domains/0xBAD"))
err_case("error: malformed parent", "malformed",
         f"domains/{B}/parent: malformed content",
         lambda fx: write(f"{fx.ll}/domains/{B}/parent", "-1\n"))
err_case("error: parent cycle", "malformed", "a chain of more than",
         lambda fx: write(f"{fx.ll}/domains/{A}/parent", f"{C}\n"))
err_case("error: malformed denials", "malformed", "malformed content",
         lambda fx: write(f"{fx.ll}/domains/{A}/denials", "12x\n"), args=("stats",))
err_case("error: lone backslash in creator_comm", "malformed",
         f"domains/{A}/creator_comm: malformed content",
         lambda fx: write(f"{fx.ll}/domains/{A}/creator_comm", "a\\b\n"))
err_case("error: required layer file missing", "malformed",
         f"domains/{C}/mode: missing", lambda fx: rm(f"{fx.ll}/domains/{C}/mode"))
err_case("error: malformed abi_version", "malformed",
         "abi_version: malformed content",
         lambda fx: write(fx.ll + "/abi_version", "seven\n"))
err_case("error: malformed rule", "malformed", "rules: malformed content: line 2",
         lambda fx: write(f"{fx.ll}/domains/{A}/rules",
                          "net 443 connect_tcp\nfs 254:1 read_file /x\n"),
         args=("show", A))
err_case("error: rule path with a raw space", "malformed",
         "rules: malformed content: line 1",
         lambda fx: write(f"{fx.ll}/domains/{A}/rules",
                          "fs 254:1 3 read_file /my file\n"), args=("show", A))
err_case("error: rules without final newline", "malformed", "no final newline",
         lambda fx: write(f"{fx.ll}/domains/{A}/rules", "net 1 bind_tcp"),
         args=("show", A))
err_case("error: unknown option", "usage", "Try 'landlockctl --help'",
         nothing, args=("--bogus",))
err_case("error: unknown column", "usage", "unknown column: NOPE", nothing,
         args=("ps", "-o", "PID,NOPE"))
err_case("error: unknown command", "usage", "unknown command: 'frob'", nothing,
         args=("frob",))
err_case("error: -o with stats", "usage", "-o and --output-all are for ps and tree",
         nothing, args=("stats", "-o", "PID"))


@fixture_case("not inspectable processes are counted and reported, not dropped")
def _(fx):
    fx.standard()
    os.chmod(fx.proc + "/103/attr/landlock/domain", 0)
    os.chmod(fx.proc + "/104/attr/landlock/domain", 0)
    fx.add_proc(2, "kworker/0:1-events", None, None)
    fx.add_proc(3, "kworker/0:2-mm", None, None)
    rc, out, err = run(["-J", "stats"], fx, unprivileged=True)
    expect((rc, out, err), "ok", "2 processes are not inspectable (permission denied)")
    doc = json.loads(out)
    t = doc["totals"][0]
    check(t["not_inspectable"] == 2 and t["sandboxed"] == 3, f"totals {t}")
    exes = {e["exe"]: e for e in doc["executables"]}
    check(exes["[unknown]"]["not_inspectable"] == 2 and
          exes["[none]"]["unsandboxed"] == 2 and "/bin/cat" not in exes,
          f"executables {sorted(exes)}")
    rc, out, err = run(["-J", "ps"], fx, unprivileged=True)
    expect((rc, out, err), "ok", "not inspectable")
    procs = {p["pid"]: p for p in json.loads(out)["processes"]}
    check(procs[103]["state"] == "not-inspectable" and procs[103]["domain"] is None,
          f"103 {procs[103]}")
    out = expect(run(["--prometheus"], fx, unprivileged=True), "ok")
    check('landlock_processes{state="not_inspectable"} 2' in out, "metric")


@fixture_case("processes and layers vanishing mid-scan are skipped (ENOENT)")
def _(fx):
    fx.standard()
    # Listed, then gone: the directory entries stay, their files do not.
    rm(fx.proc + "/104/attr")
    rm(fx.proc + "/103/comm")
    os.makedirs(fx.proc + "/300")
    os.symlink("/nonexistent", fx.proc + "/301")
    for name in os.listdir(f"{fx.ll}/domains/{D}"):
        rm(f"{fx.ll}/domains/{D}/{name}")
    os.rmdir(f"{fx.ll}/domains/{D}")
    os.symlink("/nonexistent", f"{fx.ll}/domains/{D}")
    doc = jrun(fx, ["stats"])
    t = doc["totals"][0]
    # stats reads no comm: 103 is only gone for the commands that show it.
    check((t["processes"], t["vanished"], t["layers"]) == (6, 3, 3), f"totals {t}")
    doc = jrun(fx, ["ps"])
    procs = {p["pid"]: p for p in doc["processes"]}
    check(105 in procs and procs[105]["depth"] is None, f"105 {procs.get(105)}")
    check(103 not in procs and 104 not in procs, f"pids {sorted(procs)}")
    jrun(fx, ["tree"])
    expect(run(["ps", "-p", "104"], fx), "not_found", "no such process: 104")
    expect(run(["show", D], fx), "not_found", "no visible layer")


@fixture_case("stats reads only parent, mode and denials of a layer")
def _(fx):
    fx.standard()
    # Malformed, but nothing stats counts: a scrape must not read it.
    write(f"{fx.ll}/domains/{C}/handled_fs", "read_file\nwrite_file\n")
    doc = jrun(fx, ["stats"])
    check(doc["totals"][0]["layers"] == 4, f"totals {doc['totals']}")
    expect(run(["show", C], fx), "malformed",
           f"domains/{C}/handled_fs: malformed content")


@fixture_case("a layer's optional files missing (older kernel): shown empty")
def _(fx):
    fx.standard()
    for f in ("creator_exe", "creator_comm", "creator_pid", "creator_uid",
              "denials", "log_flags", "scoped", "handled_net"):
        rm(f"{fx.ll}/domains/{A}/{f}")
    doc = jrun(fx, ["show", A])
    layer = doc["layer"][0]
    check(layer["creator_exe"] is None and layer["creator_pid"] is None and
          layer["denials"] == 0 and layer["scoped"] == [], f"layer {layer}")


@fixture_case("no layer at all, no process sandboxed")
def _(fx):
    doc = jrun(fx, ["tree"])
    check(doc["layers"] == [], f"tree {doc}")
    doc = jrun(fx, ["stats"])
    check(doc["totals"][0]["sandboxed"] == 0 and doc["modes"] == [], f"stats {doc}")
    expect(run(["ps"], fx), "ok")


def vanish_env(pattern):
    return dict(LD_PRELOAD=" ".join(x for x in (PRELOAD_FIRST, VANISH) if x),
                LLCTL_VANISH=pattern)


def vanish_cases():
    @fixture_case("processes exiting between open and read (ESRCH) are skipped")
    def _(fx):
        fx.standard()
        env = vanish_env("proc/104/attr/landlock/domain")
        rc, out, err = run(["-J", "stats"], fx, env=env)
        t = json.loads(expect((rc, out, err), "ok"))["totals"][0]
        check((t["processes"], t["vanished"], t["sandboxed"]) == (6, 1, 4),
              f"totals {t}")
        expect(run(["ps", "-p", "104"], fx, env=env), "not_found",
               "no such process: 104")
        env = vanish_env("proc/103/comm")
        doc = json.loads(expect(run(["-J", "ps"], fx, env=env), "ok"))
        check(103 not in [p["pid"] for p in doc["processes"]], "103 listed")
        env = vanish_env("proc/101/task/102/attr")
        doc = json.loads(expect(run(["-J", "ps", "-t"], fx, env=env), "ok"))
        check([p["tid"] for p in doc["processes"] if p["pid"] == 101] == [101],
              f"threads {doc['processes']}")


@case("help and version")
def _():
    out = expect(run(["--help"]), "ok")
    check("Exit status:" in out and "restore FILE -- PROGRAM" in out, "help")
    out = expect(run(["--version"]), "ok")
    check(out.startswith("landlockctl "), f"version {out!r}")


# Correctness at scale only: speed is the benchmark's (make bench).
@case("scale: one pass over 10000 fixture processes")
def _():
    fx = Fixture()
    try:
        fx.standard()
        ids = [A, B, C, D, None]
        for i in range(10000):
            pid = 1000 + i
            d = f"{fx.proc}/{pid}"
            os.makedirs(d + "/attr/landlock")
            with open(d + "/comm", "w") as f:
                f.write("w%d\n" % (i % 50))
            os.symlink("/usr/bin/worker%d" % (i % 50), d + "/exe")
            with open(d + "/attr/landlock/domain", "w") as f:
                f.write((ids[i % 5] or "none") + "\n")
        doc = jrun(fx, ["stats"])
        check(doc["totals"][0]["processes"] == 10007, f"totals {doc['totals']}")
        check(doc["totals"][0]["sandboxed"] == 8005, f"totals {doc['totals']}")
    finally:
        fx.cleanup()


# ---- real consumers ----

def consumer_cases():
    @fixture_case("promtool check metrics accepts --prometheus")
    def _(fx):
        fx.standard()
        # Label values from paths: quotes, backslashes, newlines, not UTF-8.
        fx.add_proc(400, "odd", b"/opt/a\"b\\c\nd\xff\xc3\xa9", A)
        out = expect(run(["--prometheus"], fx), "ok")
        check('exe="/opt/a\\"b\\\\c\\nd\ufffd\u00e9"' in out,
              f"label: {[l for l in out.splitlines() if 'opt' in l]}")
        p = subprocess.run(["promtool", "check", "metrics"], input=out,
                           capture_output=True, text=True, timeout=60)
        check(p.returncode == 0 and not p.stdout.strip() and not p.stderr.strip(),
              f"promtool: rc {p.returncode} {p.stdout.strip()} {p.stderr.strip()}")

    @fixture_case("node exporter textfile collector scrapes --prometheus-file")
    def _(fx):
        fx.standard()
        d = fx.root + "/textfile"
        os.makedirs(d)
        expect(run(["--prometheus-file", d + "/landlock.prom"], fx), "ok")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        ne = subprocess.Popen(
            ["prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{port}",
             "--collector.disable-defaults", "--collector.textfile",
             f"--collector.textfile.directory={d}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            body, deadline = None, time.monotonic() + 20
            while time.monotonic() < deadline and ne.poll() is None:
                try:
                    with urllib.request.urlopen(
                            f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
                        body = r.read().decode()
                    break
                except OSError:
                    time.sleep(0.2)
            check(body is not None, f"no answer on 127.0.0.1:{port} "
                  f"(exporter rc {ne.poll()})")
            lines = body.splitlines()
            check("node_textfile_scrape_error 0" in lines,
                  f"scrape error: {[l for l in lines if 'scrape_error' in l]}")
            check('landlock_processes{state="sandboxed"} 5' in lines,
                  f"metric missing: {[l for l in lines if 'landlock' in l][:5]}")
            check('landlock_layers{mode="enforcing"} 4' in lines, "layers missing")
        finally:
            ne.terminate()
            try:
                ne.wait(timeout=10)
            except subprocess.TimeoutExpired:
                ne.kill()
                ne.wait()


def main():
    global TOOL, SANITIZED, PREFIX, VANISH, PRELOAD_FIRST
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="")
    ap.add_argument("--sanitized", action="store_true")
    ap.add_argument("--consumers", action="store_true")
    ap.add_argument("--vanish", help="the library built from tests/vanish.c")
    ap.add_argument("--preload-first", default="",
                    help="a library to preload before it (libasan)")
    ap.add_argument("tool")
    a = ap.parse_args()
    TOOL, SANITIZED, PREFIX = os.path.abspath(a.tool), a.sanitized, a.prefix
    VANISH, PRELOAD_FIRST = a.vanish, a.preload_first
    if a.consumers:
        consumer_cases()
    if VANISH:
        vanish_cases()
    failed = 0
    for name, fn in RESULTS:
        try:
            fn()
            print(f"ok {PREFIX}{name}", flush=True)
        except Failure as e:
            failed += 1
            print(f"not ok {PREFIX}{name} # {str(e).splitlines()[0] if str(e) else ''}"
                  .replace("\n", " "), flush=True)
        except Exception as e:  # a bug of the test itself
            failed += 1
            print(f"not ok {PREFIX}{name} # {type(e).__name__}: {e}"
                  .replace("\n", " "), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

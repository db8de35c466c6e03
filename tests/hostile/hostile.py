#!/usr/bin/env python3
"""Hostile input for every command (issue #10).

    hostile.py WABA_EXE COMMAND [--list]

The inputs are made at test time in a temporary folder: 100k nested brackets, a 20 MB
single-line body, invalid UTF-8, NUL bytes, a directory given as a file, a missing
path, an output that cannot be written, a PNG that claims 100000x100000, a 1 GB sparse
file, and hostile policy/config files for the options every command takes.

Every run must:
  - end by itself within TIMEOUT seconds (a generous bound: a hang or a quadratic
    blow-up shows as minutes, a normal run takes well under a second);
  - exit 1 (findings, with at least one error in the JSON report) or 2 (could not run,
    with exactly one line on stderr that starts with "waba-preflight: ");
  - never die from a signal or a sanitizer report;
  - stay within MEMORY_MB of resident memory (peak RSS from wait4), and also run under
    an address-space limit of AS_LIMIT_MB when the binary is not built with ASan
    (ASan reserves terabytes of address space, so only the RSS bound applies there);
  - print a bounded report: valid UTF-8 JSON, no message longer than 1000 characters,
    and no more than 2 MB on stdout (a 20 MB input must not be echoed back).
"""
import json
import os
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

TIMEOUT = 120         # seconds per run, under sanitizers on a loaded 2-core machine
MEMORY_MB = 1024      # peak resident memory per run
AS_LIMIT_MB = 1536    # address-space limit for non-ASan builds
STDOUT_MAX = 2 << 20
QUIET_S = 1.5        # seconds of silence after the last keystroke before the terminal hangs up
MESSAGE_MAX = 1000

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))


def png(w, h, rows=None, color_type=6):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0)
    if rows is None:
        rows = b"".join(b"\x00" + b"\x80\x40\x20\xff" * w for _ in range(h))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def make_inputs(d):
    """Write the hostile files into d; return a dict name -> path."""
    p = {}

    def put(name, data):
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(data)
        p[name] = path
        return path

    put("nested.json", b"[" * 100000)
    put("nested_obj.json", b'{"a":' * 100000 + b"1" + b"}" * 100000)
    put("nested.txt", b"{{" * 100000)
    big = 20 * 1000 * 1000
    put("long.json", b'{"name":"' + b"a" * big + b'","profile":{"about":"' + b"b" * 1000 + b'"}}')
    put("long.txt", b"Ola {{1}} " + b"x" * big)
    put("badutf8.json", b'{"name":"\xff\xfe\xc3(", "business":{"id":"\xc0\xaf"}}')
    put("badutf8.txt", b"---\nname: a\xff\n---\nbody \xed\xa0\x80 \xf4\x90\x80\x80\n")
    # long lines (issue #17 item 5): what json.dumps writes for 8 000 templates (a bigger report would
    # pass the 2 MB bound on stdout; tests/security long-lines has 20 000), one line, one in
    # a hundred with a finding far along it; a draft with 100 000 placeholders on one line
    ts = [{"name": "order_%d" % i if i % 100 else "Order %d" % i, "language": "pt_BR", "category": "UTILITY",
           "components": [{"type": "BODY", "text": "Ola {{1}}, pedido %d saiu hoje." % i,
                                           "example": {"body_text": [["Ana"]]}}]} for i in range(8000)]
    put("oneline.json", json.dumps(ts).encode())
    put("placeholders.txt", b"---\nname: many\nlanguage: pt_BR\ncategory: UTILITY\n---\nOla "
        + b" ".join(b"{{%d}} texto" % (i % 7 + 1) for i in range(100000)) + b"\n")
    put("nul.json", b'{"name":"a\x00b", "business":{"id":"1\x0075"}}')
    put("nul.txt", b"body\x00with NUL\x00bytes\n")
    put("huge.png", png(100000, 100000, rows=b"\x00" * 4096))
    put("not_image.png", b"GIF89a" + b"\x00" * 100)
    put("nested.xml", b'<?xml version="1.0"?>' + b"<a>" * 100000 + b"</a>" * 100000)
    put("badutf8.xml", b'<?xml version="1.0" encoding="UTF-8"?><checklist xmlns="urn:x">\xff\xfe</checklist>')
    put("billion_laughs.xml", b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10)
                   for i in range(9))
        + b"]><checklist>&j;</checklist>")
    put("config_nested.json", b'{"rules":' * 100000)
    put("token_nl", b"abc\ndef\n")
    sparse = os.path.join(d, "sparse.bin")
    with open(sparse, "wb") as f:
        f.truncate(1 << 30)
    p["sparse.bin"] = sparse
    os.mkdir(os.path.join(d, "dir"))
    p["dir"] = os.path.join(d, "dir")
    p["missing"] = os.path.join(d, "no", "such", "file.json")
    # a path "under a file": can never be created, even by root
    p["under_file"] = os.path.join(p["nul.txt"], "out")
    # a good application and photo, for the unwritable-output cases
    app = os.path.join(SRC, "tests", "email", "app")
    if os.path.isdir(app):
        for n in os.listdir(app):
            shutil.copy(os.path.join(app, n), os.path.join(d, n))
        p["application.json"] = os.path.join(d, "application.json")
        p["logo.png"] = os.path.join(d, "logo.png")
    else:
        p["logo.png"] = put("logo.png", png(640, 640))
    return p


def cases_for(command, p):
    """(label, argv after the command, stdin bytes or None)."""
    nested = "[" * 100000
    long_arg = "9" * 100000
    bad = os.fsdecode(b"\xff\xfe\xc3(")
    files = ["nested.json", "nested_obj.json", "long.json", "badutf8.json", "nul.json",
             "dir", "missing", "sparse.bin"]
    c = []
    file_cmds = {"check", "profile", "lint", "email", "photo"}
    if command in file_cmds:
        extra = {"lint": ["nested.txt", "long.txt", "badutf8.txt", "nul.txt", "oneline.json", "placeholders.txt"],
                 "photo": ["huge.png", "not_image.png", "long.txt", "nul.txt"]}.get(command, [])
        for f in files + extra:
            c.append((f, [p[f]], None))
        c.append(("stdin 20 MB", ["-"], open(p["long.json"], "rb").read()))
        c.append(("stdin NUL", ["-"], b"\x00" * 1000))
    if command in ("business", "phone", "name"):
        for label, arg in (("100k brackets", nested), ("100k digits", long_arg), ("invalid UTF-8", bad),
                           ("empty", "")):
            c.append((label, [arg], None))
    if command == "business":
        c.append(("token file is a directory", ["175601379772329", "--online", "--token-file", p["dir"]], None))
        c.append(("token file missing", ["175601379772329", "--online", "--token-file", p["missing"]], None))
        c.append(("token file 1 GB sparse", ["175601379772329", "--online", "--token-file", p["sparse.bin"]], None))
        c.append(("graph url hostile", ["175601379772329", "--online", "--graph-url", nested], None))
    if command == "phone":
        c.append(("region hostile", ["+55 11 3456-7890", "--region", bad], None))
    if command == "name":
        c.append(("website unreachable", ["Padaria", "--website", "http://127.0.0.1:9/"], None))
        c.append(("website hostile", ["Padaria", "--website", nested], None))
    if command == "photo":
        c.append(("--fix unwritable", [p["logo.png"], "--fix", "/proc/waba-fix.png"], None))
        c.append(("--fix under a file", [p["logo.png"], "--fix", p["under_file"]], None))
        c.append(("--preview into a directory", [p["logo.png"], "--preview", p["dir"]], None))
    if command == "email" and "application.json" in p:
        c.append(("-o unwritable", [p["application.json"], "--force", "-o", "/proc/waba.eml"], None))
        c.append(("-o under a file", [p["application.json"], "--force", "-o", p["under_file"]], None))
        c.append(("-o a directory", [p["application.json"], "--force", "-o", p["dir"]], None))
    if command == "wizard":
        # the wizard needs a terminal: these run on a pseudo-terminal (run_pty); a label
        # starting with "pty:" marks them
        w = os.path.dirname(p["dir"])
        c.append(("pty: state is a directory", ["--state", p["dir"]], b""))
        c.append(("pty: state unwritable", ["--state", "/proc/waba-state.json"], b"y\r"))
        c.append(("pty: state under a file", ["--state", p["under_file"]], b"y\r"))
        c.append(("pty: state 1 GB sparse", ["--state", p["sparse.bin"]], b""))
        c.append(("pty: state nested", ["--state", p["nested.json"]], b""))
        c.append(("pty: state 20 MB line", ["--state", p["long.json"]], b""))
        c.append(("pty: state invalid UTF-8", ["--state", p["badutf8.json"]], b""))
        c.append(("pty: state NUL", ["--state", p["nul.json"]], b""))
        c.append(("pty: 1 MB answer line", ["--state", os.path.join(w, "w1.json")], b"x" * (1 << 20) + b"\r"))
        c.append(("pty: NUL, invalid UTF-8, escapes", ["--state", os.path.join(w, "w2.json")],
                  b"\x00\xff\xfe\x1b[2J\x1b]0;t\x07\r" * 20))
        c.append(("pty: 100k brackets answer", ["--state", os.path.join(w, "w4.json")], b"[" * 100000 + b"\r"))
    # options every command takes; a valid first argument where one is needed
    base = {"check": [p.get("application.json", p["nul.json"])], "profile": [p.get("application.json", p["nul.json"])],
            "email": [p.get("application.json", p["nul.json"])], "lint": [p["nul.txt"]],
            "photo": [p["logo.png"]], "business": ["175601379772329"], "phone": ["+55 11 3456-7890"],
            "name": ["Padaria"], "rules": [], "wizard": ["--state", os.path.join(os.path.dirname(p["dir"]), "w3.json")]}[command]
    stdin = None
    for f in ("nested.xml", "badutf8.xml", "billion_laughs.xml", "dir", "missing", "sparse.bin", "long.json"):
        c.append(("--checklist " + f, base + ["--checklist", p[f]], stdin))
    for f in ("config_nested.json", "nested.json", "dir", "missing", "sparse.bin", "long.json", "badutf8.json"):
        c.append(("--config " + f, base + ["--config", p[f]], stdin))
    c.append(("--format hostile", base + ["--format", nested], stdin))
    return c


def is_asan(exe):
    with open(exe, "rb") as f:
        return b"__asan_init" in f.read()


def run(exe, command, args, stdin, cwd, asan):
    def limits():
        if not asan:
            lim = AS_LIMIT_MB << 20
            resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("WABA_PREFLIGHT_TOKEN", None)
    if command == "business":
        env["WABA_PREFLIGHT_TOKEN"] = "EAAGhostiletoken0123456789"
    # ASan's own shadow memory is counted in RSS; don't let its leak report hide a crash
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    argv = [exe, command] + args + (["--format", "json"] if "--format" not in args else [])
    out_path = os.path.join(cwd, ".stdout")
    err_path = os.path.join(cwd, ".stderr")
    t0 = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=out, stderr=err, cwd=cwd, env=env, preexec_fn=limits)
        if stdin is not None:
            try:
                proc.stdin.write(stdin)
            except BrokenPipeError:
                pass  # the command may refuse before reading it all
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
        deadline = t0 + TIMEOUT
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                return None, b"", b"", time.monotonic() - t0, usage.ru_maxrss
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - t0
    with open(out_path, "rb") as f:
        stdout = f.read(STDOUT_MAX + 1)
    with open(err_path, "rb") as f:
        stderr = f.read()
    return proc.returncode, stdout, stderr, elapsed, usage.ru_maxrss


def run_pty(exe, command, args, data, cwd, asan):
    """The command on a pseudo-terminal: type `data`, then hang up once it stops
    printing. stdout and stderr are the terminal's (one stream)."""
    import pty
    import select
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": cwd, "TERM": "dumb",
           "LANG": "C.UTF-8", "NO_COLOR": "1",
           "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")}
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if not asan:
                lim = AS_LIMIT_MB << 20
                resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
            os.chdir(cwd)
            os.execve(exe, [exe, command] + args, env)
        finally:
            os._exit(127)
    # non-blocking: the wizard echoes what is typed, so writing while it cannot print
    # (its output unread) would deadlock both sides
    os.set_blocking(fd, False)
    out = bytearray()
    pos, last_output, status, usage = 0, time.monotonic(), None, None
    last_progress = time.monotonic()
    while True:
        now = time.monotonic()
        if now - t0 > TIMEOUT:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            return None, bytes(out), b"", now - t0, 0
        done, st, us = os.wait4(pid, os.WNOHANG)
        if done:
            status, usage = st, us
            break
        want_w = [fd] if pos < len(data) else []
        r, w, _ = select.select([fd], want_w, [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                chunk = None
            except OSError:
                chunk = b""
            if chunk:
                out += chunk[: max(0, STDOUT_MAX + 1 - len(out))]
                last_output = time.monotonic()
        if w:
            try:
                n = os.write(fd, data[pos:pos + 4096])
                if n:
                    pos += n
                    last_progress = time.monotonic()
            except BlockingIOError:
                pass
            except OSError:
                pos = len(data)
        # a terminal that stops taking input (a full line buffer) ends the typing too
        if pos < len(data) and time.monotonic() - last_progress > 5 and time.monotonic() - last_output > QUIET_S:
            pos = len(data)
        if pos >= len(data) and time.monotonic() - last_output > QUIET_S:
            os.close(fd)  # hang up: the wizard saves what it has and leaves
            fd = os.open("/dev/null", os.O_RDONLY)
            last_output = float("inf")
    try:
        os.close(fd)
    except OSError:
        pass
    return os.waitstatus_to_exitcode(status), bytes(out), b"", time.monotonic() - t0, usage.ru_maxrss


def judge_pty(code, out, elapsed, rss_kb):
    """The wizard on a terminal: 2 with a one-line reason for a state file it cannot use,
    else it must leave cleanly when the terminal goes (129/130) or finish (0/1)."""
    if code is None:
        return ["did not finish within %d s (after the terminal hung up)" % TIMEOUT]
    text = out.decode("utf-8", "replace")
    problems = []
    if code < 0:
        problems.append("killed by signal %d" % -code)
    if "AddressSanitizer" in text or "runtime error:" in text or "LeakSanitizer" in text:
        problems.append("sanitizer report: " + text[-2000:])
    if code not in (0, 1, 2, 129, 130):
        problems.append("exit %d" % code)
    if rss_kb > MEMORY_MB * 1024:
        problems.append("peak memory %d MB (bound %d MB)" % (rss_kb // 1024, MEMORY_MB))
    if code == 2:
        lines = [l for l in text.splitlines() if l.startswith("waba-preflight")]
        if not lines or len(lines[-1]) > MESSAGE_MAX:
            problems.append("exit 2 without a 'waba-preflight: reason' line: %r" % text[-600:])
    return problems


def judge(code, stdout, stderr, elapsed, rss_kb):
    """A list of problems (empty when the run behaved)."""
    problems = []
    if code is None:
        return ["did not finish within %d s" % TIMEOUT]
    err = stderr.decode("utf-8", "replace")
    if code < 0:
        problems.append("killed by signal %d" % -code)
    if "AddressSanitizer" in err or "runtime error:" in err or "LeakSanitizer" in err:
        problems.append("sanitizer report: " + err[:2000])
    if code not in (1, 2):
        problems.append("exit %d (want 1 or 2)" % code)
    if rss_kb > MEMORY_MB * 1024:
        problems.append("peak memory %d MB (bound %d MB)" % (rss_kb // 1024, MEMORY_MB))
    if len(stdout) > STDOUT_MAX:
        problems.append("more than %d bytes on stdout" % STDOUT_MAX)
    if code == 2:
        lines = [l for l in err.splitlines() if l.strip() and not l.startswith("waba-preflight: warning:")]
        if len(lines) != 1 or not lines[0].startswith("waba-preflight"):
            problems.append("exit 2 needs exactly one line 'waba-preflight: reason' on stderr, got %r" % err[:600])
        elif len(lines[0]) > MESSAGE_MAX:
            problems.append("the reason is %d characters long" % len(lines[0]))
    if code == 1:
        try:
            rep = json.loads(stdout)
        except ValueError as e:
            return problems + ["exit 1 but stdout is not a JSON report (%s): %r" % (e, stdout[:300])]
        if rep.get("summary", {}).get("errors", 0) < 1:
            problems.append("exit 1 without an error finding")
        for f in rep.get("findings", []):
            m = f.get("message", "")
            if len(m) > MESSAGE_MAX:
                problems.append("finding %s: message of %d characters" % (f.get("rule"), len(m)))
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exe, command = os.path.abspath(sys.argv[1]), sys.argv[2]
    asan = is_asan(exe)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="waba-hostile-") as d:
        p = make_inputs(d)
        for label, args, stdin in cases_for(command, p):
            if label.startswith("pty: "):
                code, out, err, elapsed, rss = run_pty(exe, command, args, stdin, d, asan)
                problems = judge_pty(code, out, elapsed, rss)
                err = b"\n".join(l for l in out.splitlines() if l.startswith(b"waba-preflight"))
            else:
                code, out, err, elapsed, rss = run(exe, command, args, stdin, d, asan)
                problems = judge(code, out, err, elapsed, rss)
            reason = err.decode("utf-8", "replace").strip().splitlines()
            shown = reason[-1][:110] if code == 2 and reason else ""
            print("%s %-30s exit %-4s %5.2fs %5d MB  %s" % ("FAIL" if problems else "ok  ", label, code,
                                                            elapsed, rss // 1024, shown))
            for pr in problems:
                print("     - " + pr)
            failed += bool(problems)
    print("%s: %d failing case(s)" % (command, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

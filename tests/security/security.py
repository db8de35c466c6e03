#!/usr/bin/python3
"""Regression tests for issue #17: untrusted repository files and other local users get
nothing (docs/security.md).

Usage: security.py WABA_EXE CASE

Every case builds its files in a temporary folder, runs the release binary as a person
or a CI job would, and asserts what they would see: exit code, stderr, the files
written, what a loopback SMTP server received.
"""
import json, os, re, shutil, socket, stat, subprocess, sys, tempfile, time

EXE = os.path.abspath(sys.argv[1])
CASE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(os.path.dirname(HERE), "email", "app")
SECRET = "ghp_S3cr3tT0kenThatMustNeverLeak0123456789"


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(args, cwd, env=None, stdin=None, timeout=120):
    e = {k: v for k, v in os.environ.items() if not k.startswith("WABA_PREFLIGHT_")}
    e.update(NO_COLOR="1", LANG="C.UTF-8", HOME=os.environ.get("HOME", "/root"))
    e.pop("LC_ALL", None)
    e.update(env or {})
    p = subprocess.run([EXE] + args, cwd=cwd, env=e, capture_output=True, timeout=timeout,
                       input=stdin)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def expect(cond, what, out="", err=""):
    if not cond:
        fail(f"{what}\n--- stdout\n{out[:3000]}\n--- stderr\n{err[:3000]}")


def app_dir(root, photo=None, templates=None):
    """A clean application (tests/email/app) in root/app; returns the folder."""
    d = os.path.join(root, "app")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(APP, "logo.png"), d)
    app = json.load(open(os.path.join(APP, "application.json"), encoding="utf-8"))
    if photo is not None:
        app["photo"] = photo
    if templates is not None:
        app["templates"] = templates
    with open(os.path.join(d, "application.json"), "w", encoding="utf-8") as f:
        json.dump(app, f, ensure_ascii=False, indent=2)
    return d


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def smtp_server():
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        print("SKIP: python3-aiosmtpd is not installed")
        sys.exit(77)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    c = Controller(sink, hostname="127.0.0.1", port=port)
    c.start()
    return c, sink, port


# ---- 1. e-mail attachments ------------------------------------------------------------

def case_attach():
    root = tempfile.mkdtemp(prefix="waba-sec-")
    with open(os.path.join(root, "secret.txt"), "w") as f:
        f.write(f"TOKEN={SECRET}\n")
    env = {"WABA_PREFLIGHT_TOKEN": SECRET, "WABA_PREFLIGHT_SMTP_PASSWORD": SECRET}
    c, sink, port = smtp_server()
    try:
        attacks = {
            "environ link": ("photo.png", lambda d: os.symlink("/proc/self/environ", os.path.join(d, "photo.png"))),
            "dot-dot": ("../secret.txt", None),
            "deep dot-dot": ("../../secret.txt", None),
            "absolute": (os.path.join(root, "secret.txt"), None),
            "link to a folder outside": ("up/secret.txt", lambda d: os.symlink(root, os.path.join(d, "up"))),
            "fifo": ("pipe.png", lambda d: os.mkfifo(os.path.join(d, "pipe.png"))),
        }
        for name, (photo, setup) in attacks.items():
            sub = tempfile.mkdtemp(dir=root)
            d = app_dir(sub, photo=photo)
            if setup:
                setup(d)
            for extra in ([], ["--force"]):
                code, out, err = run(["email", "application.json", "-o", "req.eml",
                                      "--send", f"smtp://127.0.0.1:{port}"] + extra, d, env, timeout=30)
                expect(code == 2, f"{name} {extra}: exit {code}, want 2", out, err)
                if name == "fifo":
                    expect("not a regular file" in err, f"{name}: stderr does not say why", out, err)
                else:
                    expect("is outside the folder of 'application.json'" in err,
                           f"{name}: stderr does not say the photo is outside", out, err)
                expect(not os.path.exists(os.path.join(d, "req.eml")), f"{name}: a message was written")
                expect(SECRET not in out + err, f"{name}: the secret was printed", out, err)
        # a template path out of the folder is refused the same way (check and email)
        sub = tempfile.mkdtemp(dir=root)
        d = app_dir(sub, templates=["../../secret.txt"])
        code, out, err = run(["check", "application.json"], d, env)
        expect(code == 2 and "is outside the folder" in err and SECRET not in out + err,
               f"template outside: exit {code}", out, err)
        # a photo that is not an image is never attached, --force or not
        sub = tempfile.mkdtemp(dir=root)
        d = app_dir(sub, photo="notes.png")
        with open(os.path.join(d, "notes.png"), "w") as f:
            f.write(f"personal notes {SECRET}\n")
        code, out, err = run(["email", "application.json", "-o", "req.eml"], d, env)
        expect(code == 1 and not os.path.exists(os.path.join(d, "req.eml")), f"not an image: exit {code}", out, err)
        code, out, err = run(["email", "application.json", "-o", "req.eml", "--force",
                              "--send", f"smtp://127.0.0.1:{port}"], d, env)
        expect(code == 1, f"not an image --force: exit {code}, want 1", out, err)
        expect("is not attached: it is not a valid PNG or JPEG image" in err, "no warning about the photo", out, err)
        eml = open(os.path.join(d, "req.eml"), "rb").read()
        import base64
        expect(SECRET.encode() not in eml and base64.b64encode(b"personal notes") not in eml
               and b"Content-Disposition: attachment" not in eml, "the non-image was attached")
        # the valid photo inside the folder (also reached through a link inside it) is attached
        sub = tempfile.mkdtemp(dir=root)
        d = app_dir(sub, photo="link.png")
        os.symlink("logo.png", os.path.join(d, "link.png"))
        code, out, err = run(["email", "application.json", "-o", "req.eml"], d, env)
        eml = open(os.path.join(d, "req.eml"), "rb").read() if os.path.exists(os.path.join(d, "req.eml")) else b""
        expect(code == 0 and b"image/png" in eml, f"valid photo: exit {code}", out, err)
    finally:
        c.stop()
    expect(len(sink.messages) == 1, f"{len(sink.messages)} messages arrived; only the --force one without the photo may")
    expect(SECRET.encode() not in sink.messages[0][2], "the secret reached the SMTP server")


# ---- 2. paths a configuration names -----------------------------------------------------

def repo(root):
    """A git-like repository folder with one template; returns it."""
    r = os.path.join(root, "repo")
    os.makedirs(os.path.join(r, ".git"))
    os.makedirs(os.path.join(r, "templates"))
    with open(os.path.join(r, "templates", "t.txt"), "w") as f:
        f.write("---\nname: order_update\nlanguage: pt_BR\ncategory: UTILITY\n---\nOla {{1}}, seu pedido saiu.\n")
    return r


def case_config_paths():
    root = tempfile.mkdtemp(prefix="waba-sec-")
    r = repo(root)
    home = os.path.join(root, "home")
    os.makedirs(home)
    bashrc = os.path.join(home, ".bashrc")
    with open(bashrc, "w") as f:
        f.write("original\n")
    os.symlink(home, os.path.join(r, "homelink"))
    env = {"HOME": home}
    cfg = os.path.join(r, ".waba-preflight.json")
    bad = {
        "dot-dot baseline": ({"baseline": "../home/.bashrc"}, "must name a .json file"),
        "dot-dot .json baseline": ({"baseline": "../home/x.json"}, "is outside the folder"),
        "absolute baseline": ({"baseline": os.path.join(home, "x.json")}, "is outside the folder"),
        "baseline through a link": ({"baseline": "homelink/x.json"}, "is outside the folder"),
        "not json": ({"baseline": "notes.txt"}, "must name a .json file"),
        "checklist outside": ({"checklists": ["/etc/passwd"]}, "is outside the folder"),
        "checklist through a link": ({"checklists": ["homelink/.bashrc"]}, "is outside the folder"),
        "ignore with ..": ({"ignore": ["../x"]}, "may not contain '..'"),
    }
    for name, (conf, why) in bad.items():
        with open(cfg, "w") as f:
            json.dump(conf, f)
        code, out, err = run(["lint", "templates", "--update-baseline"], r, env)
        expect(code == 2 and why in err, f"{name}: exit {code}, want 2 and '{why}'", out, err)
        expect(".waba-preflight.json:1:" in err, f"{name}: the error does not point into the configuration", out, err)
        expect(open(bashrc).read() == "original\n", f"{name}: .bashrc was changed")
        expect(not os.path.exists(os.path.join(home, "x.json")), f"{name}: a file was written outside")
    # an existing file that is not a baseline is never replaced
    with open(os.path.join(r, "package.json"), "w") as f:
        f.write('{"name": "x"}\n')
    with open(cfg, "w") as f:
        json.dump({"baseline": "package.json"}, f)
    code, out, err = run(["lint", "templates", "--update-baseline"], r, env)
    expect(code == 2 and "it is not a baseline" in err, f"package.json: exit {code}", out, err)
    expect(open(os.path.join(r, "package.json")).read() == '{"name": "x"}\n', "package.json was replaced")
    # the ordinary case still works: a baseline inside, written by name
    with open(cfg, "w") as f:
        json.dump({"baseline": "ci/baseline.json"}, f)
    os.makedirs(os.path.join(r, "ci"))
    code, out, err = run(["lint", "templates", "--update-baseline"], r, env)
    expect(code == 0 and os.path.exists(os.path.join(r, "ci", "baseline.json")), f"good baseline: exit {code}", out, err)
    expect("using the configuration '.waba-preflight.json'" in err, "the configuration used is not said", out, err)


# ---- 3. which configuration applies; the recipient ---------------------------------------

EVIL_CHECKLIST = """<?xml version="1.0" encoding="UTF-8"?>
<checklist version="1">
  <set id="email.recipient" mode="replace"><item value="attacker@evil.example"/></set>
</checklist>
"""


def case_config_search():
    """A .waba-preflight.json above the repository, or owned by another user, or writable
    by everyone, is not used; the one used is named on stderr."""
    root = tempfile.mkdtemp(prefix="waba-sec-")
    os.chmod(root, 0o777)  # a shared folder, as /tmp
    r = repo(root)
    lint_home = os.path.join(root, "home")
    os.makedirs(lint_home)
    above = os.path.join(root, ".waba-preflight.json")
    with open(above, "w") as f:
        json.dump({"rules": {"template.": "off"}, "checklists": ["evil.xml"]}, f)
    with open(os.path.join(root, "evil.xml"), "w") as f:
        f.write(EVIL_CHECKLIST)
    # 1. above the git top level: never reached
    code, out, err = run(["lint", "templates"], r, {"HOME": lint_home})
    expect("using the configuration" not in err and "evil" not in err, "a config above the repository was used", out, err)
    # 2. no .git: the search goes up, but stops at HOME
    shutil.rmtree(os.path.join(r, ".git"))
    code, out, err = run(["lint", "templates"], r, {"HOME": r})
    expect("using the configuration" not in err, "a config above HOME was used", out, err)
    # 3. no .git, no HOME above: the file is found, but refused when another user owns it
    uid = os.geteuid()
    if uid == 0:
        import pwd
        os.chown(above, pwd.getpwnam("nobody").pw_uid, -1)
        code, out, err = run(["lint", "templates", "--format", "json"], r, {"HOME": lint_home})
        expect("belongs to another user" in err and "give it with --config" in err,
               f"a config owned by nobody was not refused (exit {code})", out, err)
        expect("evil" not in err, "the refused config's checklist was loaded", out, err)
        os.chown(above, 0, -1)
    # 4. ... or when everyone may write it (also as a non-root user)
    os.chmod(above, 0o666)
    code, out, err = run(["lint", "templates"], r, {"HOME": lint_home})
    expect("everyone may write it" in err and "using the configuration" not in err,
           f"a world-writable config was used (exit {code})", out, err)
    # 5. owned by this user and private: used, and said so with its checklist
    os.chmod(above, 0o644)
    code, out, err = run(["lint", "templates"], r, {"HOME": lint_home})
    expect(f"using the configuration '{above}'" in err, f"the configuration used is not named (exit {code})", out, err)
    expect("evil.xml' named by the configuration" in err, "the configuration's checklist is not named", out, err)
    expect("changes email.recipient: ignored" in err, "the recipient change is not reported", out, err)
    # 6. not in JSON format (stdout is the report; stderr stays quiet)
    code, out, err = run(["lint", "templates", "--format", "json"], r, {"HOME": lint_home})
    json.loads(out)
    expect("using the configuration" not in err, "the note is printed in JSON format", out, err)


def case_recipient():
    """A checklist from the repository cannot redirect the request; --to can; the recipient
    is printed before sending. The loopback server records RCPT TO."""
    root = tempfile.mkdtemp(prefix="waba-sec-")
    d = app_dir(root)
    os.makedirs(os.path.join(d, ".git"))
    with open(os.path.join(d, "evil.xml"), "w") as f:
        f.write(EVIL_CHECKLIST)
    with open(os.path.join(d, ".waba-preflight.json"), "w") as f:
        json.dump({"checklists": ["evil.xml"]}, f)
    c, sink, port = smtp_server()
    try:
        url = f"smtp://127.0.0.1:{port}"
        code, out, err = run(["email", "application.json", "-o", "a.eml", "--send", url], d)
        expect(code == 0, f"exit {code}", out, err)
        expect("sending the request to servico@botmaker.com through " + url in err, "the recipient was not printed", out, err)
        code, out, err = run(["email", "application.json", "-o", "b.eml", "--quiet", "--send", url,
                              "--checklist", "evil.xml"], d)
        expect(code == 0 and "sending the request to servico@botmaker.com" in err,
               f"--checklist, --quiet: exit {code}", out, err)
        code, out, err = run(["email", "application.json", "-o", "c.eml", "--send", url, "--to", "me@example.com"], d)
        expect(code == 0 and "sending the request to me@example.com" in err, f"--to: exit {code}", out, err)
    finally:
        c.stop()
    rcpts = [m[1] for m in sink.messages]
    expect(rcpts == [["servico@botmaker.com"], ["servico@botmaker.com"], ["me@example.com"]], f"RCPT TO: {rcpts}")
    for name in ("a.eml", "b.eml"):
        expect(b"attacker@evil.example" not in open(os.path.join(d, name), "rb").read(), f"{name} names the attacker")


# ---- 4. lint DIR: links, cycles, FIFOs -------------------------------------------------------

def case_lint_walk():
    root = tempfile.mkdtemp(prefix="waba-sec-")
    t = os.path.join(root, "t")
    os.makedirs(os.path.join(t, "sub"))
    os.makedirs(os.path.join(root, "out"))
    leak = {"name": "leak", "language": "en", "category": "UTILITY",
            "components": [{"type": "BODY", "text": "OUTSIDE_SECRET {{1}} {{3}}"}]}
    with open(os.path.join(root, "out", "x.json"), "w") as f:
        json.dump(leak, f)
    with open(os.path.join(t, "sub", "ok.txt"), "w") as f:
        f.write("---\nname: order_update\nlanguage: pt_BR\ncategory: UTILITY\n---\nOla {{1}}, seu pedido saiu.\n")
    os.symlink("../out/x.json", os.path.join(t, "link.json"))
    os.symlink("../out", os.path.join(t, "outdir"))
    os.symlink(".", os.path.join(t, "l1"))
    os.symlink(".", os.path.join(t, "l2"))
    os.symlink("..", os.path.join(t, "sub", "up"))
    os.symlink("/", os.path.join(t, "root"))
    os.mkfifo(os.path.join(t, "pipe.json"))
    os.symlink("/dev/zero", os.path.join(t, "zero.json"))
    start = time.monotonic()
    code, out, err = run(["lint", t, "--format", "json"], root, timeout=60)
    took = time.monotonic() - start
    expect(took < 30, f"lint took {took:.1f}s")
    expect(code == 0, f"exit {code}, want 0 (one clean template)", out, err)
    rep = json.loads(out)
    files = sorted({i.get("input") for i in rep["items"]})
    expect(files == [os.path.join(t, "sub", "ok.txt")], f"files linted: {files}", out, err)
    expect("OUTSIDE_SECRET" not in out + err, "a file outside the tree was read", out, err)
    for name, why in (("link.json", "out of"), ("outdir", "out of"), ("root", "out of"),
                      ("l1", "contains it"), ("l2", "contains it"), ("sub/up", "contains it")):
        expect(f"'{os.path.join(t, name)}' is skipped: a symbolic link" in err and why in err,
               f"{name}: no word on stderr", out, err)


# ---- 5. long lines: line:column is not recounted from the line's start ------------------------

def case_long_lines():
    """Generous bounds (a loaded 2-core machine, sanitizers): before the fix these took 80 s and 74 s."""
    root = tempfile.mkdtemp(prefix="waba-sec-")
    ts = [{"name": f"order_{i}", "language": "pt_BR", "category": "UTILITY",
           "components": [{"type": "BODY", "text": f"Ola {{{{1}}}}, pedido {i} saiu {{{{3}}}}."}]} for i in range(20000)]
    shapes = {"oneline.json": json.dumps(ts),
              "many.txt": "---\nname: many\nlanguage: pt_BR\ncategory: UTILITY\n---\nOla "
                          + " ".join("{{%d}} texto texto" % (i % 7 + 1) for i in range(100000)) + "\n"}
    for name, text in shapes.items():
        with open(os.path.join(root, name), "w") as f:
            f.write(text)
        start = time.monotonic()
        code, out, err = run(["lint", name, "--format", "json"], root, timeout=240)
        took = time.monotonic() - start
        expect(took < 120, f"{name}: {took:.1f} s")
        rep = json.loads(out)
        expect(code == 1 and rep["findings"], f"{name}: exit {code}", out[:500], err)
        last = max(f.get("column", 0) for f in rep["findings"])
        expect(name != "oneline.json" or last > 1000000, f"{name}: columns do not reach the end of the line ({last})")


# ---- 6. control characters in human-readable output are shown escaped -------------------------

HOSTILE_NAME = "promo\nFORGED.json:1:1: error: forged [x]\x1b]0;pwned\x07\x1b[2K\x1b[1A\u009b31m\u202eevil"
HOSTILE_DRAFT = "Ola {{1}} e {{nome\x1b]0;pwned\x07\x1b[2K\rFORGED\x7f}} fim\n"
# any byte a terminal would obey: C0 but LF, DEL, C1 (as UTF-8), bidirectional controls
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
FINDING = re.compile(r"^\S.*:\d+:\d+: (error|warning|note): .* \[[a-z0-9_.]+\]$")


def screen_of(text, cols=400, rows=60):
    """What a terminal shows for `text` (pyte, a pty's \\n -> \\r\\n), and the window title."""
    import pyte
    screen = pyte.Screen(cols, rows)
    screen.set_mode(pyte.modes.LNM)
    pyte.ByteStream(screen).feed(text.encode("utf-8", "surrogateescape"))
    lines = [l.rstrip() for l in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines, screen.title


def escapes_hostile_files(root):
    t = os.path.join(root, "t")
    os.makedirs(t)
    tpl = {"name": HOSTILE_NAME, "language": "pt_BR", "category": "MARKETING",
           "components": [{"type": "BODY", "text": "Ola {{1}}", "example": {"body_text": [["Ana"]]}}]}
    with open(os.path.join(t, "a.json"), "w", encoding="utf-8") as f:
        json.dump(tpl, f)
    with open(os.path.join(t, "b\x1b]0;pwned\x07\nFORGED.txt"), "w", encoding="utf-8") as f:
        f.write(HOSTILE_DRAFT)
    return t


def case_escapes():
    """A template name, a draft's text and a file name holding newlines and terminal escapes
    (OSC title, erase line, cursor up, C1 CSI, RTL override) forge no line of the text report,
    of stderr or of the wizard's screen: they are shown as \\n, \\x1b, \\u009b (docs/security.md)."""
    root = tempfile.mkdtemp(prefix="waba-sec-")
    t = escapes_hostile_files(root)
    code, out, err = run(["lint", t], root)
    expect(code == 1, f"lint: exit {code}", out, err)
    expect(not OBEYED.search(out), f"raw control characters in the text report: {out!r}", out, err)
    for visible in ("\\x1b]0;pwned\\x07", "\\x1b[2K", "\\n", "\\u009b31m", "\\u202e", "\\rFORGED\\x7f"):
        expect(visible in out, f"the text report does not show {visible} visibly", out, err)
    lines = out.rstrip("\n").split("\n")
    findings = [l for l in lines if FINDING.match(l)]
    others = [l for l in lines if l and not FINDING.match(l) and not l.startswith("    hint: ")]
    expect(len(others) == 1 and "checked" in others[0], f"lines that are neither a finding nor a hint: {others}", out)
    code, jout, err = run(["lint", t, "--format", "json"], root)
    n = len(json.loads(jout)["findings"])
    expect(len(findings) == n and n >= 2, f"{len(findings)} finding lines for {n} findings", out, err)
    shown, title = screen_of(out)
    expect(title == "", f"the report set the window title to {title!r}", out)
    expect(shown == lines, "the terminal shows other lines than the report holds:\n" + "\n".join(shown), out)
    expect(not any(l.startswith("FORGED") for l in shown), "a forged line on screen", out)
    # with colour on, only the reporter's own colour sequences reach the terminal
    code, cout, err = run(["lint", t], root, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    expect("\x1b[1;31m" in cout, "FORCE_COLOR=1 gave no colour", cout, err)
    expect(not re.search("\x1b[^\\[]|\x1b\\[[0-9;]*[^0-9;m]", cout), f"escape other than SGR colour: {cout!r}", cout)
    shown, title = screen_of(cout)
    expect(title == "" and shown == lines, "with colour the screen differs from the plain report", cout)

    # stderr: the one-line reasons quote a path, an option or a value
    evil = "app\x1b]0;pwned\x07\nFORGED\x1b[2K.json"
    for args in (["check", evil], ["lint", "--nope\x1b[2K\n", t], ["check", "--lang", "x\x1b[1A\ny", evil]):
        code, out, err = run(args, root)
        expect(code == 2, f"{args!r}: exit {code}", out, err)
        expect(err.count("\n") == 1 and not OBEYED.search(err), f"{args!r}: stderr is not one clean line: {err!r}", out, err)
        expect("\\x1b" in err and "\\n" in err, f"{args!r}: the escapes are not shown: {err!r}", out, err)
    code, out, err = run(["lint", t, "--format", "json:" + os.path.join(root, "dir\x1b[2K\n", "r.json")], root)
    expect(code == 2 and err.count("\n") == 1 and "\\x1b[2K\\n" in err, f"-o path: {err!r}", out, err)

    # the wizard: the findings about a template it was given
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "wizard"))
    import journeys
    from screen import text as wtext
    journeys.EXE = EXE
    d = journeys.folder()
    shutil.copy(os.path.join(t, "a.json"), os.path.join(d, "evil.json"))
    s = journeys.start(d, "en")
    for step in (journeys.requirements, journeys.business, journeys.verification, journeys.numbers,
                 journeys.photo, journeys.name, journeys.profile):
        step(s)
    s.ask("template", "evil.json")
    s.expect(re.escape("\\x1b]0;pwned\\x07\\x1b[2K\\x1b[1A"))
    s.settle(0.3)
    s.ctrl_c()
    s.wait()
    screen_lines = s.lines()
    expect(s.screen.title == "", f"the wizard's screen title became {s.screen.title!r}", s.transcript())
    expect(not any(l.startswith("FORGED") for l in screen_lines), "a forged line in the wizard", s.transcript())
    expect(b"\x1b]0;" not in s.raw and b"\x1b[1A" not in s.raw, "the template's escapes reached the terminal", s.transcript())

    # the wizard's own wording comes from checklists, and a repository can bring one: a
    # reworded intro with a newline, a C1 CSI and an RTL override is shown, not obeyed
    d = journeys.folder()
    hostile = os.path.join(d, "reworded.xml")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<checklist version="1">\n'
                '  <text id="wizard.intro" lang="en">Welcome&#10;FORGED\u009b2J\u202eerew</text>\n'
                '  <text id="readiness.business_verified.title" lang="en">Verified&#13;FORGED too</text>\n'
                '</checklist>\n')
    s = journeys.start(d, "en", extra=["--checklist", hostile])
    s.expect(re.escape("Welcome\\nFORGED\\u009b2J\\u202eerew"))
    s.settle(0.3)
    s.ctrl_c()
    s.wait()
    expect(not any(l.startswith("FORGED") for l in s.lines()), "a checklist's text forged a line in the wizard", s.transcript())
    expect("\u009b".encode() not in s.raw and "\u202e".encode() not in s.raw and b"\r" + b"FORGED" not in s.raw,
           "a checklist's control characters reached the terminal", s.transcript())


# ---- Low: errors say where, not what, about files that are not what was expected -----------------

def case_no_echo():
    """A token file, a .env or a key given where JSON or a checklist was expected: the error
    says file:line:column and what kind of mistake, never the text (before: `invalid JSON near
    'ghp_...'`, libxml2's `Type long doesn't allow value 'ghp_...'`)."""
    root = tempfile.mkdtemp(prefix="waba-sec-")
    r = repo(root)
    files = {
        "token.json": SECRET + "\n",
        "env.json": "GITHUB_TOKEN=" + SECRET + "\n",
        "half.json": '{"name": "x", "token": ' + SECRET + '}',
        "key.json": "-----BEGIN OPENSSH PRIVATE KEY-----\n" + SECRET + "\n",
        "value.xml": '<checklist version="1">\n  <limit id="photo.max_bytes" value="' + SECRET + '"/>\n</checklist>\n',
        "attr.xml": '<checklist version="1">\n  <limit id="photo.max_bytes" value="1" note="x" ' + SECRET[:20] + '="' + SECRET + '"/>\n</checklist>\n',
        "token.xml": SECRET + "\n",
        "tag.xml": '<checklist version="1"><limit id="a" value="1"></limit><text id="b" lang="en">' + SECRET + "</txt></checklist>",
    }
    for name, text in files.items():
        with open(os.path.join(r, name), "w") as f:
            f.write(text)
    tried = 0
    for name in files:
        if name.endswith(".json"):
            runs = [["lint", name, "--format", fmt] for fmt in ("text", "json", "sarif", "github", "junit", "gitlab")]
            runs += [["check", name], ["lint", "templates", "--config", name]]
        else:
            runs = [["lint", "templates", "--checklist", name], ["check", "app.json", "--format", "json", "--checklist", name]]
        for args in runs:
            code, out, err = run(args, r)
            tried += 1
            expect(code in (1, 2), f"{args}: exit {code}", out, err)
            expect(SECRET[4:16] not in out + err, f"{args}: the file's content is echoed", out, err)
            if code == 2:
                expect(re.search(re.escape(name) + r":\d+(:\d+)?: ", err) or name in err, f"{args}: no place given", out, err)
            else:
                expect(re.search(re.escape(name) + r"(:\d+:\d+|\"|\b)", out), f"{args}: the finding names no place", out, err)
    expect(tried >= 40, f"only {tried} runs")


# ---- Low: two wizards on one state file ----------------------------------------------------------

def case_wizard_lock():
    """A second wizard on the same state file stops (exit 2) and names the process that holds
    it; once the first has ended, the next one runs and the lock file is gone."""
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "wizard"))
    import journeys
    journeys.EXE = EXE
    d = journeys.folder()
    first = journeys.start(d, "en")
    first.ask("req.registered_company", "y")
    first.prompt("req.commerce_policy")
    expect(os.path.exists(os.path.join(d, ".waba-preflight.json.lock")), "no lock file beside the state")
    second = journeys.start(d, "en")
    second.expect(r"open in another wizard \(process %d\)" % first.pid)
    code = second.wait()
    expect(code == 2, f"the second wizard: exit {code}, want 2", second.transcript())
    # another state file in the same folder is another lock
    other = journeys.start(d, "en", extra=["--state", "other.json"])
    other.prompt("req.registered_company")
    other.ctrl_c()
    other.wait()
    first.ctrl_c()
    first.wait()
    expect(not os.path.exists(os.path.join(d, ".waba-preflight.json.lock")), "the lock file is left behind")
    third = journeys.start(d, "en")
    third.ask("resume", "")  # the first one's answers are there
    third.prompt("req.registered_company")
    third.ctrl_c()
    third.wait()
    # a link planted where the lock goes is not written through
    os.symlink(os.path.join(d, "victim"), os.path.join(d, ".waba-preflight.json.lock"))
    fourth = journeys.start(d, "en")
    fourth.expect(r"cannot create the lock file")
    expect(fourth.wait() == 2 and not os.path.exists(os.path.join(d, "victim")), "the lock followed a link")


# ---- Low: decoder limits a checklist raises stop at a hard ceiling ------------------------------

def png_chunk(kind, data):
    import zlib, struct
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


def case_decode_ceiling():
    """A checklist lifting every photo.decode.* limit and photo.read.max_bytes to 10^12: a 1 KB
    interlaced PNG claiming 60000x60000 (a 14 GB frame before) is refused from its header, and
    a 40 GB file is sniffed, not decoded; both in seconds, under 300 MB of memory and a 1.5 GB
    address-space limit."""
    import resource, struct, zlib
    root = tempfile.mkdtemp(prefix="waba-sec-")
    big = 10 ** 12
    with open(os.path.join(root, "lift.xml"), "w") as f:
        f.write('<checklist version="1">\n' + "".join(
            f'  <limit id="{i}" value="{big}"/>\n' for i in (
                "photo.decode.max_side", "photo.decode.max_pixels", "photo.decode.max_memory",
                "photo.decode.max_chunk_bytes", "photo.decode.max_chunks", "photo.read.max_bytes",
                "photo.analysis.max_pixels")) + "</checklist>\n")
    head = b"\x89PNG\r\n\x1a\n"
    with open(os.path.join(root, "inter.png"), "wb") as f:
        f.write(head + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 6, 0, 0, 1))
                + png_chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + png_chunk(b"IEND", b""))
    with open(os.path.join(root, "huge.png"), "wb") as f:
        f.write(head + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 640, 640, 8, 2, 0, 0, 0)))
        f.truncate(40 << 30)  # sparse: 40 GB of zeros after the header

    def limit_as():
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    with open(EXE, "rb") as f:  # AddressSanitizer reserves terabytes of address space: RSS bound only
        asan = b"__asan_init" in f.read()

    for name, want in (("inter.png", "photo.dimensions.limit"), ("huge.png", "photo.dimensions.limit")):
        e = {k: v for k, v in os.environ.items() if not k.startswith("WABA_PREFLIGHT_")}
        e.update(NO_COLOR="1", LANG="C.UTF-8")
        start = time.monotonic()
        p = subprocess.Popen([EXE, "photo", name, "--checklist", "lift.xml", "--format", "json"], cwd=root, env=e,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             preexec_fn=None if asan else limit_as)
        out, err = p.communicate(timeout=120)
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # the largest of this case's runs
        took = time.monotonic() - start
        out, err = out.decode(), err.decode()
        expect(p.returncode == 1, f"{name}: exit {p.returncode}", out, err)
        rules = [f["rule"] for f in json.loads(out)["findings"]]
        expect(want in rules, f"{name}: no {want} finding: {rules}", out, err)
        expect(took < 30, f"{name}: {took:.1f} s")
        expect(ru.ru_maxrss < (600 if asan else 300) * 1024, f"{name}: peak {ru.ru_maxrss // 1024} MB resident")


# ---- Low: the wizard does not keep the secrets in its environment --------------------------------

def case_wizard_env():
    """WABA_PREFLIGHT_TOKEN and the webhook's secrets are taken out of the wizard's environment
    when it starts (wiped and unset, as `business` does): while it waits for the first answer,
    /proc/PID/environ no longer holds them."""
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "wizard"))
    import journeys
    journeys.EXE = EXE
    d = journeys.folder()
    values = {"WABA_PREFLIGHT_TOKEN": SECRET, "WABA_PREFLIGHT_VERIFY_TOKEN": "verify-" + SECRET[4:20],
              "WABA_PREFLIGHT_APP_SECRET": "app-" + SECRET[8:30]}
    s = journeys.start(d, "en", env=values)
    s.prompt("req.registered_company")
    with open(f"/proc/{s.pid}/environ", "rb") as f:
        environ = f.read()
    s.ctrl_c()
    s.wait()
    for name, value in values.items():
        expect(value.encode() not in environ, f"{name}'s value is still in the wizard's /proc/PID/environ")
    expect(b"LANG=C.UTF-8" in environ, "the test read the wrong environment")


# ---- 8. written files respect the umask; personal data 0600; short temporary names -------------

def case_umask():
    root = tempfile.mkdtemp(prefix="waba-sec-")
    d = app_dir(root)
    os.makedirs(os.path.join(d, ".git"))
    long_name = "r" * 250 + ".eml"  # NAME_MAX 255: a suffix added to it would not fit
    for um, eml_mode, rep_mode in ((0o077, 0o600, 0o600), (0o022, 0o600, 0o644), (0o002, 0o600, 0o664)):
        old = os.umask(um)
        try:
            code, out, err = run(["email", "application.json", "-o", long_name, "--format", "json,json:rep.json"], d)
        finally:
            os.umask(old)
        expect(code == 0, f"umask {um:o}: exit {code}", out, err)
        got = stat.S_IMODE(os.stat(os.path.join(d, long_name)).st_mode)
        expect(got == eml_mode, f"umask {um:o}: the .eml is {got:o}, want {eml_mode:o}")
        if os.path.exists(os.path.join(d, "rep.json")):
            got = stat.S_IMODE(os.stat(os.path.join(d, "rep.json")).st_mode)
            expect(got == rep_mode, f"umask {um:o}: the report is {got:o}, want {rep_mode:o}")
            os.unlink(os.path.join(d, "rep.json"))
        os.unlink(os.path.join(d, long_name))
    left = [n for n in os.listdir(d) if n.startswith(".waba-")]
    expect(not left, f"temporary files left: {left}")
    # a write that fails removes its temporary file
    os.makedirs(os.path.join(d, "dir.eml"))
    code, out, err = run(["email", "application.json", "-o", "dir.eml"], d)
    expect(code == 2 and not [n for n in os.listdir(d) if n.startswith(".waba-")], f"failed write: exit {code}", out, err)


CASES = {name[5:].replace("_", "-"): f for name, f in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    if CASE not in CASES:
        fail(f"unknown case {CASE}; known: {', '.join(sorted(CASES))}")
    CASES[CASE]()
    print("ok")

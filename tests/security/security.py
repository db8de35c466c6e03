#!/usr/bin/python3
"""Regression tests for issue #17: untrusted repository files and other local users get
nothing (docs/security.md).

Usage: security.py WABA_EXE CASE

Every case builds its files in a temporary folder, runs the release binary as a person
or a CI job would, and asserts what they would see: exit code, stderr, the files
written, what a loopback SMTP server received.
"""
import json, os, shutil, socket, stat, subprocess, sys, tempfile, time

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


CASES = {name[5:]: f for name, f in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    if CASE not in CASES:
        fail(f"unknown case {CASE}; known: {', '.join(sorted(CASES))}")
    CASES[CASE]()
    print("ok")

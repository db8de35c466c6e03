#!/usr/bin/env python3
"""End-to-end tests of `waba-preflight webhook` against HTTPS servers on loopback.

Usage: run_webhook.py WABA_EXE SCENARIO [JUNIT_CHECKER]   run one scenario (a ctest each)
       run_webhook.py --list                              print the scenario names

Each scenario starts its own server here (127.0.0.1, ephemeral port) with Python's `ssl`
and certificates made at test time with openssl: a test CA and a leaf for 127.0.0.1, a
self-signed leaf, a leaf expiring in 10 days. The server's behaviour comes from the first
path segment of the URL. Every run also checks that neither the verify token nor the app
secret appears on stdout or stderr (and in the report, whatever its format).
"""
import hashlib
import hmac
import json
import os
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = os.path.join(HERE, "..", "formats")
TOKEN = "vt-" + secrets.token_hex(12)
SECRET = secrets.token_hex(16)  # an app secret looks like 32 hex digits


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        srv = self.server
        u = urlsplit(self.path)
        behaviour = u.path.lstrip("/").split("/", 1)[0]
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        with srv.lock:
            srv.gets.append({"path": self.path, "query": q})
        if q.get("hub.mode") != "subscribe":
            return self.reply(400, b"not a verification request")
        challenge = q.get("hub.challenge", "")
        if behaviour == "wrong-challenge":
            # a common mistake: the challenge wrapped in JSON
            return self.reply(200, json.dumps({"hub.challenge": challenge}).encode())
        if behaviour == "any-token":
            return self.reply(200, challenge.encode())
        if behaviour == "echo-secret":
            return self.reply(200, ("token " + q.get("hub.verify_token", "")).encode())
        if q.get("hub.verify_token") == TOKEN:
            return self.reply(200, challenge.encode())
        return self.reply(403, b"wrong verify token")

    def do_POST(self):
        srv = self.server
        behaviour = self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        sig = self.headers.get("X-Hub-Signature-256")
        with srv.lock:
            srv.posts.append({"path": self.path, "body": body, "sig": sig, "headers": dict(self.headers)})
            count = len(srv.posts)
        if behaviour == "slow":
            time.sleep(2.5)
        elif behaviour == "sluggish":
            time.sleep(1.3)
        elif behaviour == "flaky" and count % 5 == 3:  # one 500 in every five
            return self.reply(500, b"Internal Server Error")
        elif behaviour == "redirect":
            return self.reply(301, b"", {"Location": "https://127.0.0.1:%d/good/" % srv.server_address[1]})
        elif behaviour in ("check-sig", "other-secret"):
            key = SECRET if behaviour == "check-sig" else "another-secret"
            want = "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
            if not sig or not hmac.compare_digest(sig, want):
                return self.reply(403, b"bad signature")
        elif behaviour == "echo-secret":
            return self.reply(302, b"", {"Location": "https://example.com/?s=" + SECRET})
        self.reply(200, b"EVENT_RECEIVED")


def start_server(tls_ctx=None):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.posts, srv.gets, srv.lock = [], [], threading.Lock()
    if tls_ctx:
        srv.socket = tls_ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_certs(d, days=90, self_signed=False):
    """(ca.pem or None, leaf.pem, leaf.key): a leaf for 127.0.0.1 valid `days` days."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ext = os.path.join(d, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    key, crt = os.path.join(d, "srv.key"), os.path.join(d, "srv.pem")
    if self_signed:
        openssl("req", "-x509", *ec, "-keyout", key, "-out", crt, "-days", str(days), "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1")
        return None, crt, key
    ca_key, ca, csr = (os.path.join(d, n) for n in ("ca.key", "ca.pem", "srv.csr"))
    openssl("req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "400", "-subj", "/CN=waba-preflight test CA")
    openssl("req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", crt, "-days",
            str(days), "-extfile", ext)
    return ca, crt, key


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)


class Env:
    """A temporary folder with certificates, secret files and a server."""

    def __init__(self, days=90, self_signed=False, tls=True, old_tls=False):
        if not shutil.which("openssl"):
            print("SKIP: openssl not found")
            sys.exit(77)
        self.d = tempfile.mkdtemp()
        self.ca = None
        ctx = None
        if tls:
            self.ca, self.crt, key = make_certs(self.d, days, self_signed)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.crt, key)
            if old_tls:
                try:
                    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
                    ctx.minimum_version = ssl.TLSVersion.TLSv1
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
                except (ValueError, ssl.SSLError) as e:
                    print("SKIP: this OpenSSL cannot serve TLS 1.1: %s" % e)
                    sys.exit(77)
        self.srv = start_server(ctx)
        self.scheme = "https" if tls else "http"
        self.token_file = self.secret_file(TOKEN, "token")
        self.app_secret_file = self.secret_file(SECRET, "secret")

    def secret_file(self, value, name):
        p = os.path.join(self.d, name)
        with open(p, "w") as f:
            f.write(value + "\n")
        os.chmod(p, 0o600)
        return p

    def url(self, behaviour, host="127.0.0.1"):
        return "%s://%s:%d/%s/webhook" % (self.scheme, host, self.srv.server_address[1], behaviour)

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()
        shutil.rmtree(self.d, ignore_errors=True)


class Run:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError as e:
            raise Failure("stdout is not JSON (%s): %r" % (e, self.out[:500]))

    def rules(self):
        return {f["rule"]: f for f in self.json()["findings"]}


def run_cli(exe, args, env_extra=None, timeout=90):
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8", "no_proxy": "127.0.0.1,localhost",
                "NO_PROXY": "127.0.0.1,localhost"})
    for k in ("WABA_PREFLIGHT_VERIFY_TOKEN", "WABA_PREFLIGHT_APP_SECRET"):
        env.pop(k, None)
    env.update(env_extra or {})
    p = subprocess.run([exe, *args], capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=timeout)
    r = Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))
    for name, s in (("verify token", TOKEN), ("app secret", SECRET)):
        expect(s not in r.out, "the %s appears on stdout" % name)
        expect(s not in r.err, "the %s appears on stderr" % name)
    return r


def webhook(e, behaviour, *extra, fmt="json", ca=True, host="127.0.0.1"):
    args = ["webhook", e.url(behaviour, host), "--format", fmt, *extra]
    if ca and e.ca:
        args += ["--cacert", e.ca]
    return args


def expect_findings(r, code, errors=(), warnings=(), notes=(), absent=()):
    expect(r.code == code, "exit %d, want %d; stderr %r; stdout %r" % (r.code, code, r.err, r.out[:1500]))
    got = r.rules()
    for sev, ids in (("error", errors), ("warning", warnings), ("note", notes)):
        for rid in ids:
            expect(rid in got, "no %s finding; findings: %s" % (rid, json.dumps(r.json()["findings"], indent=1)))
            expect(got[rid]["severity"] == sev, "%s is %s, want %s" % (rid, got[rid]["severity"], sev))
    for rid in absent:
        expect(rid not in got, "unexpected %s: %r" % (rid, got.get(rid)))
    return got


def item(r):
    items = [i for i in r.json()["items"] if i["kind"] == "webhook"]
    expect(len(items) == 1, "items %r" % r.json()["items"])
    return items[0]


# --- scenarios --------------------------------------------------------------------------

def t_good(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "good"))
        got = expect_findings(r, 0, notes=["webhook.latency.figures", "webhook.handshake.unchecked",
                                           "webhook.signature.unchecked"],
                              absent=["webhook.post.status", "webhook.tls.expiring", "webhook.tls.self_signed"])
        it = item(r)
        expect(it["https"] is True and it["tls_version"] in ("TLSv1.2", "TLSv1.3"), "item %r" % it)
        expect(it["statuses"] == [200] * 5 and len(it["latencies_ms"]) == 5, "item %r" % it)
        expect(it["median_ms"] is not None and it["max_ms"] >= it["median_ms"], "item %r" % it)
        expect(it["self_signed"] is False and it["certificate_expires"], "item %r" % it)
        msg = got["webhook.latency.figures"]["message"]
        expect("5 POSTs answered in" in msg and "median" in msg and "maximum" in msg, "figures %r" % msg)
        expect(len(e.srv.posts) == 5, "POSTs made: %d" % len(e.srv.posts))
        p = json.loads(e.srv.posts[0]["body"])
        expect(p["object"] == "whatsapp_business_account", "payload %r" % p)
        ch = p["entry"][0]["changes"][0]
        expect(ch["field"] == "messages" and ch["value"]["messages"][0]["type"] == "text", "payload %r" % p)
        expect(e.srv.posts[0]["headers"].get("Content-Type") == "application/json", "content type")
        expect(all(x["sig"] is None for x in e.srv.posts), "POSTs signed without an app secret")
        # the text report prints the figures too
        t = run_cli(exe, webhook(e, "good", "--probes", "2", fmt="text"))
        expect(t.code == 0 and "2 POSTs answered in" in t.out and "median" in t.out, "text %r" % t.out)
    finally:
        e.close()


def t_slow(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "slow", "--probes", "2"))
        got = expect_findings(r, 1, errors=["webhook.latency.over_limit"], notes=["webhook.latency.figures"])
        expect("2000 ms" in got["webhook.latency.over_limit"]["message"], "msg %r" % got)
        expect(all(ms >= 2500 for ms in item(r)["latencies_ms"]), "latencies %r" % item(r))
    finally:
        e.close()


def t_sluggish(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "sluggish", "--probes", "1"))
        expect_findings(r, 0, warnings=["webhook.latency.slow"], absent=["webhook.latency.over_limit"])
        r = run_cli(exe, webhook(e, "sluggish", "--probes", "1", "--strict"))
        expect(r.code == 1, "--strict: exit %d" % r.code)
    finally:
        e.close()


def t_flaky(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "flaky"))
        got = expect_findings(r, 1, errors=["webhook.post.status"])
        m = got["webhook.post.status"]["message"]
        expect("1 of 5" in m and "POST 3 (HTTP 500)" in m, "message %r" % m)
        expect(item(r)["statuses"] == [200, 200, 500, 200, 200], "statuses %r" % item(r))
    finally:
        e.close()


def t_redirect(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "redirect", "--probes", "2"))
        got = expect_findings(r, 1, errors=["webhook.redirect"], absent=["webhook.post.status"])
        expect("/good/" in got["webhook.redirect"]["message"], "Location not shown: %r" % got["webhook.redirect"])
        expect(len(e.srv.posts) == 2, "the redirect was followed: %d POSTs" % len(e.srv.posts))
    finally:
        e.close()


def t_handshake_ok(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "good", "--verify-token-file", e.token_file, "--probes", "1"))
        expect_findings(r, 0, absent=["webhook.handshake.challenge", "webhook.handshake.any_token",
                                      "webhook.handshake.unchecked"])
        expect(item(r)["handshake"] == "ok", "item %r" % item(r))
        expect(len(e.srv.gets) == 2, "GETs %d" % len(e.srv.gets))
        right, wrong = e.srv.gets
        expect(right["query"]["hub.verify_token"] == TOKEN and right["query"]["hub.mode"] == "subscribe",
               "the right token was not sent: %r" % right)
        expect(wrong["query"]["hub.verify_token"] != TOKEN, "the wrong-token GET carried the token")
        expect(len(right["query"]["hub.challenge"]) >= 16, "challenge %r" % right["query"])
        # the same from the environment
        r = run_cli(exe, webhook(e, "good", "--probes", "1"), env_extra={"WABA_PREFLIGHT_VERIFY_TOKEN": TOKEN})
        expect(r.code == 0 and item(r)["handshake"] == "ok", "env token: %r" % r.out[:400])
    finally:
        e.close()


def t_wrong_challenge(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "wrong-challenge", "--verify-token-file", e.token_file, "--probes", "1"))
        got = expect_findings(r, 1, errors=["webhook.handshake.challenge"])
        expect("not exactly the challenge" in got["webhook.handshake.challenge"]["message"], "msg %r" % got)
        expect(item(r)["handshake"] == "failed", "item %r" % item(r))
    finally:
        e.close()


def t_any_token(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "any-token", "--verify-token-file", e.token_file, "--probes", "1"))
        expect_findings(r, 1, errors=["webhook.handshake.any_token"], absent=["webhook.handshake.challenge"])
    finally:
        e.close()


def t_signatures_ok(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "check-sig", "--app-secret-file", e.app_secret_file, "--probes", "3"))
        expect_findings(r, 0, absent=["webhook.signature.unsigned_accepted", "webhook.signature.forged_accepted",
                                      "webhook.signature.rejected", "webhook.post.status",
                                      "webhook.signature.unchecked"])
        expect(item(r)["signatures"] == "verified", "item %r" % item(r))
        expect(len(e.srv.posts) == 5, "POSTs %d (3 signed + unsigned + forged)" % len(e.srv.posts))
        for p in e.srv.posts[:3]:
            want = "sha256=" + hmac.new(SECRET.encode(), p["body"], hashlib.sha256).hexdigest()
            expect(p["sig"] == want, "signature %r, want %r" % (p["sig"], want))
        expect(e.srv.posts[3]["sig"] is None, "the unsigned POST had a signature")
        expect(e.srv.posts[4]["sig"] and e.srv.posts[4]["sig"].startswith("sha256="), "forged POST %r" % e.srv.posts[4])
    finally:
        e.close()


def t_accepts_unsigned(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "good", "--probes", "1"), env_extra={"WABA_PREFLIGHT_APP_SECRET": SECRET})
        expect_findings(r, 0, warnings=["webhook.signature.unsigned_accepted", "webhook.signature.forged_accepted"])
        expect(item(r)["signatures"] == "not_verified", "item %r" % item(r))
        r = run_cli(exe, webhook(e, "good", "--probes", "1", "--strict", "--app-secret-file", e.app_secret_file))
        expect(r.code == 1, "--strict: exit %d" % r.code)
    finally:
        e.close()


def t_signature_rejected(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "other-secret", "--app-secret-file", e.app_secret_file, "--probes", "2"))
        expect_findings(r, 1, errors=["webhook.signature.rejected"], absent=["webhook.post.status"])
        # without a secret, the 403s are plain status errors, with a hint to give the secret
        r = run_cli(exe, webhook(e, "other-secret", "--probes", "1"))
        got = expect_findings(r, 1, errors=["webhook.post.status"])
        expect("--app-secret-file" in got["webhook.post.status"]["hint"], "hint %r" % got["webhook.post.status"])
    finally:
        e.close()


def t_expiring(exe):
    e = Env(days=10)
    try:
        end = subprocess.run(["openssl", "x509", "-enddate", "-noout", "-in", e.crt], capture_output=True,
                             text=True, check=True).stdout.strip().split("=", 1)[1]
        day = time.strftime("%Y-%m-%d", time.gmtime(ssl.cert_time_to_seconds(end)))
        r = run_cli(exe, webhook(e, "good", "--probes", "1"))
        got = expect_findings(r, 0, warnings=["webhook.tls.expiring"])
        m = got["webhook.tls.expiring"]["message"]
        expect(day in m and ("in 9 days" in m or "in 10 days" in m), "message %r, want the date %s" % (m, day))
        expect(item(r)["certificate_expires"] == day, "item %r" % item(r))
    finally:
        e.close()


def t_self_signed(exe):
    e = Env(self_signed=True)
    try:
        r = run_cli(exe, webhook(e, "good"))
        got = expect_findings(r, 1, errors=["webhook.tls.self_signed"], absent=["webhook.latency.figures"])
        expect("self-signed" in got["webhook.tls.self_signed"]["message"], "msg %r" % got)
        expect(not e.srv.posts, "a POST went through an untrusted connection")
        # trusted with --cacert, it is still reported: Meta will not trust it
        r = run_cli(exe, ["webhook", e.url("good"), "--format", "json", "--cacert", e.crt, "--probes", "1"])
        got = expect_findings(r, 1, errors=["webhook.tls.self_signed"], notes=["webhook.latency.figures"])
        expect("--cacert" in got["webhook.tls.self_signed"]["message"], "msg %r" % got)
        expect(item(r)["self_signed"] is True, "item %r" % item(r))
    finally:
        e.close()


def t_untrusted(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "good", ca=False))
        expect_findings(r, 1, errors=["webhook.tls.untrusted"])
        expect(not e.srv.posts, "a POST went through an untrusted connection")
        r = run_cli(exe, webhook(e, "good", host="localhost"))
        got = expect_findings(r, 1, errors=["webhook.tls.untrusted"])
        m = got["webhook.tls.untrusted"]["message"]
        expect("host name" in m or "refused" in m, "msg %r" % m)
    finally:
        e.close()


def t_old_tls(exe):
    e = Env(old_tls=True)
    try:
        r = run_cli(exe, webhook(e, "good", "--probes", "1"))
        expect_findings(r, 1, errors=["webhook.tls.version"])
        expect(not e.srv.posts, "a POST went through TLS < 1.2")
    finally:
        e.close()


def t_plain_http(exe):
    e = Env(tls=False)
    try:
        r = run_cli(exe, webhook(e, "good", "--probes", "2", "--verify-token-file", e.token_file))
        got = expect_findings(r, 1, errors=["webhook.url.https"], notes=["webhook.handshake.unchecked"])
        expect("clear text" in got["webhook.handshake.unchecked"]["message"], "msg %r" % got)
        expect(not e.srv.gets, "the verify token was sent over plain http")
        expect(item(r)["https"] is False, "item %r" % item(r))
    finally:
        e.close()


def t_refused(exe):
    e = Env()
    port = e.srv.server_address[1]
    e.close()
    r = run_cli(exe, ["webhook", "https://127.0.0.1:%d/good" % port, "--format", "json"])
    got = expect_findings(r, 1, errors=["webhook.connect"])
    m = got["webhook.connect"]["message"]
    expect("refused" in m and "POST 1 of 5" in m, "msg %r" % m)
    expect(len([f for f in r.json()["findings"] if f["rule"] == "webhook.connect"]) == 1, "one finding, not five")


def t_secrets_scrubbed(exe):
    """A server that echoes the secrets back: they never reach any output, in any format."""
    e = Env()
    try:
        for fmt in ("json", "text", "sarif", "junit", "github", "gitlab"):
            r = run_cli(exe, webhook(e, "echo-secret", "--probes", "1", "--app-secret-file", e.app_secret_file,
                                     "--verify-token-file", e.token_file, fmt=fmt))
            expect(r.code == 1, "%s: exit %d" % (fmt, r.code))
            if fmt == "json":
                expect("[secret]" in r.rules()["webhook.redirect"]["message"], "not scrubbed: %r" % r.out)
                expect("token [secret]" in r.rules()["webhook.handshake.challenge"]["message"],
                       "body not scrubbed: %r" % r.out)
        # and never from the command line: there is no option that takes one
        r = run_cli(exe, ["webhook", e.url("good"), "--verify-token", "x"])
        expect(r.code == 2, "--verify-token accepted: exit %d" % r.code)
    finally:
        e.close()


def t_usage(exe):
    for args, want in ((["webhook"], "exactly one"), (["webhook", "ftp://127.0.0.1/x"], "not https"),
                       (["webhook", "https://127.0.0.1:9/x", "--probes", "0"], "--probes"),
                       (["webhook", "https://127.0.0.1:9/x", "--probes", "many"], "--probes"),
                       (["webhook", "https://127.0.0.1:9/x", "--cacert", "/nonexistent/ca.pem"], "CA file"),
                       (["webhook", "https://127.0.0.1:9/x", "--verify-token-file", "/nonexistent/t"], "verify token"),
                       (["webhook", "not a url"], "not a URL")):
        r = run_cli(exe, args)
        expect(r.code == 2, "%r: exit %d, want 2; %r" % (args, r.code, r.err))
        expect(want in r.err and r.out == "", "%r: stderr %r lacks %r" % (args, r.err, want))


def t_empty_secret_file(exe):
    e = Env()
    try:
        p = e.secret_file("", "empty")
        r = run_cli(exe, webhook(e, "good", "--app-secret-file", p))
        expect(r.code == 2 and "empty" in r.err, "exit %d %r" % (r.code, r.err))
        os.chmod(e.token_file, 0o644)
        r = run_cli(exe, webhook(e, "good", "--probes", "1", "--verify-token-file", e.token_file))
        expect(r.code == 0 and "other users" in r.err, "no permission warning: %d %r" % (r.code, r.err))
    finally:
        e.close()


def t_lang_pt(exe):
    e = Env()
    try:
        r = run_cli(exe, webhook(e, "flaky", "--lang", "pt"))
        got = expect_findings(r, 1, errors=["webhook.post.status"])
        m = got["webhook.post.status"]["message"]
        expect("POST 3 (HTTP 500)" in m and "were not answered" not in m, "not translated: %r" % m)
    finally:
        e.close()


def t_formats(exe, junit_checker):
    """The flaky endpoint's report in every CI format, checked by the format validators."""
    e = Env()
    d = tempfile.mkdtemp()
    try:
        py = sys.executable
        checks = {
            "sarif": [py, os.path.join(FORMATS, "validate_sarif.py")],
            "junit": [junit_checker, "--classname", "waba-preflight.webhook"] if junit_checker else None,
            "github": [py, os.path.join(FORMATS, "validate_github.py")],
            "gitlab": [py, os.path.join(FORMATS, "validate_gitlab.py")],
        }
        for fmt, validator in checks.items():
            if not validator:
                continue
            r = run_cli(exe, webhook(e, "flaky", fmt=fmt))
            expect(r.code == 1, "%s: exit %d %r" % (fmt, r.code, r.err))
            out = os.path.join(d, "report." + fmt)
            with open(out, "w") as f:
                f.write(r.out)
            v = subprocess.run(validator + [out], capture_output=True, text=True)
            expect(v.returncode == 0, "%s report rejected: %s %s" % (fmt, v.stdout, v.stderr))
            expect("webhook.post.status" in r.out, "%s: finding missing" % fmt)
    finally:
        shutil.rmtree(d, ignore_errors=True)
        e.close()


def t_check_online(exe):
    """`check` calls the application's webhook.url only with --online."""
    e = Env()
    d = tempfile.mkdtemp()
    try:
        ex = os.path.join(d, "ex")
        shutil.copytree(os.path.join(HERE, "..", "..", "examples"), ex)
        app = os.path.join(ex, "application.json")
        with open(app, encoding="utf-8") as f:
            doc = json.load(f)
        doc["webhook"] = {"url": e.url("flaky")}
        with open(app, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        r = run_cli(exe, ["check", app, "--format", "json"])
        expect(r.code in (0, 1), "offline: exit %d %r" % (r.code, r.err))
        expect(not e.srv.posts and not e.srv.gets, "check without --online called the endpoint")
        expect(not [i for i in r.json()["items"] if i["kind"] == "webhook"], "webhook item offline")
        offline_errors = r.json()["summary"]["errors"]
        r = run_cli(exe, ["check", app, "--format", "json", "--online", "--cacert", e.ca,
                          "--verify-token-file", e.token_file])
        got = expect_findings(r, 1, errors=["webhook.post.status"], notes=["webhook.latency.figures"])
        expect(r.json()["summary"]["errors"] == offline_errors + 1, "errors %r" % r.json()["summary"])
        expect(item(r)["handshake"] == "ok" and len(e.srv.posts) == 5, "item %r" % item(r))
        r = run_cli(exe, ["check", app, "--cacert", e.ca])
        expect(r.code == 2 and "--online" in r.err, "--cacert without --online: %d %r" % (r.code, r.err))
    finally:
        shutil.rmtree(d, ignore_errors=True)
        e.close()


SCENARIOS = {
    "good": t_good,
    "slow-2.5s": t_slow,
    "sluggish-1.3s": t_sluggish,
    "flaky-500": t_flaky,
    "redirect": t_redirect,
    "handshake-ok": t_handshake_ok,
    "handshake-wrong-challenge": t_wrong_challenge,
    "handshake-any-token": t_any_token,
    "signatures-ok": t_signatures_ok,
    "signatures-unsigned-accepted": t_accepts_unsigned,
    "signatures-rejected": t_signature_rejected,
    "tls-expiring-soon": t_expiring,
    "tls-self-signed": t_self_signed,
    "tls-untrusted": t_untrusted,
    "tls-old-version": t_old_tls,
    "plain-http": t_plain_http,
    "connection-refused": t_refused,
    "secrets-never-shown": t_secrets_scrubbed,
    "usage": t_usage,
    "secret-files": t_empty_secret_file,
    "lang-pt": t_lang_pt,
    "check-online": t_check_online,
    "formats": None,
}


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        print(";".join(SCENARIOS))
        return 0
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in SCENARIOS:
        print("usage: run_webhook.py WABA_EXE SCENARIO [JUNIT_CHECKER] | --list", file=sys.stderr)
        return 2
    exe, name = sys.argv[1], sys.argv[2]
    try:
        if name == "formats":
            t_formats(exe, sys.argv[3] if len(sys.argv) == 4 else None)
        else:
            SCENARIOS[name](exe)
    except Failure as e:
        print("FAIL %s: %s" % (name, e))
        return 1
    print("ok %s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end tests of `business --online` against a real HTTP(S) server on loopback.

Usage: run_online.py WABA_EXE SCENARIO     run one scenario (a ctest each, see net.cmake)
       run_online.py --list                print the scenario names

The server (started here, 127.0.0.1, ephemeral port) picks its behaviour from the first
path segment, so each scenario points --graph-url at http://127.0.0.1:PORT/<behaviour>.
Every run checks, besides its own expectations, that the token never appears in stdout
or stderr, that it travelled only in the Authorization header, and (slow scenario) that
/proc/PID/cmdline and /proc/PID/environ of the running program do not hold it.
"""
import json
import os
import secrets
import shutil
import ssl
import stat
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
FAST = os.path.join(HERE, "fast.xml")
BUSINESS_XML = os.path.join(HERE, "..", "..", "checklists", "business.xml")


def status_label(value, lang="en"):
    """What a person reads for a verification_status value: its label in checklists/business.xml."""
    import xml.etree.ElementTree as ET
    for item in ET.parse(BUSINESS_XML).getroot().iter():
        if item.tag.endswith("item") and item.get("value") == value and item.get("label_" + lang):
            return item.get("label_" + lang)
    raise KeyError(value)
ID = "175601379772329"
TOKEN = "EAAtest" + secrets.token_hex(16)

STATUSES = ["verified", "pending", "not_verified", "pending_submission", "pending_need_more_info",
            "rejected", "failed", "expired", "revoked", "ineligible"]


def graph_error(status, code, message, subcode=None, etype="OAuthException", headers=None):
    err = {"message": message, "type": etype, "code": code, "fbtrace_id": "AbCdEf"}
    if subcode:
        err["error_subcode"] = subcode
    return status, json.dumps({"error": err}).encode(), headers or {}


def ok(status_value, name="Acme Comércio Ltda"):
    return 200, json.dumps({"id": ID, "name": name, "verification_status": status_value}).encode(), {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        srv = self.server
        behaviour = self.path.lstrip("/").split("/", 1)[0]
        with srv.lock:
            srv.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                 "headers": dict(self.headers)})
            n = sum(1 for r in srv.requests if r["path"].lstrip("/").startswith(behaviour + "/"))
        status, body, headers = 500, b"{}", {}
        if behaviour.startswith("status-"):
            status, body, headers = ok(behaviour[len("status-"):])
        elif behaviour == "auth":
            status, body, headers = graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        elif behaviour == "expired-token":
            status, body, headers = graph_error(400, 190, "Error validating access token: Session has expired on "
                                                "Friday, 21-Nov-25 10:00:00 PST.", subcode=463)
        elif behaviour == "permission":
            status, body, headers = graph_error(403, 200, "(#200) Requires business_management permission to "
                                                "manage the object", etype="OAuthException")
        elif behaviour == "unknown-id":
            status, body, headers = graph_error(400, 100, "Unsupported get request. Object with ID '%s' does not "
                                                "exist, cannot be loaded due to missing permissions, or does not "
                                                "support this operation." % ID, subcode=33, etype="GraphMethodException")
        elif behaviour == "alias-unknown":
            status, body, headers = graph_error(404, 803, "(#803) Some of the aliases you requested do not exist: %s"
                                                % ID, etype="OAuthException")
        elif behaviour == "rate-limit-long":
            usage = {ID: [{"type": "pages", "call_count": 100, "total_cputime": 25, "total_time": 25,
                           "estimated_time_to_regain_access": 15}]}
            status, body, headers = graph_error(400, 4, "(#4) Application request limit reached",
                                                headers={"X-Business-Use-Case-Usage": json.dumps(usage)})
        elif behaviour == "rate-limit-short":
            if n == 1:
                status, body, headers = graph_error(400, 17, "(#17) User request limit reached",
                                                    headers={"Retry-After": "1"})
            else:
                status, body, headers = ok("verified")
        elif behaviour == "flaky":
            status, body, headers = (500, b"Internal Server Error", {}) if n == 1 else ok("verified")
        elif behaviour == "down":
            status, body, headers = graph_error(503, 2, "Service temporarily unavailable", etype="OAuthException")
        elif behaviour == "slow":
            time.sleep(4)
            status, body, headers = ok("verified")
        elif behaviour == "malformed":
            status, body, headers = 200, b'{"id": "175601379772329", "verification_status": ', {}
        elif behaviour == "html":
            status, body, headers = 200, b"<html><body>Captive portal</body></html>", {}
        elif behaviour == "no-status":
            status, body, headers = 200, json.dumps({"id": ID, "name": "Acme"}).encode(), {}
        elif behaviour == "odd-status":
            status, body, headers = ok("brand_new_state")
        elif behaviour == "echo-token":
            auth = self.headers.get("Authorization") or ""
            status, body, headers = graph_error(400, 190, "token %s is not valid" % auth.replace("Bearer ", ""))
        elif behaviour == "huge":
            chunk = b" " * 65536
            total = 8 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(total + 2))
            self.end_headers()
            try:
                self.wfile.write(b"{")
                for _ in range(total // len(chunk)):
                    self.wfile.write(chunk)
                self.wfile.write(b"}")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def start_server(tls_ctx=None):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.requests = []
    srv.lock = threading.Lock()
    if tls_ctx:
        srv.socket = tls_ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def make_certs(d):
    """A CA and a server certificate for 127.0.0.1 signed by it (openssl, at test time)."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    ca_key, ca, key, csr, crt = (os.path.join(d, n) for n in ("ca.key", "ca.pem", "srv.key", "srv.csr", "srv.pem"))
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
        "-subj", "/CN=waba-preflight test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    ext = os.path.join(d, "ext.cnf")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", crt, "-days", "2",
        "-extfile", ext)
    return ca, crt, key


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)


class Run:
    def __init__(self, code, out, err, requests, proc_info=None):
        self.code, self.out, self.err, self.requests, self.proc_info = code, out, err, requests, proc_info

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError as e:
            raise Failure("stdout is not JSON (%s): %r" % (e, self.out[:500]))


def run_cli(exe, args, env_token=True, srv=None, watch_proc=False, timeout=60):
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8", "no_proxy": "127.0.0.1,localhost",
                "NO_PROXY": "127.0.0.1,localhost"})
    env.pop("WABA_PREFLIGHT_TOKEN", None)
    if env_token:
        env["WABA_PREFLIGHT_TOKEN"] = env_token if isinstance(env_token, str) else TOKEN
    p = subprocess.Popen([exe, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         stdin=subprocess.DEVNULL)
    proc_info = None
    if watch_proc:
        # while the program waits for the slow server, read what /proc shows of it
        deadline = time.time() + 3
        while time.time() < deadline and not (srv and srv.requests):
            time.sleep(0.05)
        time.sleep(0.2)
        proc_info = {}
        for part in ("cmdline", "environ"):
            try:
                with open("/proc/%d/%s" % (p.pid, part), "rb") as f:
                    proc_info[part] = f.read()
            except OSError as e:
                proc_info[part] = None
                proc_info[part + "_error"] = str(e)
    out, err = p.communicate(timeout=timeout)
    return Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               list(srv.requests) if srv else [], proc_info)


def common_checks(r):
    expect(TOKEN not in r.out, "the token appears on stdout")
    expect(TOKEN not in r.err, "the token appears on stderr")
    for q in r.requests:
        expect(TOKEN not in q["path"], "the token was sent in the URL: " + q["path"])
        expect(q["auth"] == "Bearer " + TOKEN, "Authorization header is %r" % q["auth"])
        expect("fields=id,name,verification_status" in q["path"], "fields not asked: " + q["path"])
    expect(len(r.err.splitlines()) <= 2, "stderr is more than one reason (+ one warning): %r" % r.err)


def online(srv, behaviour, *extra):
    host, port = srv.server_address[:2]
    return ["business", ID, "--online", "--format", "json", "--checklist", FAST,
            "--graph-url", "http://%s:%d/%s/v21.0" % (host, port, behaviour), *extra]


# --- scenarios --------------------------------------------------------------------------

def status_scenario(value):
    def t(exe):
        srv = start_server()
        r = run_cli(exe, online(srv, "status-" + value), srv=srv)
        common_checks(r)
        want = 0 if value == "verified" else 1
        expect(r.code == want, "exit %d, want %d; stderr %r" % (r.code, want, r.err))
        rep = r.json()
        item = rep["items"][0]
        expect(item["verification_status"] == value, "item status %r" % item["verification_status"])
        expect(item["name"] == "Acme Comércio Ltda" and item["id"] == ID and item["valid"] is True, "item %r" % item)
        f = [x for x in rep["findings"] if x["rule"].startswith("business.verification.")]
        expect(len(f) == 1, "findings %r" % rep["findings"])
        f = f[0]
        if value == "verified":
            expect(f["rule"] == "business.verification.next_step" and f["severity"] == "note", "finding %r" % f)
            expect("Requests" in f["hint"] and "Botmaker" in f["hint"], "verified hint %r" % f["hint"])
        else:
            expect(f["rule"] == "business.verification.status" and f["severity"] == "error", "finding %r" % f)
            expect("'%s'" % status_label(value) in f["message"], "message %r" % f["message"])
        hints = {"not_verified": "documents", "pending": "2 to 4 days", "rejected": "send the documents again",
                 "pending_need_more_info": "more information", "expired": "again", "revoked": "support",
                 "ineligible": "another portfolio", "pending_submission": "not submitted", "failed": "again"}
        if value in hints:
            expect(hints[value] in f["hint"], "hint for %s lacks %r: %r" % (value, hints[value], f["hint"]))
        expect(len(r.requests) == 1, "requests: %d" % len(r.requests))
    return t


def error_scenario(behaviour, want_err, want_requests=1, extra=()):
    def t(exe):
        srv = start_server()
        r = run_cli(exe, online(srv, behaviour, *extra), srv=srv)
        common_checks(r)
        expect(r.code == 2, "exit %d, want 2; stderr %r" % (r.code, r.err))
        expect(r.out == "", "stdout should be empty when the question could not be asked: %r" % r.out[:300])
        for w in want_err:
            expect(w in r.err, "stderr lacks %r: %r" % (w, r.err))
        expect(len(r.requests) == want_requests, "requests: %d, want %d" % (len(r.requests), want_requests))
    return t


def t_alias_unknown(exe):
    """Graph 803: Meta knows no object with this ID. A finding on the ID in the report (exit 1), not
    a failure to run (exit 2)."""
    srv = start_server()
    r = run_cli(exe, online(srv, "alias-unknown"), srv=srv)
    common_checks(r)
    expect(r.code == 1, "exit %d, want 1; stderr %r" % (r.code, r.err))
    expect(r.err.strip() == "", "nothing on stderr: %r" % r.err)
    rep = r.json()
    item = rep["items"][0]
    expect(item["kind"] == "business" and item["id"] == ID and item["known"] is False, "item %r" % item)
    f = [x for x in rep["findings"] if x["rule"] == "business.id.unknown"]
    expect(len(f) == 1 and f[0]["severity"] == "error", "findings %r" % rep["findings"])
    expect(ID in f[0]["message"] and "803" in f[0]["message"], "message %r" % f[0]["message"])
    expect("Business info" in f[0]["hint"], "hint %r" % f[0]["hint"])
    expect(rep["summary"]["errors"] == 1, "summary %r" % rep["summary"])
    expect(len(r.requests) == 1, "requests: %d" % len(r.requests))


def t_rate_limit_short(exe):
    srv = start_server()
    t0 = time.time()
    r = run_cli(exe, online(srv, "rate-limit-short"), srv=srv)
    common_checks(r)
    expect(r.code == 0, "exit %d; stderr %r" % (r.code, r.err))
    expect(len(r.requests) == 2, "requests: %d" % len(r.requests))
    expect(time.time() - t0 >= 1.0, "did not wait the Retry-After second")


def t_flaky(exe):
    srv = start_server()
    r = run_cli(exe, online(srv, "flaky"), srv=srv)
    common_checks(r)
    expect(r.code == 0, "exit %d; stderr %r" % (r.code, r.err))
    expect(len(r.requests) == 2, "requests: %d (a 500 then a 200)" % len(r.requests))
    expect(r.json()["items"][0]["verification_status"] == "verified", "status")


def t_slow(exe):
    srv = start_server()
    t0 = time.time()
    r = run_cli(exe, online(srv, "slow"), srv=srv, watch_proc=True)
    took = time.time() - t0
    common_checks(r)
    expect(r.code == 2, "exit %d; stderr %r" % (r.code, r.err))
    expect("in time" in r.err and "did not answer in time" in r.err, "stderr %r" % r.err)
    expect(took < 3.5, "the 1 s timeout did not cut the 4 s answer (took %.1f s)" % took)
    info = r.proc_info
    expect(info["cmdline"] is not None, "could not read /proc/PID/cmdline: %s" % info.get("cmdline_error"))
    expect(TOKEN.encode() not in info["cmdline"], "the token is in the process's arguments")
    if info["environ"] is not None:
        expect(TOKEN.encode() not in info["environ"], "the token is still readable in /proc/PID/environ")


def t_echo_token(exe):
    srv = start_server()
    r = run_cli(exe, online(srv, "echo-token"), srv=srv)
    common_checks(r)
    expect(r.code == 2, "exit %d" % r.code)
    expect("[token]" in r.err, "the echoed token was not replaced: %r" % r.err)


def t_no_token(exe):
    srv = start_server()
    r = run_cli(exe, online(srv, "status-verified"), env_token=False, srv=srv)
    expect(r.code == 2, "exit %d" % r.code)
    expect("WABA_PREFLIGHT_TOKEN" in r.err and "--token-file" in r.err, "stderr %r" % r.err)
    expect(not r.requests, "a request was made without a token")


def token_file_scenario(mode, content, want_code, want_err=None, want_warn=False):
    def t(exe):
        srv = start_server()
        d = tempfile.mkdtemp()
        try:
            path = os.path.join(d, "token")
            with open(path, "w") as f:
                f.write(content)
            os.chmod(path, mode)
            r = run_cli(exe, online(srv, "status-verified", "--token-file", path), env_token=False, srv=srv)
        finally:
            shutil.rmtree(d)
        common_checks(r)
        expect(r.code == want_code, "exit %d, want %d; stderr %r" % (r.code, want_code, r.err))
        expect(("other users" in r.err) == want_warn, "permission warning %s expected: %r" % (want_warn, r.err))
        if want_err:
            expect(want_err in r.err, "stderr lacks %r: %r" % (want_err, r.err))
    return t


def t_token_file_wins(exe):
    """--token-file is used even when the environment has another token."""
    srv = start_server()
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "token")
        with open(path, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(path, 0o600)
        r = run_cli(exe, online(srv, "status-verified", "--token-file", path), env_token="EAAother1234", srv=srv)
    finally:
        shutil.rmtree(d)
    common_checks(r)  # the server saw "Bearer TOKEN", the file's, not the environment's
    expect(r.code == 0, "exit %d" % r.code)


def t_http_remote_refused(exe):
    r = run_cli(exe, ["business", ID, "--online", "--graph-url", "http://graph.example.com/v21.0"])
    expect(r.code == 2, "exit %d" % r.code)
    expect("http:// is only allowed for a loopback host" in r.err, "stderr %r" % r.err)


def t_refused_connection(exe):
    srv = start_server()
    port = srv.server_address[1]
    srv.shutdown()
    srv.server_close()
    r = run_cli(exe, ["business", ID, "--online", "--checklist", FAST,
                      "--graph-url", "http://127.0.0.1:%d/v21.0" % port])
    common_checks(r)
    expect(r.code == 2, "exit %d" % r.code)
    expect("cannot reach" in r.err and "proxy" in r.err, "stderr %r" % r.err)


def t_bad_id_no_request(exe):
    srv = start_server()
    host, port = srv.server_address[:2]
    r = run_cli(exe, ["business", "12ab", "--online", "--format", "json",
                      "--graph-url", "http://%s:%d/status-verified/v21.0" % (host, port)], srv=srv)
    expect(r.code == 1, "exit %d" % r.code)
    expect(not r.requests, "asked Meta about an ID that is not one")
    expect(r.json()["findings"][0]["rule"] == "business.id.format", "findings %r" % r.out)


def t_lang_pt(exe):
    srv = start_server()
    r = run_cli(exe, online(srv, "status-pending", "--lang", "pt"), srv=srv)
    common_checks(r)
    expect(r.code == 1, "exit %d" % r.code)
    hint = r.json()["findings"][0]["hint"]
    expect("aguarde" in hint and "2 a 4 dias" in hint, "pt hint %r" % hint)


def t_text_output(exe):
    srv = start_server()
    host, port = srv.server_address[:2]
    r = run_cli(exe, ["business", ID, "--online", "--checklist", FAST,
                      "--graph-url", "http://%s:%d/status-rejected/v21.0" % (host, port)], srv=srv)
    common_checks(r)
    expect(r.code == 1, "exit %d" % r.code)
    expect("business.verification.status" in r.out and "send the documents again" in r.out, "stdout %r" % r.out)


def tls_scenario(trust):
    def t(exe):
        if not shutil.which("openssl"):
            print("SKIP: openssl not found")
            sys.exit(77)
        d = tempfile.mkdtemp()
        try:
            ca, crt, key = make_certs(d)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(crt, key)
            srv = start_server(ctx)
            host, port = srv.server_address[:2]
            args = ["business", ID, "--online", "--format", "json", "--checklist", FAST,
                    "--graph-url", "https://%s:%d/status-verified/v21.0" % (host, port)]
            if trust:
                args += ["--ca-bundle", ca]
            r = run_cli(exe, args, srv=srv)
        finally:
            shutil.rmtree(d)
        common_checks(r)
        if trust:
            expect(r.code == 0, "exit %d with --ca-bundle; stderr %r" % (r.code, r.err))
            expect(len(r.requests) == 1, "requests %d" % len(r.requests))
        else:
            expect(r.code == 2, "exit %d: an untrusted certificate must fail; stderr %r" % (r.code, r.err))
            expect("TLS failure" in r.err and "--ca-bundle" in r.err, "stderr %r" % r.err)
            expect(not r.requests, "the request went through an untrusted TLS connection")
    return t


SCENARIOS = {}
for _s in STATUSES:
    SCENARIOS["status-" + _s] = status_scenario(_s)
SCENARIOS.update({
    "status-unknown-value": None,  # filled below
    "error-auth": error_scenario("auth", ["refused the token", "code 190", "Get a new token"]),
    "error-expired-token": error_scenario("expired-token", ["refused the token", "code 190/463", "Session has expired"]),
    "error-permission": error_scenario("permission", ["lacks the permission", "code 200", "business_management"]),
    "error-unknown-id": error_scenario("unknown-id", ["unknown to the Graph API", "code 100/33",
                                                      "Business Settings > Business info"]),
    "error-rate-limit-long": error_scenario("rate-limit-long", ["rate-limiting", "retry after 900 seconds",
                                                                "code 4"]),
    "error-5xx-exhausted": error_scenario("down", ["failed 3 times", "HTTP 503", "try again in a few minutes"],
                                          want_requests=3),
    "error-malformed-json": error_scenario("malformed", ["cannot be used", "not a JSON object", "--graph-url"]),
    "error-html": error_scenario("html", ["cannot be used", "not a JSON object"]),
    "error-no-status": error_scenario("no-status", ["no verification_status", "business_management"]),
    "error-huge-body": error_scenario("huge", ["larger than 65536 bytes"]),
    "unknown-alias-803-is-a-finding": t_alias_unknown,
    "rate-limit-retry-after": t_rate_limit_short,
    "retry-500-then-200": t_flaky,
    "timeout-slow-answer": t_slow,
    "token-echo-scrubbed": t_echo_token,
    "token-missing": t_no_token,
    "token-file-private": token_file_scenario(0o600, TOKEN + "\n", 0),
    "token-file-readable-warns": token_file_scenario(0o644, TOKEN + "\n", 0, want_warn=True),
    "token-file-two-lines": token_file_scenario(0o600, TOKEN + "\nsecond\n", 2, want_err="one word"),
    "token-file-empty": token_file_scenario(0o600, "\n", 2, want_err="is empty"),
    "token-file-wins": t_token_file_wins,
    "http-remote-refused": t_http_remote_refused,
    "connection-refused": t_refused_connection,
    "invalid-id-no-request": t_bad_id_no_request,
    "lang-pt": t_lang_pt,
    "text-output": t_text_output,
    "tls-self-signed-fails": tls_scenario(False),
    "tls-ca-bundle-trusted": tls_scenario(True),
})


def t_odd_status(exe):
    srv = start_server()
    r = run_cli(exe, online(srv, "odd-status"), srv=srv)
    common_checks(r)
    expect(r.code == 1, "exit %d" % r.code)
    f = r.json()["findings"][0]
    expect("brand_new_state" in f["message"] and "does not know" in f["hint"], "finding %r" % f)


SCENARIOS["status-unknown-value"] = t_odd_status


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        print(";".join(SCENARIOS))
        return 0
    if len(sys.argv) != 3 or sys.argv[2] not in SCENARIOS:
        print("usage: run_online.py WABA_EXE SCENARIO | --list", file=sys.stderr)
        return 2
    try:
        SCENARIOS[sys.argv[2]](sys.argv[1])
    except Failure as e:
        print("FAIL %s: %s" % (sys.argv[2], e))
        return 1
    print("ok %s" % sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())

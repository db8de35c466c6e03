#!/usr/bin/python3
"""End-to-end tests of `waba-preflight email`: the produced message is parsed back with
Python's `email` package, and delivered to a real SMTP server (aiosmtpd) on loopback.

Usage: test_email.py WABA_EXE CASE   (CASE: mime, inject, refuse, language, stdout, smtp,
                                      smtp-auth, smtp-down, starttls, url-credentials)

The application (app/application.json, format docs/application.md) is clean: no check of
any family finds an error in it, so the request is built without --force.
"""
import json, os, shutil, socket, subprocess, sys, tempfile
from email import message_from_bytes, policy

EXE = os.path.abspath(sys.argv[1])
CASE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "app")


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(args, cwd, env=None):
    e = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    e.pop("WABA_PREFLIGHT_SMTP_USER", None)
    e.pop("WABA_PREFLIGHT_SMTP_PASSWORD", None)
    e.update(env or {})
    p = subprocess.run([EXE, "email"] + args, cwd=cwd, env=e, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def workdir(mutate=None):
    d = tempfile.mkdtemp(prefix="waba-email-")
    shutil.copy(os.path.join(APP, "logo.png"), d)
    app = json.load(open(os.path.join(APP, "application.json"), encoding="utf-8"))
    if mutate:
        mutate(app)
    with open(os.path.join(d, "application.json"), "w", encoding="utf-8") as f:
        json.dump(app, f, ensure_ascii=False, indent=2)
    return d


def check_wire_format(raw):
    if b"\n" in raw.replace(b"\r\n", b"") or b"\r" in raw.replace(b"\r\n", b""):
        fail("a line does not end in CRLF")
    for line in raw.split(b"\r\n"):
        if len(line) > 998:
            fail("a line is over 998 octets")
    head = raw.split(b"\r\n\r\n", 1)[0]
    if any(b >= 0x80 for b in head):
        fail("raw 8-bit bytes in the header (RFC 2047 encoding missing)")


def check_message(raw, lang="en"):
    check_wire_format(raw)
    m = message_from_bytes(raw, policy=policy.default)
    for h in ("Date", "Message-ID", "From", "To", "Subject"):
        if m[h] is None:
            fail(f"missing header {h}")
    if m["From"].addresses[0].addr_spec != "ana@padariasaojoao.com.br":
        fail(f"From is {m['From']}")
    if m["From"].addresses[0].display_name != "Ana Souza":
        fail(f"From display name is {m['From']}")
    if m["Date"].datetime is None:
        fail("Date does not parse")
    if not m.is_multipart() or m.get_content_type() != "multipart/mixed":
        fail(f"not multipart/mixed: {m.get_content_type()}")
    if "Padaria São João" not in str(m["Subject"]):
        fail(f"Subject does not decode: {m['Subject']!r}")
    text = m.get_body(("plain",))
    if text.get_content_charset() != "utf-8" or text["Content-Transfer-Encoding"] != "quoted-printable":
        fail("text part is not UTF-8 quoted-printable")
    body = text.get_content()
    # the numbers as the phone family normalised them (E.164), not as written
    for want in ("175601379772329", "+551134567890", "+541143210000", "produção (português)",
                 "Rua das Flores, 100", "GROCERY", "contato@padariasaojoao.com.br", "https://padariasaojoao.com.br",
                 "Ana Souza", "+55 11 99876-5432", "logo.png"):
        if want not in body:
            fail(f"body lacks {want!r}")
    atts = list(m.iter_attachments())
    if len(atts) != 1:
        fail(f"{len(atts)} attachments, want 1")
    a = atts[0]
    if a.get_filename() != "logo.png" or a.get_content_type() != "image/png":
        fail(f"attachment is {a.get_filename()} {a.get_content_type()}")
    if a["Content-Transfer-Encoding"] != "base64":
        fail("attachment is not base64")
    if a.get_payload(decode=True) != open(os.path.join(APP, "logo.png"), "rb").read():
        fail("attachment bytes differ from the photo")
    return m, body


def case_mime():
    d = workdir()
    code, out, err = run(["application.json", "-o", "request.eml", "--format", "json"], d)
    if code != 0:
        fail(f"exit {code}: {err.decode()}")
    item = [i for i in json.loads(out)["items"] if i["kind"] == "email"][0]
    if item != {"kind": "email", "output": "request.eml", "sent": False}:
        fail(f"item {item}")
    m, body = check_message(open(os.path.join(d, "request.eml"), "rb").read())
    if m["To"].addresses[0].addr_spec != "servico@botmaker.com":
        fail(f"default recipient is {m['To']}")
    if "Please activate" not in body:
        fail("English body expected by default under C.UTF-8")
    # each number with the phone family's verdict (type label) and the business family's status
    for want in ("- +551134567890 (a landline); purpose: produção (português)",
                 "- +541143210000 (a landline); purpose: Argentina (español)",
                 "Verification status: verified", "Category: GROCERY (Food and grocery)"):
        if want not in body:
            fail(f"body lacks {want!r}:\n" + body[:900])
    if "ATTENTION" in body:
        fail("a clean application has no open items")
    rep = json.loads(out)
    if rep["summary"]["errors"] != 0:
        fail(f"the test application must be clean: {rep['findings']}")
    kinds = [i["kind"] for i in rep["items"]]
    for k in ("business", "phone", "photo", "name", "email"):
        if k not in kinds:
            fail(f"no {k!r} item: every check must run (items {kinds})")
    # Portuguese and Spanish through the gettext catalogues
    for lang, words in (("pt", ("Solicitamos a ativação", "Números de telefone")),
                        ("es", ("Solicitamos la activación", "Números de teléfono"))):
        code, out, err = run(["application.json", "-o", f"{lang}.eml", "--lang", lang, "--to", "ops@example.org"], d)
        if code != 0:
            fail(f"--lang {lang}: exit {code}: {err.decode()}")
        m, body = check_message(open(os.path.join(d, f"{lang}.eml"), "rb").read())
        for w in words:
            if w not in body:
                fail(f"--lang {lang}: body lacks {w!r}")
        if m["To"].addresses[0].addr_spec != "ops@example.org":
            fail("--to not honoured")
    # nothing left behind by the atomic write
    left = [f for f in os.listdir(d) if ".tmp." in f]
    if left:
        fail(f"temporary files left: {left}")


def case_inject():
    evil = "Ana\r\nBcc: victim@example.com"
    for field, setter in (("contact.name", lambda a: a["contact"].__setitem__("name", evil)),
                          ("display_name", lambda a: a.__setitem__("display_name", evil)),
                          ("contact.email", lambda a: a["contact"].__setitem__("email", "ana@x.com\nBcc: v@example.com"))):
        d = workdir(setter)
        code, out, err = run(["application.json", "-o", "request.eml", "--format", "json"], d)
        rules = [f["rule"] for f in json.loads(out)["findings"]]
        if code != 1 or "email.value.control" not in rules:
            fail(f"{field}: exit {code}, rules {rules}")
        if os.path.exists(os.path.join(d, "request.eml")):
            fail(f"{field}: a message was written despite the injection attempt")
        # even with --force the value never reaches a header
        code, out, err = run(["application.json", "-o", "request.eml", "--force"], d)
        if os.path.exists(os.path.join(d, "request.eml")):
            raw = open(os.path.join(d, "request.eml"), "rb").read()
            m = message_from_bytes(raw, policy=policy.default)
            if m["Bcc"] is not None or b"\r\nBcc:" in raw.split(b"\r\n\r\n", 1)[0]:
                fail(f"{field}: --force let a Bcc header through")
        elif code != 2:
            fail(f"{field}: --force: exit {code}, want 2 (refused) when nothing is written")
    # --to on the command line as well
    d = workdir()
    code, out, err = run(["application.json", "-o", "r.eml", "--to", "a@b.com\r\nBcc: v@example.com"], d)
    if code != 1 or os.path.exists(os.path.join(d, "r.eml")):
        fail(f"--to injection: exit {code}")


def body_of(path):
    return message_from_bytes(open(path, "rb").read(), policy=policy.default).get_body(("plain",)).get_content()


def case_refuse():
    # an error in the application's shape (the parser's input.application.missing)
    d = workdir(lambda a: a.pop("numbers"))
    code, out, err = run(["application.json", "-o", "request.eml", "--format", "json"], d)
    rep = json.loads(out)
    if code != 1 or os.path.exists(os.path.join(d, "request.eml")):
        fail(f"open error: exit {code}, or a message was written")
    if [i for i in rep["items"] if i["kind"] == "email"][0]["output"] is not None:
        fail("output must be null when refused")
    if b"--force" not in err:
        fail(f"stderr does not say how to override: {err!r}")
    rules = [f["rule"] for f in rep["findings"]]
    if "input.application.missing" not in rules or "email.content.missing" in rules:
        fail(f"an absent required field is the parser's finding, once: {rules}")
    code, out, err = run(["application.json", "-o", "request.eml", "--format", "json", "--force"], d)
    rep = json.loads(out)
    if code != 1 or not os.path.exists(os.path.join(d, "request.eml")):
        fail(f"--force: exit {code} or no message")
    if "email.forced" not in [f["rule"] for f in rep["findings"]]:
        fail("--force must add email.forced")
    body = body_of(os.path.join(d, "request.eml"))
    if ("ATTENTION: 1 item is still open" not in body
            or "[input.application.missing] missing required field 'numbers'" not in body):
        fail("the body does not mark the open item:\n" + body[:600])

    # an error another family finds (phone) blocks the request as well; --force lists it
    d = workdir(lambda a: a["numbers"][1].__setitem__("number", "+55 11 123"))
    code, out, err = run(["application.json", "-o", "request.eml", "--format", "json"], d)
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    if code != 1 or "phone.number.invalid" not in rules or os.path.exists(os.path.join(d, "request.eml")):
        fail(f"phone error: exit {code}, rules {rules}, or a message was written")
    code, out, err = run(["application.json", "-o", "request.eml", "--force"], d)
    body = body_of(os.path.join(d, "request.eml"))
    for want in ("ATTENTION: 1 item is still open",
                 "[phone.number.invalid] '+55 11 123' has 5 digits after +55",
                 "- +55 11 123; purpose: Argentina (español)",  # as written: no E.164, no type
                 "- +551134567890 (a landline)"):
        if want not in body:
            fail(f"--force body lacks {want!r}:\n" + body[:900])

    # a required field present but blank: email.content.missing
    d = workdir(lambda a: a["contact"].__setitem__("name", "  "))
    code, out, err = run(["application.json", "-o", "request.eml", "--format", "json"], d)
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "email.content.missing"]
    if code != 1 or len(found) != 1 or "'contact.name' is missing" not in found[0]["message"]:
        fail(f"blank contact name: exit {code}, {found}")
    if found[0].get("line") is None:
        fail(f"the finding must point at the field: {found[0]}")
    if os.path.exists(os.path.join(d, "request.eml")):
        fail("blank contact name: a message was written")


def case_language():
    # the application's "language" chooses the body's language; the report keeps the environment's
    d = workdir(lambda a: a.__setitem__("language", "pt"))
    code, out, err = run(["application.json", "-o", "pt.eml", "--format", "json"], d)
    if code != 0:
        fail(f"exit {code}: {err.decode()}")
    m, body = check_message(open(os.path.join(d, "pt.eml"), "rb").read())
    # every value a person reads is in the body's language: the number's type, the verification
    # status (not Meta's 'verified'), the category (Meta's code kept beside its name)
    for want in ("Solicitamos a ativação", "- +551134567890 (um telefone fixo); finalidade: produção (português)",
                 "Status da verificação: verificada", "Categoria: GROCERY (Alimentos e mercearia)"):
        if want not in body:
            fail(f"body lacks {want!r}:\n" + body[:700])
    if not str(m["Subject"]).startswith("Solicitação de ativação"):
        fail(f"Subject {m['Subject']!r}")
    msgs = " ".join(f["message"] for f in json.loads(out)["findings"])
    if "is a landline" not in msgs:
        fail(f"the report must stay in the environment's language (English): {msgs[:300]}")
    # --lang wins over the application's language
    code, out, err = run(["application.json", "-o", "es.eml", "--lang", "es"], d)
    body = body_of(os.path.join(d, "es.eml"))
    if code != 0 or "Solicitamos la activación" not in body:
        fail(f"--lang es: exit {code}, or not a Spanish body")
    for want in ("Estado de la verificación: verificada", "Categoría: GROCERY (Alimentos y almacén)",
                 "(un teléfono fijo)"):
        if want not in body:
            fail(f"--lang es: body lacks {want!r}:\n" + body[:900])
    if "verified" in body:
        fail("--lang es: Meta's raw status 'verified' in the Spanish body")
    # with --force, the open items read in the body's language too
    d = workdir(lambda a: (a.__setitem__("language", "pt"), a["numbers"][1].__setitem__("number", "+55 11 123")))
    code, out, err = run(["application.json", "-o", "forced.eml", "--format", "json", "--force"], d)
    body = body_of(os.path.join(d, "forced.eml"))
    for want in ("ATENÇÃO: 1 item ainda está pendente", "[phone.number.invalid] '+55 11 123' tem 5 dígitos depois de +55"):
        if want not in body:
            fail(f"--force body lacks {want!r}:\n" + body[:700])
    msg = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "phone.number.invalid"]
    if code != 1 or len(msg) != 1 or "has 5 digits" not in msg[0]:
        fail(f"--force: exit {code}, report {msg}")


def case_stdout():
    d = workdir()
    code, out, err = run(["application.json", "-o", "-"], d)
    if code != 0:
        fail(f"exit {code}: {err.decode()}")
    check_message(out)
    if b"0 errors" not in err:
        fail(f"the report should go to stderr with -o -: {err!r}")
    if os.path.exists(os.path.join(d, "-")):
        fail("wrote a file named '-'")


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content,
                              getattr(session, "auth_data", None)))
        return "250 OK"


def start_server(host="127.0.0.1", **kw):
    from aiosmtpd.controller import Controller
    with socket.socket() as s:
        s.bind((host, 0))
        port = s.getsockname()[1]
    sink = Sink()
    c = Controller(sink, hostname=host, port=port, **kw)
    c.start()
    return c, sink, port


def case_smtp():
    c, sink, port = start_server()
    try:
        d = workdir()
        code, out, err = run(["application.json", "-o", "sent.eml", "--format", "json",
                              "--send", f"smtp://127.0.0.1:{port}"], d)
    finally:
        c.stop()
    if code != 0:
        fail(f"exit {code}: {err.decode()}")
    item = [i for i in json.loads(out)["items"] if i["kind"] == "email"][0]
    if item != {"kind": "email", "output": "sent.eml", "sent": True}:
        fail(f"item {item}")
    if len(sink.messages) != 1:
        fail(f"{len(sink.messages)} messages arrived")
    mail_from, rcpts, content, _ = sink.messages[0]
    if mail_from != "ana@padariasaojoao.com.br" or rcpts != ["servico@botmaker.com"]:
        fail(f"envelope {mail_from} -> {rcpts}")
    check_message(content)
    if content != open(os.path.join(d, "sent.eml"), "rb").read():
        fail("what arrived differs from the written .eml")


def case_smtp_auth():
    from aiosmtpd.smtp import AuthResult
    seen = []

    def auth(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        # handled=False: aiosmtpd answers 535 itself (its default, handled=True, answers nothing)
        return AuthResult(success=auth_data.password == b"s3cr3t-pw", handled=False)

    c, sink, port = start_server(authenticator=auth, auth_require_tls=False)
    try:
        d = workdir()
        env = {"WABA_PREFLIGHT_SMTP_USER": "ana", "WABA_PREFLIGHT_SMTP_PASSWORD": "s3cr3t-pw"}
        code, out, err = run(["application.json", "-o", "sent.eml", "--send", f"smtp://127.0.0.1:{port}"], d, env)
        if code != 0 or len(sink.messages) != 1 or seen != [(b"ana", b"s3cr3t-pw")]:
            fail(f"auth: exit {code}, {len(sink.messages)} messages, auth {seen}: {err.decode()}")
        env["WABA_PREFLIGHT_SMTP_PASSWORD"] = "wrong-pw"
        code, out, err = run(["application.json", "-o", "sent2.eml", "--send", f"smtp://127.0.0.1:{port}"], d, env)
        if code != 2 or not os.path.exists(os.path.join(d, "sent2.eml")):
            fail(f"refused login: exit {code}, want 2 and the .eml written")
        if b"refused the login" not in err:
            fail(f"refused login: the reason is not said: {err.decode()}")
    finally:
        c.stop()
    for f in ("sent.eml", "sent2.eml"):
        if b"s3cr3t-pw" in open(os.path.join(d, f), "rb").read() or b"wrong-pw" in open(os.path.join(d, f), "rb").read():
            fail("the password is in the message")
    if b"s3cr3t-pw" in out + err or b"wrong-pw" in out + err:
        fail("the password was echoed")


def case_smtp_down():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    d = workdir()
    code, out, err = run(["application.json", "-o", "kept.eml", "--format", "json",
                          "--send", f"smtp://127.0.0.1:{port}"], d)
    if code != 2:
        fail(f"exit {code}, want 2")
    if not os.path.exists(os.path.join(d, "kept.eml")):
        fail("the .eml must be written when sending fails")
    check_message(open(os.path.join(d, "kept.eml"), "rb").read())
    if b"not sent" not in err:
        fail(f"stderr: {err!r}")
    item = [i for i in json.loads(out)["items"] if i["kind"] == "email"][0]
    if item["sent"] is not False or item["output"] != "kept.eml":
        fail(f"item {item}")


def non_loopback_ip():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip


def case_starttls():
    ip = non_loopback_ip()
    if not ip:
        print("SKIP: no non-loopback address")
        sys.exit(77)
    c, sink, port = start_server(host=ip)  # offers no STARTTLS
    try:
        d = workdir()
        code, out, err = run(["application.json", "-o", "kept.eml", "--send", f"smtp://{ip}:{port}"], d)
    finally:
        c.stop()
    if code != 2 or sink.messages:
        fail(f"plain SMTP to a remote host must be refused: exit {code}, {len(sink.messages)} delivered")
    if b"STARTTLS" not in err or not os.path.exists(os.path.join(d, "kept.eml")):
        fail(f"stderr {err!r}, or the .eml was not kept")


def case_url_credentials():
    d = workdir()
    code, out, err = run(["application.json", "--send", "smtp://ana:pw123@127.0.0.1:25"], d)
    if code != 2 or b"WABA_PREFLIGHT_SMTP_USER" not in err or b"pw123" in err + out:
        fail(f"exit {code}, stderr {err!r}")
    code, out, err = run(["application.json", "--send", "http://127.0.0.1/"], d)
    if code != 2:
        fail(f"http scheme: exit {code}")


CASES = {"mime": case_mime, "inject": case_inject, "refuse": case_refuse, "language": case_language,
         "stdout": case_stdout,
         "smtp": case_smtp, "smtp-auth": case_smtp_auth, "smtp-down": case_smtp_down,
         "starttls": case_starttls, "url-credentials": case_url_credentials}
CASES[CASE]()
print("ok", CASE)

#!/usr/bin/env python3
"""One verdict everywhere (issue 13, item 1): with a configuration that turns a rule off,
or demotes it to a warning, `check`, `email`, and the body `email` writes in the
application's language (a second language: the checks run again in it) must agree on what
is open. The wizard's side is tests/wizard/journeys.py, case config_verdict.

Usage: test_verdict.py WABA_EXE off|warning
"""
import json, os, shutil, subprocess, sys, tempfile
from email import message_from_bytes, policy

EXE = os.path.abspath(sys.argv[1])
MODE = sys.argv[2]
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
RULE = "business.id.format"      # '12ab' is an error by default
OPEN = "phone.number.invalid"    # an error the configuration leaves alone


def fail(msg):
    print(f"FAIL ({MODE}):", msg)
    sys.exit(1)


def run(args, cwd):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8", SOURCE_DATE_EPOCH="0")
    p = subprocess.run([EXE] + args, cwd=cwd, env=env, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def body_of(path):
    with open(path, "rb") as f:
        return message_from_bytes(f.read(), policy=policy.default).get_body(("plain",)).get_content()


def main():
    d = tempfile.mkdtemp(prefix="waba-verdict-")
    for n in ("photo.png", "templates"):
        src = os.path.join(EXAMPLES, n)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(d, n))
    with open(os.path.join(EXAMPLES, "application.json"), encoding="utf-8") as f:
        app = json.load(f)
    app["business_id"] = "12ab"
    app["numbers"][0]["number"] = "+55 11 123"
    app["language"] = "pt"
    with open(os.path.join(d, "application.json"), "w", encoding="utf-8") as f:
        json.dump(app, f, ensure_ascii=False)
    with open(os.path.join(d, ".waba-preflight.json"), "w") as f:
        json.dump({"rules": {RULE: MODE}}, f)

    # check: the rule off (absent) or a warning; readiness judged from the final findings
    code, out, err = run(["check", "application.json", "--format", "json"], d)
    rep = json.loads(out)
    sev = {f["rule"]: f["severity"] for f in rep["findings"]}
    want = None if MODE == "off" else "warning"
    if sev.get(RULE) != want or sev.get(OPEN) != "error" or code != 1:
        fail(f"check: exit {code}, {RULE} {sev.get(RULE)!r} (want {want!r}), {OPEN} {sev.get(OPEN)!r}")
    req = {r["id"]: r["status"] for r in rep["readiness"]["requirements"]}
    if req.get("business_manager_id") != "ok":
        fail(f"check: readiness counts the {MODE} rule: business_manager_id is {req.get('business_manager_id')!r}")

    # email, body in the report's language and in the application's (pt): one open item
    for lang_args, name, head in ((["--lang", "en"], "en.eml", "ATTENTION: 1 item is still open"),
                                  ([], "pt.eml", "ATENÇÃO: 1 item ainda está pendente")):
        code, out, err = run(["email", "application.json", "--force", "-o", name, "--format", "json"] + lang_args, d)
        erep = json.loads(out)
        esev = {f["rule"]: f["severity"] for f in erep["findings"] if not f["rule"].startswith("email.")}
        if esev != sev:
            fail(f"email {name}: the report differs from check's: {esev} vs {sev}")
        body = body_of(os.path.join(d, name))
        if head not in body or f"[{OPEN}]" not in body:
            fail(f"email {name}: the body does not list exactly the one open item:\n{body[:800]}")
        if f"[{RULE}]" in body:
            fail(f"email {name}: the body lists {RULE}, which the configuration set to {MODE}:\n{body[:800]}")
    print(f"ok {MODE}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Journeys through `waba-preflight wizard` as a person meets them, in en, pt and es,
asserted on the screen of a terminal emulator (pyte, tests/wizard/screen.py): what the
person reads, not the bytes.

Usage: journeys.py WABA_EXE CASE LANG        (CASE: a function named case_*; LANG: en, pt, es)

Every case runs in a fresh folder (a copy of examples/photo.png and the templates, plus a
template with errors), with TERM=xterm-256color and colour on (so that escape debris would
show), under LANG=C.UTF-8 as CI containers run.
"""
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from screen import Fail, Term, text  # noqa: E402

EXE = None
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
YES = {"en": "y", "pt": "s", "es": "s"}
NO = "n"
BAD_TEMPLATE = {
    "name": "Promo Black Friday",
    "language": "pt_BR",
    "category": "MARKETING",
    "components": [{"type": "BODY", "text": "{{1}}, compre agora com 50% de desconto! {{3}}"}],
}


def folder():
    d = tempfile.mkdtemp(prefix="journey-")
    shutil.copy(os.path.join(EXAMPLES, "photo.png"), d)
    shutil.copytree(os.path.join(EXAMPLES, "templates"), os.path.join(d, "templates"))
    with open(os.path.join(d, "templates", "bad.json"), "w", encoding="utf-8") as f:
        json.dump(BAD_TEMPLATE, f)
    with open(os.path.join(d, "templates", "broken.json"), "w", encoding="utf-8") as f:
        f.write('{\n  "name": "order_update",\n  "language": "pt_BR",\n  "category": "UTILITY"\n  "components": []\n}\n')
    return d


def state(d, name="waba-preflight.json"):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)


def check(cond, what, s=None):
    if not cond:
        raise Fail(what + ("" if s is None else "\n--- screen:\n" + s.tail(60)))


def start(d, lang, extra=None, env=None):
    return Term([EXE, "wizard", "--lang", lang] + (extra or []), d, lang=lang, env_extra=env)


def t(s, tid):
    return re.escape(text(tid, s.lang))


# ---- the steps, answered well ------------------------------------------------------------

def requirements(s):
    for q in ("req.registered_company", "req.commerce_policy", "req.botmaker_request"):
        s.ask(q, YES[s.lang])


def business(s, answer="https://business.facebook.com/settings/info?business_id=175601379772329"):
    s.ask("business_id", answer)


def verification(s):
    s.ask("verification", "1")


def numbers(s):
    s.ask("phone", "+55 11 3456-7890")
    s.ask("phone_more", "")


def photo(s):
    s.ask("photo", "photo.png")


def name(s):
    s.ask("legal_name", "Casa Aurora Móveis e Decoração Ltda.")
    s.ask("website", "https://www.casaaurora.com.br")
    s.ask("display_name", "Casa Aurora Móveis")


def profile(s):
    s.ask("about", "Móveis planejados em São Paulo.")
    s.ask("address", "Rua Augusta, 1500, São Paulo - SP")
    s.ask("description", "Loja de móveis e decoração.")
    s.ask("vertical", "RETAIL")
    s.ask("email", "contato@casaaurora.com.br")
    s.expect(r"^  1\) https://www\.casaaurora\.com\.br$")   # the company website, as the first entry
    s.ask("websites_more", "")


def templates(s, files=("templates/order_shipped.json",)):
    for i, f in enumerate(files):
        s.ask("template_more" if i else "template", f)
    s.ask("template_more" if files else "template", "")


def systems(s, url="", check=False):
    s.ask("webhook_url", url)
    if url:
        s.ask("webhook_check", YES[s.lang] if check else NO)


def contact(s):
    s.ask("contact_name", "Mariana Ferreira")
    s.ask("contact_email", "mariana.ferreira@casaaurora.com.br")
    s.ask("contact_phone", "+55 11 98765-4321")


def all_steps(s, tpl=("templates/order_shipped.json",)):
    requirements(s)
    business(s)
    verification(s)
    numbers(s)
    photo(s)
    name(s)
    profile(s)
    templates(s, tpl)
    systems(s)
    contact(s)


def final_screen(s, sent=False):
    """The last screen: where the file is, where it goes, the next step, the four stages."""
    to = "servico@botmaker.com"
    s.expect(t(s, "wizard.next"))
    s.expect(re.escape(text("wizard.next.sent" if sent else "wizard.next.written", s.lang).split("{to}")[0] + to))
    s.expect(re.escape(text("wizard.next.file", s.lang).split("{file}")[0]) + r"/.*request\.eml$")
    s.expect(re.escape(text("wizard.next.accept", s.lang)[:60]))
    for stage in ("request_approval", "policy_review", "display_name_review", "activation"):
        s.expect(r"^  " + re.escape(text("readiness.%s.title" % stage, s.lang)[:40]))
    s.expect(re.escape(text("wizard.done", s.lang).split("{file}")[0]))


def report_page(d):
    """The wizard leaves report.html beside the request: one self-contained page in the
    person's language, with the profile card and the readiness checklist, and nothing active."""
    import html.parser
    path = os.path.join(d, "report.html")
    check(os.path.exists(path), "no report.html beside the request")
    with open(path, encoding="utf-8") as f:
        page = f.read()

    class Tags(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.attrs, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs.extend((tag, k, v or "") for k, v in attrs)

        def handle_data(self, data):
            self.text.append(data)

    p = Tags()
    p.feed(page)
    text = " ".join(p.text)
    check("Casa Aurora" in text, "report.html does not show the display name")
    check("script" not in p.tags and "iframe" not in p.tags, "report.html has active content")
    check(not any(k.startswith("on") for _, k, _ in p.attrs), "report.html has an event handler")
    check(any(t == "meta" and k == "content" and "default-src 'none'" in v for t, k, v in p.attrs),
          "report.html has no strict Content-Security-Policy")
    check(any(t == "html" and k == "lang" and v.startswith(LANG) for t, k, v in p.attrs),
          "report.html is not in the person's language (%s)" % LANG)
    check(not re.search(r'src="(https?:)?//', page) and "link" not in p.tags,
          "report.html loads something from the network")
    check(any(t == "img" and k == "src" and v.startswith("data:image/png") for t, k, v in p.attrs),
          "report.html does not embed the photo")


# ---- cases -----------------------------------------------------------------------------

def case_clean():
    """Every answer right: the e-mail is written and the last screen says what comes next.
    Colour is on: no prompt shows escape debris. The state records the language."""
    d = folder()
    s = start(d, LANG)
    all_steps(s)
    s.ask("review", "")
    s.ask("write_email", "")
    s.ask("send_email", "")
    final_screen(s)
    code = s.wait()
    check(code == 0, f"exit {code}, want 0", s)
    s.no_debris()
    check(b"\x1b[1m" in s.raw, "colour was expected on (xterm-256color, no NO_COLOR)", s)
    check(os.path.exists(os.path.join(d, "request.eml")), "no request.eml", s)
    check(state(d).get("language") == LANG, "the state does not record the language: %r" % state(d).get("language"))
    with open(os.path.join(d, "request.eml"), encoding="utf-8") as f:
        eml = f.read()
    check("Casa Aurora" in eml, "the e-mail lacks the display name")
    # at the verification step, the guidance once (the readiness report at the end has its own)
    guide = text("business.status.verified", LANG)[:40]
    step = s.transcript().split("== %s ==" % text("wizard.readiness", LANG))[0]
    check(step.count(guide) == 1, "the verification guidance is shown %d times, want once" % step.count(guide), s)
    report_page(d)
    if LANG != "en":  # one term per language (docs/translating.md): Meta's own name for it
        loose = re.sub(r"\(Business Manager\)", "", s.transcript())
        check("Business Manager" not in loose, "the English 'Business Manager' beside the glossary term", s)


def case_plain():
    """NO_COLOR and TERM=dumb: no escape sequence is written at all, the prompts read plainly."""
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        d = folder()
        s = start(d, LANG, env=env)
        s.ask("req.registered_company", YES[s.lang])
        s.prompt("req.commerce_policy")
        s.ctrl_c()
        s.wait()
        s.no_debris()
        check(b"\x1b[" not in s.raw.replace(b"\x1b[K", b"").replace(b"\x1b[C", b""),
              "escape sequences written with %r: %r" % (env, s.raw[:300]), s)


def case_template_optional():
    """A template with errors does not hold the request back: the person sees why, the
    e-mail is written without asking to force it."""
    d = folder()
    s = start(d, LANG)
    all_steps(s, tpl=("templates/bad.json",))
    s.ask("review", "")
    s.expect(re.escape(text("wizard.templates.not_blocking", s.lang)[:40]))
    s.ask("write_email", "")
    s.ask("send_email", "")
    final_screen(s)
    code = s.wait()
    check(code == 0, f"exit {code}, want 0 (template errors are not the request's)", s)
    s.no_debris()
    with open(os.path.join(d, "request.eml"), encoding="utf-8") as f:
        check("template." not in f.read(), "the e-mail lists template findings")


def case_review_lists():
    """The review shows every answer under its section. A bad template is removed there, a
    number replaced and another added; then the e-mail, without the template note."""
    d = folder()
    s = start(d, LANG)
    all_steps(s, tpl=("templates/order_shipped.json", "templates/bad.json"))
    s.expect(t(s, "wizard.review"))
    s.expect(r"^  4\) " + t(s, "wizard.step.numbers"))
    s.expect(r"^       1\) \+55 11 3456-7890$")
    label = {"en": "Shopping and retail", "pt": "Compras e varejo", "es": "Compras y comercio minorista"}[LANG]
    s.expect(r"^       RETAIL \(" + re.escape(label) + r"\)$")     # the category by its name too
    s.expect(r"^  8\) " + t(s, "wizard.step.templates"))
    s.expect(r"^       1\) templates/order_shipped\.json$")
    s.expect(r"^       2\) templates/bad\.json$")
    s.expect(r"^       Mariana Ferreira$")
    s.ask("review", "8")
    s.expect(r"^  2\) templates/bad\.json$")
    s.expect(re.escape(text("wizard.list.how", LANG)[:50]))
    s.ask("template_more", "-2")
    s.expect(r"templates/bad\.json")
    s.ask("template_more", "")
    s.ask("review", "4")
    s.ask("phone_more", "1")
    line = s.prompt("phone")
    check(line.endswith("[+55 11 3456-7890]:"), "the entry replaced is not the default: %r" % line, s)
    s.line("+55 11 3456-7891")
    s.ask("phone_more", "+54 11 4321-8765")
    s.ask("phone_more", "")
    s.ask("review", "7")                      # the profile: a website added, the first removed
    for field in ("about", "address", "description", "vertical", "email"):
        s.ask(field, "")
    s.expect(r"^  1\) https://www\.casaaurora\.com\.br$")
    s.ask("websites_more", "loja.casaaurora.com.br")
    s.expect(r"^  2\) https://loja\.casaaurora\.com\.br$")
    s.ask("websites_more", "-1")
    s.ask("websites_more", "")
    s.expect(t(s, "wizard.review"))
    s.expect(r"^       1\) \+55 11 3456-7891$")
    s.expect(r"^       2\) \+54 11 4321-8765$")
    s.expect(r"^       https://loja\.casaaurora\.com\.br$")
    s.expect(r"^       1\) templates/order_shipped\.json$")
    line = s.prompt("review")
    check("templates/bad.json" not in "\n".join(s.lines()[-30:]), "the removed template is still listed", s)
    s.line("")
    s.ask("write_email", "")
    check(text("wizard.templates.not_blocking", LANG)[:30] not in s.transcript(), "template note after removal", s)
    s.ask("send_email", "")
    final_screen(s)
    check(s.wait() == 0, "exit %r, want 0" % s.status, s)
    st = state(d)
    check(st["templates"] == ["templates/order_shipped.json"], "templates: %r" % st["templates"])
    check(st["profile"]["websites"] == ["https://loja.casaaurora.com.br"], "websites: %r" % st["profile"].get("websites"))
    check([n["number"] for n in st["numbers"]] == ["+55 11 3456-7891", "+54 11 4321-8765"], "numbers: %r" % st["numbers"])
    s.no_debris()


def case_force():
    """An error kept: the screen lists it with its section; W asks for confirmation; No goes
    back to the list; Yes writes the e-mail with the open items at its top."""
    d = folder()
    s = start(d, LANG)
    requirements(s)
    business(s, "12ab")
    s.ask("keep", YES[s.lang])            # kept explicitly: now it is saved
    s.prompt("verification")
    check(state(d).get("business_id") == "12ab", "a kept answer was not saved", s)
    s.line("1")
    numbers(s)
    photo(s)
    name(s)
    profile(s)
    templates(s)
    systems(s)
    contact(s)
    s.ask("review", "")
    s.expect(t(s, "wizard.blocking"))
    m = s.expect(r"^  (\d)\) " + t(s, "wizard.step.business") + ": ")
    check(m.group(1) == "2", "the business ID is not shown under section 2: %r" % m.string, s)
    line = s.prompt("blocking")
    check(line.endswith("[2]:"), "the default is not the first section: %r" % line, s)
    s.line("x")
    s.expect(t(s, "wizard.blocking.again"))
    s.ask("blocking", "w" if LANG == "en" else "e")
    s.expect(re.escape(text("wizard.force.warn", s.lang).split("{n}")[0]))
    s.ask("force", "")                     # No: back to the list
    s.ask("blocking", "W" if LANG == "en" else "E")
    s.ask("force", YES[s.lang])
    s.ask("send_email", "")
    final_screen(s)
    code = s.wait()
    check(code == 1, f"exit {code}, want 1 (errors remain)", s)
    with open(os.path.join(d, "request.eml"), encoding="utf-8") as f:
        check("12ab" in f.read(), "the open item is not in the e-mail")
    s.no_debris()


def case_config_verdict():
    """A configuration that demotes a rule (business.id.format to a warning) and one that
    turns it off: the wizard judges the answer as `check` does (no "keep anyway?" for a
    finding that is no longer an error), and the readiness at the end does not hold the
    request back for it (tests/verdict/ covers check and email with the same files)."""
    for mode in ("warning", "off"):
        d = folder()
        with open(os.path.join(d, ".waba-preflight.json"), "w") as f:
            json.dump({"rules": {"business.id.format": mode}}, f)
        s = start(d, LANG)
        requirements(s)
        business(s, "12ab")
        s.prompt("verification")           # no "keep anyway?": not an error here
        check(state(d).get("business_id") == "12ab", "the answer was not saved", s)
        s.line("1")
        numbers(s)
        photo(s)
        name(s)
        profile(s)
        templates(s)
        systems(s)
        contact(s)
        s.ask("review", "")
        s.ask("write_email", "")           # nothing blocks: straight to the e-mail
        s.ask("send_email", "")
        final_screen(s)
        code = s.wait()
        check(code == 0, f"{mode}: exit {code}, want 0 (the only error is {mode} by configuration)", s)


def case_goto_section():
    """From the list of what holds the request back, go to the section, fix it, and get the e-mail."""
    d = folder()
    s = start(d, LANG)
    requirements(s)
    business(s, "12ab")
    s.ask("keep", YES[s.lang])
    verification(s)
    numbers(s)
    photo(s)
    name(s)
    profile(s)
    templates(s)
    systems(s)
    contact(s)
    s.ask("review", "")
    s.ask("blocking", "")                  # Enter: the first section (2)
    line = s.prompt("business_id")
    check(line.endswith("[12ab]:"), "the kept answer is not the default: %r" % line, s)
    s.line("175601379772329")
    s.ask("write_email", "")
    s.ask("send_email", "")
    final_screen(s)
    check(s.wait() == 0, "exit %r, want 0" % s.status, s)


def case_ctrl_c_resume():
    """Ctrl-C: the answers are saved, exit 130; run again (no --lang): same language, resume
    where it stopped, reach the e-mail."""
    d = folder()
    s = start(d, LANG)
    requirements(s)
    business(s)
    verification(s)
    numbers(s)
    s.prompt("photo")
    s.ctrl_c()
    s.expect(re.escape(text("wizard.saved", LANG).split("{file}")[0]) + r"waba-preflight\.json")
    check(s.wait() == 130, "exit %r, want 130" % s.status, s)
    s = Term([EXE, "wizard"], d, lang=LANG)  # no --lang: the state's language
    s.expect(re.escape(text("wizard.resume.found", LANG).split("{file}")[0]))
    s.ask("resume", "")
    s.expect(r"\[5/10\] " + t(s, "wizard.step.photo"))
    photo(s)
    name(s)
    profile(s)
    templates(s)
    systems(s)
    contact(s)
    s.ask("review", "")
    s.ask("write_email", "")
    s.ask("send_email", "")
    final_screen(s)
    check(s.wait() == 0, "exit %r, want 0" % s.status, s)
    s.no_debris()


def case_ctrl_d_first():
    """Ctrl-D at the very first question: nothing was answered, so nothing is said saved."""
    d = folder()
    s = start(d, LANG)
    s.prompt("req.registered_company")
    s.ctrl_d()
    s.expect(t(s, "wizard.nothing_saved"))
    s.wait()
    check(not os.path.exists(os.path.join(d, "waba-preflight.json")), "a state file was written", s)
    check(text("wizard.saved", LANG).split("{file}")[0] not in s.transcript(), "it says the answers were saved", s)


def case_categories():
    """The category in the person's language: `?` lists Meta's categories by their name in
    it (with the code), Tab completes a name begun (or a code) to the name, and the name
    typed is taken as Meta's code and said so."""
    label = {"en": "Shopping and retail", "pt": "Compras e varejo", "es": "Compras y comercio minorista"}[LANG]
    begun = {"en": "shopping a", "pt": "compras e v", "es": "compras y c"}[LANG]
    d = folder()
    s = start(d, LANG)
    requirements(s)
    business(s)
    verification(s)
    numbers(s)
    photo(s)
    name(s)
    s.ask("about", "Móveis planejados em São Paulo.")
    s.ask("address", "Rua Augusta, 1500, São Paulo - SP")
    s.ask("description", "Loja de móveis e decoração.")
    s.ask("vertical", "?")
    s.expect(re.escape(text("wizard.q.vertical.help", LANG)[:40]))
    s.expect(r"^  " + re.escape(label) + r" \(RETAIL\)$")
    s.prompt("vertical")  # the whole list is on the screen once the question is asked again
    health = {"en": "Medical and health", "pt": "Medicina e saúde", "es": "Medicina y salud"}[LANG]
    check("\n  %s (HEALTH)\n" % health in s.transcript(), "HEALTH is not listed by its name", s)
    check("UNDEFINED" not in s.transcript(), "a legacy category is offered", s)
    s.settle(0.05)
    s.send(begun + "\t")                 # Tab completes the name begun
    s.settle(0.3)
    line = s.lines()[-1]
    check(line.endswith(": " + label), "Tab did not complete %r to %r: %r" % (begun, label, line), s)
    s.send("\x15ret\t")                 # Ctrl-U, then Meta's code begun: its name
    s.settle(0.3)
    line = s.lines()[-1]
    check(line.endswith(": " + label), "Tab did not complete 'ret' to %r: %r" % (label, line), s)
    s.line("\x15")                        # no category: the hint is the wizard's, not a JSON key
    s.expect(re.escape(text("wizard.hint.profile.vertical.missing", LANG)[:50]))
    check('"vertical"' not in s.transcript(), "a JSON key in the wizard's hint", s)
    s.ask("email", "contato@casaaurora.com.br")
    s.prompt("websites_more")
    s.ctrl_c()
    s.wait()
    s = Term([EXE, "wizard"], d, lang=LANG)   # resume: the profile again, now with the category
    s.ask("resume", "")
    s.ask("about", "")
    s.ask("address", "")
    s.ask("description", "")
    s.prompt("vertical")
    s.settle(0.05)
    s.send(begun + "\t\r")
    s.expect(re.escape(text("wizard.normalised", LANG).split("{value}")[0].strip()) + r" RETAIL \(" + re.escape(label))
    s.ask("email", "contato@casaaurora.com.br")
    s.prompt("websites_more")
    check(state(d)["profile"]["vertical"] == "RETAIL", "vertical: %r" % state(d)["profile"].get("vertical"), s)
    s.no_debris()
    s.ctrl_c()
    s.wait()


def case_readiness_columns():
    """The readiness checklist in the person's language: the status words differ in width
    ("a confirmar", "por confirmar"), the titles after them start in one column on the screen.
    An unknown verification status and no templates give '[??]' lines."""
    d = folder()
    s = start(d, LANG)
    requirements(s)
    business(s)
    s.ask("verification", "")             # not known
    numbers(s)
    photo(s)
    name(s)
    profile(s)
    templates(s, ())
    systems(s)
    contact(s)
    s.ask("review", "")
    s.expect(t(s, "wizard.readiness"))
    s.expect(re.escape(text("readiness.status.unknown", LANG)))
    s.settle(0.5)
    words = "|".join(re.escape(text("readiness.status." + k, LANG)) for k in ("ok", "missing", "unknown"))
    rx = re.compile(r"^  \[(ok|!!|\?\?)\] (%s) +(\S)" % words)
    cols = set()
    rows = [m for m in (rx.match(l) for l in s.lines()) if m]
    for m in rows:
        cols.add(s.cells(m.string)[m.start(3)])
    check(len(rows) >= 5 and any(m.group(1) == "??" for m in rows), "readiness rows: %r" % [m.string for m in rows], s)
    check(len(cols) == 1, "readiness titles start in columns %r" % sorted(cols), s)
    s.no_debris()
    s.ctrl_c()
    s.wait()


def write_png(path, w, h, pixel):
    """An RGB PNG drawn in code: pixel(x, y) -> (r, g, b)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    rows = b"".join(b"\0" + bytes(c for x in range(w) for c in pixel(x, y)) for y in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_size(path):
    import struct
    with open(path, "rb") as f:
        return struct.unpack(">II", f.read(24)[16:24])


def case_photo_fix():
    """The photo step: a 100x100 logo is too small to fix, so no fix is offered; a wide logo
    on blue, fix declined: its findings are not shown again; the same logo, fix accepted: the
    step says which copy it uses, with no stray "ok", and the copy is square, padded with the
    logo's own blue. The hints speak of the wizard's question, not of command-line options."""
    d = folder()
    blue = (0x1e, 0x6f, 0xd9)
    write_png(os.path.join(d, "tiny.png"), 100, 100, lambda x, y: (255, 255, 255) if (x - 50) ** 2 + (y - 50) ** 2 > 900 else blue)
    write_png(os.path.join(d, "wide.png"), 600, 300,
              lambda x, y: (255, 255, 255) if (x - 300) ** 2 + (y - 150) ** 2 < 100 ** 2 else blue)
    s = start(d, LANG)
    requirements(s)
    business(s)
    verification(s)
    numbers(s)
    s.ask("photo", "tiny.png")
    s.expect(r"\[photo\.min_size\]")
    s.ask("keep", "")                      # no "write a corrected copy?" for it: straight to keep
    check(text("wizard.q.photo_fix", LANG) not in s.transcript(), "a fix was offered for a 100x100 photo", s)
    s.ask("photo", "wide.png")
    s.expect(r"\[photo\.square\]")
    s.ask("photo_fix", NO)
    s.ask("keep", "")
    s.prompt("photo")
    check(s.transcript().count("[photo.square]") == 1, "the findings were shown again after the fix was declined", s)
    check("--fix" not in s.transcript().replace("(photo --fix)", ""), "a hint gives command-line options", s)
    s.line("wide.png")
    s.ask("photo_fix", YES[LANG])
    used = text("wizard.photo.fixed", LANG).split("{file}")[0]
    s.expect(re.escape(used) + r"wide-whatsapp\.png")
    s.prompt("legal_name")
    after = s.transcript().split(used)[-1]
    check(not re.search(r"^" + re.escape(text("wizard.answer_ok", LANG)) + r"$", after, re.M),
          "a stray line %r after the fix" % text("wizard.answer_ok", LANG), s)
    check(state(d).get("photo", "").endswith("wide-whatsapp.png"), "the copy is not the photo: %r" % state(d).get("photo"))
    check(png_size(os.path.join(d, "wide-whatsapp.png")) == (600, 600), "the copy is not 600x600 (not scaled up): %r"
          % (png_size(os.path.join(d, "wide-whatsapp.png")),))
    s.ctrl_c()
    check(s.wait() == 130, "exit %r, want 130" % s.status, s)
    s.no_debris()


def rejected(s, qid, wrong, expect=None):
    """A wrong answer: the findings show, No to keep, the question again without the wrong
    answer as its default."""
    s.ask(qid, wrong)
    if expect:
        s.expect(expect)
    s.ask("keep", "")
    line = s.prompt(qid)
    check(wrong not in line, "the rejected answer %r is offered as the default: %r" % (wrong, line), s)


def case_wrong_answers():
    """A wrong answer at every step: each is explained and asked again; nothing wrong is
    saved; what the tool can fix unambiguously (a website without https://, a category typed
    in the person's language) is fixed and said."""
    d = folder()
    s = start(d, LANG)
    s.ask("req.registered_company", "maybe")
    s.expect(t(s, "wizard.yes_no.again"))
    requirements(s)
    rejected(s, "business_id", "abc-123")
    s.line("175601379772329")
    s.ask("verification", "42")
    s.expect(t(s, "wizard.choose_again"))
    verification(s)
    # hints for where the person is: no command-line options in the wizard
    s.ask("phone", "11 3456-7890")        # no country code
    s.expect(re.escape(text("phone.guide.no_country.wizard", LANG)[:40]))
    s.ask("keep", "")
    s.ask("phone", "+55 11 3456-789")     # one digit short: said so, and the hint is about the digits
    s.expect(re.escape(text("phone.msg.short_digits", LANG).replace("{input}", "+55 11 3456-789")
                       .replace("{digits}", "9").replace("{cc}", "55")[:50]))
    s.expect(re.escape(text("phone.guide.check_digits", LANG).replace("{cc}", "55")[:50]))
    s.ask("keep", "")
    check("--region" not in s.transcript(), "a command-line option in the wizard's hints", s)
    unknown = text("wizard.phone.type", LANG).replace("{type}", text("wizard.ptype.unknown", LANG))
    check(unknown not in s.transcript(), "a type shown for a number that is not valid: %r" % unknown, s)
    s.ask("phone", "+55 11 3456-7890")
    s.ask("phone_more", "")
    check([n["number"] for n in state(d)["numbers"]] == ["+55 11 3456-7890"], "numbers: %r" % state(d)["numbers"])
    s.ask("photo", "nothere.png")
    s.expect(re.escape(text("wizard.no_file", LANG).split("'")[0]))
    photo(s)
    s.ask("legal_name", "Casa Aurora Móveis e Decoração Ltda.")
    s.ask("website", "casaaurora.com.br")
    s.expect(re.escape(text("wizard.normalised", LANG).split("{value}")[0].strip()) + r" https://casaaurora\.com\.br")
    rejected(s, "display_name", "WhatsApp Casa Aurora")
    s.line("Casa Aurora Móveis")
    s.ask("about", "Móveis planejados em São Paulo.")
    s.ask("address", "Rua Augusta, 1500, São Paulo - SP")
    s.ask("description", "Loja de móveis e decoração.")
    word = {"en": "retail", "pt": "varejo", "es": "minorista"}[LANG]
    s.ask("vertical", word)
    s.expect(r"RETAIL \(")
    s.ask("email", "contato@casaaurora.com.br")
    s.expect(r"^  1\) https://casaaurora\.com\.br$")   # the fixed company website is the profile's first
    s.ask("websites_more", "")
    s.ask("template", "nothere.json")
    s.ask("template", "templates/broken.json")   # a JSON syntax error: the position is shown
    s.expect(r"^templates/broken\.json:5:3: ")
    s.ask("template_more", "-1")
    s.ask("template", "")
    s.ask("webhook_url", "http://bot.casaaurora.com.br/whatsapp")
    s.expect(re.escape(text("wizard.systems.not_https", LANG).split("{value}")[1][:20]))
    s.ask("webhook_url", "https://127.0.0.1:9/whatsapp")   # loopback, nothing listening: refused
    s.ask("webhook_check", YES[s.lang])
    s.expect(r"POST 1 (of|de) 5")
    check(state(d)["webhook"] == {"url": "https://127.0.0.1:9/whatsapp"}, "webhook: %r" % state(d).get("webhook"))
    s.ask("contact_name", "Mariana Ferreira")
    s.ask("contact_email", "mariana at casaaurora")
    s.expect(re.escape(text("wizard.contact.email_bad", LANG).split("{value}")[1][:20]))
    s.ask("contact_email", "mariana.ferreira@casaaurora.com.br")
    s.ask("contact_phone", "11 98765-4321")
    s.expect(re.escape(text("wizard.contact.phone_country", LANG).split("{value}")[1][:20]))
    s.ask("contact_phone", "+55 11 9876")
    s.expect(re.escape(text("wizard.contact.phone_short", LANG).split("{value}")[1][:20]))
    s.ask("contact_phone", "+55 11 98765-4321")
    s.ask("review", "12")
    s.expect(t(s, "wizard.choose_again"))
    s.ask("review", "")
    s.ask("write_email", "")
    s.ask("send_email", "")
    final_screen(s)
    check(s.wait() == 0, "exit %r, want 0" % s.status, s)
    st = state(d)
    check(st["business_id"] == "175601379772329" and st["display_name"] == "Casa Aurora Móveis"
          and st["website"] == "https://casaaurora.com.br" and st["profile"]["vertical"] == "RETAIL",
          "state: %r" % st)
    check(st["contact"]["phone"] == "+55 11 98765-4321", "contact: %r" % st["contact"])
    s.no_debris()


def main():
    global EXE, LANG
    EXE = os.path.abspath(sys.argv[1])
    LANG = sys.argv[3] if len(sys.argv) > 3 else "en"
    fn = globals().get("case_" + sys.argv[2])
    if not fn:
        print("unknown case", sys.argv[2])
        return 2
    try:
        fn()
    except Fail as e:
        print(f"FAIL {sys.argv[2]} {LANG}: {e}")
        return 1
    print(f"ok {sys.argv[2]} {LANG}")
    return 0


LANG = "en"
if __name__ == "__main__":
    sys.exit(main())

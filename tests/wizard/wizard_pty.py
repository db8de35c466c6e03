#!/usr/bin/env python3
"""Drive the real `waba-preflight wizard` through a pseudo-terminal with scripted answers.

Usage: wizard_pty.py WABA_EXE CASE     (CASE: one of the functions named case_*)

Each case runs in a fresh temporary folder holding a copy of examples/photo.png and the
example templates, under LANG=C.UTF-8 (as CI containers run), and asserts what the user
sees and what the state file holds. Only the standard library: pty, os, select.
"""
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

EXE = None
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
TIMEOUT = 20.0


class Fail(Exception):
    pass


class Session:
    """A wizard on a pty: expect(regex), send(line), ctrl_c(), kill(), wait()."""

    def __init__(self, args, cwd, env_extra=None):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": cwd, "TERM": "xterm",
               "LANG": "C.UTF-8", "NO_COLOR": "1"}
        env.update(env_extra or {})
        pid, fd = pty.fork()
        if pid == 0:  # a wide terminal, so that prompts do not wrap
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 300, 0, 0))
            os.chdir(cwd)
            os.execve(EXE, [EXE, *args], env)
        self.pid, self.fd, self.buf, self.seen, self.status = pid, fd, "", "", None

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child is gone
            data = b""
        if not data:
            raise EOFError
        text = data.decode("utf-8", "replace")
        self.buf += text
        self.seen += text
        return True

    def expect(self, pattern, timeout=TIMEOUT):
        rx = re.compile(pattern)
        end = time.time() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = end - time.time()
            try:
                if left <= 0 or not self._read(left):
                    raise Fail(f"timed out waiting for {pattern!r}; last output:\n{self.seen[-1500:]}")
            except EOFError:
                raise Fail(f"the wizard ended while waiting for {pattern!r}; output:\n{self.seen[-1500:]}")

    def send(self, text):
        # keys go to the line editor once it has the terminal in raw mode (the pty's termios
        # is shared by both ends); sent in cooked mode, the kernel edits them (a Ctrl-D there
        # is an end of file the line editor never sees). At most 5 s: a prompt read without
        # the line editor never leaves cooked mode.
        end = time.time() + 5
        while time.time() < end and termios.tcgetattr(self.fd)[3] & termios.ICANON:
            time.sleep(0.01)
        os.write(self.fd, text.encode())

    def line(self, text=""):
        self.send(text + "\r")

    def answer(self, question, text=""):
        self.expect(question)
        self.line(text)

    def ctrl_c(self):
        os.write(self.fd, b"\x03")  # a signal in either mode: sent at once

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()

    def wait(self, timeout=TIMEOUT):
        end = time.time() + timeout
        while time.time() < end:
            try:
                self._read(0.1)
            except EOFError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                try:
                    while self._read(0.05):
                        pass
                except EOFError:
                    pass
                os.close(self.fd)
                self.status = status
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise Fail("the wizard did not exit; output:\n" + self.seen[-1500:])


def folder():
    d = tempfile.mkdtemp(prefix="wizard-")
    shutil.copy(os.path.join(EXAMPLES, "photo.png"), d)
    shutil.copytree(os.path.join(EXAMPLES, "templates"), os.path.join(d, "templates"))
    return d


def state(d, name="waba-preflight.json"):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)


def check(cond, what, s=None):
    if not cond:
        raise Fail(what + ("" if s is None else "\n--- output:\n" + s.seen[-2500:]))


def requirements(s):
    s.answer(r"registered company\? \[y/n\] ", "y")
    s.answer(r"Commerce Policy\? \[y/n\] ", "y")
    s.answer(r"within a few hours\? \[y/n\] ", "y")


def business_and_verification(s):
    s.answer(r"Business Manager ID \(or its URL\): ",
             "https://business.facebook.com/settings/info?business_id=175601379772329")
    s.answer(r"know\): ", "1")


# ---- cases ------------------------------------------------------------------------------

def case_no_tty():
    """Without a terminal: exit 2, and the reason points to `check`."""
    d = folder()
    p = subprocess.run([EXE, "wizard"], cwd=d, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"})
    check(p.returncode == 2, f"exit {p.returncode}, want 2")
    check("waba-preflight check" in p.stderr, "stderr does not point to check: " + p.stderr)
    check(not os.path.exists(os.path.join(d, "waba-preflight.json")), "a state file was written")


def case_full_run():
    """Every step answered, the help, a URL for the ID, a mobile with the six-month
    question, a bad photo path then Tab completion, revision at the review, the
    readiness checklist and the e-mail."""
    d = folder()
    s = Session(["wizard", "--lang", "en"], d)
    s.expect(r"\[1/10\]")
    s.answer(r"registered company\? \[y/n\] ", "?")
    s.expect(r"only for registered companies")
    requirements(s)
    business_and_verification(s)
    s.expect(r"Verified\. Next: accept Botmaker's request")
    s.answer(r"country code.*: ", "+55 11 98765-4321")
    s.expect(r"type: mobile")
    s.answer(r"last six months\? \[y/n\] ", "yes")
    s.expect(r"error: .*\[phone\.")
    s.answer(r"Keep this answer anyway\? \[y/N\] ", "")           # no: asked again
    s.answer(r"country code.*: ", "+55 11 3456-7890")
    s.expect(r"type: landline")
    s.answer(r"Another number \(Enter: no more\): ", "")
    s.answer(r"Tab completes\): ", "no-such.png")
    s.expect(r"cannot open 'no-such.png'")
    s.expect(r"Tab completes\): ")
    s.send("pho\t")
    s.expect(r"to\.png")                     # libedit redraws: "pho" ESC[nG "to.png"
    s.line()
    s.expect(r"legal name\): ")
    st = state(d)
    check(st.get("photo") == "photo.png", "Tab did not complete the photo: %r" % st.get("photo"), s)
    s.line("Casa Aurora Móveis e Decoração Ltda.")
    s.answer(r"Company website: ", "https://www.casaaurora.com.br")
    s.answer(r"WhatsApp\): ", "Casa Aurora Móveis")
    s.answer(r"About .*: ", "Móveis planejados em São Paulo.")
    s.answer(r"Business address: ", "Rua Augusta, 1500, São Paulo - SP")
    s.answer(r"Business description: ", "Loja de móveis e decoração.")
    s.answer(r"Category .*: ", "RETAIL")
    s.answer(r"shown in the profile: ", "contato@casaaurora.com.br")
    s.answer(r"  1\) https://www\.casaaurora\.com\.br\r?\n.*\r?\nAnother website for the profile \(Enter: no more\): ", "")
    s.answer(r"Template file \(Enter: none\): ", "templates/order_shipped.json")
    s.answer(r"Another template file \(Enter: no more\): ", "")
    s.answer(r"Message endpoint URL \(Enter: none, -: remove\): ", "")
    s.answer(r"Your name: ", "Mariana Ferreira")
    s.answer(r"Your e-mail .*: ", "mariana.ferreira@casaaurora.com.br")
    s.answer(r"Your phone: ", "+55 11 98765-4321")
    # review: change the display name, keeping the legal name and website by Enter
    s.answer(r"\(Enter: continue\): ", "6")
    s.answer(r"legal name\) \[Casa Aurora Móveis e Decoração Ltda\.\]: ", "")
    s.answer(r"Company website \[https://www.casaaurora.com.br\]: ", "")
    s.answer(r"WhatsApp\) \[Casa Aurora Móveis\]: ", "Casa Aurora")
    s.answer(r"\(Enter: continue\): ", "")
    s.expect(r"Readiness checklist")
    s.expect(r"Activation stages")
    s.answer(r"e-mail for Botmaker now\? \[Y/n\] ", "")
    s.answer(r"Send it through SMTP\? .*: ", "")
    s.expect(r"Send it to servico@botmaker\.com")
    s.expect(r"The file: .*request\.eml")
    s.expect(r"Business Settings > Requests > Received")
    s.expect(r"Done\. Your answers are in waba-preflight\.json")
    code = s.wait()
    check(code == 0, f"exit {code}, want 0", s)
    check(os.path.exists(os.path.join(d, "request.eml")), "no request.eml", s)
    st = state(d)
    check(st["business_id"] == "175601379772329", "the ID was not taken from the URL: %r" % st["business_id"])
    check(st["display_name"] == "Casa Aurora", "the revision was not saved: %r" % st["display_name"])
    check([n["number"] for n in st["numbers"]] == ["+55 11 3456-7890"], "numbers: %r" % st["numbers"])
    check(st["answers"]["verification_status"] == "verified", "verification not saved")
    check(st["templates"] == ["templates/order_shipped.json"], "templates: %r" % st.get("templates"))
    # the state file is an application file: `check` reads it without input.* findings
    p = subprocess.run([EXE, "check", "waba-preflight.json", "--format", "json"], cwd=d,
                       capture_output=True, text=True, env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"})
    check(p.returncode in (0, 1), "check on the state file: exit %d %s" % (p.returncode, p.stderr))
    report = json.loads(p.stdout)
    bad = [f for f in report["findings"] if f["rule"].startswith("input.")]
    check(not bad, "the state file has input findings: %r" % bad)
    check("readiness" in report, "no readiness in check's JSON")


def case_kill_and_resume():
    """SIGKILL in the middle loses no answer; the next run offers to resume and goes on
    from the first unanswered step."""
    d = folder()
    s = Session(["wizard", "--lang", "en", "--state", "app.json"], d)
    requirements(s)
    business_and_verification(s)
    s.answer(r"country code.*: ", "+55 11 3456-7890")
    s.answer(r"Another number \(Enter: no more\): ", "")
    s.expect(r"Tab completes\): ")
    s.kill()
    st = state(d, "app.json")
    check(st["business_id"] == "175601379772329", "business ID lost: %r" % st)
    check(st["numbers"][0]["number"] == "+55 11 3456-7890", "number lost: %r" % st)
    check(not [f for f in os.listdir(d) if f.startswith("app.json.")], "a temporary file was left: %r" % os.listdir(d))
    s = Session(["wizard", "--lang", "en", "--state", "app.json"], d)
    s.expect(r"Answers from an earlier run are in app\.json")
    s.answer(r"Resume where you stopped\? \[Y/n\] ", "")
    m = s.expect(r"\[(\d+)/10\] ([^\r\n]*)")
    check(m.group(1) == "5" and m.group(2) == "Profile photo", "resumed at %r" % m.group(0), s)
    s.answer(r"Tab completes\): ", "photo.png")
    s.expect(r"legal name\): ")
    s.ctrl_c()
    s.wait()
    st = state(d, "app.json")
    check(st["photo"] == "photo.png" and st["numbers"] and st["business_id"], "answers lost on resume: %r" % st)


def case_ctrl_c():
    """Ctrl-C at a prompt: says where the answers are, exit 130, the state file intact."""
    d = folder()
    s = Session(["wizard", "--lang", "en"], d)
    requirements(s)
    s.answer(r"Business Manager ID \(or its URL\): ", "175601379772329")
    s.expect(r"know\): ")
    s.ctrl_c()
    s.expect(r"answers saved to waba-preflight\.json; run again to resume")
    code = s.wait()
    check(code == 130, f"exit {code}, want 130", s)
    st = state(d)
    check(st["business_id"] == "175601379772329" and st["answers"]["registered_company"] is True,
          "state not intact: %r" % st)


def case_portuguese():
    """--lang pt under LANG=C.UTF-8: the questions (wizard.xml) and the findings
    (gettext) are in Portuguese."""
    d = folder()
    s = Session(["wizard", "--lang", "pt"], d)
    s.expect(r"O que a Botmaker exige")
    s.answer(r"empresa é registrada oficialmente \(tem CNPJ\)\? \[s/n\] ", "sim")
    s.answer(r"Política Comercial do WhatsApp\? \[s/n\] ", "s")
    s.answer(r"em poucas horas\s*\? \[s/n\] ", "não")
    s.expect(r"Garanta que um administrador")
    s.answer(r"ID do Gerenciador de Negócios \(ou a URL\): ", "12ab")
    s.expect(r"erro: ")                       # gettext: "error" -> "erro"
    s.expect(r"dica: ")                       # gettext: "hint:" -> "dica:"
    s.answer(r"Manter esta resposta mesmo assim\? \[s/N\] ", "")
    s.expect(r"ID do Gerenciador de Negócios \(ou a URL\): ")   # a rejected answer is not the default
    check("12ab" not in json.dumps(state(d)), "the rejected answer was saved", s)
    s.ctrl_c()
    s.expect(r"respostas salvas em waba-preflight\.json; execute de novo para continuar")
    code = s.wait()
    check(code == 130, f"exit {code}, want 130", s)


def main():
    global EXE
    EXE = os.path.abspath(sys.argv[1])
    fn = globals().get("case_" + sys.argv[2])
    if not fn:
        print("unknown case", sys.argv[2])
        return 2
    try:
        fn()
    except Fail as e:
        print(f"FAIL {sys.argv[2]}: {e}")
        return 1
    print(f"ok {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

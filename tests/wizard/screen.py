"""A terminal emulator (pyte) around the real `waba-preflight wizard` on a pseudo-terminal.

Tests built on it look at what a person sees: the screen as a VT100/xterm draws it (escape
sequences interpreted, line editing redrawn, wide characters two columns), with the lines
that scrolled off kept, so that a whole session reads as a transcript.

    s = Term([EXE, "wizard", "--lang", "es"], cwd, lang="es")
    s.ask("business_id", "175601379772329")   # waits for the question's text in es, types
    s.expect(r"...")                           # a regex over the lines not yet consumed
    s.transcript()                             # every line, scrolled-off ones first

The questions' wording is looked up in checklists/wizard.xml (the program's own data), so a
journey runs unchanged in en, pt and es; the checks that matter per language are literal.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
import xml.etree.ElementTree as ET

import pyte

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
TIMEOUT = 30.0
COLS, ROWS = 110, 40


class Fail(Exception):
    pass


_TEXTS = None


def text(tid, lang):
    """The text `tid` in `lang` (checklists/*.xml: the wizard's and the readiness wording), as the screen shows it."""
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = {}
        for name in sorted(os.listdir(os.path.join(ROOT, "checklists"))):
            if name.endswith(".xml"):
                root = ET.parse(os.path.join(ROOT, "checklists", name)).getroot()
                for t in root.iter("text"):
                    _TEXTS[(t.get("id"), t.get("lang"))] = t.text or ""
    return _TEXTS.get((tid, lang)) or _TEXTS[(tid, "en")]


# what libedit or a careless program leaves on screen when an escape sequence is taken for text
DEBRIS = re.compile(r"\[[0-9;]*m|\^\[|\x1b|\\033|\\e\[|[\x01\x02]")


class Term:
    def __init__(self, argv, cwd, lang="en", env_extra=None, cols=COLS, rows=ROWS):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": cwd, "TERM": "xterm-256color",
               "LANG": "C.UTF-8"}
        env.update(env_extra or {})
        env = {k: v for k, v in env.items() if v is not None}
        self.lang, self.cols, self.rows = lang, cols, rows
        self.screen = pyte.HistoryScreen(cols, rows, history=100000)
        self.screen.set_mode(pyte.modes.LNM)  # a pty turns \n into \r\n; keep pyte the same
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.pid, self.fd, self.status = pid, fd, None
        self.mark = 0  # transcript lines consumed by expect()
        self.raw = b""

    # ---- reading the screen ------------------------------------------------------------
    def _pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise EOFError
        self.raw += data
        self.stream.feed(data)
        return True

    def _line(self, row):
        return "".join(row[x].data for x in range(self.cols)).rstrip()

    def lines(self):
        """The transcript: the lines scrolled off, then the screen's (trailing blanks cut)."""
        out = [self._line(r) for r in self.screen.history.top]
        out += [self._line(self.screen.buffer[y]) for y in range(self.rows)]
        while out and not out[-1]:
            out.pop()
        return out

    def cells(self, line_text):
        """Column of each character of a transcript line, as the terminal placed it."""
        cols, x = [], 0
        for ch in line_text:
            cols.append(x)
            x += 2 if pyte.screens.wcwidth(ch) == 2 else 1
        return cols

    def column_of(self, line_text, needle):
        """Display column where `needle` starts in a transcript line (wide characters count 2)."""
        i = line_text.find(needle)
        return None if i < 0 else self.cells(line_text + " ")[i]

    def transcript(self):
        return "\n".join(self.lines()) + "\n"

    def expect(self, pattern, timeout=TIMEOUT):
        """Wait until `pattern` shows in the lines from the mark on; move the mark past that
        line. Returns the match."""
        rx = re.compile(pattern)
        end = time.time() + timeout
        while True:
            lines = self.lines()
            for i in range(self.mark, len(lines)):
                m = rx.search(lines[i])
                if m:
                    self.mark = i + 1
                    return m
            left = end - time.time()
            try:
                if left <= 0 or not self._pump(min(left, 0.5)) and time.time() >= end:
                    raise Fail(f"timed out waiting for {pattern!r}; screen:\n{self.tail()}")
            except EOFError:
                raise Fail(f"the wizard ended while waiting for {pattern!r}; screen:\n{self.tail()}")

    def settle(self, quiet=0.3):
        """Read until nothing comes for `quiet` seconds."""
        try:
            while self._pump(quiet):
                pass
        except EOFError:
            pass

    def tail(self, n=40):
        return "\n".join(self.lines()[-n:])

    # ---- typing ------------------------------------------------------------------------
    def send(self, s):
        self.raw_mode()  # keys go to the line editor, not to the kernel's cooked-mode editing
        os.write(self.fd, s.encode())

    def line(self, s=""):
        self.send(s + "\r")

    def prompt(self, qid):
        """Wait for question `qid` (wizard.q.<qid>) in the session's language; returns the line."""
        t = text("wizard.q." + qid, self.lang)
        m = self.expect(re.escape(t) + r"( \[[^\]]*\])?:?$")
        return m.string

    def ready(self, timeout=5.0):
        """As a person would: type once the prompt is ready, not ahead of it. The line
        editor puts the terminal in raw mode before it reads; a key sent while the
        terminal is still in cooked mode is the kernel's to interpret (a Ctrl-D there is
        an end of file the line editor never sees). The pty's termios is shared by both
        ends, so wait until ICANON is off (a prompt read without the line editor never
        turns it off: then go on after `timeout`)."""
        self.settle(0.05)
        self.raw_mode(timeout)

    def raw_mode(self, timeout=5.0):
        """Wait until the terminal is in raw mode (at most `timeout`)."""
        end = time.time() + timeout
        while time.time() < end and termios.tcgetattr(self.fd)[3] & termios.ICANON:
            try:
                self._pump(0.02)
            except EOFError:
                return

    def ask(self, qid, answer=""):
        line = self.prompt(qid)
        self.ready()
        self.line(answer)
        return line

    def ctrl_c(self):
        os.write(self.fd, b"\x03")  # a signal in either mode: sent at once

    def ctrl_d(self):
        self.ready()
        self.send("\x04")

    def wait(self, timeout=TIMEOUT):
        end = time.time() + timeout
        while time.time() < end:
            try:
                self._pump(0.1)
            except EOFError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.settle(0.05)
                os.close(self.fd)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        os.kill(self.pid, signal.SIGKILL)
        raise Fail("the wizard did not exit; screen:\n" + self.tail())

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()

    def no_debris(self):
        for i, l in enumerate(self.lines()):
            if DEBRIS.search(l):
                raise Fail(f"escape debris on screen line {i + 1}: {l!r}\n{self.tail()}")

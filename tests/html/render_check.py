#!/usr/bin/env python3
"""render_check.py: the HTML report as a browser shows it.

    render_check.py WABA_EXE OUT_DIR

Writes reports with the real CLI (lint of tests/html/inputs, check of examples/, the
hostile corpus), then drives one headless Chromium (Debian's `chromium`) over the
DevTools protocol on a pipe (--remote-debugging-pipe: no port, no network) and, at a
phone's size (390x844, mobile) and a desktop's (1280x900), for each page:
  * takes a screenshot and checks it is a PNG of that size that is not blank (many
    colours, no single colour over 97% of the pixels);
  * measures the layout: no horizontal scroll (scrollWidth <= the viewport), every chat
    bubble, button and field box inside the viewport;
  * checks that every finding (li.f) names a part (data-part) that exists and is shown,
    and that the number of findings is the JSON report's;
  * records what the page tried: JavaScript dialogs (alert...), requests other than the
    file itself and data: URIs, console messages; there must be none;
  * checks the DOM has no script and no event-handler attribute, nothing from the
    hostile texts became an element.
Screenshots are left in OUT_DIR. Exit 0 when all holds, 1 with the reasons, 77 when
chromium is not installed.
"""
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = [("phone", 390, 844, True), ("desktop", 1280, 900, False)]
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL: " + msg)


def run_cli(exe, args, out):
    p = subprocess.run([exe] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                       env=dict(os.environ, NO_COLOR="1", LANG="C.UTF-8"))
    if p.returncode not in (0, 1):
        fail("%s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode(errors="replace")))
    with open(out, "wb") as f:
        f.write(p.stdout)
    return p.stdout


# ---------------------------------------------------------------- PNG

def png_pixels(data):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB/RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError("PNG colour type %d depth %d" % (ctype, depth))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def check_screenshot(name, data, want_w):
    try:
        w, h, bpp, rows = png_pixels(data)
    except Exception as e:  # noqa: BLE001 - any decoding problem is a failure
        fail("%s: screenshot: %s" % (name, e))
        return
    if abs(w - want_w) > 1:
        fail("%s: screenshot is %d px wide, expected %d" % (name, w, want_w))
    counts = {}
    for y in range(h):
        row = rows[y]
        for x in range(w):
            px = row[x * bpp:x * bpp + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    top = max(counts.values())
    if len(counts) < 30 or top > 0.97 * total:
        fail("%s: screenshot looks blank (%d colours, the commonest on %.0f%% of the pixels)"
             % (name, len(counts), 100.0 * top / total))
    print("%s: %dx%d screenshot, %d colours, %d bytes" % (name, w, h, len(counts), len(data)))


# ---------------------------------------------------------------- DevTools over a pipe

class Browser:
    def __init__(self, chromium, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--mute-audio", "--hide-scrollbars",
             "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4), close_fds=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_child, 65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e["method"] == method:
                return self.events.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method:
                return m
            if "method" in m:
                self.events.append(m)

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_child)
        os.close(self.from_child)


LAYOUT_JS = r"""(() => {
  const de = document.documentElement, out = {vw: window.innerWidth, sw: de.scrollWidth,
    boxes: [], findings: [], bad: [], scripts: document.scripts.length, lang: de.lang};
  for (const el of document.querySelectorAll('.bubble, .btn, .field, .photo, .row')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0) out.boxes.push([el.className + '#' + (el.id || ''), r.left, r.right]);
  }
  for (const li of document.querySelectorAll('li.f')) {
    const p = document.getElementById(li.dataset.part || '');
    const r = p ? p.getBoundingClientRect() : null;
    out.findings.push([li.id, li.dataset.part || '', !!p, !!r && r.width > 0 && r.height > 0,
                       li.getBoundingClientRect().height > 0]);
  }
  const allowed = new Set(['HTML','HEAD','META','TITLE','STYLE','BODY','DIV','SPAN','P','H1','H2','H3','UL','LI',
                           'A','B','STRONG','EM','DEL','CODE','SMALL','IMG']);
  for (const el of document.querySelectorAll('*')) {
    if (!allowed.has(el.tagName)) out.bad.push('element ' + el.tagName);
    for (const a of el.attributes) if (/^on/i.test(a.name)) out.bad.push('attribute ' + a.name + ' on ' + el.tagName);
  }
  return out;
})()"""


def check_page(br, name, path, nfindings, tag):
    for size, w, h, mobile in SIZES:
        label = "%s@%s" % (name, size)
        br.call("Emulation.setDeviceMetricsOverride",
                {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
        br.events = []
        br.call("Page.navigate", {"url": "file://" + path})
        br.wait_event("Page.loadEventFired")
        r = br.call("Runtime.evaluate", {"expression": LAYOUT_JS, "returnByValue": True})
        v = r["result"]["value"]
        if v["sw"] > v["vw"]:
            fail("%s: the page scrolls sideways (scrollWidth %d > %d)" % (label, v["sw"], v["vw"]))
        for cls, left, right in v["boxes"]:
            if left < -0.5 or right > v["vw"] + 0.5:
                fail("%s: %s lies outside the viewport (%.0f..%.0f of %d)" % (label, cls, left, right, v["vw"]))
        if len(v["findings"]) != nfindings:
            fail("%s: %d findings shown, the JSON report has %d" % (label, len(v["findings"]), nfindings))
        for fid, part, exists, shown, visible in v["findings"]:
            if not (exists and shown and visible):
                fail("%s: finding %s is not anchored to a shown part (data-part '%s')" % (label, fid, part))
        if v["scripts"]:
            fail("%s: %d script elements" % (label, v["scripts"]))
        for b in v["bad"]:
            fail("%s: %s" % (label, b))
        if v["lang"] != tag:
            fail("%s: <html lang='%s'>, expected '%s'" % (label, v["lang"], tag))
        shot = br.call("Page.captureScreenshot", {"format": "png"})
        data = base64.b64decode(shot["data"])
        with open(os.path.join(OUT, "%s-%s.png" % (name, size)), "wb") as f:
            f.write(data)
        if data[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", data[16:24]) != (w, h):
            fail("%s: the screenshot is not a %dx%d PNG" % (label, w, h))
        # the same view at a quarter of the size, decoded here to look at its pixels
        small = br.call("Page.captureScreenshot", {"format": "png", "clip": {"x": 0, "y": 0, "width": w,
                                                                             "height": h, "scale": 0.25}})
        check_screenshot(label, base64.b64decode(small["data"]), w // 4)
        # what the page tried to do
        for e in br.events:
            m, p = e["method"], e.get("params", {})
            if m == "Page.javascriptDialogOpening":
                fail("%s: a JavaScript dialog opened: %s" % (label, p.get("message")))
            elif m == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if not (url.startswith("data:") or url == "file://" + path):
                    fail("%s: the page requested %s" % (label, url))
            elif m == "Runtime.exceptionThrown":
                fail("%s: a script ran and threw: %s" % (label, p.get("exceptionDetails", {}).get("text")))
            elif m == "Runtime.consoleAPICalled":
                fail("%s: a script wrote to the console" % label)
        print("%s: %d findings anchored, %d boxes inside %d px, scrollWidth %d"
              % (label, len(v["findings"]), len(v["boxes"]), v["vw"], v["sw"]))


def main():
    global OUT
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    exe, OUT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(OUT, exist_ok=True)
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium is not installed: skipped")
        return 77
    inputs = "tests/html/inputs/"
    pages = [
        ("check", ["check", "examples/application.json"], "en"),
        ("lint-pt", ["lint", "--lang", "pt", inputs + "showcase.json"], "pt"),
        ("xss", ["lint", inputs + "xss.json", inputs + "xss.txt"], "en"),
    ]
    jobs = []
    for name, args, tag in pages:
        path = os.path.join(OUT, name + ".html")
        html = run_cli(exe, args + ["--format", "html"], path)
        rep = json.loads(run_cli(exe, args + ["--format", "json"], path + ".json"))
        if b"<script" in html.lower():
            fail("%s: the page holds '<script'" % name)
        jobs.append((name, path, len(rep["findings"]), tag))
    # the page speaks the report's language
    with open(os.path.join(OUT, "lint-pt.html"), encoding="utf-8") as f:
        pt = f.read()
    for word in ("Modelos de mensagem", ">Corpo<", "itens verificados", "Copiar código da oferta"):
        if word not in pt:
            fail("lint-pt: '%s' is not in the Portuguese page" % word)
    profile = tempfile.mkdtemp(prefix="waba-chromium-")
    br = Browser(chromium, profile)
    t0 = time.time()
    try:
        target = br.call("Target.createTarget", {"url": "about:blank"}, session=False)
        att = br.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False)
        br.session = att["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            br.call(domain + ".enable")
        for job in jobs:
            check_page(br, *job)
    except Exception as e:  # noqa: BLE001 - report and fail
        fail("chromium: %s" % e)
    finally:
        br.close()
        shutil.rmtree(profile, ignore_errors=True)
    print("chromium: %.1f s for %d pages at %d sizes" % (time.time() - t0, len(jobs), len(SIZES)))
    return 1 if fails else 0


OUT = ""
if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""bench/long-lines/run.py WABA_EXE: lint on the shapes that were quadratic in line:column
(issue #17): 20,000 templates on one line (what json.dumps writes), the same indented, and a
1.2 MB .txt draft with 100,000 placeholders on one line. Prints seconds and findings (best of 3)."""
import json, os, subprocess, sys, tempfile, time

exe = sys.argv[1]
d = tempfile.mkdtemp(prefix="waba-bench-")
ts = [{"name": f"order_{i}", "language": "pt_BR", "category": "UTILITY",
       "components": [{"type": "BODY", "text": f"Ola {{{{1}}}}, pedido {i} saiu {{{{3}}}}."}]} for i in range(20000)]
shapes = {
    "20k templates, one line": ("oneline.json", json.dumps(ts)),
    "20k templates, indented": ("multi.json", json.dumps(ts, indent=1)),
    "100k placeholders, one line": ("many.txt", "---\nname: many\nlanguage: pt_BR\ncategory: UTILITY\n---\nOla "
                                    + " ".join("{{%d}} texto" % (i % 7 + 1) for i in range(100000)) + "\n"),
}
for what, (name, text) in shapes.items():
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    best = None
    for _ in range(3):
        t = time.monotonic()
        p = subprocess.run([exe, "lint", path, "--format", "json"], capture_output=True)
        el = time.monotonic() - t
        best = el if best is None else min(best, el)
    n = len(json.loads(p.stdout)["findings"])
    print(f"{what:32s} {os.path.getsize(path)/1e6:6.2f} MB  {best:6.2f} s  {n} findings")

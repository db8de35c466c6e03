#!/usr/bin/env python3
"""Lint corpus: clean templates must stay quiet, bad ones must be flagged.

  run_corpus.py EXE clean DIR   every template under DIR: no error, no warning (notes are fine),
                                and every .json/.txt file yields at least one template
  run_corpus.py EXE bad DIR     every .json/.txt under DIR has a sibling .expect listing the rule
                                ids it must raise (one a line, optionally followed by the severity;
                                '#' starts a comment); the errors and warnings found must be exactly
                                those rules

Every offending finding is printed as file:line:col: severity: message [rule].
"""
import json
import os
import subprocess
import sys


def lint(exe, target, cwd):
    r = subprocess.run([exe, "lint", "--format", "json", "--no-color", target], cwd=cwd,
                       capture_output=True, text=True, env=dict(os.environ, LANG="C", LC_ALL="C"))
    if r.returncode == 2:
        sys.exit(f"FAIL: lint could not run on {target}: {r.stderr.strip()}")
    try:
        return r.returncode, json.loads(r.stdout)
    except json.JSONDecodeError as e:
        sys.exit(f"FAIL: lint printed no JSON report for {target} ({e}): {r.stdout[:300]!r}")


def show(f):
    return f"  {f.get('file')}:{f.get('line')}:{f.get('column')}: {f['severity']}: {f['message']} [{f['rule']}]"


def templates(root):
    for d, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith((".json", ".txt")):
                yield os.path.relpath(os.path.join(d, n), root)


def clean(exe, root):
    files = sorted(templates(root))
    if not files:
        sys.exit(f"FAIL: no templates under {root}")
    rc, rep = lint(exe, ".", root)
    bad = [f for f in rep["findings"] if f["severity"] in ("error", "warning")]
    seen = {i.get("input") for i in rep["items"] if i.get("kind") == "template"}
    missing = [f for f in files if f not in seen]
    for f in bad:
        print(show(f))
    for f in missing:
        print(f"  {f}: no template was read from this file")
    print(f"{root}: {len(files)} files, {len(rep['items'])} templates, {len(bad)} errors/warnings, "
          f"exit {rc}")
    if bad or missing or rc != 0:
        sys.exit("FAIL: false alarms on clean templates (above)")


def bad(exe, root):
    failures = 0
    files = sorted(templates(root))
    if not files:
        sys.exit(f"FAIL: no templates under {root}")
    for f in files:
        exp_path = os.path.join(root, os.path.splitext(f)[0] + ".expect")
        if not os.path.exists(exp_path):
            print(f"  {f}: no .expect file beside it")
            failures += 1
            continue
        want = {}
        for line in open(exp_path, encoding="utf-8"):
            line = line.split("#", 1)[0].split()
            if line:
                want[line[0]] = line[1] if len(line) > 1 else None
        _, rep = lint(exe, f, root)
        found = [x for x in rep["findings"] if x["severity"] in ("error", "warning")]
        got = {}
        for x in found:
            got.setdefault(x["rule"], set()).add(x["severity"])
        problems = []
        for rule, sev in want.items():
            if rule not in got:
                problems.append(f"expected {rule} but it was not raised")
            elif sev and sev not in got[rule]:
                problems.append(f"expected {rule} as {sev}, got {'/'.join(sorted(got[rule]))}")
        for rule in got:
            if rule not in want:
                problems.append(f"unexpected {rule}")
        if problems:
            failures += 1
            print(f"{f}: " + "; ".join(problems))
            for x in found:
                print(show(x))
    print(f"{root}: {len(files)} files, {failures} failing")
    if failures:
        sys.exit("FAIL: bad templates not flagged as expected (above)")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[2] not in ("clean", "bad"):
        sys.exit(__doc__)
    exe, mode, root = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    (clean if mode == "clean" else bad)(exe, root)

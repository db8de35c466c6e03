#!/usr/bin/env python3
"""Validate `--format github` output: GitHub Actions workflow commands.

    validate_github.py [--annotations N] [--summary STEP_SUMMARY.md] FILE

Every line but the last must be `::error|warning|notice [k=v,...]::message`,
escaped the way actions/toolkit (packages/core/src/command.ts) escapes: in the
message only %25 %0D %0A may follow '%' and no CR may remain; in property values
':' and ',' must also be escaped (%3A %2C). Keys are file, line, endLine, col,
endColumn, title; the numbers are positive integers; col needs line. The last line
is the one-line summary starting "waba-preflight: ". With --summary, the Markdown
job summary must hold a table with one row per annotation.
"""
import re
import sys

from formatcheck import finish

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
KEYS = {"file", "line", "endLine", "col", "endColumn", "title"}
NUMBERS = {"line", "endLine", "col", "endColumn"}
DATA_PCT = re.compile(r"%(?!25|0D|0A)")
PROP_PCT = re.compile(r"%(?!25|0D|0A|3A|2C)")


def unescape(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
             .replace("%2C", ",").replace("%25", "%"))


def check_command(errs, n, line):
    m = COMMAND.match(line)
    if not m:
        errs.append("line %d: not a workflow command: %r" % (n, line))
        return None
    props, data = m.group(2), m.group(3)
    if "\r" in line:
        errs.append("line %d: raw carriage return" % n)
    if DATA_PCT.search(data):
        errs.append("line %d: '%%' in the message is not escaped as %%25" % n)
    if not data.strip():
        errs.append("line %d: empty message" % n)
    seen = {}
    for part in (props.split(",") if props else []):
        if "=" not in part:
            errs.append("line %d: property %r has no '=' (a raw ',' in a value?)" % (n, part))
            continue
        key, value = part.split("=", 1)
        if key not in KEYS:
            errs.append("line %d: unknown property %r" % (n, key))
        if key in seen:
            errs.append("line %d: property %r repeats" % (n, key))
        if PROP_PCT.search(value):
            errs.append("line %d: '%%' in %s is not escaped" % (n, key))
        if key in NUMBERS and not re.match(r"^[1-9][0-9]*$", value):
            errs.append("line %d: %s=%r is not a positive integer" % (n, key, value))
        seen[key] = unescape(value)
    if "title" not in seen:
        errs.append("line %d: no title (the rule id)" % n)
    if ("line" in seen or "col" in seen) and "file" not in seen:
        errs.append("line %d: line/col without file" % n)
    if "col" in seen and "line" not in seen:
        errs.append("line %d: col without line" % n)
    if "endColumn" in seen and "col" not in seen:
        errs.append("line %d: endColumn without col" % n)
    if "endLine" in seen and "line" in seen and int(seen["endLine"]) < int(seen["line"]):
        errs.append("line %d: endLine before line" % n)
    return m.group(1)


def check_summary(errs, path, annotations):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        errs.append("step summary: %s" % e)
        return
    if "### waba-preflight" not in text:
        errs.append("step summary: no '### waba-preflight' heading")
    rows = [l for l in text.splitlines() if re.match(r"^\| (error|warning|note) \| ", l)]
    if annotations and "| --- | --- | --- | --- |" not in text:
        errs.append("step summary: no table")
    if len(rows) != annotations:
        errs.append("step summary: %d table rows for %d annotations" % (len(rows), annotations))
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)
        if len(cells) != 6:
            errs.append("step summary: row has %d cells (unescaped '|'?): %r" % (len(cells) - 2, row))


def main(argv):
    args = argv[1:]
    want = summary = None
    while args[:1] in (["--annotations"], ["--summary"]):
        if args[0] == "--annotations":
            want = int(args[1])
        else:
            summary = args[1]
        args = args[2:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], "rb") as f:
        text = f.read().decode("utf-8")
    errs = []
    if not text.endswith("\n"):
        errs.append("output does not end with a newline")
    lines = text.split("\n")[:-1]
    if not lines or not lines[-1].startswith("waba-preflight: "):
        errs.append("the last line must be the summary 'waba-preflight: ...'")
    kinds = [check_command(errs, n + 1, l) for n, l in enumerate(lines[:-1])]
    if want is not None and len(kinds) != want:
        errs.append("expected %d annotations, got %d" % (want, len(kinds)))
    if summary:
        check_summary(errs, summary, len(kinds))
    return finish(args[0], errs, "%d well-formed workflow commands and a summary line" % len(kinds))


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Turn docs/waba-preflight.1.md (a small Markdown subset) into a roff man page.

Usage: md2man.py INPUT.md OUTPUT.1 VERSION
Subset: '# title(1)', '## SECTION', paragraphs, definition lists ('term' line followed by
': text' lines), `code` (bold) and *arg* (italic).
"""
import re
import sys


def inline(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"`([^`]*)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*([^*]+)\*", r"\\fI\1\\fR", text)
    return text


def convert(md, version):
    name = "waba-preflight"
    for line in md.splitlines():
        if line.startswith("# "):
            name = line[2:].split("(")[0].strip()
            break
    # definition lists: a line followed by ': ' lines becomes .TP
    result, lines = [], md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("# "):
            result.append(f'.TH "{name.upper()}" "1" "" "{name} {version}" "User Commands"')
        elif line.startswith("## "):
            result.append(f".SH {line[3:].strip()}")
        elif line.startswith(": "):
            result.append(inline(line[2:]))
        elif line.startswith("  "):
            result.append(inline(line.strip()))
        elif not line.strip():
            result.append(".PP" if i + 1 < len(lines) and lines[i + 1] and not lines[i + 1].startswith("#") else "")
        elif i + 1 < len(lines) and lines[i + 1].startswith(": "):
            result.append(".TP")
            result.append(inline(line))
        else:
            result.append(inline(line))
    return "\n".join(l for l in result if l) + "\n"


if __name__ == "__main__":
    src, dst, version = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(src, encoding="utf-8") as f:
        roff = convert(f.read(), version)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(roff)

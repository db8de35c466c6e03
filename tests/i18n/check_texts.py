#!/usr/bin/env python3
"""check_texts.py CHECKLIST_DIR: every <text id="..."> in checklists/*.xml exists in pt, es
and en, once per language, none is empty, and the languages of one id carry the same {field}
placeholders (the wizard fills them). Prints each gap and exits 1 if there is any."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

LANGS = ("pt", "es", "en")


def main(argv):
    if len(argv) != 2:
        print("usage: check_texts.py CHECKLIST_DIR", file=sys.stderr)
        return 2
    files = sorted(glob.glob(os.path.join(argv[1], "*.xml")))
    if not files:
        print(f"no checklists/*.xml under {argv[1]}", file=sys.stderr)
        return 2
    seen = {}      # id -> {lang: [file, ...]}
    fields = {}    # id -> {lang: set of {field} placeholders}
    problems = []
    for path in files:
        name = os.path.basename(path)
        for el in ET.parse(path).getroot().iter():
            if el.tag.split("}")[-1] != "text":
                continue
            tid, lang = el.get("id"), el.get("lang")
            if not tid or lang not in LANGS:
                problems.append(f"{name}: <text id={tid!r} lang={lang!r}>: lang must be one of {', '.join(LANGS)}")
                continue
            if not "".join(el.itertext()).strip():
                problems.append(f"{name}: <text id={tid!r} lang={lang!r}> is empty")
            seen.setdefault(tid, {}).setdefault(lang, []).append(name)
            fields.setdefault(tid, {})[lang] = set(re.findall(r"\{[a-z_]+\}", "".join(el.itertext())))
    for tid in sorted(seen):
        langs = seen[tid]
        where = sorted({f for fs in langs.values() for f in fs})
        for lang in LANGS:
            if lang not in langs:
                problems.append(f"{', '.join(where)}: text '{tid}' has no {lang} version")
            elif len(langs[lang]) > 1:
                problems.append(f"{', '.join(where)}: text '{tid}' has {len(langs[lang])} {lang} versions")
        ref = fields[tid].get("en")
        for lang, got in sorted(fields[tid].items()):
            if ref is not None and got != ref:
                problems.append(f"{', '.join(where)}: text '{tid}' ({lang}) has fields {sorted(got)}, en has {sorted(ref)}")
    for p in problems:
        print(p)
    print(f"{len(seen)} text ids in {len(files)} checklists, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

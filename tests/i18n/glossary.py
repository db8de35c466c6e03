#!/usr/bin/env python3
"""One term per language: the words the glossary of docs/translating.md says not to use
(its columns "not in pt" and "not in es", several separated by " / ") must appear in no
msgstr of po/<lang>.po and in no <text lang="<lang>"> of checklists/*.xml, except right after
"(": the English name in parentheses after the term.

Usage: glossary.py SOURCE_DIR
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET


def avoided(doc):
    """{lang: [(word, English term)]} from the glossary table."""
    rows = [l for l in open(doc, encoding="utf-8") if l.strip().startswith("|")]
    head = next(r for r in rows if "not in pt" in r)
    cols = [c.strip() for c in head.strip().strip("|").split("|")]
    out = {"pt": [], "es": []}
    for r in rows[rows.index(head) + 2:]:
        cells = [c.strip() for c in r.strip().strip("|").split("|")]
        if len(cells) != len(cols):
            break
        for lang in out:
            for w in filter(None, (x.strip() for x in cells[cols.index("not in " + lang)].split(" / "))):
                out[lang].append((w, cells[0]))
    return out


def msgstrs(po):
    """The translations of a catalogue, one string per entry (continuation lines joined)."""
    text, cur, out = open(po, encoding="utf-8").read().splitlines(), None, []
    for line in text:
        if line.startswith("msgstr"):
            cur = [re.sub(r'^msgstr(\[\d\])? "', "", line)[:-1]]
            out.append(cur)
        elif line.startswith('"') and cur is not None:
            cur.append(line[1:-1])
        else:
            cur = None
    return ["".join(parts) for parts in out]


def main():
    src = sys.argv[1]
    bad = []
    table = avoided(os.path.join(src, "docs", "translating.md"))
    if not table["pt"] or not table["es"]:
        print("FAIL: no words to avoid found in the glossary (table format changed?)")
        return 1
    for lang, words in table.items():
        texts = [("po/%s.po" % lang, s) for s in msgstrs(os.path.join(src, "po", lang + ".po"))]
        for f in sorted(glob.glob(os.path.join(src, "checklists", "*.xml"))):
            for t in ET.parse(f).getroot().iter("text"):
                if t.get("lang") == lang:
                    texts.append(("checklists/%s %s" % (os.path.basename(f), t.get("id")), t.text or ""))
        for word, term in words:
            # the English name may follow the term in parentheses: "(Business Manager)"
            rx = re.compile(r"(?<![\w(])" + re.escape(word), re.IGNORECASE)
            for where, s in texts:
                if rx.search(s):
                    bad.append("%s: %r (glossary: %s) in: %s" % (where, word, term, s[:120]))
    for b in bad:
        print("FAIL", b)
    print("%d words checked in pt and es, %d uses" % (sum(len(w) for w in table.values()), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

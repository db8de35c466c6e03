#!/usr/bin/env python3
"""The checklist ids the C sources look up, collected from the sources themselves.

A check reads its limits, value sets, term lists and texts from checklists/ through
waba_checklist_limit/set/terms/text (include/waba/checklist.h). This script finds every
such lookup whose id is a string literal, also through wrappers (a function that passes
one of its parameters on as the id is a wrapper, and the literals its callers give it
are ids too), so a misspelt id or a value missing from the bundled checklists is caught
instead of switching a rule off.

  checklist_needs.py SRC_DIR --list            print "kind id file:line", one a line
  checklist_needs.py SRC_DIR --c OUT.c         write the table waba_checklist_needs[]
                                               (the program refuses to start without them)
  checklist_needs.py SRC_DIR --check DIR       exit 1 naming every id DIR's *.xml lack

A lookup whose id is computed (a key built at run time, a value read from a set) is
listed in DYNAMIC below with the reason; a new one that is not fails --check and --c, so
that every lookup is either checked or deliberately computed.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

BASE = {
    "waba_checklist_limit": [(1, "limit")],
    "waba_checklist_terms": [(1, "terms")],
    "waba_checklist_set": [(1, "set")],
    "waba_checklist_text": [(1, "text")],
}

# (file relative to src/, enclosing function): why the id is computed there.
DYNAMIC = {
    ("checks/check_business.c", "check_verification"): "business.verification.<status>.guide, per Graph status",
    ("checks/check_phone.c", "add"): "phone.msg.<message>, named by the caller",
    ("checks/check_phone.c", "check_seen"): "phone.type_label.<type>, per number type",
    ("checks/readiness.c", "title_of"): "readiness.<item>.title, per readiness item of readiness.xml",
    ("checks/readiness.c", "waba_readiness_text"): "readiness.status.<status>, per status",
    ("core/checklist_blob.c", "waba_checklist_blob_read"): "the lists of a compiled term set, named in the blob",
    ("compose/email_request.c", "phone_type"): "phone.type_label.<type>, per number type",
    ("cli/cmd_business.c", "check_online"): "business.verification.<status>.todo, per Graph status",
    ("cli/cmd_wizard.c", "step_verification"): "the guide text named by the verification status",
    ("cli/wizard_prompt.c", "wiz_ask"): "the question's texts, named by the step tables",
    ("cli/wizard_prompt.c", "wiz_show_findings"): "wizard.hint.<rule id>: a hint phrased for the wizard, where one exists",
}

# The lookups themselves (and the start-up check) are not callers.
SKIP = {"core/checklist.c"}

ID = re.compile(r'^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$')
IDENT = re.compile(r'^[A-Za-z_]\w*$')
FUNC = re.compile(r'^(?:[A-Za-z_][\w \t*]*?[\s*])?([A-Za-z_]\w*)\s*\(([^;{}()]*(?:\([^()]*\)[^;{}()]*)*)\)\s*(?:WABA_\w+\([^)]*\)\s*)*\{',
                  re.M)


def strip_comments(text):
    """Comments become spaces (newlines kept, so line numbers hold); strings stay."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def match_close(text, i, open_ch, close_ch):
    """Index of the bracket closing the one at i (strings skipped)."""
    depth, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def split_args(s):
    args, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c in '"\'':
            j = i + 1
            while j < len(s) and s[j] != c:
                j += 2 if s[j] == '\\' else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        if c == ',' and depth == 0:
            args.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if cur or args:
        args.append(''.join(cur).strip())
    return args


def literal(arg):
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', arg.strip())
    return m.group(1) if m else None


def ternary_literals(arg):
    """The ids of `cond ? "a" : "b"` (nested too): every branch a literal, else None."""
    if '?' not in arg:
        return None
    branches = re.split(r'[?:]', re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: m.group(0).replace('?', '\x01').replace(':', '\x02'), arg))
    lits = []
    for i, b in enumerate(branches):
        b = b.replace('\x01', '?').replace('\x02', ':').strip()
        lit = literal(b)
        if lit is not None:
            lits.append(lit)
        elif i % 2 == 1 or i == len(branches) - 1:
            return None  # a branch (after '?' or the last one) that is not a literal
    return lits or None


def param_names(params):
    names = []
    for p in split_args(params):
        m = re.search(r'([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?$', p)
        names.append(m.group(1) if m and p != 'void' else None)
    return names


class Source:
    def __init__(self, root, rel):
        self.rel = rel
        with open(os.path.join(root, rel), encoding='utf-8') as f:
            self.text = strip_comments(f.read())
        self.includes = set(os.path.basename(x) for x in re.findall(r'#include\s+"([^"]+)"', self.text))
        self.funcs = []  # (name, params, body_start, body_end)
        for m in FUNC.finditer(self.text):
            name = m.group(1)
            if name in ('if', 'for', 'while', 'switch', 'return', 'sizeof'):
                continue
            start = m.end() - 1
            end = match_close(self.text, start, '{', '}')
            self.funcs.append((name, param_names(m.group(2)), start, end))

    def line(self, pos):
        return self.text.count('\n', 0, pos) + 1

    def calls(self, name, start, end):
        for m in re.finditer(r'\b' + re.escape(name) + r'\s*\(', self.text[start:end]):
            open_at = start + m.end() - 1
            close = match_close(self.text, open_at, '(', ')')
            yield open_at, split_args(self.text[open_at + 1:close])


def collect(src_dir):
    files = []
    for dp, _, fns in os.walk(src_dir):
        for fn in sorted(fns):
            rel = os.path.relpath(os.path.join(dp, fn), src_dir)
            if fn.endswith(('.c', '.h', '.cc')) and rel not in SKIP:
                files.append(Source(src_dir, rel))
    # wrappers[(defining file, name)] = [(arg index, kind)]; BASE functions are global.
    wrappers = {}

    def lookups_in(src):
        seen = dict(BASE)
        for (where, name), v in wrappers.items():
            base = os.path.basename(where)
            if where == src.rel or (where.endswith('.h') and base in src.includes):
                seen.setdefault(name, [])
                seen[name] = seen[name] + v
        return seen

    def id_args():
        """(file, function, its parameters, position, kind, id argument) of every lookup."""
        for src in files:
            for fname, params, start, end in src.funcs:
                for callee, slots in lookups_in(src).items():
                    if callee == fname:
                        continue
                    for at, args in src.calls(callee, start, end):
                        for idx, kind in slots:
                            yield src, fname, params, at, kind, args[idx] if idx < len(args) else ''

    changed = True
    while changed:  # a function passing a parameter on as an id is a wrapper, to a fixed point
        changed = False
        for src, fname, params, _, kind, a in list(id_args()):
            if IDENT.match(a) and a in params:
                key, slot = (src.rel, fname), (params.index(a), kind)
                if slot not in wrappers.get(key, []):
                    wrappers.setdefault(key, []).append(slot)
                    changed = True
    needs, dynamic = {}, []
    for src, fname, params, at, kind, a in id_args():
        lit = literal(a)
        lits = [lit] if lit is not None else ternary_literals(a)
        where = '%s:%d' % (src.rel, src.line(at))
        if lits:
            for lit in lits:
                needs.setdefault((kind, lit), where)
        elif not (IDENT.match(a) and a in params) and a != 'NULL':  # not a wrapper passing it on
            dynamic.append((src.rel, fname, where, kind, a))
    return needs, dynamic


def unexplained(dynamic):
    return [d for d in dynamic if (d[0], d[1]) not in DYNAMIC]


def present(dir_):
    have = {'limit': set(), 'set': set(), 'terms': set(), 'text': set()}
    for fn in sorted(os.listdir(dir_)):
        if not fn.endswith('.xml'):
            continue
        root = ET.parse(os.path.join(dir_, fn)).getroot()
        for el in root.iter():
            key = el.get('list' if el.tag == 'terms' else 'id')
            if el.tag in have and key:
                have[el.tag].add(key)
    return have


def c_table(needs):
    kinds = {'limit': 'WABA_NEED_LIMIT', 'set': 'WABA_NEED_SET', 'terms': 'WABA_NEED_TERMS',
             'text': 'WABA_NEED_TEXT'}
    rows = ''.join('\t{ %s, "%s", "%s" },\n' % (kinds[k], i, w) for (k, i), w in sorted(needs.items()))
    return ('/* Generated by tools/checklist_needs.py from the lookups in src/: do not edit. */\n'
            '#include "core/checklist_priv.h"\n\n'
            'const struct waba_checklist_need waba_checklist_needs[] = {\n%s\t{ 0, NULL, NULL },\n};\n' % rows)


def main(argv):
    if len(argv) < 3 or argv[2] not in ('--list', '--c', '--check') or len(argv) != (3 if argv[2] == '--list' else 4):
        sys.stderr.write(__doc__)
        return 2
    needs, dynamic = collect(argv[1])
    bad = unexplained(dynamic)
    for rel, fname, where, kind, a in bad:
        sys.stderr.write('%s: %s(): the %s id is computed (%s); give a literal id or explain it in '
                         'DYNAMIC of tools/checklist_needs.py\n' % (where, fname, kind, a))
    if argv[2] == '--list':
        for (k, i), w in sorted(needs.items()):
            print(k, i, w)
        return 1 if bad else 0
    if bad:
        return 1
    if argv[2] == '--c':
        with open(argv[3], 'w', encoding='utf-8') as f:
            f.write(c_table(needs))
        return 0
    have = present(argv[3])
    missing = [(k, i, w) for (k, i), w in sorted(needs.items()) if i not in have[k]]
    for k, i, w in missing:
        print('%s: the checklists in %s have no %s "%s"' % (w, argv[3], k, i))
    print('%d ids looked up, %d missing' % (len(needs), len(missing)))
    return 1 if missing or not needs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

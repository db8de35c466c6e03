#!/usr/bin/env python3
"""Every checklist id the sources look up is in the bundled checklists; a missing one
stops the program at start-up (exit 2 naming it) instead of a silent default or a rule
switched off; a misspelt id in the sources is caught the same way.

usage: test_needs.py WABA_EXE SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

EXE, ROOT = sys.argv[1], sys.argv[2]
TOOL = os.path.join(ROOT, 'tools', 'checklist_needs.py')
BUNDLED = os.path.join(ROOT, 'checklists')
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def needs(src, *args):
    return subprocess.run([sys.executable, TOOL, src] + list(args), capture_output=True, text=True)


def without(tmp, tag, id_):
    """A copy of the bundled checklists with element <tag id=id_> removed."""
    d = os.path.join(tmp, 'cl-' + id_)
    shutil.copytree(BUNDLED, d)
    attr = 'list' if tag == 'terms' else 'id'
    pat = re.compile(r'\s*<%s %s="%s"(?:[^>]*/>|.*?</%s>)' % (tag, attr, re.escape(id_), tag), re.S)
    hits = 0
    for fn in os.listdir(d):
        if fn.endswith('.xml'):
            p = os.path.join(d, fn)
            with open(p, encoding='utf-8') as f:
                text = f.read()
            text, n = pat.subn('', text)
            hits += n
            with open(p, 'w', encoding='utf-8') as f:
                f.write(text)
    assert hits, (tag, id_)
    return d


def run(env_dir, *args, cwd=None):
    env = dict(os.environ, WABA_PREFLIGHT_CHECKLISTS=env_dir, LANGUAGE='en', LANG='C.UTF-8', NO_COLOR='1')
    env.pop('LC_ALL', None)
    return subprocess.run([EXE] + list(args), capture_output=True, text=True, env=env, cwd=cwd)


with tempfile.TemporaryDirectory() as tmp:
    # 1. the bundled checklists have every id the sources look up
    r = needs(os.path.join(ROOT, 'src'), '--check', BUNDLED)
    print(r.stdout + r.stderr, end='')
    m = re.search(r'(\d+) ids looked up, (\d+) missing', r.stdout)
    check(r.returncode == 0 and m and m.group(2) == '0', 'bundled checklists have every id looked up')
    check(m and int(m.group(1)) > 100, 'the collector finds the lookups (%s ids)' % (m.group(1) if m else '?'))
    listed = needs(os.path.join(ROOT, 'src'), '--list').stdout
    for kind, id_ in (('limit', 'template.body.max_length'), ('limit', 'webhook.timeout.total_seconds'),
                      ('limit', 'photo.decode.max_side'), ('set', 'template.categories'),
                      ('terms', 'prohibited_exceptions'), ('text', 'wizard.yes_default')):
        check(re.search(r'^%s %s ' % (kind, re.escape(id_)), listed, re.M) is not None,
              'collected through wrappers, tables and ?: : %s %s' % (kind, id_))

    # 2. a checklist folder without a value: the collector names it, the program refuses to run
    for tag, id_ in (('limit', 'template.body.max_length'), ('limit', 'graph.retry.max_attempts'),
                     ('set', 'template.categories'), ('terms', 'prohibited_exceptions')):
        d = without(tmp, tag, id_)
        r = needs(os.path.join(ROOT, 'src'), '--check', d)
        check(r.returncode == 1 and ('no %s "%s"' % (tag, id_)) in r.stdout, 'collector: %s %s missing' % (tag, id_))
        tpl = os.path.join(tmp, 'ok.json')
        with open(tpl, 'w') as f:
            f.write('{"name": "order_update", "language": "en", "category": "UTILITY", '
                    '"components": [{"type": "BODY", "text": "Your order {{1}} has shipped today.", '
                    '"example": {"body_text": [["566701"]]}}]}')
        r = run(d, 'lint', tpl)
        want = "have no %s '%s'" % (tag, id_)
        check(r.returncode == 2 and want in r.stderr and r.stdout == '',
              'lint exits 2 naming %s %s (got %d: %s)' % (tag, id_, r.returncode, r.stderr.strip()))
    r = run(BUNDLED, 'lint', os.path.join(tmp, 'ok.json'))
    check(r.returncode == 0, 'lint runs with the bundled checklists (got %d: %s)' % (r.returncode, r.stderr.strip()))

    # 3. a misspelt id in the sources is caught, so a typo cannot switch a rule off
    src = os.path.join(tmp, 'src')
    shutil.copytree(os.path.join(ROOT, 'src'), src)
    p = os.path.join(src, 'checks', 'check_template.c')
    with open(p, encoding='utf-8') as f:
        text = f.read()
    assert '"template.footer.max_length"' in text
    with open(p, 'w', encoding='utf-8') as f:
        f.write(text.replace('"template.footer.max_length"', '"template.footer.max_lenght"'))
    r = needs(src, '--check', BUNDLED)
    check(r.returncode == 1 and 'no limit "template.footer.max_lenght"' in r.stdout, 'collector: misspelt id in C')

    # 4. a lookup whose id is computed must be explained (tools/checklist_needs.py DYNAMIC)
    with open(os.path.join(src, 'checks', 'check_extra.c'), 'w') as f:
        f.write('static long f(const struct waba_checklist *cl, int i)\n{\n'
                '\tconst char *ids[] = { "a.b", "c.d" };\n\treturn waba_checklist_limit(cl, ids[i]);\n}\n')
    r = needs(src, '--check', BUNDLED)
    check(r.returncode == 1 and 'check_extra.c:4: f(): the limit id is computed' in r.stderr,
          'collector: an unexplained computed id fails')

sys.exit(1 if failures else 0)

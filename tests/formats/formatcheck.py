"""formatcheck.py: what the format validators share: reading a report, reporting."""
import json
import sys


def load_json(path):
    """(document, None), or (None, why it is not UTF-8 JSON)."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return json.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as e:
        return None, "not UTF-8 JSON: %s" % e


def finish(path, errs, ok_message):
    """Print the problems (exit status 1) or the one-line verdict (0)."""
    for e in errs:
        print("%s: %s" % (path, e), file=sys.stderr)
    if errs:
        return 1
    print("%s: %s" % (path, ok_message))
    return 0

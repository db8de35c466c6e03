#!/usr/bin/env python3
"""Validate a GitLab Code Quality report (conventions §3.4).

    validate_gitlab.py [--issues N] FILE.json

A JSON array of Code Climate issues with the fields GitLab reads: description,
check_name, fingerprint (unique), severity (info|minor|major|critical|blocker),
location.path (relative, forward slashes) and location.lines.begin (>= 1).
"""
import re
import sys

from formatcheck import finish, load_json

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def errors(doc):
    errs = []
    if not isinstance(doc, list):
        return ["the report must be a JSON array"]
    seen = set()
    for i, issue in enumerate(doc):
        where = "[%d]" % i
        if not isinstance(issue, dict):
            errs.append("%s: not an object" % where)
            continue
        for key in ("description", "check_name", "fingerprint"):
            if not isinstance(issue.get(key), str) or not issue[key].strip():
                errs.append("%s: %s must be a non-empty string" % (where, key))
        if issue.get("severity") not in SEVERITIES:
            errs.append("%s: severity %r is not one of %s" % (where, issue.get("severity"), sorted(SEVERITIES)))
        fp = issue.get("fingerprint")
        if isinstance(fp, str):
            if not re.match(r"^[0-9a-f]{32}$", fp):
                errs.append("%s: fingerprint %r is not 32 hex digits" % (where, fp))
            if fp in seen:
                errs.append("%s: fingerprint %r repeats; GitLab would merge the issues" % (where, fp))
            seen.add(fp)
        if not re.match(r"^[a-z]+\.[a-z0-9_.]+$", issue.get("check_name", "")):
            errs.append("%s: check_name %r is not a rule id" % (where, issue.get("check_name")))
        loc = issue.get("location")
        if not isinstance(loc, dict):
            errs.append("%s: location is required" % where)
            continue
        path = loc.get("path")
        if not isinstance(path, str) or not path or "\\" in path or path.startswith("./"):
            errs.append("%s: location.path %r must be a relative path with forward slashes" % (where, path))
        begin = (loc.get("lines") or {}).get("begin")
        if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
            errs.append("%s: location.lines.begin %r must be an integer >= 1" % (where, begin))
    return errs


def main(argv):
    args = argv[1:]
    want = None
    if args[:1] == ["--issues"]:
        want = int(args[1])
        args = args[2:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    doc, why = load_json(args[0])
    errs = [why] if why else errors(doc)
    if not errs and want is not None and len(doc) != want:
        errs.append("expected %d issues, got %d" % (want, len(doc)))
    return finish(args[0], errs, "valid GitLab Code Quality report (%d issues)" % len(doc or []))


if __name__ == "__main__":
    sys.exit(main(sys.argv))

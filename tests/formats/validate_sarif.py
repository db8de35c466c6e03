#!/usr/bin/env python3
"""Validate a SARIF file the way GitHub code scanning needs it.

    validate_sarif.py [--results N] FILE.sarif
    validate_sarif.py --self-test FILE.sarif

Two layers: the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json beside this
script, draft-04), then what GitHub requires or limits on top of it
(docs/.../sarif-support-for-code-scanning, conventions §3.1): rule descriptions,
helpUri, levels, tags, precision, no security-severity, columnKind, ruleId/ruleIndex
agreeing, repository-relative URIs with forward slashes, regions, and the
primaryLocationLineHash fingerprint.

--self-test breaks a valid FILE in known ways and fails unless every broken copy
is rejected, so this validator is shown to be able to fail.
"""
import copy
import json
import os
import re
import sys

from formatcheck import finish, load_json

try:
    import jsonschema
except ImportError:  # pragma: no cover - a missing dependency must fail the test
    sys.exit("validate_sarif.py: python3-jsonschema is required (apt-get install python3-jsonschema)")

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sarif-schema-2.1.0.json")
LEVELS = {"none", "note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}
# RFC 3986 characters of a URI reference (no spaces, no backslashes, no raw non-ASCII)
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
FINGERPRINT = re.compile(r"^[0-9a-f]{16}:[1-9][0-9]*$")


def schema_errors(doc):
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in e.absolute_path)
        yield "schema: %s: %s" % (path or "(root)", e.message)


def check_text(errs, where, obj, key, limit):
    text = (obj.get(key) or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        errs.append("%s: %s.text is required" % (where, key))
    elif len(text) > limit:
        errs.append("%s: %s.text is %d characters, GitHub allows %d" % (where, key, len(text), limit))


def check_rule(errs, i, rule):
    where = "rules[%d] (%s)" % (i, rule.get("id"))
    if not rule.get("id"):
        errs.append("%s: id is required" % where)
    check_text(errs, where, rule, "shortDescription", 1024)
    check_text(errs, where, rule, "fullDescription", 1024)
    check_text(errs, where, rule, "help", 1 << 30)
    if not (rule.get("help") or {}).get("markdown"):
        errs.append("%s: help.markdown is recommended and always written" % where)
    if len(rule.get("name", "")) > 255 or not rule.get("name"):
        errs.append("%s: name must be 1..255 characters" % where)
    if rule.get("name") == rule.get("id"):
        errs.append("%s: name should not repeat the id" % where)
    if not re.match(r"^https?://[^\s]+#[a-z0-9-]+$", rule.get("helpUri", "")):
        errs.append("%s: helpUri must be an absolute http(s) URL with an anchor" % where)
    level = (rule.get("defaultConfiguration") or {}).get("level")
    if level not in LEVELS - {"none"}:
        errs.append("%s: defaultConfiguration.level %r is not note|warning|error" % (where, level))
    props = rule.get("properties") or {}
    tags = props.get("tags")
    if not isinstance(tags, list) or not tags or len(tags) > 20 or len(set(tags)) != len(tags):
        errs.append("%s: properties.tags must be 1..20 distinct strings" % where)
    if props.get("precision") not in PRECISIONS:
        errs.append("%s: properties.precision %r is not one of %s" % (where, props.get("precision"), PRECISIONS))
    if "problem.severity" in props and props["problem.severity"] not in PROBLEM_SEVERITIES:
        errs.append("%s: properties.problem.severity %r" % (where, props["problem.severity"]))
    if "security-severity" in props:
        errs.append("%s: security-severity turns results into security alerts; never set it" % where)


def check_uri(errs, where, uri):
    if not isinstance(uri, str) or not uri:
        errs.append("%s: artifactLocation.uri is required" % where)
        return
    if "\\" in uri:
        errs.append("%s: uri %r has backslashes; GitHub wants forward slashes" % (where, uri))
    if not URI_CHARS.match(uri) or PCT.search(uri):
        errs.append("%s: uri %r is not a valid URI reference (percent-encode it)" % (where, uri))
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", uri)
    if scheme and scheme.group(1) != "file":
        errs.append("%s: uri %r has scheme %r; use a relative path or file://" % (where, uri, scheme.group(1)))
    if uri.startswith("/") or uri.startswith("./"):
        errs.append("%s: uri %r must be repository-relative (or a file:// URI)" % (where, uri))


def check_region(errs, where, region):
    if not isinstance(region, dict):
        errs.append("%s: region with startLine/startColumn/endLine/endColumn is required by GitHub" % where)
        return
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if not isinstance(region.get(key), int) or region[key] < 1:
            errs.append("%s: region.%s must be an integer >= 1" % (where, key))
            return
    if region["endLine"] < region["startLine"]:
        errs.append("%s: region ends before it starts" % where)
    elif region["endLine"] == region["startLine"] and region["endColumn"] <= region["startColumn"]:
        errs.append("%s: endColumn must be one past the last character (> startColumn)" % where)


def check_result(errs, run_rules, i, res, seen_fp):
    where = "results[%d] (%s)" % (i, res.get("ruleId"))
    text = (res.get("message") or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        errs.append("%s: message.text is required" % where)
    if res.get("level") not in LEVELS - {"none"}:
        errs.append("%s: level %r" % (where, res.get("level")))
    ids = [r.get("id") for r in run_rules]
    if res.get("ruleId") not in ids:
        errs.append("%s: ruleId is not in tool.driver.rules" % where)
    elif res.get("ruleIndex") != ids.index(res["ruleId"]):
        errs.append("%s: ruleIndex %r does not point at ruleId" % (where, res.get("ruleIndex")))
    locations = res.get("locations", [])
    if len(locations) > 1000:
        errs.append("%s: more than 1000 locations" % where)
    for loc in locations:
        phys = loc.get("physicalLocation")
        if phys is None:
            if not loc.get("logicalLocations"):
                errs.append("%s: a location needs a physical or a logical location" % where)
            continue
        check_uri(errs, where, (phys.get("artifactLocation") or {}).get("uri"))
        check_region(errs, where, phys.get("region"))
    fp = (res.get("partialFingerprints") or {}).get("primaryLocationLineHash")
    if not isinstance(fp, str) or not FINGERPRINT.match(fp):
        errs.append("%s: partialFingerprints.primaryLocationLineHash %r is not HEX16:N" % (where, fp))
    elif fp in seen_fp:
        errs.append("%s: primaryLocationLineHash %r repeats; duplicates need a higher :N" % (where, fp))
    else:
        seen_fp.add(fp)


def github_errors(doc):
    errs = []
    if doc.get("$schema") is None:
        errs.append("$schema is required by GitHub")
    if doc.get("version") != "2.1.0":
        errs.append("version must be 2.1.0")
    runs = doc.get("runs")
    if not isinstance(runs, list) or not 1 <= len(runs) <= 20:
        return errs + ["runs must hold 1..20 runs"]
    for run in runs:
        driver = ((run.get("tool") or {}).get("driver")) or {}
        if driver.get("name") != "waba-preflight":
            errs.append("tool.driver.name must be waba-preflight")
        if not re.match(r"^\d+\.\d+\.\d+", driver.get("semanticVersion", "")):
            errs.append("tool.driver.semanticVersion must be MAJOR.MINOR.PATCH")
        rules = driver.get("rules")
        if not isinstance(rules, list):
            errs.append("tool.driver.rules is required")
            rules = []
        if len(rules) > 25000:
            errs.append("more than 25,000 rules")
        if len({r.get("id") for r in rules}) != len(rules):
            errs.append("rule ids repeat")
        for i, rule in enumerate(rules):
            check_rule(errs, i, rule)
        if run.get("columnKind") not in ("unicodeCodePoints", "utf16CodeUnits"):
            errs.append("run.columnKind must be set explicitly")
        results = run.get("results")
        if not isinstance(results, list):
            errs.append("run.results is required")
            continue
        if len(results) > 25000:
            errs.append("more than 25,000 results in a run")
        seen_fp = set()
        for i, res in enumerate(results):
            check_result(errs, rules, i, res, seen_fp)
    return errs


def all_errors(doc):
    return list(schema_errors(doc)) + github_errors(doc)


def first_result_with(doc, pred):
    for res in doc["runs"][0]["results"]:
        if pred(res):
            return res
    raise SystemExit("self-test needs a SARIF file with a result that has a physical location and a region")


def physical(res):
    locs = res.get("locations") or [{}]
    return locs[0].get("physicalLocation")


MUTATIONS = [
    ("no version", lambda d: d.pop("version")),
    ("wrong version", lambda d: d.update(version="2.0.0")),
    ("no tool.driver.name", lambda d: d["runs"][0]["tool"]["driver"].pop("name")),
    ("unknown top-level member", lambda d: d.update(extra=1)),
    ("result level 'fatal'", lambda d: d["runs"][0]["results"][0].update(level="fatal")),
    ("result without message", lambda d: d["runs"][0]["results"][0].pop("message")),
    ("ruleIndex off by one", lambda d: d["runs"][0]["results"][0].update(
        ruleIndex=d["runs"][0]["results"][0]["ruleIndex"] + 1)),
    ("no partialFingerprints", lambda d: d["runs"][0]["results"][0].pop("partialFingerprints")),
    ("startLine 0", lambda d: physical(first_result_with(d, physical))["region"].update(startLine=0)),
    ("endColumn == startColumn", lambda d: physical(first_result_with(d, physical))["region"].update(
        endLine=physical(first_result_with(d, physical))["region"]["startLine"],
        endColumn=physical(first_result_with(d, physical))["region"]["startColumn"])),
    ("backslash in uri", lambda d: physical(first_result_with(d, physical))["artifactLocation"].update(
        uri="dir\\file.json")),
    ("space in uri", lambda d: physical(first_result_with(d, physical))["artifactLocation"].update(
        uri="my dir/file.json")),
    ("no columnKind", lambda d: d["runs"][0].pop("columnKind")),
    ("bad columnKind", lambda d: d["runs"][0].update(columnKind="bytes")),
    ("rule without shortDescription", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].pop("shortDescription")),
    ("shortDescription over 1024", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"].update(
        text="x" * 1025)),
    ("rule level 'fatal'", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"].update(
        level="fatal")),
    ("security-severity set", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0]["properties"].update(
        {"security-severity": "9.0"})),
    ("helpUri not absolute", lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].update(helpUri="docs/rules.md")),
]


def self_test(doc):
    if all_errors(doc):
        print("self-test: the input itself is invalid", file=sys.stderr)
        return 1
    missed = []
    for name, mutate in MUTATIONS:
        broken = copy.deepcopy(doc)
        mutate(broken)
        errs = all_errors(broken)
        print("%-32s %s" % (name, "rejected: " + errs[0] if errs else "ACCEPTED"))
        if not errs:
            missed.append(name)
    if missed:
        print("self-test: the validator accepted broken SARIF: %s" % ", ".join(missed), file=sys.stderr)
        return 1
    print("self-test: all %d broken copies rejected" % len(MUTATIONS))
    return 0


def main(argv):
    args = argv[1:]
    want_results = None
    if args[:1] == ["--self-test"]:
        doc, why = load_json(args[1])
        return finish(args[1], [why], "") if why else self_test(doc)
    if args[:1] == ["--results"]:
        want_results = int(args[1])
        args = args[2:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    doc, why = load_json(args[0])
    if why:
        return finish(args[0], [why], "")
    errs = all_errors(doc)
    if not errs and want_results is not None:
        got = sum(len(r.get("results", [])) for r in doc["runs"])
        if got != want_results:
            errs.append("expected %d results, got %d" % (want_results, got))
    if errs:
        return finish(args[0], errs, "")
    return finish(args[0], [], "valid SARIF 2.1.0 for GitHub (%d results, %d rules)" % (
        sum(len(r["results"]) for r in doc["runs"]), sum(len(r["tool"]["driver"]["rules"]) for r in doc["runs"])))


if __name__ == "__main__":
    sys.exit(main(sys.argv))

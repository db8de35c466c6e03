#!/usr/bin/python3
"""tests/phone/big_list.py WABA_EXE BENCH_DIR: `waba-preflight phone` on the 3,000 numbers
bench/phone/cli.py would give it (bench/phone/gen_numbers.py, seed 1, the lines without a
region: many repeat, in different formats), as a person reads the report:
 - one item per number, in the order given, each with the input as typed;
 - every number given k >= 2 times (same E.164) has exactly one phone.batch.duplicate
   finding, saying k times and quoting its first and second mention; no other number has one;
 - JSON and text reports agree on the findings (rule and message, in order), and the
   summary counts the findings by severity;
 - GitLab fingerprints are unique (the same number typed twice the same way gives the same
   finding twice: GitLab would merge them), and SARIF's too."""
import json, os, re, subprocess, sys, collections

exe, bench = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


gen = subprocess.run(["/usr/bin/python3", os.path.join(bench, "gen_numbers.py"), "4100", "1"], check=True,
                     capture_output=True, text=True).stdout
numbers = [line.split("\t", 1)[1] for line in gen.splitlines() if line.startswith("-\t")][:3000]
numbers += [numbers[0], numbers[0]]  # given three times or more, identically too
env = dict(os.environ, LANG="C.UTF-8", NO_COLOR="1", GITHUB_STEP_SUMMARY="")
env.pop("CI_PROJECT_DIR", None)


def report(fmt):
    r = subprocess.run([exe, "phone", "--format", fmt, "--", *numbers], env=env, capture_output=True, text=True)
    check(r.returncode == 1, f"--format {fmt}: exit 1 (errors found), got {r.returncode} {r.stderr[-300:]}")
    return r.stdout


doc = json.loads(report("json"))
items = doc["items"]
check(len(numbers) > 2000, f"{len(numbers)} numbers listed")
check([it["input"] for it in items] == numbers, "one item per number, in order, input as typed")

mentions = collections.defaultdict(list)
for i, it in enumerate(items):
    if it["e164"]:
        mentions[it["e164"]].append(i)
repeated = {e: v for e, v in mentions.items() if len(v) >= 2}
check(any(len(v) >= 3 for v in repeated.values()), f"{len(repeated)} numbers repeat, some 3 times or more")
dups = [f for f in doc["findings"] if f["rule"] == "phone.batch.duplicate"]
check(len(dups) == len(repeated), f"one duplicate finding per repeated number ({len(dups)} for {len(repeated)})")
by_e164 = {}
for f in dups:
    m = re.match(r"'([^']*)' is given (\d+) times \('(.*)' and '(.*)' are the same number\)$", f["message"])
    if m:
        by_e164[m.group(1)] = (int(m.group(2)), m.group(3), m.group(4))
    else:
        check(False, f"duplicate message reads as expected: {f['message']}")
for e, v in repeated.items():
    want = (len(v), numbers[v[0]], numbers[v[1]])
    if by_e164.get(e) != want:
        check(False, f"{e}: duplicate finding {by_e164.get(e)}, want {want}")
        break
else:
    check(True, "each duplicate finding gives the count and the first and second mention")

sev = collections.Counter(f["severity"] for f in doc["findings"])
check(doc["summary"] == {"errors": sev["error"], "warnings": sev["warning"], "notes": sev["note"]},
      f"summary {doc['summary']} counts the findings")

text = report("text")
shown = re.findall(r"^(?:.*?: )?(?:error|warning|note): (.*) \[([a-z_.]+)\]$", text, re.M)
check([(r, m) for m, r in shown] == [(f["rule"], f["message"]) for f in doc["findings"]],
      "text and JSON show the same findings in the same order")

gitlab = json.loads(report("gitlab"))
fps = [g["fingerprint"] for g in gitlab]
check(len(fps) == len(doc["findings"]) and len(set(fps)) == len(fps), f"{len(fps)} GitLab fingerprints, all different")
sarif = json.loads(report("sarif"))
keys = [r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif["runs"][0]["results"]]
check(len(set(keys)) == len(keys) == len(doc["findings"]), f"{len(keys)} SARIF fingerprints, all different")

sys.exit(1 if failures else 0)

#!/usr/bin/python3
"""Fingerprints and paths of the CI reports, as code scanning and GitLab match alerts.
    test_fingerprints.py WABA_EXE REPO_ROOT
In a scratch git repository holding every template and application of the CLI cases:
 - SARIF partialFingerprints and GitLab fingerprints are the same under --lang en, pt and es
   (the messages differ), and after lines are inserted above every finding (the lines differ);
 - GitLab's fingerprints are unique;
 - SARIF URIs are relative with uriBaseId %SRCROOT%, run.originalUriBaseIds gives the git top
   level (also when run from a subfolder), and there is no automationDetails;
 - GitLab paths are relative to CI_PROJECT_DIR, else to the current folder."""
import glob, json, os, shutil, subprocess, sys, tempfile

exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

def run(args, cwd, env=None):
    e = dict(os.environ, LANG="C.UTF-8", NO_COLOR="1", GITHUB_STEP_SUMMARY="")
    e.pop("CI_PROJECT_DIR", None)
    e.update(env or {})
    r = subprocess.run([exe] + args, cwd=cwd, env=e, capture_output=True)
    if r.returncode not in (0, 1):
        check(False, f"{' '.join(args)} exits 0 or 1 (got {r.returncode}: {r.stderr.decode()[-300:]})")
        return None
    return json.loads(r.stdout)

def sarif_keys(doc):
    run_ = doc["runs"][0]
    out = []
    for res in run_["results"]:
        loc = res["locations"][0]["physicalLocation"] if res.get("locations") and "physicalLocation" in res["locations"][0] else None
        out.append((res["ruleId"], loc["artifactLocation"]["uri"] if loc else None,
                    res["partialFingerprints"]["primaryLocationLineHash"],
                    loc["region"]["startLine"] if loc else None, res["message"]["text"]))
    return out

def gitlab_keys(doc):
    return [(i["check_name"], i["location"]["path"], i["fingerprint"], i["location"]["lines"]["begin"], i["description"])
            for i in doc]

with tempfile.TemporaryDirectory() as tmp:
    repo = os.path.join(tmp, "repo")
    tpl = os.path.join(repo, "templates")
    os.makedirs(tpl)
    os.makedirs(os.path.join(repo, "sub"))
    # without GIT_DIR & co. (set when the suite runs from a git hook): git init would reinitialise that repository
    subprocess.run(["git", "init", "-q", repo], check=True,
                   env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")})
    n = 0
    for f in sorted(glob.glob(os.path.join(root, "tests", "cli", "lint", "*", "*.json"))):
        if os.path.basename(f).startswith("expected") or os.path.basename(f).startswith("."):
            continue
        case = os.path.basename(os.path.dirname(f))
        shutil.copy(f, os.path.join(tpl, f"{case}-{os.path.basename(f)}"))
        n += 1
    app_dir = os.path.join(repo, "app")
    shutil.copytree(os.path.join(root, "tests", "formats", "inputs"), app_dir)
    check(n > 20, f"{n} template files from the CLI cases")

    for fmt, keys in (("sarif", sarif_keys), ("gitlab", gitlab_keys)):
        for what, args in (("lint", ["lint", "templates"]), ("check", ["check", "app/broken-application.json"])):
            base = None
            for lang in ("en", "pt", "es"):
                doc = run(["--lang", lang, "--format", fmt] + args, repo)
                if doc is None:
                    continue
                k = keys(doc)
                if base is None:
                    base = k
                    check(len(k) > (30 if what == "lint" else 0), f"{fmt} {what}: {len(k)} findings")
                    continue
                check([x[:3] for x in k] == [x[:3] for x in base],
                      f"{fmt} {what}: rule, path and fingerprint of every finding are the same under --lang {lang} and en")
                check(sum(a[4] != b[4] for a, b in zip(k, base)) > len(k) // 2,
                      f"{fmt} {what}: the messages themselves differ under --lang {lang}")
            if fmt == "gitlab" and base:
                fps = [x[2] for x in base]
                check(len(set(fps)) == len(fps), f"gitlab {what}: every fingerprint is unique")

    # lines inserted above every finding: JSON allows leading blank lines
    before = {fmt: run(["--format", fmt, "lint", "templates"], repo) for fmt in ("sarif", "gitlab")}
    for f in glob.glob(os.path.join(tpl, "*.json")):
        data = open(f, "rb").read()
        if data.strip():  # an empty file with lines added is another problem (not empty: blank)
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # an editor keeps it first
            open(f, "wb").write(bom + b"\n\n\n" + data[len(bom):])
    after = {fmt: run(["--format", fmt, "lint", "templates"], repo) for fmt in ("sarif", "gitlab")}
    for fmt, keys in (("sarif", sarif_keys), ("gitlab", gitlab_keys)):
        a, b = keys(before[fmt]), keys(after[fmt])
        check([x[:3] for x in a] == [x[:3] for x in b], f"{fmt}: fingerprints unchanged after 3 lines inserted above")
        moved = [(x[3], y[3]) for x, y in zip(a, b) if x[3] is not None and x[3] > 1]
        check(moved and all(y == x + 3 for x, y in moved), f"{fmt}: the findings' lines moved by 3 ({len(moved)} findings)")

    # SARIF paths from a subfolder: relative to the git top level
    doc = run(["--format", "sarif", "lint", "../templates"], os.path.join(repo, "sub"))
    r = doc["runs"][0]
    real = os.path.realpath(repo)
    check(r.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri") == "file://" + real + "/",
          f"SARIF originalUriBaseIds %SRCROOT% is the git top level: {r.get('originalUriBaseIds')}")
    check("automationDetails" not in r, "SARIF has no automationDetails (the upload's category stands)")
    arts = [res["locations"][0]["physicalLocation"]["artifactLocation"] for res in r["results"]]
    check(arts and all(a.get("uriBaseId") == "%SRCROOT%" and a["uri"].startswith("templates/") for a in arts),
          f"SARIF URIs are repository-relative with uriBaseId %SRCROOT% from a subfolder: {arts[0] if arts else None}")
    # outside a repository: the current folder is the root
    plain = os.path.join(tmp, "plain")
    shutil.copytree(tpl, os.path.join(plain, "t"))
    doc = run(["--format", "sarif", "lint", "t"], plain)
    r = doc["runs"][0]
    check(r["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + os.path.realpath(plain) + "/",
          "SARIF %SRCROOT% is the current folder outside a git repository")

    # GitLab paths: relative to CI_PROJECT_DIR, else to the current folder; never absolute
    doc = run(["--format", "gitlab", "lint", os.path.join(tpl)], os.path.join(repo, "sub"), {"CI_PROJECT_DIR": repo})
    paths = {i["location"]["path"] for i in doc}
    check(paths and all(p.startswith("templates/") for p in paths),
          f"GitLab paths are relative to CI_PROJECT_DIR (absolute argument, run from a subfolder): {sorted(paths)[:2]}")
    doc = run(["--format", "gitlab", "lint", os.path.join(tpl)], repo)
    paths = {i["location"]["path"] for i in doc}
    check(paths and all(p.startswith("templates/") for p in paths),
          f"GitLab paths are relative to the current folder without CI_PROJECT_DIR: {sorted(paths)[:2]}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")

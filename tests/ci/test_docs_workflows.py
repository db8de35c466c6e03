#!/usr/bin/python3
"""The CI workflows docs/ci.md shows, run here as GitHub Actions and GitLab CI would run them.

The YAML blocks are read from docs/ci.md itself (what a team copies), not from a copy:
  - the GitHub workflow that uses the action (`uses: waba-preflight/waba-preflight@TAG` with its
    `with:`): the action's own steps from action.yml run with their inputs passed only through
    `env:`, the action checked out under a path holding spaces, the build step given WABA_EXE;
  - the same in plain steps (`run:` lines and the SARIF upload's `if:`);
  - the GitLab job (`before_script:` + `script:`, then its `artifacts: reports:`).
Each runs in a scratch git repository with the variables those systems set (GITHUB_ACTIONS,
GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP; GITLAB_CI, CI_PROJECT_DIR...),
under `bash -e` as the runners do. Package installation (apt-get) and the cmake build are the
only lines not run: build/waba-preflight is the binary under test. Asserted: the exit status
that decides the job, the annotations in the log, the step summary, the SARIF / JUnit / Code
Quality files left behind (valid, paths relative to the repository), and for the action the
outputs that decide the upload.
    test_docs_workflows.py WABA_EXE REPO_ROOT"""
import json, os, re, shutil, subprocess, sys, tempfile, textwrap
import xml.etree.ElementTree as ET
import yaml

exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
FORMATS = os.path.join(root, "tests", "formats")
FIXTURES = os.path.join(root, "tests", "ci", "templates")
failures = []


def check(cond, what, log=""):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
        if log:
            print(textwrap.indent(log[-1500:], "     | "))


# ---- the blocks of docs/ci.md ----------------------------------------------------------------
blocks = [yaml.safe_load(textwrap.dedent(b)) for b in re.findall(r"```yaml\n(.*?)```", open(os.path.join(root, "docs", "ci.md")).read(), re.S)]
workflow = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
plain = next(b for b in blocks if isinstance(b, list) and any(isinstance(s, dict) and "run" in s for s in b))
gitlab_job = next(v for b in blocks if isinstance(b, dict) and "jobs" not in b
                  for v in b.values() if isinstance(v, dict) and "script" in v)
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
check(bool(workflow and plain and gitlab_job), "docs/ci.md shows a GitHub workflow, plain steps and a GitLab job")


def not_run(line):
    """Lines the test does not run: installing packages and building (the binary is given)."""
    return "apt-get" in line or re.match(r"\s*cmake ", line) is not None


def scratch_repo(tmp):
    """A repository as a team has it: templates/, a folder with a space, package.json, git."""
    repo = os.path.join(tmp, "work", "shop templates")
    os.makedirs(os.path.join(repo, "templates"))
    os.makedirs(os.path.join(repo, "drafts", "whatsapp templates"))
    shutil.copy(os.path.join(FIXTURES, "bad.txt"), os.path.join(repo, "templates"))
    shutil.copy(os.path.join(FIXTURES, "clean.json"), os.path.join(repo, "templates"))
    shutil.copy(os.path.join(FIXTURES, "bad.txt"), os.path.join(repo, "drafts", "whatsapp templates", "aviso.txt"))
    with open(os.path.join(repo, "package.json"), "w") as f:
        f.write('{"name": "shop", "version": "1.0.0"}\n')
    os.makedirs(os.path.join(repo, "build"))
    os.symlink(exe, os.path.join(repo, "build", "waba-preflight"))  # what the build step makes
    # no GIT_DIR & co. from a calling hook or rebase: they would point git at another repository
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=tmp, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    for args in (["init", "-q", "."], ["add", "templates", "drafts", "package.json"], ["commit", "-q", "-m", "t"]):
        subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def bash(script, cwd, env):
    """A run: / script: line as the runners run it (bash -e, the script from a file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sh", dir=env.get("RUNNER_TEMP"), delete=False) as f:
        f.write(script + "\n")
    try:
        return subprocess.run(["bash", "--noprofile", "--norc", "-e", f.name], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(f.name)


def github_env(tmp, repo):
    runner_temp = os.path.join(tmp, "runner temp")
    os.makedirs(runner_temp, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WABA_", "GITHUB_", "CI", "GITLAB", "GIT_"))}
    env.update(GITHUB_ACTIONS="true", CI="true", GITHUB_WORKSPACE=repo, RUNNER_TEMP=runner_temp, RUNNER_OS="Linux",
               GITHUB_STEP_SUMMARY=os.path.join(runner_temp, "step_summary"),
               GITHUB_OUTPUT=os.path.join(runner_temp, "output"), GITHUB_ENV=os.path.join(runner_temp, "env"),
               GITHUB_REPOSITORY="shop/templates", GITHUB_EVENT_NAME="pull_request", LANG="C.UTF-8", HOME=tmp)
    env.pop("NO_COLOR", None)
    for k in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV"):
        open(env[k], "w").close()
    return env


def outputs(path):
    """key=value lines of a GITHUB_OUTPUT file (the last value of a key wins)."""
    out = {}
    for line in open(path).read().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


def validate(tool, *args):
    r = subprocess.run([sys.executable, os.path.join(FORMATS, tool), *args], capture_output=True, text=True)
    return r.returncode == 0, r.stdout + r.stderr


def sarif_uris(path):
    doc = json.load(open(path))
    uris = set()
    for run in doc["runs"]:
        for res in run["results"]:
            for loc in res.get("locations", []):
                al = loc["physicalLocation"]["artifactLocation"]
                uris.add((al.get("uriBaseId"), al["uri"]))
    return uris


def direct_annotations(repo, extra):
    """What one `lint --format github` run prints in the repository (to compare with the log)."""
    r = subprocess.run([exe, "lint", "--format", "github", *extra, "templates", "drafts/whatsapp templates"], cwd=repo,
                       capture_output=True, text=True, env=dict(os.environ, GITHUB_ACTIONS="true", LANG="C.UTF-8"))
    return sorted(l for l in r.stdout.splitlines() if l.startswith("::"))


# ---- 1. the workflow that uses the action --------------------------------------------------------
def run_action(with_, tmp, repo, env):
    """The composite action's steps as the runner runs them: `${{ inputs.* }}` only through
    env:, GITHUB_ACTION_PATH holding spaces; returns (lint step result, outputs, final exit)."""
    action_path = os.path.join(tmp, "_actions", "waba-preflight", "waba preflight", "v0.1.0")
    os.makedirs(os.path.join(action_path, ".ci"))
    for f in ("action.yml", "CMakeLists.txt", os.path.join(".ci", "lint-action.sh")):
        shutil.copy2(os.path.join(root, f), os.path.join(action_path, f))
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update({k: str(v) for k, v in (with_ or {}).items()})
    expr = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
    step_out = {}

    def value(e):
        m = re.fullmatch(r"inputs\.([\w-]+)", e)
        if m:
            return inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e)
        if m:
            return step_out.get(m.group(1), {}).get(m.group(2), "")
        raise AssertionError("unknown expression " + e)

    lint = final = None
    uploaded = False
    for step in action["runs"]["steps"]:
        if "uses" in step:
            if "upload-sarif" in step["uses"]:
                cond = step.get("if", "")
                cond = expr.sub(lambda m: m.group(1), cond)
                run_it = (inputs["upload-sarif"] == "true" and step_out.get("lint", {}).get("sarif-ok") == "true"
                          and "always()" in cond and "inputs.upload-sarif == 'true'" in cond
                          and "steps.lint.outputs.sarif-ok == 'true'" in cond)
                if run_it:
                    sarif = os.path.join(repo, expr.sub(lambda m: value(m.group(1)), step["with"]["sarif_file"]))
                    ok, log = validate("validate_sarif.py", sarif)
                    check(ok, "the action uploads a SARIF file GitHub accepts", log)
                    uploaded = True
            continue  # actions/cache: nothing cached here
        check("${{" not in step["run"], f"action step '{step['name']}' pastes no expression into its script")
        if "lint-action.sh\" install" in step["run"]:
            continue
        e = dict(env, GITHUB_ACTION_PATH=action_path, WABA_EXE=exe)  # build: uses the binary under test
        for k, v in (step.get("env") or {}).items():
            e[k] = expr.sub(lambda m: value(m.group(1)), str(v))
        open(e["GITHUB_OUTPUT"], "w").close()
        r = bash(step["run"], repo, e)
        if step.get("id"):
            step_out[step["id"]] = outputs(e["GITHUB_OUTPUT"])
        if step.get("id") == "lint":
            lint = r
        elif step is action["runs"]["steps"][-1]:
            final = r.returncode
        else:
            check(r.returncode == 0, f"action step '{step['name']}' runs", r.stdout + r.stderr)
    return lint, step_out.get("lint", {}), final, uploaded


with tempfile.TemporaryDirectory() as tmp:
    repo = scratch_repo(tmp)
    env = github_env(tmp, repo)
    (job,) = workflow["jobs"].values()
    action_steps = [s for s in job["steps"] if s.get("uses", "").startswith("waba-preflight/waba-preflight@")]
    check(len(action_steps) == 1 and re.search(r"@v\d+\.\d+\.\d+$", action_steps[0]["uses"]) is not None,
          "the workflow pins the action to a release tag")
    with_ = action_steps[0].get("with", {})
    check(len([p for p in with_.get("paths", "").splitlines() if " " in p]) > 0,
          "the docs' paths input has a folder with a space (one path per line)")
    lint, out, final, uploaded = run_action(with_, tmp, repo, env)
    log = lint.stdout + lint.stderr
    check(lint.returncode == 1 and out.get("exit-code") == "1", f"the action's lint step exits 1 on the bad templates (exit {lint.returncode}, output {out})", log)
    check(out.get("sarif-ok") == "true" and uploaded, "the SARIF upload step runs (sarif-ok=true)")
    check(final == 1, f"the action's last step fails the job (exit {final})")
    sarif = os.path.join(repo, "waba-preflight.sarif")
    uris = sarif_uris(sarif)
    check(("%SRCROOT%", "templates/bad.txt") in uris and any(u.startswith("drafts/whatsapp") for _, u in uris),
          f"SARIF locations relative to %SRCROOT%, both folders linted: {sorted(uris)}")
    annotations = sorted(l for l in lint.stdout.splitlines() if l.startswith("::"))
    check(any(re.match(r"::error file=templates/bad\.txt,line=6,", a) for a in annotations) and
          any("file=drafts/whatsapp templates/aviso.txt" in a for a in annotations),
          "the log holds error annotations for both folders", log)
    extra = with_.get("args", "").split()
    check(annotations == direct_annotations(repo, extra),
          f"the annotations are those of one `lint --format github {' '.join(extra)}` run (the args input reached lint)", log)
    summary = open(env["GITHUB_STEP_SUMMARY"]).read()
    check("| error |" in summary and "templates/bad.txt" in summary, "the job summary has the table of findings", summary)

    # an input that would inject shell if pasted, and a missing folder: exit 2 shows why, no upload
    repo2 = scratch_repo(os.path.join(tmp, "two"))
    env2 = github_env(os.path.join(tmp, "two"), repo2)
    lint, out, final, uploaded = run_action({"paths": "templates\nnot here; touch INJECTED $(touch INJECTED2)\n"},
                                            os.path.join(tmp, "two"), repo2, env2)
    log = lint.stdout + lint.stderr
    check(lint.returncode == 2 and out.get("sarif-ok") == "false" and not uploaded and final == 2,
          f"a missing folder: exit 2, no upload, the job fails (exit {lint.returncode}, {out})", log)
    check("could not run" in lint.stdout and "not here; touch INJECTED" in lint.stderr,
          "exit 2: the reason and an error annotation are in the log", log)
    check(not any(os.path.exists(os.path.join(repo2, n)) for n in ("INJECTED", "INJECTED2")),
          "the paths input was not run as shell")

# ---- 2. the same in plain steps ----------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    repo = scratch_repo(tmp)
    env = github_env(tmp, repo)
    ran, lint = [], None
    for step in plain:
        if "run" in step:
            if not_run(step["run"]):
                continue
            r = bash(step["run"], repo, env)
            ran.append(step["run"])
            if "waba-preflight lint" in step["run"]:
                lint = r
        elif "upload-sarif" in step.get("uses", ""):
            m = re.search(r"hashFiles\('([^']+)'\) != ''", step.get("if", ""))
            path = os.path.join(repo, m.group(1)) if m else None
            check(m is not None and "always()" in step["if"], "the upload runs after a failed lint (always()) when the file exists")
            there = bool(path) and os.path.isfile(path) and os.path.getsize(path) > 0
            check(there and path.endswith(step["with"]["sarif_file"]), "the SARIF file the upload names is there")
            if there:
                ok, vlog = validate("validate_sarif.py", path)
                check(ok, "it is a SARIF file GitHub accepts", vlog)
    check(lint is not None and lint.returncode == 1, f"the plain lint step fails the job on the bad template (exit {lint and lint.returncode})",
          lint and lint.stdout + lint.stderr)
    check(re.search(r"^::error file=templates/bad\.txt,line=6,", lint.stdout, re.M) is not None,
          "the plain step's log holds the annotation", lint.stdout)
    check("| error |" in open(env["GITHUB_STEP_SUMMARY"]).read(), "the plain step writes the job summary")

# ---- 3. the GitLab job ---------------------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    repo = scratch_repo(tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WABA_", "GITHUB_", "CI", "GITLAB", "GIT_"))}
    env.update(GITLAB_CI="true", CI="true", CI_PROJECT_DIR=repo, CI_PROJECT_PATH="shop/templates", CI_JOB_ID="1",
               CI_JOB_NAME="lint-templates", CI_COMMIT_SHA="0" * 40, CI_SERVER_URL="https://gitlab.example.com",
               CI_BUILDS_DIR=os.path.dirname(repo), LANG="C.UTF-8", HOME=tmp)
    env.pop("NO_COLOR", None)
    lines = [l for l in gitlab_job.get("before_script", []) + gitlab_job["script"] if not not_run(l)]
    check(any("waba-preflight lint" in l for l in lines), "the GitLab job runs lint")
    # the runner runs the lines in one shell and stops at the first that fails
    r = bash("\n".join(lines), repo, env)
    log = r.stdout + r.stderr
    check(r.returncode == 1, f"the job fails on the bad template (exit {r.returncode})", log)
    check(re.search(r"^templates/bad\.txt:6:1: error: .*\[template\.param\.leading_trailing\]$", r.stdout, re.M) is not None,
          "the job log shows the text report", log)
    reports = gitlab_job["artifacts"]["reports"]
    check(gitlab_job["artifacts"].get("when") == "always", "the reports are kept when the job fails (when: always)")
    cq = os.path.join(repo, reports["codequality"])
    ok, vlog = validate("validate_gitlab.py", cq)
    check(ok, "the Code Quality report is what GitLab reads", vlog)
    paths = {i["location"]["path"] for i in json.load(open(cq))}
    check("templates/bad.txt" in paths and all(not p.startswith("/") for p in paths),
          f"Code Quality paths are relative to CI_PROJECT_DIR: {sorted(paths)}")
    junit = ET.parse(os.path.join(repo, reports["junit"])).getroot()
    failed = [tc.get("name") for tc in junit.iter("testcase") if tc.find("failure") is not None]
    check(len(failed) == 1 and junit.iter("testcase") is not None,
          f"the JUnit report has the bad template as a failed test case: {failed}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")

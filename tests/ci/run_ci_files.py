#!/usr/bin/env python3
"""Run the commands of action.yml and .pre-commit-hooks.yaml the way GitHub Actions and
pre-commit would, against tests/ci/templates/, and check what a user sees: exit codes,
a valid SARIF file with the expected rule, GitHub annotations, the step output.
    run_ci_files.py WABA_EXE REPO_ROOT
The `install` step (apt-get) is not run; `build` is run with WABA_EXE set (it then uses
that binary), every other step is run as written."""
import os, re, subprocess, sys, tempfile
import yaml

exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
fixtures = os.path.join(root, "tests", "ci", "templates")
failures = []

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

# ---- action.yml -------------------------------------------------------------------
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
check(action["runs"]["using"] == "composite", "action.yml is a composite action")
steps = action["runs"]["steps"]
names = [s.get("name", "") for s in steps]
check(any("upload-sarif" in s.get("uses", "") for s in steps), "action.yml uploads SARIF (github/codeql-action/upload-sarif)")
inputs = {k: v.get("default", "") for k, v in action["inputs"].items()}

def run_step(step, paths, tmp):
    """Run one composite step's `run:` as the runner would (bash, inputs substituted)."""
    script = step["run"]
    subst = dict(inputs, paths=paths)
    script = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: subst[m.group(1)], script)
    env = dict(os.environ, GITHUB_ACTION_PATH=root, WABA_EXE=exe,
               GITHUB_OUTPUT=os.path.join(tmp, "output"), GITHUB_STEP_SUMMARY=os.path.join(tmp, "summary"))
    for k, v in (step.get("env") or {}).items():
        env[k] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: subst[m.group(1)], str(v))
    env["WABA_SARIF"] = os.path.join(tmp, "out.sarif")
    return subprocess.run(["bash", "-c", script], cwd=tmp, env=env, capture_output=True, text=True)

for label, paths, want in (("findings", fixtures, 1), ("clean", os.path.join(fixtures, "clean.json"), 0)):
    with tempfile.TemporaryDirectory() as tmp:
        code = None
        for step in steps:
            if "run" not in step or "install" in step["run"] or step["run"].startswith("exit"):
                continue
            r = run_step(step, paths, tmp)
            if step.get("id") == "lint":
                code, out = r.returncode, r.stdout
            else:
                check(r.returncode == 0, f"action step '{step['name']}' runs ({label}): {r.stderr.strip()[:200]}")
        check(code == want, f"action lint step exits {want} on the {label} templates (got {code})")
        sarif = os.path.join(tmp, "out.sarif")
        v = subprocess.run([sys.executable, os.path.join(root, "tests", "formats", "validate_sarif.py"), sarif],
                           capture_output=True, text=True)
        check(v.returncode == 0, f"the action's SARIF is valid for GitHub ({label}): {v.stdout.strip()[-300:]}")
        text = open(sarif).read()
        outputs = open(os.path.join(tmp, "output")).read() if os.path.exists(os.path.join(tmp, "output")) else ""
        check(f"exit-code={want}" in outputs, f"the action sets the exit-code output ({label})")
        if want:
            check("template.param.leading_trailing" in text, "the SARIF names the rule that failed")
            check(re.search(r"^::error file=[^,]*bad\.txt,line=6,", out, re.M) is not None,
                  "the action prints a GitHub error annotation at bad.txt line 6")
            # the final step turns the recorded exit code into the step's result
            last = steps[-1]["run"]
            check(subprocess.run(["bash", "-c", last], env=dict(os.environ, WABA_CODE=str(code))).returncode == 1,
                  "the action's last step fails the job")

# inputs reach scripts only through env:, never pasted into a run: script
check(not any("${{ inputs." in s.get("run", "") for s in steps), "no run: script pastes an input (${{ inputs.* }})")
lint_step = next(s for s in steps if s.get("id") == "lint")
check(any(s.get("uses", "").startswith("actions/cache@") for s in steps), "the build is cached (actions/cache)")

def lint_once(paths_value, tmp):
    env = dict(os.environ, GITHUB_ACTION_PATH=root, WABA_EXE=exe, WABA_PATHS=paths_value,
               WABA_SARIF=os.path.join(tmp, "out.sarif"), GITHUB_OUTPUT=os.path.join(tmp, "output"),
               GITHUB_STEP_SUMMARY=os.path.join(tmp, "summary"), GITHUB_ACTIONS="true", GITHUB_WORKSPACE=tmp)
    r = subprocess.run(["bash", "-c", lint_step["run"]], cwd=tmp, env=env, capture_output=True, text=True)
    out = open(os.path.join(tmp, "output")).read() if os.path.exists(os.path.join(tmp, "output")) else ""
    return r, out

with tempfile.TemporaryDirectory() as tmp:
    # newline-separated paths, one with a space and a shell metacharacter: no splitting, no injection
    spaced = os.path.join(tmp, "my templates; touch INJECTED")
    os.makedirs(spaced)
    import shutil
    shutil.copy(os.path.join(fixtures, "bad.txt"), spaced)
    r, out = lint_once(f"{spaced}\n{os.path.join(fixtures, 'clean.json')}\n", tmp)
    check(r.returncode == 1 and "bad.txt" in r.stdout and not os.path.exists(os.path.join(tmp, "INJECTED")),
          f"paths one per line, with spaces and ';', linted as given (exit {r.returncode}): {r.stderr[-200:]}")
    check("sarif-ok=true" in out, "a whole SARIF file is marked for upload (sarif-ok=true)")
    # exit 2: the real error shows, nothing is uploaded
    r, out = lint_once(os.path.join(tmp, "no-such-folder"), tmp)
    check(r.returncode == 2 and "no-such-folder" in r.stderr and "could not run" in r.stdout,
          f"exit 2 shows the reason and an error annotation (exit {r.returncode})")
    check("sarif-ok=false" in out and not os.path.exists(os.path.join(tmp, "out.sarif")),
          "after exit 2 no SARIF file is left and the upload is skipped (sarif-ok=false)")

# ---- .pre-commit-hooks.yaml ---------------------------------------------------------
hooks = yaml.safe_load(open(os.path.join(root, ".pre-commit-hooks.yaml")))
hook = next(h for h in hooks if h["id"] == "waba-preflight-lint")
files_re = re.compile(hook["files"])
names = sorted(f for f in os.listdir(fixtures) if files_re.search("templates/" + f))
check(not any(files_re.search(p) for p in ("package.json", "web/tsconfig.json", "templates.json")),
      "the hook's files pattern leaves JSON outside template folders alone")
check(hook.get("require_serial") is True, "the hook runs every file in one process (require_serial)")
check(names == ["bad.txt", "clean.json"], f"the hook's files pattern selects the templates ({names})")
entry = hook["entry"].split()
check(entry[0] == "waba-preflight", "the hook runs waba-preflight")
cmd = [exe] + entry[1:]
r = subprocess.run(cmd + names, cwd=fixtures, capture_output=True, text=True)
check(r.returncode == 1 and "bad.txt:6:1" in r.stdout, f"the hook fails the commit on bad.txt (exit {r.returncode})")
r = subprocess.run(cmd + ["clean.json"], cwd=fixtures, capture_output=True, text=True)
check(r.returncode == 0, f"the hook passes a clean template (exit {r.returncode})")

sys.exit(1 if failures else 0)

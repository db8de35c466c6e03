#!/usr/bin/python3
"""The pre-commit hook (.pre-commit-hooks.yaml) run by Debian's `pre-commit` against a scratch
git repository, offline: the hook repository is a local git clone made here (file://), so
nothing is fetched. Checks: a bad template fails the commit (exit 1, the rule named), a clean one
passes, package.json and other JSON outside template folders are not linted, and the cross-file
duplicate rule sees every file (require_serial).
    test_pre_commit.py WABA_EXE REPO_ROOT

Robust under load (it once failed in a full parallel run): the environment is scrubbed of
what changes git's or pre-commit's behaviour (GIT_DIR and the other GIT_* variables a
calling hook or rebase sets, SKIP, PRE_COMMIT_*, XDG_CACHE_HOME), every command has its own
generous time limit and says which one ran out instead of the whole test being killed by
ctest's default, and each pre-commit run prints how long it took, so a slow machine shows
as seconds in the log rather than as a bare failure (ci.cmake gives the test 900 s)."""
import os, shutil, subprocess, sys, tempfile, time

exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

if not shutil.which("pre-commit"):
    print("pre-commit is not installed (apt-get install pre-commit)")
    sys.exit(1)

with tempfile.TemporaryDirectory() as tmp:
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir)
    os.symlink(exe, os.path.join(bindir, "waba-preflight"))
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("SKIP", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    env = dict(base, PATH=bindir + ":" + os.environ["PATH"], PRE_COMMIT_HOME=os.path.join(tmp, "cache"),
               HOME=tmp, GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1", LANG="C.UTF-8",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    def git(*args, cwd):
        return subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env, check=True,
                              capture_output=True, text=True, timeout=120)
    # the hook repository: this project's .pre-commit-hooks.yaml in a local git repository
    hooks = os.path.join(tmp, "hooks")
    os.makedirs(hooks)
    shutil.copy(os.path.join(root, ".pre-commit-hooks.yaml"), hooks)
    git("init", "-q", ".", cwd=hooks)
    git("add", ".", cwd=hooks)
    git("commit", "-q", "-m", "hooks", cwd=hooks)
    rev = git("rev-parse", "HEAD", cwd=hooks).stdout.strip()
    # the user's repository
    work = os.path.join(tmp, "work")
    os.makedirs(os.path.join(work, "templates"))
    git("init", "-q", ".", cwd=work)
    open(os.path.join(work, ".pre-commit-config.yaml"), "w").write(
        f"repos:\n  - repo: file://{hooks}\n    rev: {rev}\n    hooks:\n      - id: waba-preflight-lint\n")
    clean = open(os.path.join(root, "tests", "ci", "templates", "clean.json")).read()
    open(os.path.join(work, "package.json"), "w").write('{"name": "shop", "version": "1.0.0", "scripts": {}}\n')
    open(os.path.join(work, "tsconfig.json"), "w").write('{"compilerOptions": {}}\n')
    open(os.path.join(work, "templates", "clean.json"), "w").write(clean)

    def pre_commit(*files):
        start = time.monotonic()
        try:
            r = subprocess.run(["pre-commit", "run", "--files", *files], cwd=work, env=env,
                               capture_output=True, text=True, timeout=240)
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            print(f"FAIL pre-commit run on {len(files)} file(s) took over 240 s; its output so far:\n{out[-2000:]}")
            sys.exit(1)
        print(f"     pre-commit run on {len(files)} file(s): exit {r.returncode} in {time.monotonic() - start:.1f} s")
        if r.returncode not in (0, 1):
            print(r.stdout[-2000:] + r.stderr[-2000:])
        return r

    r = pre_commit("package.json", "tsconfig.json", "templates/clean.json")
    check(r.returncode == 0, f"a clean template and package.json pass (exit {r.returncode}): {r.stdout[-400:]}")
    r2 = pre_commit("package.json", "tsconfig.json")
    check(r2.returncode == 0 and "no files to check" in r2.stdout.lower(),
          f"package.json and tsconfig.json are not linted (Skipped): {r2.stdout.strip()[-200:]}")

    shutil.copy(os.path.join(root, "tests", "ci", "templates", "bad.txt"), os.path.join(work, "templates", "bad.txt"))
    r = pre_commit("templates/bad.txt", "templates/clean.json", "package.json")
    check(r.returncode == 1 and "template.param.leading_trailing" in r.stdout,
          f"a bad template fails the hook, naming the rule (exit {r.returncode})")

    # cross-file rule: the same name in two files is found however pre-commit batches them
    os.remove(os.path.join(work, "templates", "bad.txt"))
    for i in range(40):
        open(os.path.join(work, "templates", f"copy{i:02d}.json"), "w").write(clean)
    files = [f"templates/copy{i:02d}.json" for i in range(40)] + ["templates/clean.json"]
    r = pre_commit(*files)
    n = r.stdout.count(".duplicate]")
    direct = subprocess.run([exe, "lint", "--no-color"] + files, cwd=work, env=env, capture_output=True, text=True,
                            timeout=240)
    check(r.returncode == 1 and n > 0 and n == direct.stdout.count(".duplicate]"),
          f"duplicates across 41 files: {n} findings through pre-commit, as many as one lint run finds")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")

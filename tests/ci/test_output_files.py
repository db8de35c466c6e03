#!/usr/bin/python3
"""--format FORMAT:FILE: reports written to files beside the one on stdout, in one run.
    test_output_files.py WABA_EXE REPO_ROOT
For lint (streamed file by file) and check (whole report), with every format: each file
is byte for byte what `--format FORMAT` prints on stdout, and passes its validator; a
failed run (exit 2) leaves no file behind; bad --format values are refused with exit 2."""
import os, subprocess, sys, tempfile

exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
formats_dir = os.path.join(root, "tests", "formats")
failures = []

def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

def run(args, cwd, **kw):
    env = dict(os.environ, LANG="C.UTF-8", NO_COLOR="1", GITHUB_STEP_SUMMARY="")
    return subprocess.run([exe] + args, cwd=cwd, env=env, capture_output=True, **kw)

validators = {
    "sarif": [sys.executable, os.path.join(formats_dir, "validate_sarif.py")],
    "gitlab": [sys.executable, os.path.join(formats_dir, "validate_gitlab.py")],
    "github": [sys.executable, os.path.join(formats_dir, "validate_github.py")],
}

with tempfile.TemporaryDirectory() as tmp:
    for f in ("order.json", "broken-application.json"):
        with open(os.path.join(formats_dir, "inputs", f), "rb") as src, open(os.path.join(tmp, f), "wb") as dst:
            dst.write(src.read())
    # lint without junit streams every report file by file; with junit (written whole) it does not
    for cmd, arg, fmts in (("lint", "order.json", ("json", "sarif", "gitlab", "text")),
                           ("lint", "order.json", ("json", "sarif", "junit", "gitlab", "text")),
                           ("check", "broken-application.json", ("json", "sarif", "junit", "gitlab", "text"))):
        files = {fmt: f"reports/{cmd}.{fmt}" for fmt in fmts}
        os.makedirs(os.path.join(tmp, "reports"), exist_ok=True)
        spec = ",".join(["github"] + [f"{fmt}:{path}" for fmt, path in files.items()])
        both = run([cmd, "--format", spec, arg], tmp)
        check(both.returncode == 1, f"{cmd} --format {spec}: exit 1 (got {both.returncode}: {both.stderr[-300:]!r})")
        alone = run([cmd, "--format", "github", arg], tmp)
        check(both.stdout == alone.stdout, f"{cmd}: stdout is the github report, as with --format github alone")
        for fmt, path in files.items():
            full = os.path.join(tmp, path)
            if not os.path.exists(full):
                check(False, f"{cmd}: {path} written")
                continue
            got = open(full, "rb").read()
            want = run([cmd, "--format", fmt, arg], tmp).stdout
            check(got == want, f"{cmd}: {path} is what --format {fmt} prints ({len(got)} bytes)")
            check(b"\x1b[" not in got, f"{cmd}: {path} has no colour codes")
            if fmt in validators:
                v = subprocess.run(validators[fmt] + [full], capture_output=True, text=True)
                check(v.returncode == 0, f"{cmd}: {path} passes {os.path.basename(validators[fmt][1])}: {v.stdout[-300:]}")
        # the global form, before the command, and a run that cannot run
        os.remove(os.path.join(tmp, files["sarif"]))
        r = run(["--format", "text,sarif:" + files["sarif"], cmd, "missing.json"], tmp)
        check(r.returncode == 2, f"{cmd} of a missing file exits 2 (got {r.returncode})")
        check(not os.path.exists(os.path.join(tmp, files["sarif"])), f"{cmd}: a run that could not run writes no SARIF file")
        check(not [n for n in os.listdir(os.path.join(tmp, "reports")) if n.startswith(".")],
              f"{cmd}: no temporary file is left behind")
    for bad, why in (("json,sarif", "only one report can go to standard output"),
                     ("sarif:", "no file after 'sarif:'"),
                     ("sarif:a,json:a", "two reports would be written to 'a'"),
                     ("nope:x", "expected one of"),
                     ("sarif:no-such-dir/x.sarif", "no-such-dir")):
        r = run(["lint", "--format", bad, "order.json"], tmp, text=True)
        check(r.returncode == 2 and why in r.stderr, f"--format {bad}: exit 2 saying {why!r} (got {r.returncode}: {r.stderr.strip()!r})")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")

#!/usr/bin/python3
"""bench/startup/run.py [--build DIR] [--runs K]: start-up of `waba-preflight` beside its floor.

Commands: `--version`, `lint` of one template file (examples/templates' first .json), and
`phone` of one number (which opens the libphonenumber plugin); the floor is /bin/true, a
process that does nothing (exec + the C library's start-up). Each is run K times
(default 30), alternating with the floor; prints the median wall and CPU (user+sys)
milliseconds, the ratio to the floor, the number of shared objects mapped, and the
instructions counted by `valgrind --tool=callgrind` (dynamic linking included) when
valgrind is installed. Prints figures; asserts nothing (speed is not a test).
Target (issue 19): a one-file lint under 10 ms.
"""
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return (time.perf_counter() - start) * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def instructions(argv):
    if not shutil.which("valgrind"):
        return "-"
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    m = re.search(r"refs:\s+([\d,]+)", out)
    return f"{int(m.group(1).replace(',', '')) / 1e6:.1f} M" if m else "?"


def mapped(argv):
    """Shared objects in the process at exit (LD_DEBUG=files counts those loaded)."""
    env = dict(os.environ, LD_DEBUG="files")
    err = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env).stderr
    return len(set(re.findall(r"file=(\S+)\s+\[0\];\s+generating link map", err)))


def main():
    args = sys.argv[1:]
    build, runs = os.path.join(ROOT, "build"), 30
    while args:
        if args[0] == "--build":
            build, args = args[1], args[2:]
        elif args[0] == "--runs":
            runs, args = int(args[1]), args[2:]
        else:
            sys.exit(__doc__)
    exe = os.path.join(build, "waba-preflight")
    tpl = sorted(glob.glob(os.path.join(ROOT, "examples", "templates", "*.json")))[0]
    cases = [("--version", [exe, "--version"]), ("lint 1 file", [exe, "lint", tpl, "--no-color"]),
             ("phone 1 number", [exe, "phone", "+55 11 3456-7890"])]
    floor = ["/bin/true"]
    print(f"waba-preflight: {os.path.realpath(exe)}; load average {os.getloadavg()[0]:.1f}; "
          f"medians of {runs} runs alternating with the floor (/bin/true)")
    print(f"{'command':<15} | {'wall ms':>8} {'floor':>6} {'x':>5} | {'cpu ms':>7} {'floor':>6} | "
          f"{'objects':>7} | {'instructions':>12}")
    for name, argv in cases:
        w, c, fw, fc = [], [], [], []
        for _ in range(runs):
            a, b = run(argv)
            w.append(a)
            c.append(b)
            a, b = run(floor)
            fw.append(a)
            fc.append(b)
        mw, mc, mfw, mfc = (statistics.median(x) for x in (w, c, fw, fc))
        print(f"{name:<15} | {mw:8.1f} {mfw:6.1f} {mw / mfw:5.1f} | {mc:7.1f} {mfc:6.1f} | "
              f"{mapped(argv):7d} | {instructions(argv):>12}")
    print(f"{'floor':<15} | {'':>8} {'':>6} {'':>5} | {'':>7} {'':>6} | {mapped(floor):7d} | "
          f"{instructions(floor):>12}")


if __name__ == "__main__":
    main()

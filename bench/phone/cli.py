#!/usr/bin/python3
"""bench/phone/cli.py [--build DIR] [--runs K] [N ...]: the whole `waba-preflight phone`
command on N numbers (default 1000 10000 100000) beside its floor, libphonenumber alone
(tests/phone_bench: read the same list and parse every number through the C shim, nothing
else), both timed as whole processes, alternately, K times (default 3); prints the median
CPU (user+sys) and wall seconds, the median of the per-pair ratios, and peak RSS.

The numbers are bench/phone/gen_numbers.py's list (seed 1) without the national-format
lines, which need a per-number region: E.164, international, 5% garbage; many repeat,
so the duplicate rule fires. They are passed as arguments (the stack limit of the child
is raised so that 100,000 fit in one exec). Prints figures; asserts nothing.
Build first: cmake --build DIR --target waba-preflight phone_bench
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def numbers(n):
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_numbers.py"), str(n * 4 // 3 + 100), "1"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    texts = [line.split("\t", 1)[1] for line in out.splitlines() if line.startswith("-\t")]
    return texts[:n]


def big_stack():
    resource.setrlimit(resource.RLIMIT_STACK, (256 << 20, resource.RLIM_INFINITY))


def run(argv):
    """Run argv once; return (cpu seconds, wall seconds, peak RSS KiB, exit status)."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=big_stack)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss, p.returncode


def main():
    args = sys.argv[1:]
    build = os.path.join(HERE, "..", "..", "build")
    runs = 3
    while args and args[0].startswith("--"):
        if args[0] == "--build":
            build, args = args[1], args[2:]
        elif args[0] == "--runs":
            runs, args = int(args[1]), args[2:]
        else:
            sys.exit(__doc__)
    sizes = [int(a) for a in args] or [1000, 10000, 100000]
    exe = os.path.join(build, "waba-preflight")
    floor = os.path.join(build, "tests", "phone_bench")
    print(f"waba-preflight: {os.path.realpath(exe)}; load average {os.getloadavg()[0]:.1f}; "
          f"medians of {runs} alternating runs; CPU = user+sys of the whole process")
    print(f"{'N':>7} | {'phone cpu':>9} {'floor cpu':>9} {'cpu x':>6} | {'phone wall':>10} {'floor wall':>10} "
          f"{'wall x':>6} | {'phone KiB':>9} {'floor KiB':>9} | exit")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            texts = numbers(n)
            listing = os.path.join(tmp, f"n{n}.tsv")
            with open(listing, "w", encoding="utf-8") as f:
                f.writelines(f"-\t{t}\n" for t in texts)
            tool_argv = [exe, "phone", "--format", "json", "--", *texts]
            floor_argv = [floor, listing]
            run(floor_argv), run(tool_argv)  # warm-up
            tool, base = [], []
            for _ in range(runs):
                tool.append(run(tool_argv))
                base.append(run(floor_argv))
            med = lambda rows, k: statistics.median(r[k] for r in rows)
            cpu_x = statistics.median(t[0] / max(b[0], 1e-3) for t, b in zip(tool, base))
            wall_x = statistics.median(t[1] / max(b[1], 1e-3) for t, b in zip(tool, base))
            print(f"{n:7d} | {med(tool, 0):9.3f} {med(base, 0):9.3f} {cpu_x:6.2f} | {med(tool, 1):10.3f} "
                  f"{med(base, 1):10.3f} {wall_x:6.2f} | {max(t[2] for t in tool):9d} {max(b[2] for b in base):9d} "
                  f"| {tool[0][3]}")


if __name__ == "__main__":
    main()

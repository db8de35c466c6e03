#!/usr/bin/python3
"""phonenumbers_bench.py FILE [--print]: parse every REGION<TAB>TEXT line with Python's
phonenumbers (Debian python3-phonenumbers) and print numbers per second, or with
--print one "E164<TAB>TYPE" line per number (the same shape as phone_bench --print)."""
import sys
import time

import phonenumbers as pn
from phonenumbers import PhoneNumberType as T

NAMES = {getattr(T, k): k.lower() for k in dir(T) if k.isupper()}


def facts(region, text):
    try:
        n = pn.parse(text, None if region == "-" else region)
    except pn.NumberParseException:
        return "-", "unknown"
    if not pn.is_valid_number(n):
        return "-", "unknown"
    return pn.format_number(n, pn.PhoneNumberFormat.E164), NAMES[pn.number_type(n)]


def main():
    lines = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8")]
    if "--print" in sys.argv:
        for region, text in lines:
            print("%s\t%s" % facts(region, text))
        return
    start, cpu_start = time.perf_counter(), time.process_time()
    valid = 0
    for region, text in lines:
        valid += facts(region, text)[0] != "-"
    secs, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print("python phonenumbers %s: %d numbers (%d valid): %.0f numbers/s CPU (%.3f s), %.0f numbers/s wall (%.3f s)"
          % (pn.__version__, len(lines), valid, len(lines) / cpu, cpu, len(lines) / secs, secs))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""gen_numbers.py N [SEED]: N phone numbers, one per line as REGION<TAB>TEXT ("-" = no region).

Deterministic for a seed. Numbers are libphonenumber's example numbers of many regions
and every type with their last digits varied, written as E.164, international or
national (with the region), plus a share of garbage and impossible numbers, so that a
benchmark exercises the same paths users do. Needs Debian's python3-phonenumbers.
"""
import random
import sys

import phonenumbers as pn
from phonenumbers import PhoneNumberFormat as F, PhoneNumberType as T

REGIONS = ["BR", "AR", "US", "MX", "CO", "CL", "PE", "UY", "ES", "PT", "GB", "DE", "FR", "IT", "IN", "JP",
           "AU", "ZA", "NG", "EG"]
TYPES = [T.FIXED_LINE, T.MOBILE, T.FIXED_LINE_OR_MOBILE, T.TOLL_FREE, T.PREMIUM_RATE, T.SHARED_COST,
         T.VOIP, T.PERSONAL_NUMBER, T.PAGER, T.UAN, T.VOICEMAIL]
GARBAGE = ["call me", "", "+", "123", "+999 1234 5678", "0" * 40, "abc-def-ghij", "+55 11 1234"]


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    examples = []
    for r in REGIONS:
        for t in TYPES:
            ex = pn.example_number_for_type(r, t)
            if ex is not None:
                examples.append((r, ex))
    out = sys.stdout
    for _ in range(n):
        if rng.random() < 0.05:
            out.write("-\t%s\n" % rng.choice(GARBAGE))
            continue
        region, ex = rng.choice(examples)
        nsn = str(ex.national_number)
        keep = max(len(nsn) - 3, 1)
        nsn = nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(len(nsn) - keep))
        num = pn.PhoneNumber(country_code=ex.country_code, national_number=int(nsn),
                             italian_leading_zero=ex.italian_leading_zero)
        style = rng.random()
        if style < 0.4:
            out.write("-\t%s\n" % pn.format_number(num, F.E164))
        elif style < 0.8:
            out.write("-\t%s\n" % pn.format_number(num, F.INTERNATIONAL))
        else:
            out.write("%s\t%s\n" % (region, pn.format_number(num, F.NATIONAL)))


if __name__ == "__main__":
    main()

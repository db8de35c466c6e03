#!/usr/bin/env python3
"""Validate the example application against the schema, and check that the schema
rejects what the parser rejects (a misspelt key, a number as business_id, a bad enum)."""
import copy
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
example = json.load(open(sys.argv[2], encoding="utf-8"))
v = jsonschema.Draft202012Validator(schema)
errors = list(v.iter_errors(example))
for e in errors:
    print(f"example: {e.json_path}: {e.message}")
bad = 0


def must_fail(label, mutate):
    global bad
    doc = copy.deepcopy(example)
    mutate(doc)
    if v.is_valid(doc):
        print(f"schema accepts {label}")
        bad += 1


must_fail("an unknown key", lambda d: d["profile"].__setitem__("emial", "x@y.z"))
must_fail("a numeric business_id", lambda d: d.__setitem__("business_id", 175601379772329))
must_fail("used_whatsapp 'maybe'", lambda d: d["numbers"][0].__setitem__("used_whatsapp", "maybe"))
must_fail("no numbers", lambda d: d.__setitem__("numbers", []))
must_fail("no contact", lambda d: d.pop("contact"))
sys.exit(1 if errors or bad else 0)

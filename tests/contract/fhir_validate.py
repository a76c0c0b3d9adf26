#!/usr/bin/env python3
"""Validates FHIR R4 resources against HL7's JSON schema (schemas/fhir-r4/fhir.schema.json).

Reads one JSON document per line on stdin and answers one line per document: "ok", or
"invalid: <what and where>". Started once per test suite by the integration tests
(tests/integration/gateway/fhir_schema.hpp), so the 3 MB schema is read once.

The schema's root is a oneOf over every resource type. Each member pins `resourceType` to one
constant, so exactly the member named by the document's resourceType can match: validating
against that member (after checking it is one of the root's) is the same check, without
python-jsonschema trying all 146 members (several seconds per document).
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "schemas", "fhir-r4", "fhir.schema.json")


def explain(validator_for, members, doc, rt, prefix):
    """What is wrong with `doc` (a resource of type `rt`), by path. A contained or bundled
    resource that fails the oneOf of every resource type is explained by its own type."""
    told = []
    for e in sorted(validator_for(rt).iter_errors(doc), key=lambda e: list(e.absolute_path)):
        path = prefix + "/".join(str(p) for p in e.absolute_path)
        inner = e.instance.get("resourceType") if isinstance(e.instance, dict) else None
        if e.validator == "oneOf" and isinstance(inner, str) and "#/definitions/" + inner in members:
            told += explain(validator_for, members, e.instance, inner, path + "/")
        else:
            told.append("%s: %s" % (path or "(root)", e.message[:300]))
    return told


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    members = {m["$ref"] for m in schema["oneOf"]}
    validators = {}

    def validator_for(resource_type):
        if resource_type not in validators:
            rooted = {k: v for k, v in schema.items() if k not in ("oneOf", "discriminator")}
            rooted["$ref"] = "#/definitions/" + resource_type
            validators[resource_type] = jsonschema.Draft6Validator(rooted)
        return validators[resource_type]

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            doc = json.loads(line)
        except ValueError as e:
            print("invalid: not JSON: %s" % e, flush=True)
            continue
        rt = doc.get("resourceType") if isinstance(doc, dict) else None
        if not isinstance(rt, str) or "#/definitions/" + rt not in members:
            print("invalid: resourceType %r is not an R4 resource" % (rt,), flush=True)
            continue
        told = explain(validator_for, members, doc, rt, "")
        print("invalid: " + " | ".join(told[:5]).replace("\n", " ") if told else "ok", flush=True)


if __name__ == "__main__":
    main()

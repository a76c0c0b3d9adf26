#!/usr/bin/python3
"""Validates FHIR R4 resources against HL7's JSON schema (schemas/fhir-r4/fhir.schema.json).

Reads one JSON document per line on stdin and answers one line per document: "ok", or
"invalid: <what and where>". Started once per test suite by the integration tests
(tests/integration/gateway/fhir_schema.hpp), so the 3 MB schema is read once. Uses Debian's
python3-jsonschema (draft-06).

The schema's root, every contained resource and every Bundle entry is a oneOf over the 146
resource types ("ResourceList"), and each member pins `resourceType` to its own constant, so
only the member the document's resourceType names can match. This oneOf checks that member
alone (and that it is one of them), which is the same verdict without validating the resource
against all 146 (several seconds per resource with python-jsonschema).
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "schemas", "fhir-r4", "fhir.schema.json")
DEFINITIONS = "#/definitions/"


def resource_one_of(validator, one_of, instance, schema):
    refs = [s.get("$ref", "") if isinstance(s, dict) else "" for s in one_of]
    rt = instance.get("resourceType") if isinstance(instance, dict) else None
    if not isinstance(rt, str) or not all(r.startswith(DEFINITIONS) and len(s) == 1
                                          for r, s in zip(refs, one_of)):
        yield from jsonschema._validators.oneOf(validator, one_of, instance, schema)
        return
    if DEFINITIONS + rt not in refs:
        yield jsonschema.ValidationError("resourceType %r is not an R4 resource" % rt)
        return
    index = refs.index(DEFINITIONS + rt)
    yield from validator.descend(instance, one_of[index], schema_path=index)


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    Validator = jsonschema.validators.extend(jsonschema.Draft6Validator,
                                             {"oneOf": resource_one_of})
    validator = Validator(schema)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            doc = json.loads(line)
        except ValueError as e:
            print("invalid: not JSON: %s" % e, flush=True)
            continue
        if not isinstance(doc, dict) or "resourceType" not in doc:
            print("invalid: not a resource (no resourceType)", flush=True)
            continue
        told = []
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))[:5]:
            path = "/".join(str(p) for p in e.absolute_path)
            told.append("%s: %s" % (path or "(root)", e.message[:300].replace("\n", " ")))
        print("invalid: " + " | ".join(told) if told else "ok", flush=True)


if __name__ == "__main__":
    main()

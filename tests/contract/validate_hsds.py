#!/usr/bin/env python3
"""Validate Enlace's HSDS output against the HSDS 3.0 compiled schemas (JSON Schema 2020-12).

usage: validate_hsds.py KIND FILE
  KIND: service | organization            one fully nested object
        service_page | organization_page  an HSDS Page whose contents are list-form objects
        export                            a JSON array of fully nested services
Exit 0 when valid; 1 with every error printed (path: message) otherwise.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

HERE = os.path.dirname(os.path.abspath(__file__))
COMPILED = os.path.join(HERE, "schemas", "hsds-3.0", "compiled")
OPENAPI = os.path.join(HERE, "schemas", "hsds-3.0", "openapi.json")


def schema(name):
    with open(os.path.join(COMPILED, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def page_schema(item):
    with open(OPENAPI, encoding="utf-8") as f:
        page = json.load(f)["components"]["schemas"]["Page"]
    # The Page envelope, with every member present as the reference describes them.
    return {
        "allOf": [page],
        "type": "object",
        "required": list(page["properties"].keys()) + ["contents"],
        "properties": {"contents": {"type": "array", "items": schema(item)}},
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    target = {
        "service": lambda: schema("service"),
        "organization": lambda: schema("organization"),
        "service_page": lambda: page_schema("service_list"),
        "organization_page": lambda: page_schema("organization_list"),
        "export": lambda: {"type": "array", "items": schema("service")},
    }[kind]()
    errors = sorted(Draft202012Validator(target).iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:50]:
        print("/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300])
    if errors:
        print(f"{len(errors)} error(s) against HSDS 3.0 ({kind})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

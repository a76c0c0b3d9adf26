#!/usr/bin/env python3
"""Writes a copy of an OpenAPI document whose external $refs (the official HSDS 3.0 schemas)
are replaced by a plain object schema naming the address, for `redocly lint`.

Why: lint is for Enlace's own document. The HSDS schemas are published as they are (they carry
Data Package keywords such as `name`, `constraints` and `tabular_required` that redocly's
`struct` rule reports by the thousand); the integration suites validate every /hsds reply
against them (tests/support/openapi_validate.py). usage: stub_external_refs.py IN OUT
"""
import json
import sys


def stub(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            del node["$ref"]
            node["type"] = "object"
            node["description"] = f"As the official schema at {ref}"
        for value in node.values():
            stub(value)
    elif isinstance(node, list):
        for value in node:
            stub(value)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    stub(doc)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks HTTP replies against Enlace's OpenAPI 3.1 document, for the integration suites.

One long-lived process per test binary (tests/support/openapi_check.cpp). Each stdin line is a
JSON object; each gets one stdout line back:
  {"document": {...}}                            -> "ok" (the document for the replies after it)
  {"method","target","status","content_type","body"} -> "ok" or what does not conform
The operation is found as the server's router finds it (literal segments win over {params});
the reply is checked against that operation's response for its status (exact, then 4XX/5XX,
then default): the media type must be declared, a JSON body must validate against the schema
(JSON Schema draft 2020-12, python3-jsonschema). Replies for paths the document does not know
(404, 405 on API paths) must be problem+json against components.schemas.Problem. Files the
server holds for the web UI (not under /api/) are not the API and are not checked.
Schemas that live in other documents (HSDS, FHIR) resolve from local copies: each argument is
ADDRESS=FOLDER (a file FOLDER/x/y.json answers for ADDRESS + "x/y.json") or a FOLDER whose
files answer for their own $id.
"""
import json
import os
import sys

import jsonschema
from jsonschema import Draft202012Validator

DOC_URI = "urn:enlace:openapi"

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def make_store(doc, extra):
        resources = [(DOC_URI, Resource(contents=doc, specification=DRAFT202012))]
        for uri, schema in extra.items():
            resources.append((uri, Resource.from_contents(schema, default_specification=DRAFT202012)))
        return Registry().with_resources(resources)

    def validator_for(store, pointer):
        return Draft202012Validator({"$ref": DOC_URI + "#" + pointer}, registry=store)
except ImportError:  # Debian 12's 4.10
    def make_store(doc, extra):
        store = dict(extra)
        store[DOC_URI] = doc
        return store

    def validator_for(store, pointer):
        resolver = jsonschema.RefResolver(DOC_URI, store[DOC_URI], store=store)
        return Draft202012Validator({"$ref": DOC_URI + "#" + pointer}, resolver=resolver)


def load_external(args):
    found = {}
    for arg in args:
        prefix, _, folder = arg.rpartition("=")
        for root, _, files in os.walk(folder):
            for name in files:
                if not name.endswith(".json"):
                    continue
                try:
                    with open(os.path.join(root, name), encoding="utf-8") as f:
                        schema = json.load(f)
                except (OSError, ValueError):
                    continue
                if not isinstance(schema, dict):
                    continue
                if prefix:
                    rel = os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/")
                    found[prefix + rel] = schema
                if isinstance(schema.get("$id"), str):
                    found[schema["$id"]] = schema
    return found


def escape(token):
    return token.replace("~", "~0").replace("/", "~1")


class Checker:
    def __init__(self, external):
        self.external = external
        self.doc = None

    def load(self, doc):
        self.doc = doc
        self.store = make_store(doc, self.external)
        self.validators = {}
        self.templates = []
        for template in doc.get("paths", {}):
            parts = template.strip("/").split("/") if template != "/" else []
            self.templates.append((template, parts))

    def find_path(self, path):
        if path in self.doc.get("paths", {}):
            return path  # also "/hsds/", whose trailing slash is part of the route
        parts = path.strip("/").split("/") if path not in ("", "/") else []
        if path.endswith("/") and path != "/":
            return None
        best, best_literals = None, -1
        for template, tparts in self.templates:
            if len(tparts) != len(parts):
                continue
            literals, same = 0, True
            for t, p in zip(tparts, parts):
                if not p:
                    same = False
                elif t.startswith("{") and t.endswith("}"):
                    continue
                elif t == p:
                    literals += 1
                else:
                    same = False
                if not same:
                    break
            if same and literals > best_literals:
                best, best_literals = template, literals
        return best

    def resolve(self, obj):
        while isinstance(obj, dict) and "$ref" in obj:
            node = self.doc
            for token in obj["$ref"].lstrip("#/").split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
            obj = node
        return obj

    def validate(self, pointer, value):
        v = self.validators.get(pointer)
        if v is None:
            v = self.validators[pointer] = validator_for(self.store, pointer)
        error = jsonschema.exceptions.best_match(v.iter_errors(value))
        if error is None:
            return None
        where = "$" + "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in error.absolute_path)
        return f"{where}: {error.message[:400]}"

    def check(self, r):
        if self.doc is None:
            return "no OpenAPI document loaded"
        method = r["method"].lower()
        path = r["target"].split("?", 1)[0]
        status = int(r["status"])
        media = r.get("content_type", "").split(";", 1)[0].strip().lower()
        body = r.get("body", "")
        template = self.find_path(path)
        op = self.doc["paths"][template].get(method) if template else None
        if op is None or method == "head":
            if method == "head" and op is None and template:
                op = self.doc["paths"][template].get("get")
            if op is None:
                if not path.startswith("/api/") and media not in ("application/json", "application/problem+json"):
                    return None  # the web UI's files
                if status < 400:
                    return f"{status} for {r['method']} {path}, an operation the document does not describe"
                if media != "application/problem+json":
                    return f"{status} for an undescribed path as {media or 'no content type'}, not application/problem+json"
                return self.check_json("/components/schemas/Problem", body)
        responses = op.get("responses", {})
        key = next((k for k in (str(status), f"{status // 100}XX", "default") if k in responses), None)
        if key is None:
            return f"status {status} is not declared for {r['method']} {template}"
        response = self.resolve(responses[key])
        content = response.get("content")
        if not content:
            if body and method != "head":
                return f"status {status} declares no body but the reply has {len(body)} bytes ({media})"
            return None
        if method == "head" or (not body and status == 304):
            return None
        if media not in content:
            return f"content type {media or '(none)'} is not declared for {status} (declared: {', '.join(content)})"
        if "schema" not in content[media] or not (media.endswith("json")):
            return None
        resolved_key = responses[key].get("$ref", "").lstrip("#") if "$ref" in responses[key] else \
            f"/paths/{escape(template)}/{method}/responses/{escape(key)}"
        pointer = f"{resolved_key}/content/{escape(media)}/schema"
        return self.check_json(pointer, body)

    def check_json(self, pointer, body):
        try:
            value = json.loads(body)
        except ValueError as e:
            return f"the body is not JSON: {e}"
        return self.validate(pointer, value)


def main():
    checker = Checker(load_external(sys.argv[1:]))
    stdin = sys.stdin.buffer
    for raw in stdin:
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        try:
            message = json.loads(line)
            if "document" in message:
                checker.load(message["document"])
                answer = None
            else:
                answer = checker.check(message)
        except Exception as e:  # a bug here must show, not pass
            answer = f"validator error: {type(e).__name__}: {e}"
        sys.stdout.write((answer or "ok").replace("\n", " ") + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

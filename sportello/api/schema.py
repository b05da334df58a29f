"""How the OpenAPI document describes our authentication."""

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "sportello.api.authentication.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": (
            "An integration token (made by a supervisor in the console) or a personal token (made on one's own "
            "profile page): `Authorization: Bearer spt_…`.")}


PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details. `detail` is in the language of Accept-Language (Italian by default).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": ["string", "null"]}, "message": {"type": "string"}}}},
    },
    "required": ["type", "title", "status", "detail"],
}

ANSWERS = {
    "400": "The request is not valid: `errors` lists each field.",
    "401": "No token, or a token that is not valid or revoked.",
    "403": "The token lacks the scope, or the person the right, for this.",
    "404": "Nothing visible to this caller at this address.",
    "409": "The ticket's state or the company's balance refuses it (closed ticket, no units left, taken...).",
    "422": "An Idempotency-Key reused with a different request.",
    "429": "Too many requests for this token: wait for Retry-After seconds.",
}


def _link(responses, status, operations, parameter, pointer):
    """OpenAPI links: where an answer's value (a ticket's code, a row's id) can be used next."""
    content = responses.get(status)
    if content is None:
        return
    links = content.setdefault("links", {})
    for operation_id in operations:
        links[operation_id] = {"operationId": operation_id, "parameters": {parameter: f"$response.body#{pointer}"}}


def _add_links(paths):
    by_collection = {}   # "/api/v1/tickets/" -> operation ids that take its {code} or {id}
    for path, operations in paths.items():
        match = re.match(r"^(/api/v1/[a-z-]+/)\{(code|id)\}/", path)
        if match:
            by_collection.setdefault((match.group(1), match.group(2)),
                                     []).extend(op["operationId"] for op in operations.values())
    for (collection, parameter), targets in by_collection.items():
        listing = paths.get(collection, {})
        if "get" in listing:
            _link(listing["get"]["responses"], "200", targets, parameter, f"/results/0/{parameter}")
        if "post" in listing:
            _link(listing["post"]["responses"], "201", targets, parameter, f"/{parameter}")
    requests = paths.get("/api/v1/tickets/{code}/file-requests/", {})
    targets = by_collection.get(("/api/v1/file-requests/", "id"), [])
    if "get" in requests:
        _link(requests["get"]["responses"], "200", targets, "id", "/results/0/id")
    if "post" in requests:
        _link(requests["post"]["responses"], "201", targets, "id", "/id")


def problem_responses(result, generator, request, public):
    """Every operation may answer with problem details, and links say which value of an
    answer the next call takes: say both in the document."""
    _add_links(result.get("paths", {}))
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if path.endswith(("/schema/", "/docs/")):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ANSWERS.items():
                responses.setdefault(code, {"description": description, "content": reference})
            if method == "get":   # reads create nothing, so no Idempotency-Key to misuse
                responses.pop("422", None)
    return result

"""The OpenAPI schema documents the error answers of every operation.

Schema-driven clients and testers (schemathesis) then expect the error shape instead of treating
each 4xx as undocumented. Which statuses apply is read from the operation itself: 401 where it
needs a token, 400/413/415 where it reads a body, 404 where a path names something, 422 where it
takes input. A 409 belongs to the few operations that can conflict: they declare it themselves
with `response={200: …, 409: ErrorOut}`.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from reclamo.api.errors import ErrorOut

_REF = "#/components/schemas/{model}"
_DESCRIPTIONS = {
    "400": "The request cannot be read (for example, the body is not valid JSON).",
    "401": "No valid integration token (Authorization: Bearer TOKEN).",
    "404": "The provider or case named in the path does not exist.",
    "413": "The request body is too large.",
    "415": "The body is not sent as Content-Type: application/json.",
    "422": "The input is not accepted; `code` and `field` say why and where.",
}
_METHODS = {"get", "put", "post", "delete", "patch"}


def _statuses(operation: dict[str, Any], path: str) -> list[str]:
    statuses = []
    if "requestBody" in operation:
        statuses += ["400", "413", "415"]
    if operation.get("security"):
        statuses.append("401")
    if "{" in path:
        statuses.append("404")
    if "requestBody" in operation or operation.get("parameters"):
        statuses.append("422")
    return statuses


def document_errors(schema: OpenAPISchema) -> OpenAPISchema:
    definitions = ErrorOut.model_json_schema(ref_template=_REF)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in definitions.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault("ErrorOut", definitions)
    error_content = {"application/json": {"schema": {"$ref": _REF.format(model="ErrorOut")}}}
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in _statuses(operation, path):
                if status not in responses and int(status) not in responses:
                    responses[status] = {
                        "description": _DESCRIPTIONS[status],
                        "content": error_content,
                    }
    return schema


class ReclamoAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema)

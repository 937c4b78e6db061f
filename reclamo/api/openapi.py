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
from pydantic import BaseModel

from reclamo.api.errors import ErrorOut

_REF = "#/components/schemas/{model}"
_DESCRIPTIONS = {
    "400": "The request cannot be read (for example, the body is not valid JSON).",
    "401": "No valid integration token (Authorization: Bearer TOKEN).",
    "404": "The provider or case named in the path does not exist.",
    "413": "The request body is too large.",
    "415": "The body is not sent as Content-Type: application/json.",
    "422": "The input is not accepted; `code` and `field` say why and where.",
    "409": "The request conflicts with an earlier one; `code` says how.",
}
_METHODS = {"get", "put", "post", "delete", "patch"}
# Bodies of operations that read their JSON themselves (to store it before parsing it).
_BODY_MODELS: dict[str, type[BaseModel]] = {}


def json_request_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` documenting ``model`` as the JSON body of an operation that parses its
    body itself; the model lands in the schema's components like any other."""
    _BODY_MODELS[model.__name__] = model
    schema = {"$ref": _REF.format(model=model.__name__)}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _add_component(components: dict[str, Any], model: type[BaseModel]) -> None:
    definition = model.model_json_schema(ref_template=_REF)
    for name, nested in definition.pop("$defs", {}).items():
        components.setdefault(name, nested)
    components.setdefault(model.__name__, definition)


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
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    models: list[type[BaseModel]] = [ErrorOut, *_BODY_MODELS.values()]
    for model in models:
        _add_component(components, model)
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

"""schemathesis against the app's own OpenAPI document, over a real uvicorn server: no 500, no
answer that breaks its declared schema, no status code the document does not declare.

Write operations (they need the token and change the store) are left out; every GET is tested
with a modest number of examples, as the suite runs on two cores.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from api.app import create_app
from api.settings import Settings

# The document is the app's own; its answers come from the live server over HTTP.
schema = schemathesis.openapi.from_dict(create_app(Settings(store="oxigraph:")).openapi()).include(
    method="GET"
)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_get_operations_keep_their_contract(case, live_server) -> None:
    case.call_and_validate(base_url=live_server.url, timeout=60)


#: The REST routes of issue 4, whose documentation this module checks field by field.
REST = (
    "/claims",
    "/commitments",
    "/demands",
    "/red-lines",
    "/consensus",
    "/actors",
    "/meetings",
    "/topics",
    "/bundles",
    "/documents",
    "/timeline",
    "/search",
    "/id/",
    "/ledger",
)
#: FastAPI's own error models, documented by FastAPI.
FASTAPI_MODELS = {"HTTPValidationError", "ValidationError"}


def _ref(prop: dict) -> str | None:
    """The model a property points to (directly, as list items, or as one of several)."""
    for candidate in (
        prop,
        prop.get("items", {}),
        prop.get("additionalProperties", {}),
        prop.get("additionalProperties", {}).get("items", {}),
        *prop.get("anyOf", []),
    ):
        if "$ref" in candidate:
            return str(candidate["$ref"]).rsplit("/", 1)[1]
    return None


def test_every_route_parameter_and_field_is_documented_with_an_example() -> None:
    document = create_app(Settings(store="oxigraph:")).openapi()
    models = document["components"]["schemas"]
    missing: list[str] = []
    reached: set[str] = set()

    def visit(name: str) -> None:
        if name in reached or name in FASTAPI_MODELS:
            return
        reached.add(name)
        assert models[name].get("description"), f"model {name} has no description"
        for field, prop in models[name].get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{name}.{field}: description")
            target = _ref(prop)
            if target:
                visit(target)
            elif "examples" not in prop:
                missing.append(f"{name}.{field}: example")

    operations = [(p, item["get"]) for p, item in document["paths"].items() if p.startswith(REST)]
    assert len(operations) >= 20
    for path, operation in operations:
        if not (operation.get("summary") and operation.get("description")):
            missing.append(f"{path}: summary and description")
        for param in operation.get("parameters", []):
            example = param.get("examples") or param.get("schema", {}).get("examples")
            if not param.get("description") or not example:
                missing.append(f"{path} ?{param['name']}")
        if "404" not in operation["responses"] and "{" in path:
            missing.append(f"{path}: 404 not declared")
        for response in operation["responses"].values():
            for content in response.get("content", {}).values():
                target = _ref(content.get("schema", {}))
                if target:
                    visit(target)
    assert not missing, missing
    assert {
        "Claim",
        "ClaimDetail",
        "Actor",
        "MeetingDetail",
        "MeetingSides",
        "TopicDetail",
        "BundleDetail",
        "DocumentDetail",
        "TimelineEntry",
        "SearchHit",
    } <= reached

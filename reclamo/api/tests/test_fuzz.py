"""No input gets a server error: schemathesis over the OpenAPI schema, and instants of every year.

The schema-driven run sends what the schema allows and what it forbids (wrong types, missing
fields, odd strings) to every operation; half the cases carry a real provider and a realistic
instant of receipt so that they get past validation into the deadline engine. The property test
posts instants from year 1 to 9999 with any offset, and dates, to the deadline preview. Every
answer must be a 2xx, or a 4xx with the one error shape — never a 5xx.

Figures: `uv run pytest -s -p no:cacheprovider reclamo/api/tests/test_fuzz.py` prints how many
requests each test sent and how many 5xx it saw.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from reclamo.api.v1 import api

SLUGS = ("pronet", "unitel", "petrocomp")
PREVIEW = "/api/v1/providers/{slug}/deadline-preview"

offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
realistic_instants = st.datetimes(
    min_value=datetime(2015, 1, 1),  # noqa: DTZ001 (the zone is added by `timezones`)
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=offsets,
).map(lambda instant: instant.isoformat())
any_instants = st.datetimes(timezones=offsets).map(lambda instant: instant.isoformat())
any_dates = st.dates().map(date.isoformat)

tally: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    for name in sorted({key.split(":")[0] for key in tally}):
        print(f"\n{name}: {tally[name + ':requests']} requests, {tally[name + ':5xx']} 5xx")


def _count(name: str, status: int) -> None:
    tally[f"{name}:requests"] += 1
    if status >= 500:
        tally[f"{name}:5xx"] += 1


def _api_schema() -> Any:
    # Built from the API object rather than through `schemathesis.pytest.from_fixture`, whose lazy
    # loader reads a pytest attribute that pytest 9 removed.
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
    loaded.app = get_wsgi_application()
    return loaded


schema = _api_schema()


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    """Half the cases name a real provider, so they reach the policy and the deadline engine."""
    if "slug" not in (path_parameters or {}):
        return st.just(path_parameters)
    return st.one_of(
        st.just(path_parameters),
        st.sampled_from(SLUGS).map(lambda slug: {**path_parameters, "slug": slug}),
    )


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    """Half the bodies carry a realistic instant of receipt (2015–2035, any offset)."""
    if not isinstance(body, dict) or "received_at" not in body:
        return st.just(body)
    return st.one_of(
        st.just(body), realistic_instants.map(lambda instant: {**body, "received_at": instant})
    )


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_server_error(bundled_providers: Any, case: Any) -> None:
    response = case.call()
    _count("schemathesis", response.status_code)
    # A 4xx must also match the documented error shape (ErrorOut in the schema). The 200 answers
    # are left to their own tests: until no_policy_in_force lands, a case received in the year
    # 280 is answered in the zone's local mean time (+01:44:24), which is no RFC 3339 offset.
    checks: list[Any] = [not_a_server_error]
    if response.status_code >= 400:
        checks.append(response_schema_conformance)
    case.validate_response(response, checks=checks)


def _assert_answer(response: Any) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) >= {"code", "message", "field"}
        assert error["code"] and error["message"]


@pytest.mark.rule("T-6")
@given(
    slug=st.sampled_from(SLUGS),
    received_at=any_instants,
    fault_started_at=st.one_of(st.none(), any_instants),
    defect_discovered_at=st.one_of(st.none(), any_dates, any_instants),
    invoice_delivered_at=st.one_of(st.none(), any_dates),
    kind=st.sampled_from(["complaint", "fault_report", "request", "discount_claim"]),
    channel=st.sampled_from(["web", "email", "phone", "letter", "api"]),
)
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
def test_instants_of_every_year_never_answer_a_5xx(
    bundled_providers: Any, slug: str, **fields: str | None
) -> None:
    body = {name: value for name, value in fields.items() if value is not None}
    response = Client(raise_request_exception=False).post(
        PREVIEW.format(slug=slug), json.dumps(body), content_type="application/json"
    )
    _count("instants of every year", response.status_code)
    _assert_answer(response)


@pytest.mark.rule("T-6")
@given(slug=st.sampled_from(SLUGS), received_at=realistic_instants)
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_realistic_instants_get_an_answer(
    bundled_providers: Any, slug: str, received_at: str
) -> None:
    response = Client(raise_request_exception=False).post(
        PREVIEW.format(slug=slug),
        json.dumps({"kind": "complaint", "channel": "letter", "received_at": received_at}),
        content_type="application/json",
    )
    _count("realistic instants", response.status_code)
    _assert_answer(response)

"""No input gets a server error: schemathesis over the OpenAPI schema, and instants of every year.

The schema-driven run sends what the schema allows and what it forbids (wrong types, missing
fields, odd strings) to every operation; half the cases carry a real provider and a realistic
instant of receipt so that they get past validation into the deadline engine, and every case
carries a valid integration token of pronet so that the register's operations reach their logic
(registering, replaying an Idempotency-Key, reading the register). The property test
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
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from reclamo.api.v1 import api
from reclamo.providers.services import integration_token_issue

SLUGS = ("pronet", "unitel", "petrocomp")


@schemathesis.serializer("message/rfc822")
def _raw_email(ctx: Any, value: Any) -> bytes:
    """The inbound-email body: whatever bytes the schema's binary string generates."""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


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
        if tally[name + ":requests"] < 10:  # the methods an operation does not answer
            continue
        print(
            f"\n{name}: {tally[name + ':requests']} requests, {tally[name + ':2xx']} 2xx, "
            f"{tally[name + ':5xx']} 5xx"
        )


@pytest.fixture(autouse=True)
def _keep_the_tests_connection() -> Iterator[None]:
    """schemathesis calls the WSGI application itself, whose request signals close the
    database connection — on PostgreSQL, the one holding the test's transaction. Django's test
    client disconnects them the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _count(name: str, status: int) -> None:
    tally[f"{name}:requests"] += 1
    if 200 <= status < 300:
        tally[f"{name}:2xx"] += 1
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
    """Half the cases name a real provider, so they reach the policy and the deadline engine;
    half the case operations name a case registered for the example (``REAL_CASE``), so they
    reach the case's logic (extension, decision, statement) instead of a 404."""
    if "number" in (path_parameters or {}):
        return st.one_of(
            st.just(path_parameters), st.just({**path_parameters, "number": REAL_CASE})
        )
    if "slug" not in (path_parameters or {}):
        return st.just(path_parameters)
    # pronet twice as often: the fuzz token is pronet's, so its register answers beyond a 404.
    return st.one_of(
        st.just(path_parameters),
        st.sampled_from(("pronet", *SLUGS)).map(lambda slug: {**path_parameters, "slug": slug}),
    )


# Stands for a case registered for the example (the test swaps in its number).
REAL_CASE = "registered-for-this-example"


def _registered_case(token: str) -> str:
    body = {
        **REGISTRABLE,
        "category": "quality",
        "received_at": "2026-11-20T10:00:00+02:00",
        "customer": {"name": "Ana Popescu", "email": "ana@example.ro", "language": "ro"},
        "subject": "Internetul cade seara",
        "body": "Conexiunea se întrerupe după ora 20.",
    }
    response = Client(headers={"Authorization": f"Bearer {token}"}).post(
        "/api/v1/providers/pronet/complaints", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return str(response.json()["number"])


# The facts every procedure accepts, so that a registration gets as far as the register.
REGISTRABLE = {"kind": "complaint", "channel": "web", "customer": {"name": "Ana Popescu"}}


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    """Half the bodies carry a realistic instant of receipt (2015–2035, any offset); a third of
    the registrations also carry facts every procedure accepts."""
    if not isinstance(body, dict) or "received_at" not in body:
        return st.just(body)
    realistic = realistic_instants.map(lambda instant: {**body, "received_at": instant})
    if "customer" not in body:
        return st.one_of(st.just(body), realistic)
    return st.one_of(
        st.just(body),
        realistic,
        realistic.map(lambda realistic_body: {**realistic_body, **REGISTRABLE}),
    )


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_server_error(bundled_providers: Any, case: Any) -> None:
    token = integration_token_issue(provider=bundled_providers["pronet"])
    if (case.path_parameters or {}).get("number") == REAL_CASE:
        case.path_parameters["number"] = _registered_case(token)
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    _count("schemathesis", response.status_code)
    _count(f"schemathesis {case.method} {case.path}", response.status_code)
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


REGISTER = "/api/v1/providers/pronet/complaints"
any_text = st.text(max_size=40)  # any code point, NUL and lone surrogates included
# pronet's procedure is in force from 2026: receipts it governs.
registrable_instants = st.datetimes(
    min_value=datetime(2026, 1, 2),  # noqa: DTZ001 (the zone is added by `timezones`)
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=offsets,
).map(lambda instant: instant.isoformat())
customers = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=40)},
    optional={
        "email": st.one_of(st.just("ana@example.ro"), any_text),
        "phone": any_text,
        "reference": any_text,
        "language": st.sampled_from(["ro", "en", "hu", "sk", "de"]),
    },
)
# Mostly registrable facts (so most cases reach the register), with anything mixed in.
registrations = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["complaint", "complaint", "request", "fault_report", "x"]),
        "channel": st.sampled_from(["web", "api", "web", "api", "email", "phone", "letter"]),
        "received_at": st.one_of(
            registrable_instants, registrable_instants, registrable_instants, any_instants, any_text
        ),
        "customer": st.one_of(customers, customers, customers, st.none(), any_text),
    },
    optional={
        "subject": any_text,
        "body": any_text,
        "category": st.sampled_from(["quality", "billing", "other", "equipment", "x"]),
        "department": st.one_of(st.just("customer-care"), any_text),
        "fault_started_at": st.one_of(realistic_instants, any_text),
        "defect_discovered_at": st.one_of(any_dates, realistic_instants),
        "extra": st.one_of(st.floats(), st.integers(), any_text),
    },
)


@given(body=registrations, key=st.one_of(st.none(), st.sampled_from(["a", "b", "c", "\x7f"])))
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_registrations_of_any_shape_never_answer_a_5xx(
    bundled_providers: Any, body: dict[str, Any], key: str | None
) -> None:
    """Registering with a valid token: any body, the same few Idempotency-Keys again and again
    (replays and reused keys), every answer kept on its intake record."""
    token = integration_token_issue(provider=bundled_providers["pronet"])
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    response = Client(raise_request_exception=False).post(
        REGISTER, json.dumps(body), content_type="application/json", headers=headers
    )
    _count("registrations of any shape", response.status_code)
    _assert_answer(response)

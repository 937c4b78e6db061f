"""Case handling in the console: roles, the queue, the case page's actions; another provider's
case is a 404 on every staff URL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reclamo.accounts.models import User
from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.casework.models import DepartmentMembership
from reclamo.console.tests.conftest import case_register

RECEIVED = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
ACTIONS = (
    "note",
    "reply",
    "extension",
    "decision",
    "complexity",
    "route",
    "investigation",
    "visit",
)


@pytest.fixture
def case(pronet):  # type: ignore[no-untyped-def]
    return case_register(pronet, received_at=RECEIVED, category="billing")


def _role(provider, role, *departments):  # type: ignore[no-untyped-def]
    user: User = ProviderStaffFactory(provider=provider, role=role)  # type: ignore[assignment]
    for department in departments:
        DepartmentMembership.objects.create(user=user, department=department)
    return user


def _staff_urls(slug: str, number: str) -> list[tuple[str, str]]:
    return [
        ("get", reverse("console:register", args=[slug])),
        ("get", reverse("console:export", args=[slug])),
        ("get", reverse("console:case", args=[slug, number])),
        ("get", reverse("console:desk", args=[slug])),
        ("get", reverse("console:queue", args=[slug, "payments"])),
        ("get", reverse("console:statement", args=[slug, number])),
        ("post", reverse("console:take", args=[slug, number])),
        *[("post", reverse("console:case_action", args=[slug, number, a])) for a in ACTIONS],
    ]


def test_every_staff_url_of_another_provider_is_a_404(client, case, bundled_providers) -> None:
    for role in (User.Role.STAFF, User.Role.PROVIDER_ADMIN, User.Role.AUDITOR):
        client.force_login(_role(bundled_providers["unitel"], role))
        for method, url in [
            *_staff_urls("pronet", case.number),
            *[(m, u) for m, u in _staff_urls("unitel", case.number) if case.number in u],
        ]:
            assert getattr(client, method)(url).status_code == 404, (role, url)


@time_machine.travel(NOW, tick=False)
def test_an_auditor_reads_but_changes_nothing(client, case, pronet) -> None:
    client.force_login(_role(pronet, User.Role.AUDITOR))
    assert client.get(reverse("console:case", args=["pronet", case.number])).status_code == 200
    for action in ACTIONS:
        url = reverse("console:case_action", args=["pronet", case.number, action])
        assert client.post(url, {"text": "x"}).status_code == 403, action
    assert client.get(reverse("console:desk", args=["pronet"])).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_a_desk_operator_notes_but_never_decides(client, case, pronet) -> None:
    client.force_login(_role(pronet, User.Role.DESK_OPERATOR))
    note = reverse("console:case_action", args=["pronet", case.number, "note"])
    assert client.post(note, {"text": "Called back"}).status_code == 302
    decide = reverse("console:case_action", args=["pronet", case.number, "decision"])
    assert client.post(decide, {"outcome": "upheld"}).status_code == 403
    assert client.get(reverse("console:desk", args=["pronet"])).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_department_agent_works_only_their_departments(client, case, pronet) -> None:
    assert case.department == "payments"
    client.force_login(_role(pronet, User.Role.DEPARTMENT_AGENT, "technical"))
    decide = reverse("console:case_action", args=["pronet", case.number, "decision"])
    assert client.post(decide, {"outcome": "upheld"}).status_code == 403
    client.force_login(_role(pronet, User.Role.DEPARTMENT_AGENT, "technical", "payments"))
    response = client.post(decide, {"outcome": "upheld", "reasons": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "resolved"


@time_machine.travel(NOW, tick=False)
def test_the_case_page_shows_timeline_timers_and_forms(staff_client, case) -> None:
    url = reverse("console:case", args=["pronet", case.number])
    staff_client.post(
        reverse("console:case_action", args=["pronet", case.number, "note"]), {"text": "Checked"}
    )
    page = staff_client.get(url).content.decode()
    assert "Checked" in page and "Scheduled by the worker" in page
    assert "Decide and send the written statement" in page


@time_machine.travel(NOW, tick=False)
def test_the_queue_is_fifo_with_a_constant_query_count(client, pronet) -> None:
    client.force_login(_role(pronet, User.Role.STAFF))
    url = reverse("console:queue", args=["pronet", "payments"])
    case_register(pronet, received_at=RECEIVED, category="billing")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for minute in range(1, 8):
        case_register(pronet, received_at=RECEIVED.replace(minute=minute), category="billing")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    page = response.content.decode()
    numbers = [line for line in page.split() if "PN" in line or "/" in line]
    assert response.status_code == 200 and numbers


@time_machine.travel(NOW, tick=False)
def test_taking_a_case_twice_tells_the_loser(client, case, pronet) -> None:
    take = reverse("console:take", args=["pronet", case.number])
    client.force_login(_role(pronet, User.Role.STAFF))
    client.post(take)
    client.force_login(_role(pronet, User.Role.STAFF))
    page = client.post(take, follow=True).content.decode()
    assert "Someone else took case" in page


@pytest.mark.rule("UN-2")
@time_machine.travel(NOW, tick=False)
def test_UN_2_the_case_page_shows_the_rented_equipments_warranty(client, bundled_providers) -> None:
    unitel = bundled_providers["unitel"]
    case = case_register(unitel, received_at=RECEIVED, category="equipment")
    client.force_login(_role(unitel, User.Role.STAFF))
    url = reverse("console:case", args=["unitel", case.number])
    assert "Record whether the equipment was rented or bought" in client.get(url).content.decode()
    client.post(
        reverse("console:case_action", args=["unitel", case.number, "investigation"]),
        {"equipment_ownership": "rented", "equipment_since": "2025-01-10"},
    )
    page = client.get(url).content.decode()
    assert "In warranty: repaired or replaced free of charge" in page
    assert "covered until January 10, 2027" in page and '<span class="rule">UN-2</span>' in page


@pytest.mark.rule("PC-3")
@time_machine.travel(NOW, tick=False)
def test_PC_3_bought_equipment_out_of_warranty_is_shown_so(client, bundled_providers) -> None:
    petrocomp = bundled_providers["petrocomp"]
    case = case_register(petrocomp, received_at=RECEIVED, category="equipment")
    client.force_login(_role(petrocomp, User.Role.STAFF))
    client.post(
        reverse("console:case_action", args=["petrocomp", case.number, "investigation"]),
        {"equipment_ownership": "purchased", "equipment_since": "2024-11-19"},
    )
    page = client.get(reverse("console:case", args=["petrocomp", case.number])).content.decode()
    assert "The warranty had ended when the defect was reported" in page
    assert "ended on November 19, 2026" in page and '<span class="rule">PC-3</span>' in page


@time_machine.travel(NOW, tick=False)
def test_a_decided_case_shows_its_statement_in_local_time_and_nothing_left_to_fire(
    staff_client, case
) -> None:
    staff_client.post(
        reverse("console:case_action", args=["pronet", case.number, "decision"]),
        {"outcome": "upheld", "reasons": ""},
    )
    page = staff_client.get(reverse("console:case", args=["pronet", case.number])).content.decode()
    # Sent at 09:00 UTC = 11:00 in Bucharest (the provider's zone), not the UTC wall clock.
    assert "Download the PDF" in page and "11:00" in page
    assert "Reminder to the department" not in page
    assert "Nothing is scheduled for this case." in page
    assert "Decided; written statement issued" in page


@pytest.mark.rule("PN-4")
def test_PN_4_a_registered_complaint_is_forwarded_to_the_competent_departments_queue(
    client, pronet
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_role(pronet, User.Role.STAFF))
    billing = case_register(pronet, received_at=RECEIVED, category="billing")
    assert billing.department == "payments"
    payments = client.get(reverse("console:queue", args=["pronet", "payments"])).content.decode()
    technical = client.get(reverse("console:queue", args=["pronet", "technical"])).content.decode()
    assert billing.number in payments
    assert billing.number not in technical

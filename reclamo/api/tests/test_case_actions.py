"""api.md "Case actions": the extension (UN-9), the decision and the written statement."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from reclamo.api.tests.conftest import Integration, submission
from reclamo.complaints.models import Complaint

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _register(integration: Integration, **changes: object) -> str:
    response = integration.register(submission(**changes))
    assert response.status_code == 201, response.content
    return str(response.json()["number"])


def _post(integration: Integration, path: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return integration.client.post(path, json.dumps(body), content_type="application/json")


def _unitel_case(unitel: Integration) -> str:
    return _register(
        unitel,
        category="billing",
        received_at="2026-11-20T10:00:00+01:00",
        customer={"name": "Ján Novák", "email": "jan@example.sk", "language": "sk"},
        subject="Chybná faktúra",
    )


@pytest.mark.rule("UN-9")
@time_machine.travel(NOW, tick=False)
def test_UN_9_extension_once_answers_the_new_deadline_and_sends_the_notice(
    unitel: Integration, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    number = _unitel_case(unitel)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            unitel, f"/api/v1/complaints/{number}/extension", {"days": 30, "reason": "Audit"}
        )
    assert response.status_code == 200, response.content
    # 60 days from 2026-11-20 → 2027-01-19 (T-1), a Tuesday.
    assert response.json()["deadlines"]["resolution"] == "2027-01-19T23:59:59+01:00"
    assert [m.subject for m in mailoutbox if number in m.subject]
    case = unitel.case(number).json()
    assert [e["type"] for e in case["events"]][-2:] == [
        "deadline_extended",
        "extension_notice_sent",
    ]

    again = _post(unitel, f"/api/v1/complaints/{number}/extension", {"days": 5, "reason": "x"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "extension_already_used"


@pytest.mark.rule("UN-9")
def test_UN_9_refusals_answer_409_with_a_code(unitel: Integration, pronet: Integration) -> None:
    with time_machine.travel(NOW, tick=False):
        number = _unitel_case(unitel)
        too_long = _post(
            unitel, f"/api/v1/complaints/{number}/extension", {"days": 31, "reason": "Audit"}
        )
        assert too_long.status_code == 409
        assert too_long.json()["error"]["code"] == "extension_too_long"
        ro = _register(pronet)
        none = _post(pronet, f"/api/v1/complaints/{ro}/extension", {"days": 5, "reason": "x"})
        assert none.status_code == 409
        assert none.json()["error"]["code"] == "extension_not_allowed"
        # Another provider's number is a 404, as one that does not exist.
        assert (
            _post(
                pronet, f"/api/v1/complaints/{number}/extension", {"days": 5, "reason": "x"}
            ).status_code
            == 404
        )
    with time_machine.travel(datetime(2026, 12, 22, 9, 0, tzinfo=UTC), tick=False):
        late = _post(
            unitel, f"/api/v1/complaints/{number}/extension", {"days": 10, "reason": "Audit"}
        )
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "extension_too_late"


@pytest.mark.rule("UN-11", "PN-9")
@time_machine.travel(NOW, tick=False)
def test_UN_11_decision_records_the_sent_day_and_the_pdf_carries_the_escalation(
    unitel: Integration, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    number = _unitel_case(unitel)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            unitel,
            f"/api/v1/complaints/{number}/decision",
            {"outcome": "rejected", "reasons": "Faktúra je správna.", "remedy": None},
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "resolved" and body["outcome"] == "rejected"
    assert body["statement"]["url"] == f"/api/v1/complaints/{number}/statement.pdf"
    assert body["statement"]["sent_at"] == "2026-11-21T10:00:00+01:00"
    # The register's record carries the procedure's end for the quality reports (UN-11).
    case = Complaint.objects.get(number=number)
    assert (
        case.statement_sent_at
        == case.decided_at
        == datetime.fromisoformat("2026-11-21T10:00:00+01:00")
    )
    sent = [m for m in mailoutbox if m.attachments]
    assert sent and sent[0].attachments[0][2] == "application/pdf"

    pdf = unitel.client.get(body["statement"]["url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert number in text
    assert "Zamietnutá" in text or "Zamietnut" in text
    assert "Úrad pre reguláciu elektronických komunikácií" in " ".join(text.split())
    # 45 days after the statement was sent (2026-11-21) → 2027-01-05 (T-1).
    assert "5. 1. 2027" in text or "05.01.2027" in text or "2027" in text

    twice = _post(unitel, f"/api/v1/complaints/{number}/decision", {"outcome": "upheld"})
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "already_decided"


@time_machine.travel(NOW, tick=False)
def test_a_past_sent_at_is_recorded_and_a_future_one_refused(unitel: Integration) -> None:
    number = _unitel_case(unitel)
    future = _post(
        unitel,
        f"/api/v1/complaints/{number}/decision",
        {"outcome": "upheld", "sent_at": "2026-11-22T10:00:00+01:00"},
    )
    assert future.status_code == 422
    past = _post(
        unitel,
        f"/api/v1/complaints/{number}/decision",
        {"outcome": "upheld", "sent_at": "2026-11-20T18:00:00+01:00"},
    )
    assert past.status_code == 200
    assert past.json()["statement"]["sent_at"] == "2026-11-20T18:00:00+01:00"


def test_no_statement_before_the_decision_is_a_404(unitel: Integration) -> None:
    with time_machine.travel(NOW, tick=False):
        number = _unitel_case(unitel)
    assert unitel.client.get(f"/api/v1/complaints/{number}/statement.pdf").status_code == 404


@pytest.mark.rule("PN-7", "UN-12")
@time_machine.travel(NOW, tick=False)
def test_PN_7_the_result_reaches_a_customer_who_gave_only_a_phone_by_text_message(
    pronet: Integration, django_capture_on_commit_callbacks
) -> None:
    from reclamo.letters.sms import LocmemBackend

    number = _register(
        pronet,
        customer={"name": "Ana Popescu", "phone": "+40721234567", "language": "ro"},
    )
    LocmemBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            pronet,
            f"/api/v1/complaints/{number}/decision",
            {"outcome": "upheld", "reasons": "Factura a fost corectată."},
        )
    assert response.status_code == 200, response.content
    texts = [message for message in LocmemBackend.outbox if message.to == "+40721234567"]
    assert len(texts) == 1 and number in texts[0].body
    case = Complaint.objects.get(number=number)
    assert case.events.filter(type="statement_sent").exists()

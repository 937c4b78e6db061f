"""`POST …/calls` takes an `Idempotency-Key` like the registration endpoint: a phone system that
got no answer sends the call again and it is recorded once."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import Client, TestCase
from django.utils import timezone

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.intake.tests.conftest import CALLS, MailServer


def _call(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "caller": "0721 234 567",
        "menu_digit": "2",
        "started_at": (timezone.now() - timedelta(minutes=5)).isoformat(timespec="seconds"),
        "kind": "complaint",
        "note": "Factura din noiembrie e dublă.",
    }
    body.update(changes)
    return body


def _post(server: MailServer, body: dict[str, Any], key: str | None) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return server.client.post(
            CALLS.format(slug=server.provider.slug),
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )


def test_the_same_call_sent_again_with_its_key_is_recorded_once(pronet_mail: MailServer) -> None:
    body = _call()
    first = _post(pronet_mail, body, "call-7781")
    assert first.status_code == 201, first.content
    again = _post(pronet_mail, body, "call-7781")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Complaint.objects.count() == 1
    assert IntakeRecord.objects.get().idempotency_key == "call-7781"
    # Another key is another call.
    assert _post(pronet_mail, body, "call-7782").status_code == 201
    assert Complaint.objects.count() == 2


def test_a_key_reused_for_another_call_is_refused_and_kept(pronet_mail: MailServer) -> None:
    assert _post(pronet_mail, _call(), "call-1").status_code == 201
    other = _post(pronet_mail, _call(note="Alt apel."), "call-1")
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1
    refused = IntakeRecord.objects.get(outcome="refused")
    assert refused.idempotency_key is None and refused.reason_code == "idempotency_key_reused"


def test_a_refused_call_is_replayed_with_its_refusal(pronet_mail: MailServer) -> None:
    body = _call(caller="12")
    first = _post(pronet_mail, body, "call-bad")
    assert first.status_code == 422
    again = _post(pronet_mail, body, "call-bad")
    assert again.status_code == 422 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert IntakeRecord.objects.count() == 1


def test_a_malformed_key_is_a_clear_422(pronet_mail: MailServer) -> None:
    answer = _post(pronet_mail, _call(), "ключ")
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_idempotency_key"
    assert not Complaint.objects.exists()


def test_the_schema_names_the_header(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/providers/{slug}/calls"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in operation["parameters"]]

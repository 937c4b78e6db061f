"""A customer record is matched or added only together with the case it belongs to: a refused or
failed registration, on any channel, leaves no customer behind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.complaints.services import intake_record_open
from reclamo.customers.models import Customer
from reclamo.errors import ApplicationError
from reclamo.intake.tests.conftest import MailServer
from reclamo.intake.web_form import web_form_register, web_form_submission
from reclamo.providers.models import Provider


@pytest.mark.rule("PC-2")
def test_a_complaint_refused_on_the_phone_leaves_no_customer(petrocomp_mail: MailServer) -> None:
    started = timezone.now() - timedelta(minutes=5)
    response = petrocomp_mail.call(
        {
            "caller": "+421 902 000 111",
            "started_at": started.isoformat(timespec="seconds"),
            "kind": "complaint",
            "category": "billing",
            "note": "Faktúra je zlá.",
        }
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "channel_not_accepted"
    assert not Complaint.objects.exists() and not Customer.objects.exists()


def test_a_refused_web_form_leaves_no_customer(
    bundled_providers: dict[str, Provider],
) -> None:
    provider = bundled_providers["petrocomp"]  # its web form is off: the register refuses it
    now = timezone.now()
    intake = intake_record_open(provider=provider, channel="web", received_at=now)
    submission = web_form_submission(
        data={
            "kind": "complaint",
            "category": "billing",
            "name": "Ján Novák",
            "email": "jan@example.sk",
            "subject": "Faktúra",
            "body": "Faktúra je zlá.",
        },
        channel="web",
        received_at=now,
        language="sk",
    )
    with pytest.raises(ApplicationError):
        web_form_register(
            provider=provider,
            intake=intake,
            submission=submission,
            files=[],
            actor=Actor.customer("web form"),
        )
    assert not Complaint.objects.exists() and not Customer.objects.exists()


def test_a_registered_web_form_case_gets_its_customer(
    bundled_providers: dict[str, Provider],
) -> None:
    provider = bundled_providers["pronet"]
    now = timezone.now()
    intake = intake_record_open(provider=provider, channel="web", received_at=now)
    submission = web_form_submission(
        data={
            "kind": "request",
            "name": "Ana Popescu",
            "email": "Ana@Example.ro",
            "subject": "Întrebare",
            "body": "Când vine tehnicianul?",
        },
        channel="web",
        received_at=now,
        language="ro",
    )
    registration = web_form_register(
        provider=provider,
        intake=intake,
        submission=submission,
        files=[],
        actor=Actor.customer("web form"),
    )
    customer = Customer.objects.get()
    assert registration.complaint.customer == customer and customer.email == "ana@example.ro"

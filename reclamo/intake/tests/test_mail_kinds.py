"""What an email is (docs/email-classification.md): the customer's words in the subject, else
the address's kind, else the email channel's default — and what the procedure does with it."""

from __future__ import annotations

import pytest
from django.core import mail

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.customers.models import Customer
from reclamo.intake.mail_classification import email_kind_and_category
from reclamo.intake.mime import email_parse
from reclamo.intake.tests.conftest import MailServer, email
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current


@pytest.mark.rule("PC-9", "PC-2")
def test_petrocomp_refuses_a_discount_claim_by_email_and_says_it_must_be_in_writing(
    petrocomp_mail: MailServer,
) -> None:
    raw = email(to="info@petrocomp.sk", sender="jan@example.sk", subject="Žiadosť o ZĽAVU")
    response = petrocomp_mail.deliver(raw)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "channel_not_accepted"
    # The discount claim's own answer (PC-9): in writing, within three months of restoration.
    assert "zľav" in error["message"] and "troch mesiacov" in error["message"]
    assert Complaint.objects.count() == 0
    record = IntakeRecord.objects.get()
    assert (record.outcome, record.payload_file.read()) == ("refused", raw)
    (answer,) = mail.outbox
    assert answer.to == ["jan@example.sk"] and answer.body == error["message"]
    # A refused registration leaves no customer record behind.
    assert not Customer.objects.exists()


@pytest.mark.rule("PC-2")
def test_petrocomp_registers_a_fault_reported_by_email(petrocomp_mail: MailServer) -> None:
    raw = email(to="info@petrocomp.sk", sender="jan@example.sk", subject="Porucha internetu")
    response = petrocomp_mail.deliver(raw)
    assert response.status_code == 201, response.content
    case = Complaint.objects.get(number=response.json()["number"])
    assert (case.kind, case.category, case.department) == ("fault_report", "quality", "technical")
    assert case.customer == Customer.objects.get(email="jan@example.sk")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("subject", "to", "expected"),
    [
        ("Žiadosť o zľavu za výpadok", "x@petrocomp.sk", ("discount_claim", "quality")),
        ("ziadost o zlavu", "x@petrocomp.sk", ("discount_claim", None)),
        ("Reklamácia faktúry", "x@petrocomp.sk", ("complaint", "billing")),
        ("Nefunguje router", "x@petrocomp.sk", ("fault_report", "equipment")),
        ("Dobrý deň", "x@petrocomp.sk", ("complaint", None)),  # says nothing: a complaint
        ("Zlatá zlava?", "x@petrocomp.sk", ("discount_claim", None)),
    ],
)
def test_the_subject_says_what_the_email_is(
    bundled_providers: dict[str, Provider], subject: str, to: str, expected: tuple[str, str | None]
) -> None:
    policy = policy_current(provider=bundled_providers["petrocomp"])
    assert policy is not None
    parsed = email_parse(email(to=to, subject=subject))
    assert email_kind_and_category(policy, parsed) == expected


@pytest.mark.django_db
def test_an_email_to_a_provider_without_subject_words_is_a_complaint(
    bundled_providers: dict[str, Provider],
) -> None:
    policy = policy_current(provider=bundled_providers["pronet"])
    assert policy is not None
    parsed = email_parse(email(subject="Cerere de reducere"))
    assert email_kind_and_category(policy, parsed) == ("complaint", None)

"""The public web form: a case registered end to end, shown before (preview) and after
(confirmation); resent forms, bots and bursts never register twice; bad input is a form error
and stays in the intake log."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reclamo.complaints.models import Attachment, Complaint, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.letters.models import Delivery
from reclamo.public.complaint_form import receipt_token

PDF = b"%PDF-1.4\n% a scanned invoice\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "form_token": uuid.uuid4().hex,
        "kind": "complaint",
        "category": "billing",
        "name": "Ana Popescu",
        "email": "Ana.Popescu@example.ro",
        "phone": "0721 234 567",
        "subject": "Factură dublă",
        "body": "Am fost facturată de două ori pentru luna octombrie.",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _local(days_ago: float, zone: str = "Europe/Bucharest") -> str:
    at = timezone.now() - timedelta(days=days_ago)
    return at.astimezone(get_zone(zone)).strftime("%Y-%m-%dT%H:%M")


def _errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    assert response.context is not None
    return dict(response.context["form"].errors)


@pytest.mark.rule("PN-1", "PN-3")
def test_PN_3_a_complaint_sent_on_the_web_form_is_registered_with_number_and_deadlines(
    client, bundled_providers, django_capture_on_commit_callbacks
) -> None:
    page = client.get("/ro/p/pronet/complaint/")
    assert page.status_code == 200
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', page.content.decode())
    assert token is not None
    invoice = SimpleUploadedFile("factura.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ro/p/pronet/complaint/", _form(form_token=token.group(1), attachments=[invoice])
        )
    assert response.status_code == 303  # POST-redirect-GET
    complaint = Complaint.objects.get()
    assert complaint.number.startswith("PN-") and complaint.channel == "web"
    assert complaint.department == "payments"  # PN-1: billing → Payments
    assert complaint.treated_as == "complaint" and complaint.kind == "complaint"
    assert complaint.customer_phone == "+40721234567"  # normalised to E.164
    assert complaint.customer_email == "ana.popescu@example.ro"
    assert complaint.customer is not None and complaint.customer.email == complaint.customer_email
    assert {d.clock for d in complaint.deadlines.all()} == {"internal_target", "resolution"}
    assert Attachment.objects.get().complaint == complaint
    intake = IntakeRecord.objects.get()
    assert intake.outcome == "registered" and intake.complaint == complaint
    assert (intake.payload or {})["subject"] == "Factură dublă"
    # The acknowledgement left after commit, with the number.
    delivery = Delivery.objects.get(complaint=complaint)
    assert delivery.status == "sent" and delivery.channel == "email"
    assert complaint.number in mail.outbox[0].subject
    # The confirmation page shows the number and every deadline, with the rule.
    confirmation = client.get(response["Location"])
    html = confirmation.content.decode()
    assert confirmation.status_code == 200 and complaint.number in html
    for deadline in complaint.deadlines.all():
        assert f'datetime="{deadline.due_at.isoformat()}"' in html
    assert "PN-6" in html and "Ana Popescu" not in html  # no personal data on the page


@pytest.mark.rule("UN-1", "UN-10")
def test_UN_1_unitel_takes_a_written_complaint_on_the_web_form(client, bundled_providers) -> None:
    delivered = (timezone.now() - timedelta(days=3)).date().isoformat()
    response = client.post(
        "/sk/p/unitel/complaint/",
        _form(invoice_delivered_at=delivered, phone="0948 031 942", subject="Faktúra"),
    )
    assert response.status_code == 303
    complaint = Complaint.objects.get()
    assert complaint.number.startswith("UN-") and complaint.treated_as == "complaint"
    assert complaint.customer_phone == "+421948031942"
    assert complaint.invoice_delivered_on is not None and complaint.filing_in_time  # UN-10
    assert complaint.deadlines.filter(clock="resolution", rule="UN-9").exists()


def test_a_resent_form_or_a_double_click_registers_once(client, bundled_providers) -> None:
    data = _form()
    first = client.post("/ro/p/pronet/complaint/", data)
    second = client.post("/ro/p/pronet/complaint/", data)
    assert first.status_code == second.status_code == 303
    assert Complaint.objects.count() == 1 and IntakeRecord.objects.count() == 1
    # Both answers confirm the one case (the signed addresses may differ in their timestamp).
    number = Complaint.objects.get().number
    assert number in client.get(second["Location"]).content.decode()


def test_going_back_and_sending_the_same_again_shows_the_case_already_registered(
    client, bundled_providers, settings
) -> None:
    first = client.post("/ro/p/pronet/complaint/", _form())
    assert first.status_code == 303
    (case,) = Complaint.objects.all()
    # "Back" reloads the page: a new token, the same content (the address written differently).
    again = client.post("/ro/p/pronet/complaint/", _form(email=" ana.popescu@EXAMPLE.ro "))
    assert again.status_code == 303
    assert Complaint.objects.count() == 1
    assert case.number in client.get(again["Location"]).content.decode()
    repeat = IntakeRecord.objects.order_by("pk").last()
    assert repeat is not None
    assert (repeat.outcome, repeat.reason_code, repeat.complaint) == (
        "duplicate",
        "resubmitted",
        case,
    )
    # Other words, or another contact, are another submission.
    client.post("/ro/p/pronet/complaint/", _form(body="Și luna noiembrie."))
    client.post("/ro/p/pronet/complaint/", _form(email="ion@example.ro"))
    assert Complaint.objects.count() == 3
    # After the window the same words are a new case (the customer writes again).
    IntakeRecord.objects.update(received_at=timezone.now() - timedelta(minutes=31))
    client.post("/ro/p/pronet/complaint/", _form())
    assert Complaint.objects.count() == 4


def test_the_confirmation_says_a_submission_is_being_registered(client, bundled_providers) -> None:
    first = client.post("/ro/p/pronet/complaint/", _form())
    intake = IntakeRecord.objects.get()
    # The moment between the intake log and the register: the record is still pending.
    IntakeRecord.objects.filter(pk=intake.pk).update(outcome="pending", complaint=None)
    intake.refresh_from_db()
    page = client.get(f"/en/p/pronet/complaint/received/{receipt_token(intake)}/")
    text = page.content.decode()
    assert page.status_code == 200 and first.status_code == 303
    assert "Your submission is being registered" in text
    assert "Reload this page in a moment" in text and "PN-" not in text


def test_a_filled_honeypot_registers_nothing_and_is_kept(client, bundled_providers) -> None:
    response = client.post("/ro/p/pronet/complaint/", _form(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    intake = IntakeRecord.objects.get()
    assert intake.outcome == "ignored" and intake.reason_code == "honeypot"


def test_a_burst_from_one_address_is_rate_limited_with_a_clear_message(
    client, bundled_providers, settings
) -> None:
    settings.RECLAMO_WEB_FORM_RATE_LIMIT = 3
    # Six different submissions (the same one sent again would show the first case).
    answers = [client.post("/ro/p/pronet/complaint/", _form(subject=f"F{i}")) for i in range(6)]
    assert [a.status_code for a in answers] == [303, 303, 303, 429, 429, 429]
    assert Complaint.objects.count() == 3
    assert "așteptați câteva minute" in answers[-1].content.decode()
    refused = IntakeRecord.objects.filter(outcome="refused", reason_code="rate_limited")
    assert refused.count() == 3
    # Another address is not held back by this one's burst.
    other = client.post("/ro/p/pronet/complaint/", _form(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


def test_a_repeat_of_a_registered_form_is_answered_even_in_a_burst(
    client, bundled_providers, settings
) -> None:
    settings.RECLAMO_WEB_FORM_RATE_LIMIT = 1
    data = _form()
    first = client.post("/ro/p/pronet/complaint/", data)
    again = client.post("/ro/p/pronet/complaint/", data)
    assert first.status_code == again.status_code == 303
    assert Complaint.objects.count() == 1


# A fault report to UNITEL: its repair clock (UN-4) counts from when the fault started.
ABSURD = {"kind": "fault_report", "category": "quality", "fault_location": "outside_premises"}


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"name": "", "subject": "", "body": ""}, "name", "required"),
        ({"email": "", "phone": ""}, "email", "email address or a phone number"),
        ({"phone": "12"}, "phone", "not a phone number"),
        (
            ABSURD | {"fault_started_at": "9999-12-31T23:00"},
            "fault_started_at",
            "outside the range",
        ),
        (
            ABSURD | {"fault_started_at": "0001-01-01T00:00"},
            "fault_started_at",
            "outside the range",
        ),
        ({"kind": "discount_claim"}, "kind", ""),
    ],
)
def test_bad_input_is_a_form_error_and_stays_in_the_intake_log(
    client, bundled_providers, overrides: dict[str, Any], field: str, words: str
) -> None:
    slug = "unitel" if "fault_location" in overrides else "pronet"
    response = client.post(f"/en/p/{slug}/complaint/", _form(**overrides))
    assert response.status_code == 400
    errors = _errors(response)
    assert field in errors and words in " ".join(errors[field])
    assert not Complaint.objects.exists()
    intake = IntakeRecord.objects.get()
    assert intake.outcome == "failed" and intake.reason_code == "invalid_form"
    assert field in intake.reason_message
    # The corrected form is a new submission: it carries a new token.
    assert response.context["form"].data["form_token"] != _form()["form_token"]


def test_a_fault_in_the_future_is_refused(client, bundled_providers) -> None:
    response = client.post(
        "/en/p/unitel/complaint/",
        _form(
            kind="fault_report",
            category="quality",
            fault_location="outside_premises",
            fault_started_at=_local(-2, "Europe/Bratislava"),
        ),
    )
    assert response.status_code == 400
    assert "in the future" in " ".join(_errors(response)["fault_started_at"])


def test_a_30_mb_file_and_a_wrong_type_are_refused_and_the_submission_kept(
    client, bundled_providers
) -> None:
    huge = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (30 * 1024 * 1024), "application/pdf")
    program = SimpleUploadedFile("invoice.exe", b"MZ\x90\x00\x03", "application/x-msdownload")
    response = client.post("/en/p/pronet/complaint/", _form(attachments=[huge, program]))
    assert response.status_code == 400
    messages = " ".join(_errors(response)["attachments"]).replace("\xa0", " ")
    assert "30.0 MB" in messages and "files of at most 5.0 MB" in messages
    assert "invoice.exe is of a type that is not accepted" in messages
    intake = IntakeRecord.objects.get()
    assert intake.outcome == "failed"
    assert [a["name"] for a in (intake.payload or {})["attachments"]] == ["scan.pdf", "invoice.exe"]
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_the_deadlines_are_shown_before_sending_with_htmx_and_without(
    client, bundled_providers
) -> None:
    facts = {"kind": "complaint", "category": "quality"}
    partial = client.post(
        "/ro/p/pronet/complaint/preview/web/", facts, headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.startswith('<section id="preview"') and "PN-6" in html and "Tehnic" in html
    # Without JavaScript the preview button sends the whole form and gets the page back.
    page = client.post("/ro/p/pronet/complaint/", {**_form(), "action": "preview"})
    assert page.status_code == 200 and "PN-6" in page.content.decode()
    assert 'value="Ana Popescu"' in page.content.decode()  # what was typed stays
    assert not IntakeRecord.objects.exists() and not Complaint.objects.exists()


def test_petrocomp_has_no_web_form_and_the_page_says_where_to_complain(
    client, bundled_providers
) -> None:
    response = client.get("/sk/p/petrocomp/complaint/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "form_token" not in html
    for channel in ("List", "Osobne", "Zákaznícky portál"):
        assert channel in html
    assert client.post("/sk/p/petrocomp/complaint/", _form()).status_code == 200
    assert not IntakeRecord.objects.exists()
    assert client.post("/sk/p/petrocomp/complaint/preview/web/", {}).status_code == 404


def test_the_contact_page_links_the_web_form_and_the_portal(client, bundled_providers) -> None:
    pronet = client.get("/ro/p/pronet/").content.decode()
    assert 'href="/ro/p/pronet/complaint/"' in pronet
    assert 'href="/ro/portal/signup/pronet/"' in pronet
    petrocomp = client.get("/sk/p/petrocomp/").content.decode()
    assert "/sk/p/petrocomp/complaint/" not in petrocomp
    assert 'href="/sk/portal/signup/petrocomp/"' in petrocomp


def test_a_forged_confirmation_address_is_a_404(client, bundled_providers) -> None:
    assert client.get("/en/p/pronet/complaint/received/1:forged/").status_code == 404


def test_the_unitel_form_shows_the_language_notice_in_hungarian(client, bundled_providers) -> None:
    html = client.get("/hu/p/unitel/complaint/").content.decode()
    assert "kizárólag szlovák nyelven" in html

"""Registering at the desk: a walk-in at one of the policy's locations, or a letter with its real
receipt time (T-6) and its scan; refusals and errors are form errors and stay in the intake log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.complaints.models import Attachment, Complaint, ComplaintEvent, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import CaseFacts, deadlines_at_registration
from reclamo.providers.selectors import policy_current

PDF = b"%PDF-1.4\n% a scanned letter\n"
BRATISLAVA = get_zone("Europe/Bratislava")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unitel_client(client, bundled_providers):  # type: ignore[no-untyped-def]
    client.force_login(ProviderStaffFactory(provider=bundled_providers["unitel"]))
    return client


def _errors(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    assert response.context is not None
    return dict(response.context["form"].errors)


def _local(at: datetime, zone=BRATISLAVA) -> str:  # type: ignore[no-untyped-def]
    return at.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _letter(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "letter",
        "kind": "complaint",
        "category": "billing",
        "customer_name": "Peter Kráľ",
        "customer_email": "peter@example.sk",
        "customer_language": "sk",
        "subject": "Faktúra dvakrát",
        "body": "Zaplatil som dvakrát.",
        "scan": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
    }
    data.update(overrides)
    return data


@pytest.mark.rule("T-6", "UN-9")
def test_a_letter_counts_its_deadlines_from_its_delivery(unitel_client, bundled_providers):
    unitel = bundled_providers["unitel"]
    delivered = (timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]), _letter(received_at=_local(delivered))
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("console:case", args=["unitel", complaint.number])
    assert complaint.channel == "letter" and complaint.received_at == delivered
    assert complaint.created_by_type == "staff" and complaint.created_by_user is not None
    policy = policy_current(provider=unitel)
    assert policy is not None
    expected = deadlines_at_registration(
        policy,
        CaseFacts(kind="complaint", channel="letter", received_at=delivered, category="billing"),
        registered_at=complaint.registered_at,
    )
    resolution = complaint.deadlines.get(clock="resolution")
    assert resolution.due_at == expected.deadline("resolution").due_at  # type: ignore[union-attr]
    assert resolution.rule == "UN-9" and resolution.counted_from == "received"
    # 30 days from the delivery, not from the typing (which would be 3 days later).
    assert resolution.due_at < complaint.registered_at + timedelta(days=28)
    intake = IntakeRecord.objects.get()
    assert intake.channel == "letter" and intake.outcome == "registered"
    assert intake.complaint == complaint and (intake.payload or {})["subject"] == "Faktúra dvakrát"
    assert intake.payload_file.read() == PDF
    scan = Attachment.objects.get()
    assert scan.complaint == complaint and scan.intake == intake
    assert scan.original_name == "letter.pdf" and scan.content_type == "application/pdf"
    assert scan.file.read() == PDF and scan.size == len(PDF)
    event = ComplaintEvent.objects.get(complaint=complaint)
    assert event.actor_type == "staff"
    page = unitel_client.get(response["Location"]).content.decode()
    assert f"Registered as {complaint.number}." in page and "letter.pdf" in page


def test_a_walk_in_is_registered_at_a_location_received_now(staff_client, pronet) -> None:
    before = timezone.now()
    response = staff_client.post(
        reverse("console:desk", args=["pronet"]),
        {
            "channel": "in_person",
            "location": "0",
            "received_at": "",
            "kind": "request",
            "customer_name": "Ana Popescu",
            "customer_language": "ro",
            "subject": "Schimbare abonament",
            "body": "Vreau alt abonament.",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "in_person" and complaint.kind == "request"
    assert before <= complaint.received_at <= timezone.now()
    intake = IntakeRecord.objects.get()
    assert intake.channel == "in_person" and "Berceni" in (intake.payload or {})["location_name"]
    assert "Berceni" in intake.source_label


def test_the_desk_form_names_the_zone_and_the_locations(staff_client) -> None:
    page = staff_client.get(reverse("console:desk", args=["pronet"])).content.decode()
    assert "Romanian time" in page and "Berceni cash desk" in page
    assert 'type="datetime-local"' in page and 'enctype="multipart/form-data"' in page


@pytest.mark.rule("T-6")
def test_a_letter_needs_its_delivery_time_and_its_scan(unitel_client) -> None:
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]), _letter(received_at="", scan="")
    )
    assert response.status_code == 422
    errors = _errors(response)
    assert "received_at" in errors and "scan" in errors
    assert not IntakeRecord.objects.exists() and not Complaint.objects.exists()


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("received_at", "message"),
    [
        ("2026-03-29T02:30", "may be ambiguous or it may not exist"),  # clocks went 02:00→03:00
        ((timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"), "in the future"),
    ],
)
def test_a_time_that_does_not_exist_or_is_in_the_future_is_refused(
    unitel_client, received_at, message
) -> None:
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]), _letter(received_at=received_at)
    )
    assert response.status_code == 422
    assert message in " ".join(_errors(response)["received_at"])
    assert not Complaint.objects.exists()


def test_a_scan_of_the_wrong_type_or_too_large_is_refused(unitel_client, settings) -> None:
    delivered = _local(timezone.now() - timedelta(days=1))
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]), _letter(received_at=delivered, scan=fake)
    )
    assert "is not a application/pdf file" in " ".join(_errors(response)["scan"])
    settings.RECLAMO_ATTACHMENT_MAX_BYTES = 10
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]), _letter(received_at=delivered)
    )
    assert "files of at most" in " ".join(_errors(response)["scan"])
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_facts_the_procedure_cannot_read_are_a_form_error_and_stay_in_the_intake_log(
    unitel_client,
) -> None:
    delivered = timezone.now() - timedelta(days=3)
    response = unitel_client.post(
        reverse("console:desk", args=["unitel"]),
        _letter(
            kind="fault_report",
            received_at=_local(delivered),
            fault_location="outside_premises",
            fault_started_at=_local(delivered + timedelta(days=1)),
        ),
    )
    assert response.status_code == 422
    assert _errors(response)["fault_started_at"]
    intake = IntakeRecord.objects.get()
    assert intake.outcome == "failed" and intake.reason_code
    assert (intake.payload or {})["kind"] == "fault_report" and intake.payload_file
    assert not Complaint.objects.exists()


def test_a_provider_with_a_desk_and_letters_is_offered_both(staff_client) -> None:
    pronet = staff_client.get("/en/console/pronet/desk/").content.decode()
    assert "Register a walk-in complaint or a letter" in pronet


def test_a_provider_without_a_desk_is_offered_letters_only(unitel_client) -> None:
    # UNITEL takes letters but has no desk: the page does not speak of walk-ins.
    unitel = unitel_client.get("/en/console/unitel/desk/").content.decode()
    assert "<h1>Register a letter</h1>" in unitel
    assert "walk-in" not in unitel.lower()
    assert "When the post delivered the letter." in unitel

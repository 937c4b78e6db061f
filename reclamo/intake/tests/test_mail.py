"""The email channel end to end through `POST …/inbound-email` (api.md "Intake from other
systems"): registered, joined, duplicate, ignored, refused (PC-2) and unreadable, each kept in
the intake log with the raw message."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclamo.complaints.models import (
    Attachment,
    Complaint,
    ComplaintEvent,
    ComplaintMessage,
    IntakeRecord,
)
from reclamo.customers.models import Customer
from reclamo.intake import mail as mail_channel
from reclamo.intake.models import EmailReply
from reclamo.intake.tests.conftest import PDF, MailServer, email
from reclamo.providers.models import Provider

NUMBER = re.compile(r"^PN-\d{4}-\d{6}$")


def _acknowledgements() -> list[Any]:
    return [m for m in mail.outbox if "acknowledgement" in m.extra_headers.get("Message-ID", "")]


@pytest.mark.rule("PN-3")
def test_an_email_to_the_technical_address_registers_a_case_for_technical(
    pronet_mail: MailServer,
) -> None:
    response = pronet_mail.deliver(email())
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["outcome"] == "registered" and NUMBER.match(answer["number"])
    case = Complaint.objects.get(number=answer["number"])
    assert (case.channel, case.kind, case.treated_as) == ("email", "complaint", "complaint")
    assert case.department == "technical"  # tehnic@pronetit.ro → Technical (PN-3)
    assert (case.customer_email, case.customer_name) == ("ana@example.ro", "Ana Popescu")
    assert case.subject == "Internetul nu merge" and "Iriceanu" in case.body
    clocks = {row.clock for row in case.deadlines.all()}
    assert {"internal_target", "resolution"} <= clocks  # PN-6, PN-5
    # The customer record, the message with its Message-ID, the intake record with the raw file.
    assert case.customer == Customer.objects.get(provider=case.provider, email="ana@example.ro")
    message = ComplaintMessage.objects.get(complaint=case)
    assert (message.message_id, message.direction, message.channel) == (
        "<m1@example.ro>",
        "in",
        "email",
    )
    record = IntakeRecord.objects.get()
    assert (record.channel, record.outcome, record.complaint) == ("email", "registered", case)
    assert record.response_status == 201 and record.response_body == answer
    assert record.payload_file.read() == email()
    # The acknowledgement left after commit, to the sender, threaded to the case.
    (acknowledgement,) = _acknowledgements()
    assert acknowledgement.to == ["ana@example.ro"] and case.number in acknowledgement.subject


@pytest.mark.rule("PN-3")
@pytest.mark.parametrize(
    ("raw", "recipient", "department"),
    [
        (email(to="tehnic@pronetit.ro"), "plati@pronetit.ro", "payments"),
        (
            email(to="tehnic@pronetit.ro", headers={"Delivered-To": "clienti@pronetit.ro"}),
            "",
            "customer-relations",
        ),
        (
            email(to="tehnic@pronetit.ro", headers={"X-Original-To": "plati@pronetit.ro"}),
            "",
            "payments",
        ),
        (email(to="someone@else.ro, plati@pronetit.ro"), "", "payments"),
        (email(to="office@pronetit.ro"), "", "customer-relations"),  # the default department
    ],
)
def test_the_recipient_chooses_the_department_in_the_documented_order(
    pronet_mail: MailServer, raw: bytes, recipient: str, department: str
) -> None:
    response = pronet_mail.deliver(raw, recipient=recipient)
    assert response.status_code == 201, response.content
    assert Complaint.objects.get(number=response.json()["number"]).department == department


def test_the_same_message_id_registers_once(pronet_mail: MailServer) -> None:
    first = pronet_mail.deliver(email())
    again = pronet_mail.deliver(email())
    assert again.status_code == 200
    assert again.json() == {"number": first.json()["number"], "outcome": "duplicate"}
    assert Complaint.objects.count() == 1
    assert list(IntakeRecord.objects.values_list("outcome", flat=True)) == [
        "registered",
        "duplicate",
    ]


def test_a_copy_racing_past_the_check_is_stopped_by_the_unique_message_id(
    pronet_mail: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pronet_mail.deliver(email()).json()
    # Two copies arriving at once both pass the look-up; the constraint decides.
    monkeypatch.setattr(mail_channel, "duplicate_of", lambda provider, parsed, earlier: None)
    monkeypatch.setattr(mail_channel, "case_answered", lambda provider, parsed, earlier: None)
    again = pronet_mail.deliver(email())
    assert again.status_code == 200 and again.json() == {
        "number": first["number"],
        "outcome": "duplicate",
    }
    assert Complaint.objects.count() == 1
    # The rolled-back registration took no number: the next case gets the next one.
    nxt = pronet_mail.deliver(email(message_id="<m2@example.ro>")).json()["number"]
    assert int(nxt[-6:]) == int(first["number"][-6:]) + 1


@pytest.mark.parametrize("how", ["in_reply_to", "references", "subject", "acknowledgement"])
def test_a_reply_joins_its_case(pronet_mail: MailServer, how: str) -> None:
    number = pronet_mail.deliver(email()).json()["number"]
    acknowledgement = _acknowledgements()[0].extra_headers["Message-ID"]
    headers = {
        "in_reply_to": {"In-Reply-To": "<m1@example.ro>"},
        "references": {"References": "<other@x> <m1@example.ro>"},
        "subject": {},
        "acknowledgement": {"In-Reply-To": acknowledgement},
    }[how]
    subject = f"Re: [{number}] tot nu merge" if how == "subject" else "Re: Internetul nu merge"
    reply = email(
        subject=subject, message_id="<m2@example.ro>", headers=headers, body="Tot nu merge."
    )
    response = pronet_mail.deliver(reply)
    assert response.status_code == 200, response.content
    assert response.json() == {"number": number, "outcome": "joined"}
    case = Complaint.objects.get(number=number)
    assert Complaint.objects.count() == 1
    assert [m.message_id for m in case.messages.order_by("id")] == [
        "<m1@example.ro>",
        "<m2@example.ro>",
    ]
    event = ComplaintEvent.objects.get(complaint=case, type="message_received")
    assert event.data["after"]["from"] == "ana@example.ro"
    assert IntakeRecord.objects.filter(outcome="joined", complaint=case).count() == 1


def test_a_case_number_of_another_provider_does_not_join(
    pronet_mail: MailServer, unitel_mail: MailServer
) -> None:
    number = pronet_mail.deliver(email()).json()["number"]
    reply = email(subject=f"Re: {number}", message_id="<u1@example.sk>", to="x@unitel.sk")
    response = unitel_mail.deliver(reply)
    assert response.status_code == 201 and response.json()["outcome"] == "registered"


def test_html_is_sanitised_and_the_original_kept(pronet_mail: MailServer) -> None:
    html = '<p onclick="x()">Nu merge <b>nimic</b><script>alert(1)</script></p>'
    raw = email(body=None, html=html)
    response = pronet_mail.deliver(raw)
    assert response.status_code == 201, response.content
    message = ComplaintMessage.objects.get()
    assert "<script" not in message.body_html and "onclick" not in message.body_html
    assert "<b>nimic</b>" in message.body_html
    assert Complaint.objects.get().body == "Nu merge nimic"
    assert IntakeRecord.objects.get().payload_file.read() == raw  # the original


def test_attachments_are_stored_with_the_case(pronet_mail: MailServer) -> None:
    raw = email(attachments=(("factura.pdf", "application/pdf", PDF),))
    number = pronet_mail.deliver(raw).json()["number"]
    (attachment,) = Attachment.objects.all()
    assert attachment.complaint == Complaint.objects.get(number=number)
    assert (attachment.original_name, attachment.content_type) == ("factura.pdf", "application/pdf")
    assert attachment.intake == IntakeRecord.objects.get()


@pytest.mark.rule("PC-2")
def test_petrocomp_refuses_an_email_complaint_and_answers_the_sender(
    petrocomp_mail: MailServer,
) -> None:
    raw = email(to="info@petrocomp.sk", sender="jan@example.sk", subject="Reklamácia")
    response = petrocomp_mail.deliver(raw)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "channel_not_accepted"
    assert Complaint.objects.count() == 0
    record = IntakeRecord.objects.get()
    assert (record.outcome, record.reason_code) == ("refused", "channel_not_accepted")
    assert record.payload_file.read() == raw  # kept in the intake log
    (answer,) = mail.outbox
    assert answer.to == ["jan@example.sk"] and answer.subject == "Re: Reklamácia"
    assert answer.extra_headers["Auto-Submitted"] == "auto-replied"
    assert answer.extra_headers["In-Reply-To"] == "<m1@example.ro>"
    # The answer names the channels that do take complaints (letter, in person …).
    assert answer.body == error["message"] and "{channels}" not in answer.body
    assert EmailReply.objects.get().status == "sent"
    # The same message again (a mail server's retry) is not answered twice.
    petrocomp_mail.deliver(raw)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"Return-Path": "<>"},
        {"X-Autoreply": "yes"},
    ],
)
def test_auto_replies_and_bounces_are_ignored_and_never_answered(
    petrocomp_mail: MailServer, headers: dict[str, str]
) -> None:
    # At PETROCOMP an email complaint would be answered: an auto-reply must not be (a loop).
    response = petrocomp_mail.deliver(email(headers=headers))
    assert response.status_code == 200 and response.json() == {"number": None, "outcome": "ignored"}
    assert Complaint.objects.count() == 0 and mail.outbox == []
    assert IntakeRecord.objects.get().outcome == "ignored"


def test_a_delivery_report_is_ignored(pronet_mail: MailServer) -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example.ro\r\nTo: tehnic@pronetit.ro\r\nSubject: Undelivered\r\n"
        b"Message-ID: <b1@mx>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n\r\n--b--\r\n"
    )
    response = pronet_mail.deliver(raw)
    assert response.json()["outcome"] == "ignored" and mail.outbox == []


@pytest.mark.parametrize(
    "raw",
    [
        b"this is not an email at all",
        b"From: ana@example.ro\r\nSubject: x\r\nContent-Type: multipart/mixed; "
        b'boundary="never"\r\n\r\nno boundary anywhere\r\n',
        b"Subject: no sender\r\n\r\nHello\r\n",
        b"",
    ],
    ids=["no-header", "broken-mime", "no-sender", "empty"],
)
def test_an_unreadable_message_answers_400_and_is_kept(pronet_mail: MailServer, raw: bytes) -> None:
    response = pronet_mail.deliver(raw)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "unparseable"
    record = IntakeRecord.objects.get()
    assert (record.outcome, record.reason_code) == ("failed", "unparseable")
    assert record.payload_file.read() == raw
    assert Complaint.objects.count() == 0 and mail.outbox == []


@pytest.mark.parametrize(
    ("attachment", "code"),
    [
        (
            ("big.pdf", "application/pdf", b"%PDF-" + b"0" * (30 * 1024 * 1024)),
            "attachment_too_large",
        ),
        (("setup.exe", "application/x-msdownload", b"MZ\x90\x00"), "attachment_type_not_allowed"),
        (("fake.pdf", "application/pdf", b"MZ\x90\x00 not a pdf"), "attachment_type_mismatch"),
    ],
    ids=["30MB", "exe", "renamed"],
)
def test_an_attachment_over_the_limits_is_refused_kept_and_answered(
    pronet_mail: MailServer, attachment: tuple[str, str, bytes], code: str
) -> None:
    response = pronet_mail.deliver(email(attachments=(attachment,)))
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == code
    record = IntakeRecord.objects.get()
    assert (record.outcome, record.reason_code) == ("refused", code)
    assert Complaint.objects.count() == 0 and Attachment.objects.count() == 0
    (answer,) = mail.outbox
    assert answer.to == ["ana@example.ro"] and attachment[0] in answer.body


def test_a_message_with_no_body_is_refused_and_kept(pronet_mail: MailServer) -> None:
    response = pronet_mail.deliver(email(body=None))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_message"
    assert IntakeRecord.objects.get().outcome == "refused"
    assert Complaint.objects.count() == 0


def test_unknown_provider_and_another_providers_token_answer_404(
    pronet_mail: MailServer, bundled_providers: dict[str, Provider], client: Any
) -> None:
    assert pronet_mail.deliver(email(), slug="nosuch").status_code == 404
    assert pronet_mail.deliver(email(), slug="unitel").status_code == 404
    anonymous = client.post(
        "/api/v1/providers/pronet/inbound-email", email(), content_type="message/rfc822"
    )
    assert anonymous.status_code == 401
    assert Complaint.objects.count() == 0


mutations = st.lists(st.tuples(st.integers(0, 600), st.binary(min_size=0, max_size=8)), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.one_of(st.binary(max_size=400), mutations.map(lambda _m: b"")), edits=mutations)
def test_no_message_gets_a_server_error(pronet_mail: MailServer, raw: bytes, edits: Any) -> None:
    base = bytearray(raw or email(attachments=(("a.pdf", "application/pdf", PDF),)))
    for at, data in edits:
        base[at:at] = data
    response = pronet_mail.deliver(bytes(base))
    assert response.status_code < 500
    assert response.status_code in {200, 201, 400, 422}

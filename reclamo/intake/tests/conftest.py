"""Raw emails as mail servers hand them over, and the intake API called with a provider's token."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import pytest
from django.test import Client, TestCase

from reclamo.providers.models import Provider
from reclamo.providers.services import integration_token_issue

INBOUND = "/api/v1/providers/{slug}/inbound-email"
CALLS = "/api/v1/providers/{slug}/calls"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def email(
    *,
    to: str = "tehnic@pronetit.ro",
    sender: str = "Ana Popescu <ana@example.ro>",
    subject: str = "Internetul nu merge",
    body: str | None = "De ieri seară nu am internet la Str. Iriceanu 16.",
    message_id: str | None = "<m1@example.ro>",
    html: str | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    headers: dict[str, str] | None = None,
    date: Any = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if message_id is not None:
        message["Message-ID"] = message_id
    if date is not None:
        message["Date"] = format_datetime(date)
    for name, value in (headers or {}).items():
        message[name] = value
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, content_type, data in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


class MailServer:
    """A provider's mail server or phone system handing over what arrived, with the
    provider's integration token."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        token = integration_token_issue(provider=provider)
        self.client = Client(headers={"Authorization": f"Bearer {token}"})

    def deliver(self, raw: bytes, *, slug: str | None = None, recipient: str = "") -> Any:
        url = INBOUND.format(slug=slug or self.provider.slug)
        if recipient:
            url += f"?recipient={recipient}"
        # What leaves after commit (acknowledgements, answers) runs as the commit would run it.
        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, raw, content_type="message/rfc822")

    def call(self, body: Any, *, slug: str | None = None) -> Any:
        import json

        with TestCase.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                CALLS.format(slug=slug or self.provider.slug),
                body if isinstance(body, str | bytes) else json.dumps(body),
                content_type="application/json",
            )


@pytest.fixture
def pronet_mail(bundled_providers: dict[str, Provider]) -> MailServer:
    return MailServer(bundled_providers["pronet"])


@pytest.fixture
def unitel_mail(bundled_providers: dict[str, Provider]) -> MailServer:
    return MailServer(bundled_providers["unitel"])


@pytest.fixture
def petrocomp_mail(bundled_providers: dict[str, Provider]) -> MailServer:
    return MailServer(bundled_providers["petrocomp"])


@pytest.fixture
def anonymous() -> Client:
    return Client()

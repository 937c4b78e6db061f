"""The public contact page of a provider, built from its policy (PN-3: "all in one place").

Everything here is read from the policy: a new provider's page needs no code. Texts of the
provider come from the policy in the visitor's language, else English where the policy has it,
else the provider's default language; each text carries the language it is in, so the page marks
every fallback with ``lang``. Reclamo's own labels are translated with gettext.

Only what a customer can use is shown: a channel without the contact data needed to use it (a
web form without its address, a letter channel without a postal address…) is left out, and so
is the provider's own integration (API). Refusal messages are *replies* to a message someone
sent; the page gives plain guidance instead ("Not accepted here: complaints. To file them, use:
Letter, In person.").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reclamo.domain.errors import DomainError
from reclamo.domain.phones import phone_e164
from reclamo.domain.policy import Policy
from reclamo.public.contact_channels import (
    ChannelEntry,
    RefusedChannel,
    channel_entry,
    customer_channels,
    refused_channels,
)
from reclamo.public.contact_departments import DepartmentEntry, departments
from reclamo.public.contact_formats import address_lines
from reclamo.public.texts import Text, localized


@dataclass(frozen=True)
class EscalationEntry:
    name: Text
    address: list[Text]
    email: str | None
    web: str | None
    phone: str | None
    fax: str | None
    phone_e164: str | None = None  # for the tel: link, where the number can be read


@dataclass(frozen=True)
class ContactPage:
    brand: str
    legal_name: str
    website: str | None
    registered_office: list[Text]
    language_notice: Text
    departments: list[DepartmentEntry]
    channels: list[ChannelEntry]
    refused_channels: list[RefusedChannel]
    escalation_notice: Text
    escalation: list[EscalationEntry]
    version: str
    effective_from: date


def _e164_or_none(number: str | None, country: str) -> str | None:
    if not number:
        return None
    try:
        return phone_e164(number, country, field="phone")
    except DomainError:
        return None


def contact_page(policy: Policy, *, language: str, now: datetime) -> ContactPage:
    shown = customer_channels(policy)
    return ContactPage(
        brand=policy.provider.brand,
        legal_name=policy.provider.legal_name,
        website=policy.provider.website,
        registered_office=address_lines(policy, policy.provider.registered_office, language),
        language_notice=localized(policy, policy.complaint_language_notice, language),
        departments=departments(policy, language=language, now=now),
        channels=[channel_entry(policy, channel, shown, language, now) for channel in shown],
        refused_channels=refused_channels(policy, shown, language),
        escalation_notice=localized(policy, policy.escalation.notice, language),
        # A body's ``note`` is the policy author's editing note ("not named in the procedure;
        # added"), for staff reading the file, so it is not shown.
        escalation=[
            EscalationEntry(
                name=localized(policy, body.name, language),
                address=address_lines(policy, body.address, language),
                email=body.email,
                web=body.web,
                phone=body.phone,
                fax=body.fax,
                phone_e164=_e164_or_none(body.phone, policy.country),
            )
            for body in policy.escalation.bodies
        ],
        version=policy.version,
        effective_from=policy.effective_from,
    )

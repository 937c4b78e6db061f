"""The public contact page of a provider, built from its policy (PN-3: "all in one place").

Everything here is read from the policy: a new provider's page needs no code. Texts of the
provider come from the policy in the visitor's language (else the provider's default language);
Reclamo's own labels are translated with gettext.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reclamo.domain.deadlines import Message, fill_channels
from reclamo.domain.policy import (
    Address,
    Channel,
    LocalizedText,
    Policy,
    WeeklyHours,
)
from reclamo.labels import KIND_PLURALS

DAY_LABELS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


@dataclass(frozen=True)
class HoursRow:
    days: str
    hours: str


@dataclass(frozen=True)
class DepartmentEntry:
    slug: str
    name: str
    description: str
    hours: list[HoursRow] | None
    open_now: bool | None


@dataclass(frozen=True)
class PhoneEntry:
    number: str
    e164: str
    label: str
    department: str


@dataclass(frozen=True)
class MenuEntry:
    digit: str
    department: str


@dataclass(frozen=True)
class EmailEntry:
    email: str
    department: str


@dataclass(frozen=True)
class LocationEntry:
    name: str
    address: list[str]
    hours: list[HoursRow] | None
    open_now: bool | None
    latitude: float | None
    longitude: float | None

    @property
    def map_url(self) -> str | None:
        if self.latitude is None or self.longitude is None:
            return None
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


@dataclass(frozen=True)
class ChannelEntry:
    kind: str
    name: str
    description: str
    written: bool
    accepts: list[str]
    notices: list[str]
    url: str | None = None
    hours: list[HoursRow] | None = None
    phones: list[PhoneEntry] = field(default_factory=list)
    menu: list[MenuEntry] = field(default_factory=list)
    emails: list[EmailEntry] = field(default_factory=list)
    locations: list[LocationEntry] = field(default_factory=list)
    postal_address: list[str] | None = None


@dataclass(frozen=True)
class EscalationEntry:
    name: str
    address: list[str]
    email: str | None
    web: str | None
    phone: str | None
    fax: str | None
    note: str


@dataclass(frozen=True)
class ContactPage:
    brand: str
    legal_name: str
    website: str | None
    language_notice: str
    departments: list[DepartmentEntry]
    channels: list[ChannelEntry]
    escalation_notice: str
    escalation: list[EscalationEntry]
    version: str
    effective_from: str


def hours_rows(hours: WeeklyHours) -> list[HoursRow]:
    """Opening hours grouped as a shop window shows them: "Monday – Friday 09:00–17:30"."""
    per_day = []
    for day in range(7):
        ranges = [
            f"{w.opens // 60:02d}:{w.opens % 60:02d}–{w.closes // 60:02d}:{w.closes % 60:02d}"
            for w in hours.windows
            if w.weekday == day
        ]
        per_day.append(", ".join(ranges) if ranges else _("closed"))
    rows: list[HoursRow] = []
    start = 0
    for day in range(1, 8):
        if day == 7 or per_day[day] != per_day[start]:
            days = (
                str(DAY_LABELS[start])
                if day - 1 == start
                else f"{DAY_LABELS[start]} – {DAY_LABELS[day - 1]}"
            )
            rows.append(HoursRow(days=days, hours=per_day[start]))
            start = day
    return rows


def _text(policy: Policy, value: LocalizedText | None, language: str) -> str:
    return policy.text(value, language) if value is not None else ""


def _address(policy: Policy, address: Address | None, language: str) -> list[str]:
    if address is None:
        return []
    lines = [address.street] if address.street else []
    lines.append(" ".join(part for part in (address.postal_code, address.city) if part))
    if address.note is not None:
        lines.append(policy.text(address.note, language))
    return lines


def _department_name(policy: Policy, slug: str | None, language: str) -> str:
    department = policy.department(slug) if slug else None
    return policy.text(department.name, language) if department else ""


def _naming_channels(policy: Policy, message: LocalizedText, kind: str, language: str) -> str:
    """The message with {channels} named as the deadline engine names them (PC-2, UN-1)."""
    return Message("", fill_channels(policy, message, kind)).text(language, policy.default_language)


def _channel(policy: Policy, channel: Channel, language: str, now: datetime) -> ChannelEntry:
    notices = [
        _naming_channels(policy, rule.notice, rule.kind, language) for rule in channel.treat_as
    ]
    notices += [
        _naming_channels(policy, refusal.message, kind, language)
        for kind, refusal in channel.refusals.items()
    ]
    locations = []
    for location in channel.locations:
        schedule = policy.schedule(location.hours, "working") if location.hours else None
        locations.append(
            LocationEntry(
                name=policy.text(location.name, language),
                address=_address(policy, location.address, language),
                hours=hours_rows(location.hours) if location.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
                latitude=location.gps.lat if location.gps else None,
                longitude=location.gps.lon if location.gps else None,
            )
        )
    return ChannelEntry(
        kind=channel.kind,
        name=policy.text(channel.name, language),
        description=_text(policy, channel.description, language),
        written=channel.written,
        accepts=[str(KIND_PLURALS[kind]) for kind in channel.accepts],
        notices=notices,
        url=channel.url,
        hours=hours_rows(channel.hours) if channel.hours else None,
        phones=[
            PhoneEntry(
                number=phone.number,
                e164=phone.e164,
                label=_text(policy, phone.label, language),
                department=_department_name(policy, phone.department, language),
            )
            for phone in channel.phone_numbers
        ],
        menu=[
            MenuEntry(
                digit=entry.digit, department=_department_name(policy, entry.department, language)
            )
            for entry in channel.menu
        ],
        emails=[
            EmailEntry(
                email=entry.email,
                department=_department_name(policy, entry.department, language),
            )
            for entry in channel.addresses
        ],
        locations=locations,
        postal_address=_address(policy, channel.postal_address, language) or None,
    )


def departments(policy: Policy, *, language: str, now: datetime) -> list[DepartmentEntry]:
    """Each department with its operator hours and whether it is open at `now` (PN-2)."""
    entries = []
    for department in policy.departments:
        schedule = policy.department_schedule(department.slug)
        entries.append(
            DepartmentEntry(
                slug=department.slug,
                name=policy.text(department.name, language),
                description=_text(policy, department.description, language),
                hours=hours_rows(department.hours) if department.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
            )
        )
    return entries


def contact_page(policy: Policy, *, language: str, now: datetime) -> ContactPage:
    return ContactPage(
        brand=policy.provider.brand,
        legal_name=policy.provider.legal_name,
        website=policy.provider.website,
        language_notice=_text(policy, policy.complaint_language_notice, language),
        departments=departments(policy, language=language, now=now),
        channels=[
            _channel(policy, channel, language, now)
            for channel in policy.channels
            if channel.enabled
        ],
        escalation_notice=policy.text(policy.escalation.notice, language),
        escalation=[
            EscalationEntry(
                name=policy.text(body.name, language),
                address=_address(policy, body.address, language),
                email=body.email,
                web=body.web,
                phone=body.phone,
                fax=body.fax,
                note=_text(policy, body.note, language),
            )
            for body in policy.escalation.bodies
        ],
        version=policy.version,
        effective_from=policy.effective_from.isoformat(),
    )

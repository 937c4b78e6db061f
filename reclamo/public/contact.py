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

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reclamo.domain.errors import DomainError
from reclamo.domain.phones import phone_e164
from reclamo.domain.policy import (
    Address,
    Channel,
    Policy,
    WeeklyHours,
)
from reclamo.labels import KIND_PLURALS
from reclamo.public.texts import Text, localized

DAY_LABELS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


# The channels Reclamo itself serves for every provider whose procedure enables them: the web
# form (/<lang>/p/<slug>/complaint/) and the customer portal (/<lang>/portal/). They need no
# address in the policy; the contact page links to Reclamo's pages.
HOSTED_CHANNELS = ("web", "portal")


def customer_channels(policy: Policy) -> list[Channel]:
    """The channels a customer can use: enabled, with their contact data, never the API."""
    return [
        channel
        for channel in policy.channels
        if channel.enabled
        and channel.kind != "api"
        and (channel.kind in HOSTED_CHANNELS or not channel.missing_contact_data())
    ]


@dataclass(frozen=True)
class HoursRow:
    days: str
    hours: str


@dataclass(frozen=True)
class DepartmentCall:
    """A number that reaches a department: directly, or through the menu's ``digit`` (PN-3)."""

    number: str
    e164: str
    digit: str | None = None


@dataclass(frozen=True)
class DepartmentEntry:
    slug: str
    name: Text
    description: Text
    hours: list[HoursRow] | None
    open_now: bool | None
    # Where the department is reached (PN-3: the right address and number, one click away).
    emails: list[str] = field(default_factory=list)
    calls: list[DepartmentCall] = field(default_factory=list)


@dataclass(frozen=True)
class PhoneEntry:
    number: str
    e164: str
    label: Text
    department: Text


@dataclass(frozen=True)
class MenuEntry:
    digit: str
    department: Text


@dataclass(frozen=True)
class EmailEntry:
    email: str
    department: Text


@dataclass(frozen=True)
class LocationEntry:
    name: Text
    address: list[Text]
    hours: list[HoursRow] | None
    open_now: bool | None
    latitude: float | None
    longitude: float | None

    @property
    def coordinates(self) -> str | None:
        """ "44.381988, 26.136262": a decimal point in every language, as maps read them."""
        if self.latitude is None or self.longitude is None:
            return None
        return f"{self.latitude:.6f}, {self.longitude:.6f}"

    @property
    def map_url(self) -> str | None:
        if self.latitude is None or self.longitude is None:
            return None
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


@dataclass(frozen=True)
class Guidance:
    """A kind a channel does not take as itself, and where to send it instead."""

    kind: str
    recorded_as: str
    alternatives: list[Text]


@dataclass(frozen=True)
class ChannelEntry:
    kind: str
    name: Text
    description: Text
    written: bool
    accepts: list[str]
    guidance: list[Guidance]
    url: str | None = None
    hours: list[HoursRow] | None = None
    phones: list[PhoneEntry] = field(default_factory=list)
    menu: list[MenuEntry] = field(default_factory=list)
    emails: list[EmailEntry] = field(default_factory=list)
    locations: list[LocationEntry] = field(default_factory=list)
    postal_address: list[Text] | None = None


@dataclass(frozen=True)
class RefusedChannel:
    """A channel the procedure refuses kinds on but publishes no contact data for (PC-2)."""

    name: Text
    guidance: list[Guidance]


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


def _address(policy: Policy, address: Address | None, language: str) -> list[Text]:
    # Street and town are written locally and not translated, except a town that has its own
    # name in the visitor's language (Kolárovo is Gúta on a Hungarian page); the note is.
    if address is None:
        return []
    local = policy.default_language
    lines = [Text(address.street, local)] if address.street else []
    city, city_language = address.city_in(language)
    lines.append(
        Text(" ".join(p for p in (address.postal_code, city) if p), city_language or local)
    )
    if address.note is not None:
        lines.append(localized(policy, address.note, language))
    return lines


def _department_name(policy: Policy, slug: str | None, language: str) -> Text:
    department = policy.department(slug) if slug else None
    return localized(policy, department.name if department else None, language)


def _guidance(
    policy: Policy, channel: Channel, shown: list[Channel], language: str
) -> list[Guidance]:
    """For each kind of the policy this channel does not take as itself: what happens to it
    here, and the channels a customer can file it on instead (PC-2, UN-1)."""
    entries = []
    for kind in policy.kinds:
        if kind in channel.accepts:
            continue
        becomes = list(
            dict.fromkeys(rule.becomes for rule in channel.treat_as if rule.kind == kind)
        )
        entries.append(
            Guidance(
                kind=str(KIND_PLURALS[kind]),
                recorded_as=", ".join(str(KIND_PLURALS[b]) for b in becomes),
                alternatives=[
                    localized(policy, other.name, language)
                    for other in shown
                    if kind in other.accepts and other is not channel
                ],
            )
        )
    return entries


def _location(
    policy: Policy, channel: Channel, language: str, now: datetime
) -> list[LocationEntry]:
    entries = []
    for location in channel.locations:
        schedule = policy.schedule(location.hours, "working") if location.hours else None
        entries.append(
            LocationEntry(
                name=localized(policy, location.name, language),
                address=_address(policy, location.address, language),
                hours=hours_rows(location.hours) if location.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
                latitude=location.gps.lat if location.gps else None,
                longitude=location.gps.lon if location.gps else None,
            )
        )
    return entries


def _channel(
    policy: Policy, channel: Channel, shown: list[Channel], language: str, now: datetime
) -> ChannelEntry:
    return ChannelEntry(
        kind=channel.kind,
        name=localized(policy, channel.name, language),
        description=localized(policy, channel.description, language),
        written=channel.written,
        accepts=[str(KIND_PLURALS[kind]) for kind in channel.accepts],
        guidance=_guidance(policy, channel, shown, language),
        url=None if channel.kind in HOSTED_CHANNELS else channel.url,
        hours=hours_rows(channel.hours) if channel.hours else None,
        phones=[
            PhoneEntry(
                number=phone.number,
                e164=phone.e164,
                label=localized(policy, phone.label, language),
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
        locations=_location(policy, channel, language, now),
        postal_address=_address(policy, channel.postal_address, language) or None,
    )


def _refused_channels(policy: Policy, shown: list[Channel], language: str) -> list[RefusedChannel]:
    """Channels not shown whose refusals the procedure publishes ("reklamácie zaslané
    elektronickou poštou nevybavujeme", PC-2): customers are told, though no address is given."""
    entries = []
    for channel in policy.channels:
        if channel in shown or channel.kind == "api" or not channel.enabled:
            continue
        guidance = [
            g
            for g in _guidance(policy, channel, shown, language)
            if any(str(KIND_PLURALS[kind]) == g.kind for kind in channel.refusals)
        ]
        if guidance:
            entries.append(RefusedChannel(localized(policy, channel.name, language), guidance))
    return entries


def _department_contacts(
    policy: Policy,
) -> tuple[dict[str, list[str]], dict[str, list[DepartmentCall]]]:
    """Per department: the email addresses and the phone numbers (with the menu digit) of the
    channels a customer can use that reach it."""
    emails: dict[str, list[str]] = {}
    calls: dict[str, list[DepartmentCall]] = {}
    for channel in customer_channels(policy):
        for address in channel.addresses:
            if address.department:
                emails.setdefault(address.department, []).append(address.email)
        for phone in channel.phone_numbers:
            if phone.department:
                calls.setdefault(phone.department, []).append(
                    DepartmentCall(number=phone.number, e164=phone.e164)
                )
            else:
                for entry in channel.menu:
                    calls.setdefault(entry.department, []).append(
                        DepartmentCall(number=phone.number, e164=phone.e164, digit=entry.digit)
                    )
    return emails, calls


def _e164_or_none(number: str | None, country: str) -> str | None:
    if not number:
        return None
    try:
        return phone_e164(number, country, field="phone")
    except DomainError:
        return None


def departments(policy: Policy, *, language: str, now: datetime) -> list[DepartmentEntry]:
    """Each department with its operator hours, whether it is open at `now` (PN-2), and its
    email addresses and phone numbers (PN-3)."""
    emails, calls = _department_contacts(policy)
    entries = []
    for department in policy.departments:
        schedule = policy.department_schedule(department.slug)
        entries.append(
            DepartmentEntry(
                slug=department.slug,
                name=localized(policy, department.name, language),
                description=localized(policy, department.description, language),
                hours=hours_rows(department.hours) if department.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
                emails=emails.get(department.slug, []),
                calls=calls.get(department.slug, []),
            )
        )
    return entries


def contact_page(policy: Policy, *, language: str, now: datetime) -> ContactPage:
    shown = customer_channels(policy)
    return ContactPage(
        brand=policy.provider.brand,
        legal_name=policy.provider.legal_name,
        website=policy.provider.website,
        registered_office=_address(policy, policy.provider.registered_office, language),
        language_notice=localized(policy, policy.complaint_language_notice, language),
        departments=departments(policy, language=language, now=now),
        channels=[_channel(policy, channel, shown, language, now) for channel in shown],
        refused_channels=_refused_channels(policy, shown, language),
        escalation_notice=localized(policy, policy.escalation.notice, language),
        # A body's ``note`` is the policy author's editing note ("not named in the procedure;
        # added"), for staff reading the file, so it is not shown.
        escalation=[
            EscalationEntry(
                name=localized(policy, body.name, language),
                address=_address(policy, body.address, language),
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

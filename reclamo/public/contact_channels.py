"""The channels on a provider's contact page (PN-3): those a customer can use, with their
numbers, menu, addresses, offices and hours, and for each kind a channel does not take as itself
where to turn instead (PC-2, UN-1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reclamo.domain.policy import Channel, Policy
from reclamo.labels import KIND_PLURALS
from reclamo.public.contact_formats import HoursRow, address_lines, department_name, hours_rows
from reclamo.public.texts import Text, localized

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
                address=address_lines(policy, location.address, language),
                hours=hours_rows(location.hours) if location.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
                latitude=location.gps.lat if location.gps else None,
                longitude=location.gps.lon if location.gps else None,
            )
        )
    return entries


def channel_entry(
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
                department=department_name(policy, phone.department, language),
            )
            for phone in channel.phone_numbers
        ],
        menu=[
            MenuEntry(
                digit=entry.digit, department=department_name(policy, entry.department, language)
            )
            for entry in channel.menu
        ],
        emails=[
            EmailEntry(
                email=entry.email,
                department=department_name(policy, entry.department, language),
            )
            for entry in channel.addresses
        ],
        locations=_location(policy, channel, language, now),
        postal_address=address_lines(policy, channel.postal_address, language) or None,
    )


def refused_channels(policy: Policy, shown: list[Channel], language: str) -> list[RefusedChannel]:
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

"""A provider's complaint procedure as data: the policy schema, its validation, and YAML loading.

A policy file is a provider's published complaint procedure translated rule by rule; every value
that comes from the procedure cites its rule id from ``shared/spec/procedures.md`` (``PN-3``,
``UN-9``, ``PC-12`` …). Onboarding a provider means writing a file, never code.

A loaded :class:`Policy` is frozen. The version in force when a complaint was received governs it
for its whole life, so nothing here reads the clock: callers pass dates and instants in.

Loading (:func:`load_policy_text`, :func:`load_policy_file`) reports *every* problem with its file,
line and field path (``departments[1].hours.sat``) through :class:`PolicyInvalid`. Problems come
in two rounds: first the shape of the file (types, unknown or missing fields, hours, money …);
once the shape is right, the cross-references (departments named by routes, channels and menus,
texts missing a declared language, channels that neither accept nor refuse a kind …).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import string
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Self, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays as holidays_package
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from reclamo.domain.calendar import (
    HolidayCalendar,
    WeeklyWindow,
    WorkingSchedule,
    holiday_calendar,
    working_schedule,
)
from reclamo.domain.errors import DomainError
from reclamo.domain.vocabulary import (
    CATEGORIES,
    CHANNEL_KINDS,
    CLOCK_EVENTS,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    KINDS,
    Category,
    ChannelKind,
    ClockEvent,
    Complexity,
    FaultLocation,
    Kind,
    Milestone,
)

__all__ = [
    "CATEGORIES",
    "CHANNELS_PLACEHOLDER",
    "CHANNEL_KINDS",
    "CLOCK_EVENTS",
    "COMPLEXITIES",
    "FAULT_LOCATIONS",
    "KINDS",
    "Address",
    "Category",
    "Channel",
    "ChannelKind",
    "CitedAct",
    "ClockEvent",
    "Clocks",
    "Complexity",
    "DeemedUpheld",
    "Department",
    "EmailAddress",
    "Escalation",
    "EscalationBody",
    "FaultLocation",
    "FilingWindow",
    "GeoPoint",
    "InternalTarget",
    "Kind",
    "LocalizedText",
    "Location",
    "MenuEntry",
    "OpeningWindow",
    "OutdatedCitation",
    "Period",
    "PhoneNumber",
    "Policy",
    "PolicyInvalid",
    "PolicyProblem",
    "PriceItem",
    "PriceList",
    "Refusal",
    "Remedies",
    "RepairClock",
    "ReportWindow",
    "ResolutionClock",
    "ResolutionExtension",
    "Route",
    "Routing",
    "TreatAs",
    "WeeklyHours",
    "load_policy_file",
    "load_policy_text",
]

Loc = tuple[str | int, ...]

# --- vocabulary (defined once in vocabulary.py; re-exported for callers of this module) ---------

HolidayRule = Literal["working", "closed"]

# The placeholder a refusal may use; it is replaced by the names of the channels that do accept
# the kind (PC-2: the automatic answer names the accepted channels).
CHANNELS_PLACEHOLDER = "{channels}"


def _fail(message: str) -> PydanticCustomError:
    # No context is passed, so braces in the message are not treated as a template.
    return PydanticCustomError("policy", message)


def _raise_problems(title: str, problems: Sequence[tuple[Loc, str]]) -> typing.NoReturn:
    """Raise all problems at once; pydantic nests them under the current location."""
    raise ValidationError.from_exception_data(
        title,
        [InitErrorDetails(type=_fail(message), loc=loc, input=None) for loc, message in problems],
    )


def _one_of(values: Sequence[str]) -> str:
    return ", ".join(values)


# --- scalar types --------------------------------------------------------------------------------

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RULE_RE = re.compile(r"[A-Z][A-Z0-9]*-[0-9]+[a-z]?")
_LANGUAGE_RE = re.compile(r"[a-z]{2}")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
_E164_RE = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_URL_RE = re.compile(r"https?://[^\s]+")
_DIGIT_RE = re.compile(r"[0-9*#]")
_MONEY_RE = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_FACTOR_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _slug(value: str) -> str:
    if not _SLUG_RE.fullmatch(value):
        raise _fail(
            f"{value!r} is not a slug — use lowercase letters, digits and single dashes, "
            "e.g. 'customer-relations'"
        )
    return value


def _rule_id(value: str) -> str:
    if not _RULE_RE.fullmatch(value):
        raise _fail(f"{value!r} is not a rule id — write it like 'PC-12' (prefix, dash, number)")
    return value


def _language(value: str) -> str:
    if not _LANGUAGE_RE.fullmatch(value):
        raise _fail(f"{value!r} is not a language — use a two-letter ISO 639-1 code such as 'sk'")
    return value


def _country(value: str) -> str:
    if not _COUNTRY_RE.fullmatch(value):
        raise _fail(
            f"{value!r} is not a country — use a two-letter ISO 3166 code in capitals, e.g. 'SK'"
        )
    return value


def _currency(value: str) -> str:
    if not _CURRENCY_RE.fullmatch(value):
        raise _fail(f"{value!r} is not a currency — use a three-letter ISO 4217 code, e.g. 'EUR'")
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        close = difflib.get_close_matches(value, sorted(available_timezones()), n=1)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        raise _fail(
            f"unknown time zone {value!r}; use an IANA name such as 'Europe/Bratislava'{hint}"
        ) from exc
    return value


def _e164(value: str) -> str:
    if not _E164_RE.fullmatch(value):
        raise _fail(f"{value!r} is not an E.164 number — write it like '+421902441588'")
    return value


def _email(value: str) -> str:
    if not _EMAIL_RE.fullmatch(value):
        raise _fail(f"{value!r} is not an email address (lowercase, like 'tehnic@pronetit.ro')")
    return value


def _url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise _fail(f"{value!r} is not a web address — start it with https:// or http://")
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise _fail("this text is empty")
    return value


def _digit(value: object) -> object:
    # YAML reads `digit: 1` as a number; a menu key is a key on the phone, so keep it as text.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _DIGIT_RE.fullmatch(value):
        raise _fail(f"{value!r} is not a phone key — use one of 0-9, * or #")
    return value


def _money(value: object) -> object:
    # Money is Decimal, never float (STYLE.md rule 3): a YAML number such as 12.9 is read as a
    # float before we see it, so amounts must be quoted strings.
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise _fail(
            f'money must be a quoted decimal string such as "12.90", not {value!r} — '
            "YAML reads an unquoted number as a float, which cannot hold cents exactly"
        )
    if not _MONEY_RE.fullmatch(value):
        raise _fail(
            f"{value!r} is not an amount — write digits, a dot and at most two decimals, "
            'e.g. "12.90"'
        )
    return Decimal(value)


def _factor(value: object) -> object:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and _FACTOR_RE.fullmatch(value):
        return Decimal(value)
    raise _fail(
        f'{value!r} is not an exact factor — write a whole number or a quoted decimal, e.g. "3"'
    )


def _version(value: object) -> object:
    # An unquoted `version: 2015-01-01` is read by YAML as a date; the version is a label.
    if isinstance(value, date):
        return value.isoformat()
    return value


Slug = Annotated[str, AfterValidator(_slug)]
RuleId = Annotated[str, AfterValidator(_rule_id)]
LanguageCode = Annotated[str, AfterValidator(_language)]
CountryCode = Annotated[str, AfterValidator(_country)]
CurrencyCode = Annotated[str, AfterValidator(_currency)]
TimeZoneName = Annotated[str, AfterValidator(_time_zone)]
E164 = Annotated[str, AfterValidator(_e164)]
EmailAddressText = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
NonEmptyText = Annotated[str, AfterValidator(_text)]
MenuDigit = Annotated[str, BeforeValidator(_digit)]
Money = Annotated[Decimal, BeforeValidator(_money)]
Factor = Annotated[Decimal, BeforeValidator(_factor)]
VersionLabel = Annotated[str, BeforeValidator(_version), AfterValidator(_text)]
PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --- texts in several languages ------------------------------------------------------------------


class LocalizedText(RootModel[dict[LanguageCode, NonEmptyText]]):
    """A text a person reads, given in every language the policy declares (``{sk: …, hu: …}``).

    Languages beyond the declared ones are allowed (the UI ships ro, sk, hu and en).
    """

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.root:
            raise _fail("give this text in at least one language, e.g. {sk: '…'}")
        return self

    def get(self, language: str, fallback: str) -> str:
        """The text in ``language``, else in ``fallback`` (the policy's default language)."""
        found = self.root.get(language)
        if found is None:
            found = self.root.get(fallback)
        if found is None:
            found = next(iter(self.root.values()))
        return found

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)


# --- weekly hours --------------------------------------------------------------------------------

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_INDEX = {name: index for index, name in enumerate(DAY_NAMES)}
_MINUTES_PER_DAY = 24 * 60
_TIME_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_NON_STOP = {"non-stop", "nonstop", "24/7"}


class OpeningWindow(NamedTuple):
    """One open interval of a weekday, in minutes after local midnight (closes 1440 = 24:00)."""

    weekday: int
    opens: int
    closes: int

    def describe(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {_hhmm(self.opens)}-{_hhmm(self.closes)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_days(key: str) -> list[int] | str:
    """``mon``, ``mon-fri`` or ``sat,sun`` → weekday indexes; a message when it is none of those."""
    days: list[int] = []
    for token in key.split(","):
        token = token.strip().lower()
        first, dash, last = (part.strip() for part in token.partition("-"))
        if first not in _DAY_INDEX or (dash and last not in _DAY_INDEX):
            return (
                f"{key!r} is not a day — use mon, tue, wed, thu, fri, sat, sun, a range such as "
                "mon-fri, or a list such as sat,sun"
            )
        start = _DAY_INDEX[first]
        end = _DAY_INDEX[last] if dash else start
        if end < start:
            return f"{key!r} runs backwards — ranges go from mon to sun; write e.g. fri,sat,sun,mon"
        days.extend(range(start, end + 1))
    return days


def _parse_time(text: str, *, closing: bool) -> int | None:
    match = _TIME_RE.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not closing)):
        return None
    return hours * 60 + minutes


def _parse_ranges(value: object) -> list[tuple[int, int]] | str:
    """``"09:00-17:30"``, ``"09:00-12:00, 13:00-17:00"``, a list of those, or ``closed``."""
    if value is None or value is False or (isinstance(value, str) and value.strip() == "closed"):
        return []
    parts: list[str]
    if isinstance(value, str):
        parts = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = list(value)
    else:
        return (
            f'{value!r} is not opening hours — write "09:00-17:30" (quoted), several ranges '
            "separated by commas, or closed"
        )
    ranges: list[tuple[int, int]] = []
    for part in parts:
        opens_text, dash, closes_text = part.replace("–", "-").partition("-")
        opens = _parse_time(opens_text, closing=False)
        closes = _parse_time(closes_text, closing=True) if dash else None
        if opens is None or closes is None:
            return (
                f'{part.strip()!r} is not a time range — write it like "09:00-17:30" '
                '(24-hour clock; "00:00-24:00" for the whole day)'
            )
        if closes <= opens:
            return (
                f"{part.strip()!r} closes before it opens — a range must end after it starts; "
                "split a range that crosses midnight over two days"
            )
        ranges.append((opens, closes))
    return ranges


def _parse_week(data: Mapping[Any, Any]) -> list[OpeningWindow]:
    problems: list[tuple[Loc, str]] = []
    windows: dict[int, list[tuple[int, int, str]]] = {day: [] for day in range(7)}
    closed: dict[int, str] = {}
    for raw_key, value in data.items():
        key = str(raw_key)
        days = _parse_days(key)
        if isinstance(days, str):
            problems.append(((key,), days))
            continue
        ranges = _parse_ranges(value)
        if isinstance(ranges, str):
            problems.append(((key,), ranges))
            continue
        for day in days:
            if not ranges:
                if windows[day]:
                    problems.append(
                        ((key,), f"{DAY_NAMES[day]} is closed here but has hours under another key")
                    )
                closed[day] = key
                continue
            if day in closed:
                problems.append(
                    ((key,), f"{DAY_NAMES[day]} has hours here but is closed under {closed[day]!r}")
                )
                continue
            windows[day].extend((opens, closes, key) for opens, closes in ranges)
    result: list[OpeningWindow] = []
    for day, day_windows in windows.items():
        day_windows.sort()
        for (opens, closes, key), (next_opens, next_closes, next_key) in itertools.pairwise(
            day_windows
        ):
            if next_opens < closes:
                problems.append(
                    (
                        (next_key,),
                        f"{DAY_NAMES[day]} {_hhmm(next_opens)}-{_hhmm(next_closes)} overlaps "
                        f"{DAY_NAMES[day]} {_hhmm(opens)}-{_hhmm(closes)} (from {key!r}) — "
                        "each moment of the week may appear only once",
                    )
                )
        result.extend(OpeningWindow(day, opens, closes) for opens, closes, _key in day_windows)
    if problems:
        _raise_problems("WeeklyHours", problems)
    return result


class WeeklyHours(_Model):
    """Opening hours of a week, written as in a shop window.

    ``{mon-fri: "09:00-17:30", sat: closed}``; ``{mon-sun: "00:00-24:00"}`` or just ``non-stop``
    for always open. Days not named are closed. Times are local wall-clock times in the policy's
    zone; a range must end after it starts (24:00 is the end of the day) and ranges of one day may
    not overlap.
    """

    windows: tuple[OpeningWindow, ...]

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: object) -> object:
        if isinstance(data, WeeklyHours):
            return data
        if (
            isinstance(data, Mapping)
            and set(data) == {"windows"}
            and not isinstance(data["windows"], str)
        ):
            return data
        if isinstance(data, str) and data.strip().lower() in _NON_STOP:
            return {"windows": [OpeningWindow(day, 0, _MINUTES_PER_DAY) for day in range(7)]}
        if isinstance(data, str) and data.strip().lower() == "closed":
            return {"windows": []}
        if not isinstance(data, Mapping):
            raise _fail(
                'hours are a mapping of days to times, e.g. {mon-fri: "09:00-17:30", '
                "sat: closed}, or non-stop"
            )
        return {"windows": _parse_week(data)}

    @model_serializer
    def _dump(self) -> dict[str, str]:
        per_day = [
            ", ".join(f"{_hhmm(w.opens)}-{_hhmm(w.closes)}" for w in self.windows if w.weekday == d)
            or "closed"
            for d in range(7)
        ]
        result: dict[str, str] = {}
        start = 0
        for day in range(1, 8):
            if day == 7 or per_day[day] != per_day[start]:
                key = (
                    DAY_NAMES[start]
                    if day - 1 == start
                    else f"{DAY_NAMES[start]}-{DAY_NAMES[day - 1]}"
                )
                result[key] = per_day[start]
                start = day
        return result

    def weekly_windows(self) -> tuple[WeeklyWindow, ...]:
        """The hours as calendar windows (24:00 is ``closes=None``, see ``calendar.py``)."""
        return tuple(
            WeeklyWindow(
                w.weekday,
                time(w.opens // 60, w.opens % 60),
                None if w.closes == _MINUTES_PER_DAY else time(w.closes // 60, w.closes % 60),
            )
            for w in self.windows
        )

    @property
    def is_non_stop(self) -> bool:
        return all(
            any(
                w.weekday == d and w.opens == 0 and w.closes == _MINUTES_PER_DAY
                for w in self.windows
            )
            for d in range(7)
        )


# --- periods -------------------------------------------------------------------------------------

PeriodUnit = Literal["days", "hours", "months", "working_hours"]
_PERIOD_RE = re.compile(r"([0-9]+)\s+(working\s+hours?|hours?|days?|months?)")
_UNIT_WORDS: dict[str, PeriodUnit] = {
    "day": "days",
    "days": "days",
    "hour": "hours",
    "hours": "hours",
    "month": "months",
    "months": "months",
    "working hour": "working_hours",
    "working hours": "working_hours",
}


class Period(_Model):
    """A length of time written as in the procedure: ``30 days``, ``48 hours``, ``3 months``,
    ``2 working hours`` (T-1 … T-5 say how each unit is counted)."""

    amount: PositiveInt
    unit: PeriodUnit

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: object) -> object:
        if isinstance(data, str):
            match = _PERIOD_RE.fullmatch(data.strip())
            if match is None:
                raise _fail(
                    f"{data!r} is not a period — write e.g. '30 days', '48 hours', '3 months' or "
                    "'2 working hours'"
                )
            unit = _UNIT_WORDS[re.sub(r"\s+", " ", match.group(2))]
            return {"amount": int(match.group(1)), "unit": unit}
        if isinstance(data, int) and not isinstance(data, bool):
            raise _fail(f"{data!r} has no unit — write e.g. '{data} days'")
        return data

    @model_serializer
    def _dump(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}"

    def __str__(self) -> str:
        return self._dump()


# --- identity and legal basis --------------------------------------------------------------------


class Address(_Model):
    """A postal address as written locally (addresses are not translated; ``note`` is)."""

    street: NonEmptyText | None = None
    postal_code: NonEmptyText | None = None
    city: NonEmptyText
    country: CountryCode
    note: LocalizedText | None = None


class ProviderIdentity(_Model):
    slug: Slug
    legal_name: NonEmptyText
    brand: NonEmptyText
    website: Url | None = None
    company_id: NonEmptyText | None = None
    tax_id: NonEmptyText | None = None
    registered_office: Address | None = None


class Replacement(_Model):
    replaced_by: NonEmptyText
    replaced_on: date


class CitedAct(_Model):
    """An act the procedure cites. ``replaced_by``/``replaced_on`` record the act that replaced it;
    ``then_replaced`` any later replacements of that act, in order, so staff see what is in force
    now (both SK texts cite replaced acts)."""

    reference: NonEmptyText
    title: LocalizedText
    provisions: list[NonEmptyText] = []
    replaced_by: NonEmptyText | None = None
    replaced_on: date | None = None
    then_replaced: list[Replacement] = []

    @model_validator(mode="after")
    def _chain(self) -> Self:
        problems: list[tuple[Loc, str]] = []
        if (self.replaced_by is None) != (self.replaced_on is None):
            missing = "replaced_on" if self.replaced_on is None else "replaced_by"
            problems.append(((missing,), "give replaced_by and replaced_on together"))
        if self.then_replaced and self.replaced_on is None:
            problems.append((("then_replaced",), "then_replaced needs replaced_by and replaced_on"))
        previous = self.replaced_on
        for index, step in enumerate(self.then_replaced):
            if previous is not None and step.replaced_on <= previous:
                problems.append(
                    (
                        ("then_replaced", index, "replaced_on"),
                        f"{step.replaced_on} is not after the previous replacement ({previous})",
                    )
                )
            previous = step.replaced_on
        if problems:
            _raise_problems("CitedAct", problems)
        return self

    def in_force_instead(self, as_of: date) -> str | None:
        """The act in force instead of this one on ``as_of``; ``None`` while still in force."""
        current: str | None = None
        if self.replaced_on is not None and self.replaced_on <= as_of:
            current = self.replaced_by
            for step in self.then_replaced:
                if step.replaced_on <= as_of:
                    current = step.replaced_by
        return current


@dataclass(frozen=True, slots=True)
class OutdatedCitation:
    """A cited act no longer in force on a date, and the act in force instead."""

    act: CitedAct
    replaced_on: date
    in_force: str


# --- departments and channels --------------------------------------------------------------------


class Department(_Model):
    slug: Slug
    name: LocalizedText
    description: LocalizedText | None = None
    # Operator hours (PN-2). None where the procedure publishes none: nothing is invented.
    hours: WeeklyHours | None = None
    rule: RuleId | None = None


class GeoPoint(_Model):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Location(_Model):
    name: LocalizedText
    address: Address
    hours: WeeklyHours | None = None
    gps: GeoPoint | None = None


class PhoneNumber(_Model):
    number: NonEmptyText  # as published, e.g. "021.589.41.41"
    e164: E164
    label: LocalizedText | None = None
    department: Slug | None = None


class EmailAddress(_Model):
    email: EmailAddressText
    department: Slug | None = None


class MenuEntry(_Model):
    digit: MenuDigit
    department: Slug


class TreatAs(_Model):
    """A kind this channel takes, but as another kind (UN-1: a phone complaint is a fault report).

    ``categories`` empty means any category; the first matching entry wins.
    """

    kind: Kind
    categories: list[Category] = []
    becomes: Kind
    rule: RuleId | None = None
    notice: LocalizedText


class Refusal(_Model):
    """The automatic answer when a channel does not take a kind (PC-2). ``{channels}`` in the
    message is replaced by the names of the channels that do."""

    rule: RuleId | None = None
    message: LocalizedText


class Channel(_Model):
    kind: ChannelKind
    name: LocalizedText
    description: LocalizedText | None = None
    enabled: bool = True
    written: bool
    accepts: list[Kind]
    treat_as: list[TreatAs] = []
    refusals: dict[Kind, Refusal] = {}
    url: Url | None = None
    addresses: list[EmailAddress] = []
    phone_numbers: list[PhoneNumber] = []
    menu: list[MenuEntry] = []
    locations: list[Location] = []
    postal_address: Address | None = None
    hours: WeeklyHours | None = None
    rule: RuleId | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems: list[tuple[Loc, str]] = []
        seen: set[str] = set()
        for index, accepted in enumerate(self.accepts):
            if accepted in seen:
                problems.append((("accepts", index), f"{accepted!r} is listed twice"))
            seen.add(accepted)
        for index, rule in enumerate(self.treat_as):
            if rule.kind in self.accepts:
                problems.append(
                    (
                        ("treat_as", index, "kind"),
                        f"{rule.kind!r} is accepted as itself on this channel; remove it from "
                        "accepts or from treat_as",
                    )
                )
            if rule.becomes not in self.accepts:
                problems.append(
                    (
                        ("treat_as", index, "becomes"),
                        f"{rule.becomes!r} is not accepted on this channel — add it to accepts",
                    )
                )
        for kind in self.refusals:
            if kind in self.accepts:
                problems.append(
                    (("refusals", kind), f"{kind!r} is accepted here, so it cannot be refused")
                )
        digits: dict[str, int] = {}
        for index, entry in enumerate(self.menu):
            if entry.digit in digits:
                problems.append(
                    (
                        ("menu", index, "digit"),
                        f"menu digit {entry.digit} is used twice (entries {digits[entry.digit]} "
                        f"and {index}: {self.menu[digits[entry.digit]].department} and "
                        f"{entry.department}) — each key may lead to one department only",
                    )
                )
            else:
                digits[entry.digit] = index
        fields_for_kind: list[tuple[str, bool, str]] = [
            ("addresses", bool(self.addresses), "email"),
            ("phone_numbers", bool(self.phone_numbers), "phone"),
            ("menu", bool(self.menu), "phone"),
            ("locations", bool(self.locations), "in_person"),
            ("postal_address", self.postal_address is not None, "letter"),
        ]
        for field, present, owner in fields_for_kind:
            if present and self.kind != owner:
                problems.append(
                    ((field,), f"{field} belong to a {owner} channel, not a {self.kind} channel")
                )
        if problems:
            _raise_problems("Channel", problems)
        return self

    def refusal_for(self, kind: str) -> Refusal | None:
        for refused, refusal in self.refusals.items():
            if refused == kind:
                return refusal
        return None

    def treatment(self, kind: str, category: str | None) -> TreatAs | None:
        for rule in self.treat_as:
            if rule.kind == kind and (not rule.categories or category in rule.categories):
                return rule
        return None


# --- routing and intake --------------------------------------------------------------------------


class Route(_Model):
    """Where a case goes when no department was given and the channel names none (PN-1).

    Empty ``kinds`` / ``categories`` match any; the first matching route wins.
    """

    kinds: list[Kind] = []
    categories: list[Category] = []
    department: Slug
    rule: RuleId | None = None

    def matches(self, kind: str, category: str | None) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.categories or category in self.categories
        )


class Routing(_Model):
    rule: RuleId | None = None
    routes: list[Route] = []
    default: Slug


class Intake(_Model):
    rule: RuleId | None = None
    # When electronic channels register on their own (PN-2: non-stop).
    automatic: WeeklyHours


# --- clocks --------------------------------------------------------------------------------------


class _Clock(_Model):
    rule: RuleId
    kinds: list[Kind]
    categories: list[Category] = []
    within: Period
    from_: ClockEvent = Field(alias="from")
    # None: the policy's roll_to_working_day decides (T-2).
    roll_to_working_day: bool | None = None

    @model_validator(mode="after")
    def _period_unit(self) -> Self:
        if not self.kinds:
            _raise_problems(type(self).__name__, [(("kinds",), "name at least one kind")])
        if self.within.unit == "working_hours":
            _raise_problems(
                type(self).__name__,
                [
                    (
                        ("within",),
                        "working hours need a schedule; only internal_target counts working hours",
                    )
                ],
            )
        return self

    def applies(self, kind: str, category: str | None) -> bool:
        # A request without a category matches clocks of any category: the clock is shown and
        # staff correct the category later.
        return kind in self.kinds and (
            category is None or not self.categories or category in self.categories
        )


class ResolutionExtension(_Model):
    """UN-9: the provider may extend the resolution period, within limits."""

    rule: RuleId
    times: PositiveInt = 1
    max_extension: Period
    # The longest period overall, counted from the clock's start as one period (UN-9: 60 days,
    # T-1/T-2 applied to it, not added to the rolled end of the first period).
    longest: Period
    decide_before_deadline: bool = True
    reason_required: bool = True
    customer_told: bool = True

    @model_validator(mode="after")
    def _units(self) -> Self:
        problems: list[tuple[Loc, str]] = [
            ((name,), "an extension is counted in days or months")
            for name, period in (("max_extension", self.max_extension), ("longest", self.longest))
            if period.unit not in ("days", "months")
        ]
        if problems:
            _raise_problems("ResolutionExtension", problems)
        return self


class ResolutionClock(_Clock):
    """The legal resolution period (PN-5, UN-9, PC-12). ``complexity`` None matches any."""

    complexity: Complexity | None = None
    extension: ResolutionExtension | None = None

    def applies_to(self, kind: str, category: str | None, complexity: str | None) -> bool:
        return self.applies(kind, category) and (
            self.complexity is None or self.complexity == complexity
        )


class DeemedUpheld(_Clock):
    """PC-13: a complaint not resolved within this period is deemed upheld."""


class FilingWindow(_Clock):
    """How long the customer has to file (UN-8, UN-10, PC-9, PC-11)."""

    # PC-9: in writing only; every channel taking these kinds must then be written.
    written_only: bool = False


class ReportWindow(_Model):
    """PC-4: the repair clock counts from the report only inside these hours; a report outside
    them counts from the next opening."""

    hours: WeeklyHours
    public_holidays: HolidayRule
    closed_dates: list[date] = []  # T-5: the provider's own closed days, if it publishes any


class RepairClock(_Clock):
    """A repair duty by fault location (UN-3, UN-4, PC-4, PC-5)."""

    fault_location: FaultLocation
    milestone: Milestone
    # Where the start event may be unknown (UN-4: the customer may not know when the fault
    # began), the event counted from instead.
    else_from: ClockEvent | None = None
    report_window: ReportWindow | None = None


class InternalTarget(_Model):
    """The provider's own target in working hours (PN-6), counted inside ``schedule`` (T-5)."""

    rule: RuleId
    kinds: list[Kind]
    within: Period
    from_: ClockEvent = Field(alias="from")
    schedule: WeeklyHours
    public_holidays: HolidayRule
    closed_dates: list[date] = []  # T-5: the provider's own closed days, if it publishes any

    @model_validator(mode="after")
    def _working_hours(self) -> Self:
        if self.within.unit != "working_hours":
            _raise_problems(
                "InternalTarget", [(("within",), "an internal target is counted in working hours")]
            )
        return self


class Clocks(_Model):
    internal_target: list[InternalTarget] = []
    resolution: list[ResolutionClock] = []
    deemed_upheld: list[DeemedUpheld] = []
    repair: list[RepairClock] = []
    filing: list[FilingWindow] = []
    # The complexity a complaint is held to until staff classify it (PC-12).
    default_complexity: Complexity | None = None
    default_complexity_rule: RuleId | None = None


# --- remedies, prices, escalation ----------------------------------------------------------------


class OutageCredit(_Model):
    rule: RuleId
    # UN-13: hours without service ÷ hours in the billing month × monthly price.
    # PC-6: monthly fee ÷ days in the month the outage began × whole 24-hour periods.
    method: Literal["pro_rata_hours", "daily_share_whole_days"]
    threshold_hours: NonNegativeInt = 0  # PC-6: more than 24 continuous hours
    equipment_fault_extra_hours: NonNegativeInt = 0  # PC-7: + the 48 h repair time
    equipment_rule: RuleId | None = None
    customer_caused_rule: RuleId | None = None  # UN-5 / PC-8: nothing is credited


class BillingCorrection(_Model):
    rule: RuleId  # UN-14
    method: Literal["credit_next_invoices"]
    prepaid_extension_by_agreement: bool = False
    one_time_service: Literal["refund"] = "refund"


class DisputedBill(_Model):
    rule: RuleId  # UN-15 / PC-16
    average_months: PositiveInt
    # With fewer months of use, the average is over all of them when there are more than this.
    shorter_history_more_than_months: NonNegativeInt
    threshold_multiplier: Factor
    deferral_until: Literal["investigation_end"]
    min_instalments: PositiveInt
    instalments_rule: RuleId


class Warranty(_Model):
    rule: RuleId  # UN-2 / PC-3
    equipment: Literal["rented", "purchased"]
    months: PositiveInt
    counted_from: Literal["purchase", "handover"]
    free_unless_customer_caused: bool = True


class PaymentDuringComplaint(_Model):
    rule: RuleId  # UN-7
    billing_complaint_suspends_payment: bool


class CustomerCausedFaults(_Model):
    rule: RuleId  # UN-5 / PC-8
    charged_per_price_list: bool = True
    customer_may_repair: bool = False


class TechnicianTrip(_Model):
    rule: RuleId  # UN-6 / PC-10
    price_item: Slug
    charged_when: Literal["customer_caused", "unnecessary_on_customer_request"]


class Remedies(_Model):
    outage_credit: OutageCredit | None = None
    billing_correction: BillingCorrection | None = None
    disputed_bill: DisputedBill | None = None
    warranty: list[Warranty] = []
    payment_during_complaint: PaymentDuringComplaint | None = None
    customer_caused_faults: CustomerCausedFaults | None = None
    technician_trips: list[TechnicianTrip] = []


class PriceItem(_Model):
    code: Slug
    rule: RuleId | None = None
    name: LocalizedText
    unit: Literal["per_km", "per_trip", "per_hour", "per_item"]
    # None: the procedure names the item and its unit but not the price; the provider fills it.
    amount: Money | None = None


class PriceList(_Model):
    currency: CurrencyCode
    # provider_to_fill: amounts are not in the procedure texts; demo: labelled demo values.
    amounts: Literal["provider_to_fill", "demo", "published"]
    items: list[PriceItem] = []


class EscalationBody(_Model):
    slug: Slug
    kind: Literal["regulator", "consumer_authority", "adr", "court"]
    name: LocalizedText
    address: Address | None = None
    email: EmailAddressText | None = None
    web: Url | None = None
    phone: NonEmptyText | None = None
    fax: NonEmptyText | None = None
    # Where a body is not named by the procedure but added so a negative answer tells the
    # customer where to turn, the note says so.
    note: LocalizedText | None = None


class Escalation(_Model):
    rule: RuleId | None = None
    # Carried by every negative or partial answer (PN-9).
    notice: LocalizedText
    bodies: list[EscalationBody]


class CaseHandling(_Model):
    rule: RuleId | None = None
    # PC-14: resolve in the order received; resolving out of order needs a recorded reason.
    order: Literal["first_in_first_out", "free"] = "free"


class Outcome(_Model):
    """How the result reaches the customer (PN-7, UN-12, PC-15) and when the procedure ends."""

    rule: RuleId | None = None
    means: list[Literal["letter", "email", "phone", "portal", "sms"]]
    written_required: bool
    # UN-11 / PC-15: the procedure ends on the day the written result is sent.
    ends: Literal["result_sent"] = "result_sent"
    ends_rule: RuleId | None = None


def _registration_format(value: str) -> str:
    try:
        fields = {
            name for _text_part, name, _spec, _conv in string.Formatter().parse(value) if name
        }
        if not fields <= {"year", "seq"} or "seq" not in fields:
            raise ValueError
        value.format(year=2026, seq=1)
    except (ValueError, KeyError, IndexError) as exc:
        raise _fail(
            f"{value!r} is not a number format — use {{year}} and {{seq}}, e.g. "
            "'PC-{year}-{seq:06d}'"
        ) from exc
    return value


RegistrationFormat = Annotated[str, AfterValidator(_registration_format)]


# --- the policy ----------------------------------------------------------------------------------


class Policy(_Model):
    """One version of a provider's complaint procedure."""

    format: Literal[1] = 1
    provider: ProviderIdentity
    version: VersionLabel
    effective_from: date
    effective_until: date | None = None
    country: CountryCode
    subdivision: NonEmptyText | None = None
    time_zone: TimeZoneName
    currency: CurrencyCode
    # The provider's public languages; the first is the default and the fallback.
    languages: list[LanguageCode]
    # The languages complaints are handled in (UNITEL: Slovak only, said in Hungarian).
    complaint_languages: list[LanguageCode]
    complaint_language_notice: LocalizedText | None = None
    legal_basis: list[CitedAct] = []
    kinds: list[Kind]
    roll_to_working_day: bool  # T-2
    departments: list[Department]
    channels: list[Channel]
    # The answer where a case arrives on a channel the policy does not offer or has disabled;
    # ``{channels}`` names the channels that take the kind.
    channel_unavailable: LocalizedText
    routing: Routing
    intake: Intake
    clocks: Clocks
    remedies: Remedies = Remedies()
    price_list: PriceList
    escalation: Escalation
    case_handling: CaseHandling = CaseHandling()
    outcome: Outcome
    registration_number: RegistrationFormat

    @model_validator(mode="after")
    def _cross_references(self) -> Self:
        problems = _policy_problems(self)
        if problems:
            _raise_problems("Policy", problems)
        return self

    # Lookups ------------------------------------------------------------------------------------

    @property
    def slug(self) -> str:
        return self.provider.slug

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def text(self, value: LocalizedText, language: str | None = None) -> str:
        """``value`` in ``language``, falling back to the policy's default language."""
        return value.get(language or self.default_language, self.default_language)

    @cached_property
    def _departments_by_slug(self) -> dict[str, Department]:
        return {department.slug: department for department in self.departments}

    @cached_property
    def _channels_by_kind(self) -> dict[str, Channel]:
        return {channel.kind: channel for channel in self.channels}

    @property
    def department_slugs(self) -> tuple[str, ...]:
        return tuple(self._departments_by_slug)

    def department(self, slug: str) -> Department | None:
        return self._departments_by_slug.get(slug)

    def channel(self, kind: str) -> Channel | None:
        return self._channels_by_kind.get(kind)

    def department_for_email(self, address: str) -> str | None:
        """The department an email address belongs to (PN-1: the channel's department wins)."""
        wanted = address.strip().lower()
        channel = self.channel("email")
        for entry in channel.addresses if channel else ():
            if entry.email == wanted:
                return entry.department
        return None

    def department_for_menu_digit(self, digit: str) -> str | None:
        """The department a phone menu key leads to (PN-1, PN-3)."""
        channel = self.channel("phone")
        for entry in channel.menu if channel else ():
            if entry.digit == digit:
                return entry.department
        return None

    def department_for_phone_number(self, e164: str) -> str | None:
        channel = self.channel("phone")
        for entry in channel.phone_numbers if channel else ():
            if entry.e164 == e164:
                return entry.department
        return None

    def accepting_channels(self, kind: str) -> tuple[Channel, ...]:
        """Enabled channels that take ``kind`` as itself, in policy order."""
        return tuple(c for c in self.channels if c.enabled and kind in c.accepts)

    def outdated_citations(self, as_of: date) -> list[OutdatedCitation]:
        """Cited acts no longer in force on ``as_of``, with the act in force instead."""
        found: list[OutdatedCitation] = []
        for act in self.legal_basis:
            in_force = act.in_force_instead(as_of)
            if in_force is not None and act.replaced_on is not None:
                found.append(
                    OutdatedCitation(act=act, replaced_on=act.replaced_on, in_force=in_force)
                )
        return found

    def format_registration_number(self, *, year: int, seq: int) -> str:
        return self.registration_number.format(year=year, seq=seq)

    def is_in_force(self, on: date) -> bool:
        return self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until
        )

    # Calendars (built once per policy object; the calendar module caches them further) ---------

    @cached_property
    def holidays(self) -> HolidayCalendar:
        return holiday_calendar(self.country, self.subdivision)

    @cached_property
    def _schedules(self) -> dict[tuple[int, str, tuple[date, ...]], WorkingSchedule]:
        return {}

    def schedule(
        self,
        hours: WeeklyHours,
        public_holidays: HolidayRule,
        closed_dates: Sequence[date] = (),
    ) -> WorkingSchedule:
        """A working schedule of ``hours`` (part of this policy) in the policy's zone (T-5);
        public holidays closed or working. Built once per policy object, so its day cache
        serves every later computation."""
        key = (id(hours), public_holidays, tuple(closed_dates))
        found = self._schedules.get(key)
        if found is None:
            found = working_schedule(
                hours.weekly_windows(),
                time_zone=self.time_zone,
                closed_dates=frozenset(closed_dates),
                holidays=self.holidays if public_holidays == "closed" else None,
            )
            self._schedules[key] = found
        return found

    def department_schedule(self, slug: str) -> WorkingSchedule | None:
        """Operator hours of a department, for "open now" (PN-2); None where none are published."""
        department = self.department(slug)
        if department is None or department.hours is None:
            return None
        return self.schedule(department.hours, "working")


# --- cross-reference checks ----------------------------------------------------------------------


def _iter_texts(value: object, loc: Loc) -> Iterator[tuple[Loc, LocalizedText]]:
    if isinstance(value, LocalizedText):
        yield loc, value
    elif isinstance(value, WeeklyHours | Period):
        return
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _iter_texts(getattr(value, name), (*loc, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _iter_texts(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _iter_texts(item, (*loc, str(key)))


def _policy_problems(policy: Policy) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    add = problems.append
    languages = policy.languages
    slugs = [d.slug for d in policy.departments]
    known = set(slugs)
    declared = _one_of(slugs) or "(none)"

    def department_ref(loc: Loc, slug: str | None) -> None:
        if slug is not None and slug not in known:
            close = difflib.get_close_matches(slug, slugs, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            add((loc, f"unknown department {slug!r}{hint} — declared departments: {declared}"))

    # Languages: every text in every declared language.
    if not languages:
        add((("languages",), "declare at least one language; the first is the default"))
    for index, language in enumerate(languages):
        if language in languages[:index]:
            add((("languages", index), f"{language!r} is listed twice"))
    for index, language in enumerate(policy.complaint_languages):
        if language not in languages:
            add(
                (
                    ("complaint_languages", index),
                    f"{language!r} is not one of the policy's languages ({_one_of(languages)})",
                )
            )
    if not policy.complaint_languages:
        add((("complaint_languages",), "name the language(s) complaints are handled in"))
    if (
        set(policy.complaint_languages) != set(languages)
        and policy.complaint_language_notice is None
    ):
        add(
            (
                ("complaint_language_notice",),
                "complaints are not handled in every public language, so give the notice that "
                "tells customers which languages are (UNITEL: Slovak only, said in Hungarian)",
            )
        )
    for text_loc, text in _iter_texts(policy, ()):
        missing = [language for language in languages if language not in text.root]
        if missing:
            add(
                (
                    text_loc,
                    f"missing text in {_one_of(missing)} — this policy declares the languages "
                    f"{_one_of(languages)} and every text must be given in each",
                )
            )

    if policy.effective_until is not None and policy.effective_until < policy.effective_from:
        add((("effective_until",), "effective_until is before effective_from"))
    if policy.country not in _supported_countries():
        add((("country",), f"no public-holiday calendar is known for country {policy.country!r}"))

    # Kinds.
    for index, kind in enumerate(policy.kinds):
        if kind in policy.kinds[:index]:
            add((("kinds", index), f"{kind!r} is listed twice"))
    if "complaint" not in policy.kinds:
        add((("kinds",), "a complaint procedure must take complaints: add 'complaint'"))

    def kind_ref(loc: Loc, kind: str) -> None:
        if kind not in policy.kinds:
            add((loc, f"{kind!r} is not one of this policy's kinds ({_one_of(policy.kinds)})"))

    # Departments.
    for index, slug in enumerate(slugs):
        if slug in slugs[:index]:
            add((("departments", index, "slug"), f"department {slug!r} is declared twice"))
    if not slugs:
        add((("departments",), "declare at least one department"))

    # Channels.
    channel_kinds = [c.kind for c in policy.channels]
    for index, channel in enumerate(policy.channels):
        loc: Loc = ("channels", index)
        if channel.kind in channel_kinds[:index]:
            add(
                (
                    (*loc, "kind"),
                    f"a {channel.kind} channel is already declared — put all its addresses, "
                    "numbers or locations in one entry",
                )
            )
        for position, kind in enumerate(channel.accepts):
            kind_ref((*loc, "accepts", position), kind)
        for position, rule in enumerate(channel.treat_as):
            kind_ref((*loc, "treat_as", position, "kind"), rule.kind)
        messages: list[tuple[Loc, LocalizedText]] = [
            ((*loc, "treat_as", position, "notice"), rule.notice)
            for position, rule in enumerate(channel.treat_as)
        ]
        for kind, refusal in channel.refusals.items():
            kind_ref((*loc, "refusals", kind), kind)
            messages.append(((*loc, "refusals", kind, "message"), refusal.message))
        for message_loc, message in messages:
            placeholders = set(re.findall(r"\{[^{}]*\}", " ".join(message.root.values())))
            unknown = sorted(placeholders - {CHANNELS_PLACEHOLDER})
            if unknown:
                add(
                    (
                        message_loc,
                        f"unknown placeholder(s) {_one_of(unknown)}"
                        f" — only {CHANNELS_PLACEHOLDER} (the accepting channels) is filled in",
                    )
                )
        if channel.enabled:
            for kind in policy.kinds:
                if kind in channel.accepts or kind in channel.refusals:
                    continue
                catch_all = any(r.kind == kind and not r.categories for r in channel.treat_as)
                if not catch_all:
                    add(
                        (
                            (*loc, "refusals"),
                            f"the {channel.kind} channel neither accepts nor refuses {kind!r} — "
                            f"add it to accepts, to treat_as, or give refusals.{kind} with the "
                            "message the customer gets",
                        )
                    )
        for position, address in enumerate(channel.addresses):
            department_ref((*loc, "addresses", position, "department"), address.department)
        for position, number in enumerate(channel.phone_numbers):
            department_ref((*loc, "phone_numbers", position, "department"), number.department)
        for position, entry in enumerate(channel.menu):
            department_ref((*loc, "menu", position, "department"), entry.department)
    unknown_placeholders = sorted(
        set(re.findall(r"\{[^{}]*\}", " ".join(policy.channel_unavailable.root.values())))
        - {CHANNELS_PLACEHOLDER}
    )
    if unknown_placeholders:
        add(
            (
                ("channel_unavailable",),
                f"unknown placeholder(s) {_one_of(unknown_placeholders)} — only "
                f"{CHANNELS_PLACEHOLDER} (the accepting channels) is filled in",
            )
        )
    if not any(c.enabled and "complaint" in c.accepts for c in policy.channels):
        add((("channels",), "no enabled channel accepts complaints"))

    # Routing.
    for index, route in enumerate(policy.routing.routes):
        department_ref(("routing", "routes", index, "department"), route.department)
        for position, kind in enumerate(route.kinds):
            kind_ref(("routing", "routes", index, "kinds", position), kind)
    department_ref(("routing", "default"), policy.routing.default)

    # Clocks.
    clock_lists: list[tuple[str, Sequence[_Clock | InternalTarget]]] = [
        ("internal_target", policy.clocks.internal_target),
        ("resolution", policy.clocks.resolution),
        ("deemed_upheld", policy.clocks.deemed_upheld),
        ("repair", policy.clocks.repair),
        ("filing", policy.clocks.filing),
    ]
    for name, clocks in clock_lists:
        for index, clock in enumerate(clocks):
            for position, kind in enumerate(clock.kinds):
                kind_ref(("clocks", name, index, "kinds", position), kind)
    for window in policy.clocks.filing:
        if not window.written_only:
            continue
        for position, channel in enumerate(policy.channels):
            taken = [k for k in window.kinds if k in channel.accepts]
            if channel.enabled and taken and not channel.written:
                add(
                    (
                        ("channels", position, "accepts"),
                        f"{_one_of(taken)} must be made in writing ({window.rule}), but the "
                        f"{channel.kind} channel is not written — refuse it there",
                    )
                )
    complexities = [c.complexity for c in policy.clocks.resolution if c.complexity is not None]
    if complexities and policy.clocks.default_complexity is None:
        add(
            (
                ("clocks", "default_complexity"),
                "resolution periods depend on complexity, so say which complexity a complaint is "
                "held to until staff classify it",
            )
        )

    # Prices and remedies.
    if policy.price_list.currency != policy.currency:
        add(
            (
                ("price_list", "currency"),
                f"the price list is in {policy.price_list.currency} but the policy's currency is "
                f"{policy.currency}",
            )
        )
    codes = [item.code for item in policy.price_list.items]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            add((("price_list", "items", index, "code"), f"price item {code!r} is listed twice"))
    for index, trip in enumerate(policy.remedies.technician_trips):
        if trip.price_item not in codes:
            add(
                (
                    ("remedies", "technician_trips", index, "price_item"),
                    f"unknown price item {trip.price_item!r} — price items: "
                    f"{_one_of(codes) or '(none)'}",
                )
            )
    return problems


@functools.cache
def _supported_countries() -> frozenset[str]:
    return frozenset(holidays_package.list_supported_countries())


# --- loading with line numbers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """One thing wrong with a policy file, where it is and what to do about it."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class PolicyInvalid(DomainError):
    """A policy file that cannot be used, with every problem found."""

    code = "policy_invalid"

    def __init__(self, problems: Sequence[PolicyProblem]) -> None:
        self.problems: list[PolicyProblem] = list(problems)
        count = len(self.problems)
        summary = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(
            f"The policy has {count} problem{'s' if count != 1 else ''}:\n{summary}",
            field=self.problems[0].path if self.problems else None,
        )


def load_policy_file(path: str | Path) -> Policy:
    """Load and validate a policy file (UTF-8 YAML); raise :class:`PolicyInvalid` if unusable."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyInvalid(
            [PolicyProblem(source, None, "", f"cannot read the file: {exc}")]
        ) from exc
    return load_policy_text(text, source=source)


def load_policy_text(text: str, *, source: str) -> Policy:
    """Load and validate a policy from YAML text; ``source`` names it in problems."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise PolicyInvalid([PolicyProblem(source, 1, "", "the file is empty")])
        duplicates = list(_duplicate_keys(node, source))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = exc.context or ""
        if context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" (started on line {exc.context_mark.line + 1})"
        detail = ": ".join(part for part in (context, exc.problem) if part)
        raise PolicyInvalid(
            [
                PolicyProblem(
                    source,
                    line,
                    "",
                    f"YAML syntax error: {detail} — check indentation and quoting around this line",
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise PolicyInvalid([PolicyProblem(source, None, "", f"YAML error: {exc}")]) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise PolicyInvalid(
            [PolicyProblem(source, node.start_mark.line + 1, "", "a policy is a mapping of fields")]
        )
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        problems = duplicates + [_problem(error, node, source) for error in exc.errors()]
        raise PolicyInvalid(problems) from exc
    if duplicates:
        raise PolicyInvalid(duplicates)
    return policy


def _duplicate_keys(node: yaml.Node, source: str, path: str = "") -> Iterator[PolicyProblem]:
    """YAML silently keeps the last of two equal keys; a policy must not lose a value that way."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in seen:
                yield PolicyProblem(
                    source,
                    key_node.start_mark.line + 1,
                    child,
                    f"key {key!r} appears twice in this mapping (first on line {seen[key]}) — "
                    "YAML would keep only the last; remove one",
                )
            else:
                seen[key] = key_node.start_mark.line + 1
            yield from _duplicate_keys(value_node, source, child)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, source, f"{path}[{index}]")


def _locate(root: yaml.Node, loc: Loc) -> tuple[int, list[str | int], Loc]:
    """Follow ``loc`` through the YAML nodes: the line of the deepest node found, the path
    elements matched, and the elements left over (a missing field, or pydantic's own tags)."""
    node = root
    line = root.start_mark.line + 1
    matched: list[str | int] = []
    for position, element in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(element):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    matched.append(str(element))
                    break
            else:
                if isinstance(element, str) and not _is_pydantic_tag(element):
                    return line, matched, loc[position:]
                continue
        elif isinstance(node, yaml.SequenceNode) and isinstance(element, int):
            if element >= len(node.value):
                return line, matched, loc[position:]
            node = node.value[element]
            line = node.start_mark.line + 1
            matched.append(element)
        elif isinstance(element, str) and _is_pydantic_tag(element):
            continue
        else:
            return line, matched, loc[position:]
    return line, matched, ()


def _is_pydantic_tag(element: str) -> bool:
    # Union members and validator wrappers appear in pydantic locations ("function-after[...]",
    # "list[str]", "str"); they are not keys of the file.
    return "[" in element or element in {"str", "int", "float", "bool", "date", "none"}


def _format_path(elements: Sequence[str | int]) -> str:
    text = ""
    for element in elements:
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            text += f".{element}" if text else element
    return text


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date such as 2026-01-31",
    "date_parsing": "a date such as 2026-01-31",
    "date_from_datetime_parsing": "a date such as 2026-01-31",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def _problem(error: Any, root: yaml.Node, source: str) -> PolicyProblem:
    loc: Loc = tuple(error["loc"])
    line, matched, rest = _locate(root, loc)
    kind = error["type"]
    value = error.get("input")
    # Elements not found in the file (a missing field, an empty refusals mapping) still name
    # where the fix goes; pydantic's own tags do not.
    path_elements = list(matched) + [
        element for element in rest if not (isinstance(element, str) and _is_pydantic_tag(element))
    ]
    if kind == "missing" and rest:
        message = f"required field {rest[-1]!r} is missing"
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_fields(matched[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"unknown field {name!r}{hint}"
        if allowed:
            message += f" — allowed here: {_one_of(allowed)}"
    elif kind in ("literal_error", "enum"):
        message = f"{value!r} is not allowed here — expected one of: {error['ctx']['expected']}"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {value!r}"
        if isinstance(value, bool) and kind == "string_type":
            message += " — YAML reads unquoted yes/no/on/off as true/false; quote the text"
    elif kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        message = f"{value!r} is out of range: {error['msg'].lower()}"
    else:
        message = str(error["msg"])
    return PolicyProblem(source, line, _format_path(path_elements), message)


def _allowed_fields(path: Sequence[str | int]) -> list[str]:
    """Field names allowed at ``path`` of the policy, for "did you mean" hints."""
    current: Any = Policy
    for element in path:
        current = _step_type(current, element)
        if current is None:
            return []
    model = _model_in(current)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg) if not isinstance(arg, str | int) else None
        if found is not None:
            return found
    return None


def _step_type(annotation: Any, element: str | int) -> Any:
    model = _model_in(annotation) if not _is_container(annotation) else None
    if model is not None and isinstance(element, str):
        for name, field in model.model_fields.items():
            if element in (name, field.alias):
                return field.annotation
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            found = _step_type(arg, element)
            if found is not None:
                return found
        return None
    if origin in (list, tuple) and isinstance(element, int):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def _is_container(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (list, tuple, dict, typing.Union, types.UnionType)

"""The :class:`Policy` model: one version of a provider's complaint procedure, its lookups and
the calendars built from it. Its cross-reference checks live in ``cross_check``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cached_property
from typing import Literal, Self

from pydantic import model_validator

from reclamo.domain.calendar import (
    HolidayCalendar,
    WorkingSchedule,
    holiday_calendar,
    working_schedule,
)
from reclamo.domain.policy.channels import Channel, Department
from reclamo.domain.policy.clocks import Clocks
from reclamo.domain.policy.cross_check import policy_problems
from reclamo.domain.policy.escalation import CaseHandling, Escalation, Outcome
from reclamo.domain.policy.fields import (
    CountryCode,
    CurrencyCode,
    HolidayRule,
    LanguageCode,
    LocalizedText,
    NonEmptyText,
    PolicyModel,
    RegistrationFormat,
    TimeZoneName,
    VersionLabel,
    raise_problems,
)
from reclamo.domain.policy.identity import CitedAct, OutdatedCitation, ProviderIdentity
from reclamo.domain.policy.opening_hours import WeeklyHours
from reclamo.domain.policy.remedies import PriceList, Remedies
from reclamo.domain.policy.routing import Intake, Routing
from reclamo.domain.vocabulary import Kind


class Policy(PolicyModel):
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
    # Publish the quality indicators of the last four quarters on the provider's public pages
    # (ANCOM Decision 1201/2011 asks Romanian providers to keep them online); off unless said.
    quality_page: bool = False

    @model_validator(mode="after")
    def _cross_references(self) -> Self:
        problems = policy_problems(self)
        if problems:
            raise_problems("Policy", problems)
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

"""The second round of checks: once every section has the right shape, do the sections agree?

Departments named by routes, channels and menus exist; every text is given in every declared
language; every enabled channel accepts, treats as another kind or refuses each kind; clocks
name the policy's kinds; prices match the currency. One function per concern, each yielding
``(location, message)`` pairs; :func:`policy_problems` gathers them in a stable order.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import holidays as holidays_package
from pydantic import BaseModel

from reclamo.domain.policy.fields import CHANNELS_PLACEHOLDER, Loc, LocalizedText, one_of
from reclamo.domain.policy.opening_hours import WeeklyHours
from reclamo.domain.policy.periods import Period

if TYPE_CHECKING:
    from reclamo.domain.policy.channels import Channel
    from reclamo.domain.policy.clocks import BaseClock, InternalTarget
    from reclamo.domain.policy.schema import Policy

Problems = Iterator[tuple[Loc, str]]
_PLACEHOLDER_RE = re.compile(r"\{[^{}]*\}")


def policy_problems(policy: Policy) -> list[tuple[Loc, str]]:
    """Every cross-reference problem of ``policy``, as ``(location, message)`` pairs."""
    references = _References(policy)
    return [
        *_language_problems(policy),
        *_date_and_calendar_problems(policy),
        *_kind_problems(policy),
        *_department_problems(policy),
        *_channel_problems(policy, references),
        *_routing_problems(policy, references),
        *_clock_problems(policy, references),
        *_price_problems(policy),
    ]


class _References:
    """Checks that a department slug or a kind named somewhere is declared by the policy."""

    def __init__(self, policy: Policy) -> None:
        self._slugs = [department.slug for department in policy.departments]
        self._known = set(self._slugs)
        self._declared = one_of(self._slugs) or "(none)"
        self._kinds = policy.kinds

    def department(self, loc: Loc, slug: str | None) -> Problems:
        if slug is not None and slug not in self._known:
            close = difflib.get_close_matches(slug, self._slugs, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield loc, f"unknown department {slug!r}{hint} — declared departments: {self._declared}"

    def kind(self, loc: Loc, kind: str) -> Problems:
        if kind not in self._kinds:
            yield loc, f"{kind!r} is not one of this policy's kinds ({one_of(self._kinds)})"


def _texts(value: object, loc: Loc) -> Iterator[tuple[Loc, LocalizedText]]:
    """Every :class:`LocalizedText` in ``value`` with its location."""
    if isinstance(value, LocalizedText):
        yield loc, value
    elif isinstance(value, WeeklyHours | Period):
        return
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*loc, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key)))


def _twice(values: Sequence[str], loc: Loc, message: str) -> Problems:
    """Values listed twice; ``message`` is formatted with the value."""
    for index, value in enumerate(values):
        if value in values[:index]:
            yield (*loc, index), message.format(value=repr(value))


def _language_problems(policy: Policy) -> Problems:
    """Every text in every declared language; complaint languages among them."""
    languages = policy.languages
    if not languages:
        yield ("languages",), "declare at least one language; the first is the default"
    yield from _twice(languages, ("languages",), "{value} is listed twice")
    for index, language in enumerate(policy.complaint_languages):
        if language not in languages:
            yield (
                ("complaint_languages", index),
                f"{language!r} is not one of the policy's languages ({one_of(languages)})",
            )
    if not policy.complaint_languages:
        yield ("complaint_languages",), "name the language(s) complaints are handled in"
    if (
        set(policy.complaint_languages) != set(languages)
        and policy.complaint_language_notice is None
    ):
        yield (
            ("complaint_language_notice",),
            "complaints are not handled in every public language, so give the notice that "
            "tells customers which languages are (UNITEL: Slovak only, said in Hungarian)",
        )
    for text_loc, text in _texts(policy, ()):
        missing = [language for language in languages if language not in text.root]
        if missing:
            yield (
                text_loc,
                f"missing text in {one_of(missing)} — this policy declares the languages "
                f"{one_of(languages)} and every text must be given in each",
            )


def _date_and_calendar_problems(policy: Policy) -> Problems:
    if policy.effective_until is not None and policy.effective_until < policy.effective_from:
        yield ("effective_until",), "effective_until is before effective_from"
    if policy.country not in _supported_countries():
        yield ("country",), f"no public-holiday calendar is known for country {policy.country!r}"


def _kind_problems(policy: Policy) -> Problems:
    yield from _twice(policy.kinds, ("kinds",), "{value} is listed twice")
    if "complaint" not in policy.kinds:
        yield ("kinds",), "a complaint procedure must take complaints: add 'complaint'"


def _department_problems(policy: Policy) -> Problems:
    slugs = [department.slug for department in policy.departments]
    for index, slug in enumerate(slugs):
        if slug in slugs[:index]:
            yield ("departments", index, "slug"), f"department {slug!r} is declared twice"
    if not slugs:
        yield ("departments",), "declare at least one department"


def _channel_problems(policy: Policy, references: _References) -> Problems:
    channel_kinds = [channel.kind for channel in policy.channels]
    for index, channel in enumerate(policy.channels):
        loc: Loc = ("channels", index)
        if channel.kind in channel_kinds[:index]:
            yield (
                (*loc, "kind"),
                f"a {channel.kind} channel is already declared — put all its addresses, "
                "numbers or locations in one entry",
            )
        yield from _channel_message_problems(channel, loc, references)
        if channel.enabled:
            yield from _channel_coverage_problems(policy, channel, loc)
        yield from _channel_department_problems(channel, loc, references)
    yield from _placeholder_problems(("channel_unavailable",), policy.channel_unavailable)
    if not any(c.enabled and "complaint" in c.accepts for c in policy.channels):
        yield ("channels",), "no enabled channel accepts complaints"


def _channel_message_problems(channel: Channel, loc: Loc, references: _References) -> Problems:
    """The kinds a channel accepts, converts and refuses are the policy's; its notices and
    refusals use only the placeholder that is filled in (PC-2)."""
    for position, kind in enumerate(channel.accepts):
        yield from references.kind((*loc, "accepts", position), kind)
    for position, rule in enumerate(channel.treat_as):
        yield from references.kind((*loc, "treat_as", position, "kind"), rule.kind)
    for position, rule in enumerate(channel.treat_as):
        yield from _placeholder_problems((*loc, "treat_as", position, "notice"), rule.notice)
    for kind, refusal in channel.refusals.items():
        yield from references.kind((*loc, "refusals", kind), kind)
        yield from _placeholder_problems((*loc, "refusals", kind, "message"), refusal.message)


def _channel_department_problems(channel: Channel, loc: Loc, references: _References) -> Problems:
    """Email addresses, phone numbers and menu keys lead to declared departments (PN-1)."""
    for position, address in enumerate(channel.addresses):
        yield from references.department(
            (*loc, "addresses", position, "department"), address.department
        )
    for position, number in enumerate(channel.phone_numbers):
        yield from references.department(
            (*loc, "phone_numbers", position, "department"), number.department
        )
    for position, entry in enumerate(channel.menu):
        yield from references.department((*loc, "menu", position, "department"), entry.department)


def _placeholder_problems(loc: Loc, text: LocalizedText) -> Problems:
    placeholders = set(_PLACEHOLDER_RE.findall(" ".join(text.root.values())))
    unknown = sorted(placeholders - {CHANNELS_PLACEHOLDER})
    if unknown:
        yield (
            loc,
            f"unknown placeholder(s) {one_of(unknown)} — only {CHANNELS_PLACEHOLDER} "
            "(the accepting channels) is filled in",
        )


def _channel_coverage_problems(policy: Policy, channel: Channel, loc: Loc) -> Problems:
    """An enabled channel says what happens to every kind: accepted, treated as, or refused."""
    for kind in policy.kinds:
        if kind in channel.accepts or kind in channel.refusals:
            continue
        if not any(rule.kind == kind and not rule.categories for rule in channel.treat_as):
            yield (
                (*loc, "refusals"),
                f"the {channel.kind} channel neither accepts nor refuses {kind!r} — "
                f"add it to accepts, to treat_as, or give refusals.{kind} with the "
                "message the customer gets",
            )


def _routing_problems(policy: Policy, references: _References) -> Problems:
    for index, route in enumerate(policy.routing.routes):
        yield from references.department(
            ("routing", "routes", index, "department"), route.department
        )
        for position, kind in enumerate(route.kinds):
            yield from references.kind(("routing", "routes", index, "kinds", position), kind)
    yield from references.department(("routing", "default"), policy.routing.default)


def _clock_problems(policy: Policy, references: _References) -> Problems:
    clock_lists: list[tuple[str, Sequence[BaseClock | InternalTarget]]] = [
        ("internal_target", policy.clocks.internal_target),
        ("resolution", policy.clocks.resolution),
        ("deemed_upheld", policy.clocks.deemed_upheld),
        ("repair", policy.clocks.repair),
        ("filing", policy.clocks.filing),
    ]
    for name, clocks in clock_lists:
        for index, clock in enumerate(clocks):
            for position, kind in enumerate(clock.kinds):
                yield from references.kind(("clocks", name, index, "kinds", position), kind)
    yield from _written_only_problems(policy)
    complexities = [c.complexity for c in policy.clocks.resolution if c.complexity is not None]
    if complexities and policy.clocks.default_complexity is None:
        yield (
            ("clocks", "default_complexity"),
            "resolution periods depend on complexity, so say which complexity a complaint is "
            "held to until staff classify it",
        )


def _written_only_problems(policy: Policy) -> Problems:
    """PC-9: kinds that must be filed in writing are refused by channels that are not written."""
    for window in policy.clocks.filing:
        if not window.written_only:
            continue
        for position, channel in enumerate(policy.channels):
            taken = [kind for kind in window.kinds if kind in channel.accepts]
            if channel.enabled and taken and not channel.written:
                yield (
                    ("channels", position, "accepts"),
                    f"{one_of(taken)} must be made in writing ({window.rule}), but the "
                    f"{channel.kind} channel is not written — refuse it there",
                )


def _price_problems(policy: Policy) -> Problems:
    if policy.price_list.currency != policy.currency:
        yield (
            ("price_list", "currency"),
            f"the price list is in {policy.price_list.currency} but the policy's currency is "
            f"{policy.currency}",
        )
    codes = [item.code for item in policy.price_list.items]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            yield ("price_list", "items", index, "code"), f"price item {code!r} is listed twice"
    for index, trip in enumerate(policy.remedies.technician_trips):
        if trip.price_item not in codes:
            yield (
                ("remedies", "technician_trips", index, "price_item"),
                f"unknown price item {trip.price_item!r} — price items: "
                f"{one_of(codes) or '(none)'}",
            )


@functools.cache
def _supported_countries() -> frozenset[str]:
    return frozenset(holidays_package.list_supported_countries())

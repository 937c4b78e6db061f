"""Departments and the channels a case can arrive on: addresses, numbers, menus and locations,
what each channel accepts, treats as another kind (UN-1) or refuses (PC-2)."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from reclamo.domain.policy.fields import (
    E164,
    EmailAddressText,
    Loc,
    LocalizedText,
    MenuDigit,
    NonEmptyText,
    PolicyModel,
    RuleId,
    Slug,
    Url,
    raise_problems,
)
from reclamo.domain.policy.identity import Address
from reclamo.domain.policy.opening_hours import WeeklyHours
from reclamo.domain.vocabulary import Category, ChannelKind, Kind


class Department(PolicyModel):
    slug: Slug
    name: LocalizedText
    description: LocalizedText | None = None
    # Operator hours (PN-2). None where the procedure publishes none: nothing is invented.
    hours: WeeklyHours | None = None
    rule: RuleId | None = None


class GeoPoint(PolicyModel):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Location(PolicyModel):
    name: LocalizedText
    address: Address
    hours: WeeklyHours | None = None
    gps: GeoPoint | None = None


class PhoneNumber(PolicyModel):
    number: NonEmptyText  # as published, e.g. "021.589.41.41"
    e164: E164
    label: LocalizedText | None = None
    department: Slug | None = None


class EmailAddress(PolicyModel):
    email: EmailAddressText
    department: Slug | None = None
    # What an email to this address is, where its subject does not say (a faults-only address).
    kind: Kind | None = None


class SubjectWords(PolicyModel):
    """Words in an email's subject by which the customer says what they send (the kind) or what
    about (the category), in the customer's language. A word matches the start of a word of the
    subject, ignoring case and diacritics ("zlav" matches "Žiadosť o zľavu"). The first entry
    matching gives the kind, the first matching with a category the category
    (docs/email-classification.md)."""

    kind: Kind | None = None
    category: Category | None = None
    words: Annotated[list[NonEmptyText], Field(min_length=1)]
    rule: RuleId | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if self.kind is None and self.category is None:
            raise_problems("SubjectWords", [((), "give a kind, a category or both")])
        return self


class MenuEntry(PolicyModel):
    digit: MenuDigit
    department: Slug


class TreatAs(PolicyModel):
    """A kind this channel takes, but as another kind (UN-1: a phone complaint is a fault report).

    ``categories`` empty means any category; the first matching entry wins.
    """

    kind: Kind
    categories: list[Category] = []
    becomes: Kind
    rule: RuleId | None = None
    notice: LocalizedText


class Refusal(PolicyModel):
    """The automatic answer when a channel does not take a kind (PC-2). ``{channels}`` in the
    message is replaced by the names of the channels that do."""

    rule: RuleId | None = None
    message: LocalizedText


class Channel(PolicyModel):
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
    # Email only: how a message's kind and category are read (docs/email-classification.md).
    subject_words: list[SubjectWords] = []
    # The kind of an email when neither its subject nor its address says (else a complaint).
    default_kind: Kind | None = None
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
            ("subject_words", bool(self.subject_words), "email"),
            ("default_kind", self.default_kind is not None, "email"),
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
            raise_problems("Channel", problems)
        return self

    def missing_contact_data(self) -> tuple[str, ...]:
        """What a customer would lack to use this channel (field names; empty when reachable).

        A web form or portal needs its address, email an address, a letter a postal address with
        street and postal code, a desk a location with a street, the phone a number. The ``api``
        channel is for integrations, never for customers, so nothing is missing there.
        """
        if self.kind in ("web", "portal"):
            return () if self.url else ("url",)
        if self.kind == "email":
            return () if self.addresses else ("addresses",)
        if self.kind == "phone":
            return () if self.phone_numbers else ("phone_numbers",)
        if self.kind == "letter":
            if self.postal_address is None:
                return ("postal_address",)
            return tuple(
                f"postal_address.{name}"
                for name in ("street", "postal_code")
                if getattr(self.postal_address, name) is None
            )
        if self.kind == "in_person":
            if not self.locations:
                return ("locations",)
            if any(location.address.street for location in self.locations):
                return ()
            return ("locations.address.street",)
        return ()

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

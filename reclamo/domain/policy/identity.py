"""Who the provider is and which acts its procedure cites (with the acts that replaced them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from pydantic import model_validator

from reclamo.domain.policy.fields import (
    CountryCode,
    LanguageCode,
    Loc,
    LocalizedText,
    NonEmptyText,
    PolicyModel,
    Slug,
    Url,
    raise_problems,
)


class Address(PolicyModel):
    """A postal address as written locally (addresses are not translated; ``note`` is).

    ``city_names`` gives the town's name in the languages that have their own (Kolárovo is Gúta
    in Hungarian): a page in such a language shows it, every other language shows ``city``. It
    is optional and need not cover every declared language, so it is a plain mapping rather than
    a :class:`LocalizedText`.
    """

    street: NonEmptyText | None = None
    postal_code: NonEmptyText | None = None
    city: NonEmptyText
    city_names: dict[LanguageCode, NonEmptyText] = {}
    country: CountryCode
    note: LocalizedText | None = None

    def city_in(self, language: str) -> tuple[str, str | None]:
        """The town's name for a reader of ``language``, and that language when the name is
        its own (``None``: the local name ``city``)."""
        name = self.city_names.get(language)
        return (name, language) if name is not None else (self.city, None)


class ProviderIdentity(PolicyModel):
    slug: Slug
    legal_name: NonEmptyText
    brand: NonEmptyText
    website: Url | None = None
    company_id: NonEmptyText | None = None
    tax_id: NonEmptyText | None = None
    registered_office: Address | None = None


class Replacement(PolicyModel):
    replaced_by: NonEmptyText
    replaced_on: date


class CitedAct(PolicyModel):
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
            raise_problems("CitedAct", problems)
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

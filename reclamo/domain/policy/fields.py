"""The building blocks of the policy schema: the base model, problem reporting, the validated
scalar types (slugs, rule ids, codes, money …) and texts given in several languages."""

from __future__ import annotations

import difflib
import re
import string
import typing
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

# Where in the policy a value is, as pydantic reports it: ("departments", 1, "hours", "sat").
Loc = tuple[str | int, ...]

# Whether a schedule counts public holidays as working days or closed days (T-5).
HolidayRule = Literal["working", "closed"]

# The placeholder a refusal may use; it is replaced by the names of the channels that do accept
# the kind (PC-2: the automatic answer names the accepted channels).
CHANNELS_PLACEHOLDER = "{channels}"


def fail(message: str) -> PydanticCustomError:
    # No context is passed, so braces in the message are not treated as a template.
    return PydanticCustomError("policy", message)


def raise_problems(title: str, problems: Sequence[tuple[Loc, str]]) -> typing.NoReturn:
    """Raise all problems at once; pydantic nests them under the current location."""
    raise ValidationError.from_exception_data(
        title,
        [InitErrorDetails(type=fail(message), loc=loc, input=None) for loc, message in problems],
    )


def one_of(values: Sequence[str]) -> str:
    return ", ".join(values)


# A value quoted in a message is cut, so a huge input cannot make a huge answer.
_MAX_QUOTED = 80


def quoted(value: object) -> str:
    """``repr(value)``, cut to a readable length."""
    text = repr(value)
    if len(text) > _MAX_QUOTED:
        text = f"{text[: _MAX_QUOTED - 1]}… ({len(text)} characters)"
    return text


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
        raise fail(
            f"{quoted(value)} is not a slug — use lowercase letters, digits and single dashes, "
            "e.g. 'customer-relations'"
        )
    return value


def _rule_id(value: str) -> str:
    if not _RULE_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not a rule id — write it like 'PC-12' (prefix, dash, number)"
        )
    return value


def _language(value: str) -> str:
    if not _LANGUAGE_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not a language — use a two-letter ISO 639-1 code such as 'sk'"
        )
    return value


def _country(value: str) -> str:
    if not _COUNTRY_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not a country — use a two-letter ISO 3166 code in capitals, "
            "e.g. 'SK'"
        )
    return value


def _currency(value: str) -> str:
    if not _CURRENCY_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not a currency — use a three-letter ISO 4217 code, e.g. 'EUR'"
        )
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        close = difflib.get_close_matches(value, sorted(available_timezones()), n=1)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        raise fail(
            f"unknown time zone {quoted(value)}; use an IANA name such as 'Europe/Bratislava'{hint}"
        ) from exc
    return value


def _e164(value: str) -> str:
    if not _E164_RE.fullmatch(value):
        raise fail(f"{quoted(value)} is not an E.164 number — write it like '+421902441588'")
    return value


def _email(value: str) -> str:
    if not _EMAIL_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not an email address (lowercase, like 'tehnic@pronetit.ro')"
        )
    return value


def _url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise fail(f"{quoted(value)} is not a web address — start it with https:// or http://")
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise fail("this text is empty")
    return value


def _digit(value: object) -> object:
    # YAML reads `digit: 1` as a number; a menu key is a key on the phone, so keep it as text.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _DIGIT_RE.fullmatch(value):
        raise fail(f"{quoted(value)} is not a phone key — use one of 0-9, * or #")
    return value


def _money(value: object) -> object:
    # Money is Decimal, never float (STYLE.md rule 3): a YAML number such as 12.9 is read as a
    # float before we see it, so amounts must be quoted strings.
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise fail(
            f'money must be a quoted decimal string such as "12.90", not {quoted(value)} — '
            "YAML reads an unquoted number as a float, which cannot hold cents exactly"
        )
    if not _MONEY_RE.fullmatch(value):
        raise fail(
            f"{quoted(value)} is not an amount — write digits, a dot and at most two decimals, "
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
    raise fail(
        f"{quoted(value)} is not an exact factor — write a whole number or a quoted decimal, "
        'e.g. "3"'
    )


def _version(value: object) -> object:
    # An unquoted `version: 2015-01-01` is read by YAML as a date; the version is a label.
    if isinstance(value, date):
        return value.isoformat()
    return value


def _registration_format(value: str) -> str:
    try:
        fields = {
            name for _text_part, name, _spec, _conv in string.Formatter().parse(value) if name
        }
        if not fields <= {"year", "seq"} or "seq" not in fields:
            raise ValueError
        value.format(year=2026, seq=1)
    except (ValueError, KeyError, IndexError) as exc:
        raise fail(
            f"{quoted(value)} is not a number format — use {{year}} and {{seq}}, e.g. "
            "'PC-{year}-{seq:06d}'"
        ) from exc
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
RegistrationFormat = Annotated[str, AfterValidator(_registration_format)]
PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]


class PolicyModel(BaseModel):
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
            raise fail("give this text in at least one language, e.g. {sk: '…'}")
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

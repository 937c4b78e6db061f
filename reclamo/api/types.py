"""Strict instants and dates for the API's inputs (api.md, T-6).

Pydantic's lax parsing reads `1700000000`, `"1700000000"`, `-1` and even `"20271231"` as Unix
times, so a case "received on 31 December 2027" was taken as received in 1970. Here an instant is
only an ISO 8601 *string* with a date, a time and a UTC offset, and a date only `YYYY-MM-DD`;
anything else is refused with a code (`invalid_instant`, `instant_without_offset`,
`invalid_date`, `out_of_range`) that the API's error shape carries.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

INSTANT_EXAMPLE = "2026-11-20T10:00:00+01:00"
DATE_EXAMPLE = "2026-11-20"

_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?", re.ASCII)
_PERIOD = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:\d{2})?",
    re.ASCII,
)


def _refuse(code: str, value: object) -> PydanticCustomError:
    # The message is a fallback only: the API words it from reclamo/error_messages.py by code.
    return PydanticCustomError(code, "{value} is not accepted here", {"value": repr(value)[:80]})


def parse_instant(value: object) -> datetime:
    """An aware datetime from an ISO 8601 string with an offset; refuses everything else."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value  # already parsed (the domain and tests build schemas from Python values)
    if not isinstance(value, str) or not (match := _INSTANT.fullmatch(value)):
        raise _refuse("invalid_instant", value)
    if match["offset"] is None:
        raise _refuse("instant_without_offset", value)
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise _refuse("invalid_instant", value) from None
    try:
        instant.astimezone(UTC)  # T-6: stored in UTC, so it must exist in UTC
    except OverflowError:
        raise _refuse("out_of_range", value) from None
    return instant


def parse_date(value: object) -> date:
    """A date from a `YYYY-MM-DD` string; refuses numbers, compact forms and impossible days."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _refuse("invalid_date", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _refuse("invalid_date", value) from None


def parse_amount(value: object) -> Decimal:
    """Money from a string with at most two decimals (api.md: never a float, never a number)."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not _AMOUNT.fullmatch(value):
        raise _refuse("invalid_amount", value)
    return Decimal(value)


def parse_period(value: object) -> str:
    """A billing period `YYYY-MM`."""
    if not isinstance(value, str) or not _PERIOD.fullmatch(value) or value < "0001-01":
        raise _refuse("invalid_period", value)
    return value


def parse_instant_or_date(value: object) -> datetime | date:
    """An instant where the string has a time (`T`), else a date `YYYY-MM-DD`."""
    if isinstance(value, datetime) or (isinstance(value, str) and "T" in value):
        return parse_instant(value)
    return parse_date(value)


_INSTANT_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "date-time",
    "description": "ISO 8601 date and time with its UTC offset (T-6).",
    "examples": [INSTANT_EXAMPLE],
}
_DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "description": "A calendar date, YYYY-MM-DD.",
    "examples": [DATE_EXAMPLE],
}

Instant = Annotated[datetime, PlainValidator(parse_instant), WithJsonSchema(_INSTANT_SCHEMA)]
LocalDate = Annotated[date, PlainValidator(parse_date), WithJsonSchema(_DATE_SCHEMA)]
InstantOrDate = Annotated[
    datetime | date,
    PlainValidator(parse_instant_or_date),
    WithJsonSchema(
        {
            "anyOf": [_DATE_SCHEMA, _INSTANT_SCHEMA],
            "description": "A date (YYYY-MM-DD) or an instant with its UTC offset.",
            "examples": [DATE_EXAMPLE],
        }
    ),
]
Amount = Annotated[
    Decimal,
    PlainValidator(parse_amount),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{1,12}(\.\d{1,2})?$",
            "description": "An amount of money: digits, a dot, at most two decimals; never a "
            "JSON number.",
            "examples": ["20.00"],
        }
    ),
]
BillingPeriodText = Annotated[
    str,
    PlainValidator(parse_period),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-(0[1-9]|1[0-2])$",
            "description": "A billing month, YYYY-MM.",
            "examples": ["2026-11"],
        }
    ),
]

"""Lengths of time as the procedures write them (``30 days``, ``48 hours``, ``3 months``,
``2 working hours``), each bounded so that no policy can ask the engine for an absurd term."""

from __future__ import annotations

import re
from typing import Literal, Self

from pydantic import model_serializer, model_validator

from reclamo.domain.policy.fields import PolicyModel, PositiveInt, fail, quoted

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

# The longest period each unit may count: ten years, in the unit's terms. The longest term in
# any procedure we know is a 24-month warranty (UN-2); ten years leaves room for any legal
# period while keeping every deadline inside the years the calendar can represent.
PERIOD_LIMITS: dict[PeriodUnit, int] = {
    "days": 3_660,
    "months": 120,
    "hours": 87_840,
    "working_hours": 87_840,
}
# More digits than any limit has, so such a number is refused before it is read.
_MAX_DIGITS = 9


class Period(PolicyModel):
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
                raise fail(
                    f"{quoted(data)} is not a period — write e.g. '30 days', '48 hours', "
                    "'3 months' or '2 working hours'"
                )
            digits, unit = match.group(1), _UNIT_WORDS[re.sub(r"\s+", " ", match.group(2))]
            if len(digits) > _MAX_DIGITS:
                raise fail(_too_long(f"{len(digits)} digits of {unit.replace('_', ' ')}", unit))
            return {"amount": int(digits), "unit": unit}
        if isinstance(data, int) and not isinstance(data, bool):
            raise fail(f"{quoted(data)} has no unit — write e.g. '{data} days'")
        return data

    @model_validator(mode="after")
    def _bounded(self) -> Self:
        if self.amount > PERIOD_LIMITS[self.unit]:
            raise fail(_too_long(self._dump(), self.unit))
        return self

    @model_serializer
    def _dump(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}"

    def __str__(self) -> str:
        return self._dump()


def _too_long(period: str, unit: PeriodUnit) -> str:
    limit = f"{PERIOD_LIMITS[unit]:,} {unit.replace('_', ' ')}"
    return f"{period} is longer than any procedure needs — a period is at most {limit} (ten years)"

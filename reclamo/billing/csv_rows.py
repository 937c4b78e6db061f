"""Reading a CSV file of billing data row by row, collecting every problem as
``FILE:LINE: field: message`` — the whole file is checked before anything is written."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

_AMOUNT = re.compile(r"\d{1,12}(?:\.\d{1,2})?", re.ASCII)
_CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?P<offset>Z|[+-]\d{2}:\d{2})?", re.ASCII
)
MAX_FIELD = 10_000


@dataclass(frozen=True, slots=True)
class RowProblem:
    source: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


@dataclass
class Row:
    """One data row; each reader returns the value, or None after recording a problem."""

    source: str
    line: int
    values: dict[str, str]
    problems: list[RowProblem] = field(default_factory=list)

    def fail(self, name: str, message: str) -> None:
        self.problems.append(RowProblem(self.source, self.line, name, message))

    def text(self, name: str, *, max_length: int, required: bool = True) -> str:
        value = (self.values.get(name) or "").strip()
        if required and not value:
            self.fail(name, "required")
        elif len(value) > max_length:
            self.fail(name, f"at most {max_length} characters")
            return value[:max_length]
        return value

    def amount(self, name: str) -> Decimal | None:
        value = (self.values.get(name) or "").strip()
        if not _AMOUNT.fullmatch(value):
            self.fail(
                name,
                f"{value!r} is not an amount — digits, a dot and at most two decimals, "
                'e.g. "20.00"',
            )
            return None
        return Decimal(value)

    def currency(self, name: str, expected: str) -> str | None:
        value = (self.values.get(name) or "").strip()
        if not _CURRENCY.fullmatch(value):
            self.fail(name, f"{value!r} is not a currency code such as {expected}")
            return None
        if value != expected:
            self.fail(name, f"{value} is not this provider's currency {expected}")
            return None
        return value

    def day(self, name: str, *, required: bool = True) -> date | None:
        value = (self.values.get(name) or "").strip()
        if not value:
            if required:
                self.fail(name, "required (YYYY-MM-DD)")
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"{value!r} is not a date; write YYYY-MM-DD")
            return None

    def instant(self, name: str) -> datetime | None:
        value = (self.values.get(name) or "").strip()
        match = _INSTANT.fullmatch(value)
        if match is None:
            self.fail(name, f"{value!r} is not an instant; write 2026-11-20T14:30:00+01:00")
            return None
        if match["offset"] is None:
            self.fail(name, f"{value!r} has no UTC offset; write it, e.g. +01:00 (T-6)")
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            self.fail(name, f"{value!r} is not an instant; write 2026-11-20T14:30:00+01:00")
            return None

    def choice(self, name: str, allowed: Sequence[str], default: str | None = None) -> str | None:
        value = (self.values.get(name) or "").strip()
        if not value and default is not None:
            return default
        if value not in allowed:
            self.fail(name, f"{value!r} is not one of {', '.join(allowed)}")
            return None
        return value


def csv_rows(
    path: Path, *, required: Sequence[str], optional: Sequence[str] = ()
) -> tuple[list[Row], list[RowProblem]]:
    """The data rows of ``path`` (UTF-8, a header line naming the columns) and the problems of
    the file itself: unreadable, a missing or unknown column, a broken line."""
    source = str(path)
    problems: list[RowProblem] = []
    rows: list[Row] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            known = set(required) | set(optional)
            for name in required:
                if name not in header:
                    problems.append(RowProblem(source, 1, name, "missing column"))
            for name in header:
                if name not in known:
                    expected = ", ".join([*required, *optional])
                    problems.append(
                        RowProblem(source, 1, name or "(empty)", f"unknown column; use {expected}")
                    )
            if len(set(header)) != len(header):
                problems.append(RowProblem(source, 1, "header", "a column is named twice"))
            if problems:
                return rows, problems
            line = reader.line_num
            for values in reader:
                start, line = line + 1, reader.line_num
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    problems.append(
                        RowProblem(
                            source,
                            start,
                            "row",
                            f"{len(values)} values for {len(header)} columns",
                        )
                    )
                    continue
                if any(len(value) > MAX_FIELD or "\x00" in value for value in values):
                    problems.append(RowProblem(source, start, "row", "a value is too long"))
                    continue
                rows.append(Row(source, start, dict(zip(header, values, strict=True))))
    except FileNotFoundError:
        problems.append(RowProblem(source, 0, "file", "no such file"))
    except UnicodeDecodeError:
        problems.append(RowProblem(source, 0, "file", "not UTF-8 text"))
    except csv.Error as error:
        problems.append(RowProblem(source, 0, "file", f"not a CSV file ({error})"))
    if not rows and not problems:
        problems.append(RowProblem(source, 1, "file", "no data rows"))
    return rows, problems

"""Reading the report inputs a provider sends (active lines, bills issued), from CSV or JSON.

One row per month, measure and service::

    month,measure,service,value
    2026-07,active_lines,internet,12000
    2026-07,bills_issued,,15400

Every problem of a file is reported at once, each as ``FILE:LINE: field: message``; a file with
any problem imports nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from reclamo.errors import ApplicationError

COLUMNS = ("month", "measure", "service", "value")
MEASURES = ("active_lines", "bills_issued")
MAX_ROWS = 10_000
MAX_VALUE = 10**12
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_SERVICE = re.compile(r"[a-z0-9][a-z0-9_-]{0,49}", re.ASCII)


@dataclass(frozen=True, slots=True)
class InputRow:
    month: date
    measure: str
    service: str
    value: int


class InputsInvalid(ApplicationError):
    """Every problem found, each ``source:line: field: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "invalid_report_inputs", "\n".join(problems), problems[0].split(": ")[1], status=422
        )
        self.problems = problems


def _row(values: Mapping[str, object], where: str, problems: list[str]) -> InputRow | None:
    found = len(problems)
    month = str(values.get("month") or "").strip()
    match = _MONTH.fullmatch(month)
    first = None
    if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= 2000:
        first = date(int(match[1]), int(match[2]), 1)
    else:
        problems.append(
            f"{where}: month: "
            + _("%(value)r is not a month; write it as YYYY-MM.") % {"value": month}
        )
    measure = str(values.get("measure") or "").strip()
    if measure not in MEASURES:
        problems.append(
            f"{where}: measure: "
            + _("%(value)r is not a measure; use active_lines or bills_issued.")
            % {"value": measure}
        )
    service = str(values.get("service") or "").strip()
    if measure == "active_lines" and not _SERVICE.fullmatch(service):
        problems.append(
            f"{where}: service: "
            + _("active lines need the service they are for, e.g. internet (a-z, 0-9, - or _).")
        )
    if measure == "bills_issued" and service:
        problems.append(
            f"{where}: service: " + _("bills issued are counted for all services; leave it empty.")
        )
    raw = values.get("value")
    value = None
    text = str(raw if raw is not None else "").strip()
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif text.isdigit():
        value = int(text)
    if value is None or not 0 <= value <= MAX_VALUE:
        problems.append(
            f"{where}: value: "
            + _("%(value)r is not a whole number of 0 or more.") % {"value": text}
        )
    if len(problems) > found or first is None or value is None:
        return None
    return InputRow(month=first, measure=measure, service=service, value=value)


def _checked(rows: list[tuple[str, InputRow | None]], problems: list[str]) -> list[InputRow]:
    seen: dict[tuple[date, str, str], str] = {}
    for where, row in rows:
        if row is None:
            continue
        key = (row.month, row.measure, row.service)
        if key in seen:
            problems.append(
                f"{where}: month: "
                + _("the same month, measure and service is already on %(line)s.")
                % {"line": seen[key]}
            )
        seen[key] = where
    if problems:
        raise InputsInvalid(problems)
    return [row for _, row in rows if row is not None]


def report_inputs_read_csv(*, text: str, source: str) -> list[InputRow]:
    """The rows of a CSV file; raises :class:`InputsInvalid` listing every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise InputsInvalid(
            [
                f"{source}:1: {missing[0]}: "
                + _("the header must be %(columns)s.") % {"columns": ",".join(COLUMNS)}
            ]
        )
    reader.fieldnames = header
    problems: list[str] = []
    rows: list[tuple[str, InputRow | None]] = []
    for values in reader:
        where = f"{source}:{reader.line_num}"
        if len(rows) >= MAX_ROWS:
            problems.append(
                f"{where}: month: " + _("at most %(count)d rows per file.") % {"count": MAX_ROWS}
            )
            break
        rows.append((where, _row(values, where, problems)))
    return _checked(rows, problems)


def report_inputs_read_items(*, items: Iterable[Mapping[str, object]]) -> list[InputRow]:
    """The rows of the API's ``items``; the place of a problem is ``items[N]``."""
    problems: list[str] = []
    rows = [
        (f"items[{index}]", _row(values, f"items[{index}]", problems))
        for index, values in enumerate(items)
    ]
    return _checked(rows, problems)

"""The register page's rows as a staff member reads them: local times, labels in their language,
the nearest current deadline with the time left and whether it is overdue or at risk."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import quote

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, format_timedelta, get_datetime_format
from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.labels import CASE_STATUS_LABELS, CHANNEL_LABELS, CLOCK_LABELS, KIND_LABELS
from reclamo.public.texts import localized
from reclamo.reporting.backlog import AT_RISK  # one threshold for the queues and the dashboard

# Formatting 50 rows is most of a register page's cost: the CLDR data of a language (its Locale,
# its patterns), and each day's and each minute's text, are looked up once per process.


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@lru_cache(maxsize=32)
def _moment_glue(language: str) -> str:
    return str(get_datetime_format("medium", locale=_locale(language))).replace("'", "")


@lru_cache(maxsize=16384)
def _day_text(day: date, language: str) -> str:
    return format_date(day, "medium", locale=_locale(language)).replace("'", "")


@lru_cache(maxsize=8192)
def _time_text(hour: int, minute: int, language: str) -> str:
    moment = datetime(2000, 1, 1, hour, minute)  # noqa: DTZ001 - a wall-clock time, no zone
    return format_time(moment, "short", locale=_locale(language)).replace("'", "")


def format_moment(value: datetime, zone: str, language: str) -> str:
    """A compact local date and time for a table cell ("20 Nov 2026, 15:30"), from CLDR."""
    local = value.astimezone(get_zone(zone))
    day = _day_text(local.date(), language)
    time = _time_text(local.hour, local.minute, language)
    return _moment_glue(language).replace("{1}", day).replace("{0}", time)


def time_left_words(left: timedelta, language: str) -> str:
    """ "in 3 days" / "overdue by 2 hours", in the reader's language."""
    locale = _locale(language)
    if left >= timedelta(0):
        return format_timedelta(left, add_direction=True, locale=locale)
    return gettext("overdue by %(duration)s") % {"duration": format_timedelta(-left, locale=locale)}


@dataclass(frozen=True, slots=True)
class NearestDeadline:
    clock: str
    due_at: datetime
    due_text: str
    left_text: str
    state: str  # "overdue", "at_risk", "on_time", or "closed" (the case's clocks stopped)

    @property
    def clock_label(self) -> str:
        return str(CLOCK_LABELS.get(self.clock, self.clock))  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class RegisterRow:
    number: str
    url: str
    received_at: datetime
    received_text: str
    kind: str
    channel: str
    department: str
    status: str
    status_value: str
    deadline: NearestDeadline | None


def deadline_state(left: timedelta) -> str:
    """An open case's deadline with ``left`` to go: "overdue", "at_risk" or "on_time"."""
    if left < timedelta(0):
        return "overdue"
    return "at_risk" if left < AT_RISK else "on_time"


def nearest_deadline(
    complaint: Complaint, *, now: datetime, zone: str, language: str
) -> NearestDeadline | None:
    """The first current deadline (``current_deadlines`` is prefetched nearest first)."""
    current: list[ComplaintDeadline] = getattr(complaint, "current_deadlines", [])
    if not current:
        return None
    deadline = current[0]
    left = deadline.due_at - now
    if complaint.status not in OPEN_STATUSES:
        state, left_text = "closed", ""
    else:
        state = deadline_state(left)
        left_text = time_left_words(left, language)
    return NearestDeadline(
        clock=deadline.clock,
        due_at=deadline.due_at,
        due_text=format_moment(deadline.due_at, zone, language),
        left_text=left_text,
        state=state,
    )


def department_names(policy: Policy, language: str) -> dict[str, str]:
    return {d.slug: str(localized(policy, d.name, language)) for d in policy.departments}


def register_rows(
    complaints: list[Complaint], *, policy: Policy, now: datetime, language: str, case_url: str
) -> list[RegisterRow]:
    """``case_url``: a case page's URL with ``NUMBER`` in place of the number (reversed once,
    not once per row: URL reversing is a large share of a 50-row page's rendering)."""
    zone = policy.time_zone
    departments = department_names(policy, language)
    return [
        RegisterRow(
            number=c.number,
            url=case_url.replace("NUMBER", quote(c.number)),
            received_at=c.received_at,
            received_text=format_moment(c.received_at, zone, language),
            kind=str(KIND_LABELS.get(c.kind, c.kind)),  # type: ignore[call-overload]
            channel=str(CHANNEL_LABELS.get(c.channel, c.channel)),  # type: ignore[call-overload]
            department=departments.get(c.department, c.department),
            status=str(CASE_STATUS_LABELS.get(c.status, c.status)),  # type: ignore[call-overload]
            status_value=c.status,
            deadline=nearest_deadline(c, now=now, zone=zone, language=language),
        )
        for c in complaints
    ]


def register_rows_html(rows: list[RegisterRow]) -> SafeString:
    """The register table's rows as HTML, every value escaped.

    Written here rather than in the template: the template engine resolves a dozen variables
    per row, which for 50 rows cost more than the rest of the page together.
    """
    number, received, kind, channel = (
        escape(gettext("Number")),
        escape(gettext("Received")),
        escape(gettext("Kind")),
        escape(gettext("Channel")),
    )
    department, status, nearest = (
        escape(gettext("Department")),
        escape(gettext("Status")),
        escape(gettext("Nearest deadline")),
    )
    at_risk = escape(gettext("At risk"))
    html: list[str] = []
    for row in rows:
        d = row.deadline
        html.append(f'<tr class="{escape(d.state)}">' if d is not None else "<tr>")
        html.append(
            f'<th scope="row" data-label="{number}"><a href="{escape(row.url)}">'
            f"{escape(row.number)}</a></th>"
            f'<td data-label="{received}"><time datetime="{row.received_at.isoformat()}">'
            f"{escape(row.received_text)}</time></td>"
            f'<td data-label="{kind}">{escape(row.kind)}</td>'
            f'<td data-label="{channel}">{escape(row.channel)}</td>'
            f'<td data-label="{department}">{escape(row.department)}</td>'
            f'<td data-label="{status}">{escape(row.status)}</td>'
            f'<td data-label="{nearest}"><div>'
        )
        if d is None:
            html.append("—")
        else:
            html.append(
                f'<span class="clock">{escape(d.clock_label)}</span> '
                f'<time datetime="{d.due_at.isoformat()}">{escape(d.due_text)}</time>'
            )
            left = escape(d.left_text)
            if d.state == "overdue":
                html.append(f' <strong class="badge overdue">{left}</strong>')
            elif d.state == "at_risk":
                html.append(f' <strong class="badge at-risk">{at_risk}: {left}</strong>')
            elif left:
                html.append(f' <span class="left">{left}</span>')
        html.append("</div></td></tr>\n")
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


# The filter form's HTML per (procedure, language, filters asked): Django renders each widget and
# each option through a template, a large share of the page, for a form that is the same for
# every request with the same filters (the bare register most of all). Bounded, per process.
FILTER_FORMS_CACHED = 256
_filter_forms: OrderedDict[tuple[int, str, tuple[tuple[str, tuple[str, ...]], ...]], Any] = (
    OrderedDict()
)
_filter_forms_lock = threading.Lock()


def filter_form_html(
    form: forms.Form,
    *,
    policy: Policy,
    language: str,
    query: Sequence[tuple[str, Sequence[str]]],
) -> SafeString:
    """The rendered fields of the register's filter ``form`` (bound to ``query``, the request's
    values of its fields), for ``policy`` (its departments and kinds) in ``language``."""
    key = (id(policy), language, tuple((name, tuple(values)) for name, values in query))
    with _filter_forms_lock:
        hit = _filter_forms.get(key)
        # The entry holds its policy, so the id cannot be reused while the entry lives.
        if hit is not None and hit[0] is policy:
            _filter_forms.move_to_end(key)
            return hit[1]  # type: ignore[no-any-return]
    html = render_to_string("console/_register_filters.html", {"form": form})
    with _filter_forms_lock:
        _filter_forms[key] = (policy, html)
        while len(_filter_forms) > FILTER_FORMS_CACHED:
            _filter_forms.popitem(last=False)
    return html

"""The register page's rows as a staff member reads them: local times, labels in their language,
the nearest current deadline with the time left and whether it is overdue or at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, format_timedelta, get_datetime_format
from django.utils.translation import gettext

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.labels import CASE_STATUS_LABELS, CHANNEL_LABELS, CLOCK_LABELS, KIND_LABELS
from reclamo.public.texts import localized

# A deadline closer than this is shown "at risk", so a handler takes it before it is missed.
AT_RISK = timedelta(hours=24)
# Statuses whose clocks still run: a resolved or withdrawn case is never "overdue".
OPEN_STATUSES = frozenset({"registered", "in_progress", "waiting_for_customer"})


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_moment(value: datetime, zone: str, language: str) -> str:
    """A compact local date and time for a table cell ("20 Nov 2026, 15:30"), from CLDR."""
    locale = _locale(language)
    local = value.astimezone(get_zone(zone))
    day = format_date(local.date(), "medium", locale=locale)
    time = format_time(local, "short", locale=locale)
    glue = str(get_datetime_format("medium", locale=locale))
    return glue.replace("{1}", day).replace("{0}", time).replace("'", "")


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
        state = "overdue" if left < timedelta(0) else "at_risk" if left < AT_RISK else "on_time"
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

"""How the contact page writes what the policy holds: opening hours grouped as a shop window
shows them, an address as it is written locally, a department by its name in the visitor's
language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reclamo.domain.policy import Address, Policy, WeeklyHours
from reclamo.public.texts import Text, localized

DAY_LABELS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


@dataclass(frozen=True)
class HoursRow:
    days: str
    hours: str


def hours_rows(hours: WeeklyHours) -> list[HoursRow]:
    """Opening hours grouped as a shop window shows them: "Monday – Friday 09:00–17:30"."""
    per_day = []
    for day in range(7):
        ranges = [
            f"{w.opens // 60:02d}:{w.opens % 60:02d}–{w.closes // 60:02d}:{w.closes % 60:02d}"
            for w in hours.windows
            if w.weekday == day
        ]
        per_day.append(", ".join(ranges) if ranges else _("closed"))
    rows: list[HoursRow] = []
    start = 0
    for day in range(1, 8):
        if day == 7 or per_day[day] != per_day[start]:
            days = (
                str(DAY_LABELS[start])
                if day - 1 == start
                else f"{DAY_LABELS[start]} – {DAY_LABELS[day - 1]}"
            )
            rows.append(HoursRow(days=days, hours=per_day[start]))
            start = day
    return rows


def address_lines(policy: Policy, address: Address | None, language: str) -> list[Text]:
    # Street and town are written locally and not translated, except a town that has its own
    # name in the visitor's language (Kolárovo is Gúta on a Hungarian page); the note is.
    if address is None:
        return []
    local = policy.default_language
    lines = [Text(address.street, local)] if address.street else []
    city, city_language = address.city_in(language)
    lines.append(
        Text(" ".join(p for p in (address.postal_code, city) if p), city_language or local)
    )
    if address.note is not None:
        lines.append(localized(policy, address.note, language))
    return lines


def department_name(policy: Policy, slug: str | None, language: str) -> Text:
    department = policy.department(slug) if slug else None
    return localized(policy, department.name if department else None, language)

"""The departments on a provider's contact page: each with its operator hours, whether it is
open now (PN-2), and the addresses and numbers that reach it (PN-3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reclamo.domain.policy import Policy
from reclamo.public.contact_channels import customer_channels
from reclamo.public.contact_formats import HoursRow, hours_rows
from reclamo.public.texts import Text, localized


@dataclass(frozen=True)
class DepartmentCall:
    """A number that reaches a department: directly, or through the menu's ``digit`` (PN-3)."""

    number: str
    e164: str
    digit: str | None = None


@dataclass(frozen=True)
class DepartmentEntry:
    slug: str
    name: Text
    description: Text
    hours: list[HoursRow] | None
    open_now: bool | None
    # Where the department is reached (PN-3: the right address and number, one click away).
    emails: list[str] = field(default_factory=list)
    calls: list[DepartmentCall] = field(default_factory=list)


def _department_contacts(
    policy: Policy,
) -> tuple[dict[str, list[str]], dict[str, list[DepartmentCall]]]:
    """Per department: the email addresses and the phone numbers (with the menu digit) of the
    channels a customer can use that reach it."""
    emails: dict[str, list[str]] = {}
    calls: dict[str, list[DepartmentCall]] = {}
    for channel in customer_channels(policy):
        for address in channel.addresses:
            if address.department:
                emails.setdefault(address.department, []).append(address.email)
        for phone in channel.phone_numbers:
            if phone.department:
                calls.setdefault(phone.department, []).append(
                    DepartmentCall(number=phone.number, e164=phone.e164)
                )
            else:
                for entry in channel.menu:
                    calls.setdefault(entry.department, []).append(
                        DepartmentCall(number=phone.number, e164=phone.e164, digit=entry.digit)
                    )
    return emails, calls


def departments(policy: Policy, *, language: str, now: datetime) -> list[DepartmentEntry]:
    """Each department with its operator hours, whether it is open at `now` (PN-2), and its
    email addresses and phone numbers (PN-3)."""
    emails, calls = _department_contacts(policy)
    entries = []
    for department in policy.departments:
        schedule = policy.department_schedule(department.slug)
        entries.append(
            DepartmentEntry(
                slug=department.slug,
                name=localized(policy, department.name, language),
                description=localized(policy, department.description, language),
                hours=hours_rows(department.hours) if department.hours else None,
                open_now=schedule.is_open(now) if schedule else None,
                emails=emails.get(department.slug, []),
                calls=calls.get(department.slug, []),
            )
        )
    return entries

"""The timers the worker fires: a reminder to the department before a deadline, an escalation
to the provider's administrators when one is breached, and the deemed acceptance of PC-13.

:func:`timers_sweep` is a periodic job (``reclamo.operations.schedule``): it reads what is due
from the database, so a worker that was down catches up when it starts, and a late or doubled run
changes nothing. Each timer fires **exactly once**: its ``TimerMark`` (unique per deadline and
kind) is inserted in the same transaction as its effect; a second worker inserting the same mark
waits for the first and gets an IntegrityError, so it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from reclamo.accounts.models import User
from reclamo.casework.models import TimerMark
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.complaints.services import complaint_fields_change
from reclamo.domain.vocabulary import OPEN_STATUSES

__all__ = [
    "BREACH_CLOCKS",
    "REMINDER_LEAD",
    "ScheduledTimer",
    "timers_scheduled",
    "timers_sweep",
]

# How long before a deadline its department is reminded; a clock not named has no reminder.
REMINDER_LEAD: dict[str, timedelta] = {
    "resolution": timedelta(hours=24),
    "repair": timedelta(hours=4),
    "internal_target": timedelta(minutes=30),
}
# The deadlines whose breach is escalated to the provider's administrators.
BREACH_CLOCKS = ("internal_target", "resolution", "repair")
BATCH = 500
SYSTEM = Actor.system("timers")


@dataclass(frozen=True, slots=True)
class ScheduledTimer:
    kind: str
    clock: str
    at: datetime
    fired_at: datetime | None
    rule: str


def _unfired(kind: str) -> Exists:
    return Exists(TimerMark.objects.filter(deadline=OuterRef("pk"), kind=kind))


def _due_ids(kind: str, condition: Q) -> list[int]:
    return list(
        ComplaintDeadline.objects.filter(
            condition, superseded_at__isnull=True, complaint__status__in=OPEN_STATUSES
        )
        .filter(~_unfired(kind))
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )


def timers_sweep(*, now: datetime) -> dict[str, int]:
    """Fire every timer that is due at ``now`` and has not fired; answer how many fired."""
    fired = {"reminder": 0, "breach": 0, "deemed_upheld": 0}
    reminders = Q()
    for clock, lead in REMINDER_LEAD.items():
        reminders |= Q(clock=clock, due_at__gt=now, due_at__lte=now + lead)
    work: list[tuple[str, Q, Callable[[ComplaintDeadline, datetime], None]]] = [
        ("deemed_upheld", Q(clock="deemed_upheld", due_at__lte=now), _deem_upheld),
        ("breach", Q(clock__in=BREACH_CLOCKS, due_at__lte=now), _escalate),
        ("reminder", reminders, _remind),
    ]
    for kind, condition, effect in work:
        for deadline_id in _due_ids(kind, condition):
            if _fire(deadline_id, kind, now, effect):
                fired[kind] += 1
    return fired


def _fire(
    deadline_id: int,
    kind: str,
    now: datetime,
    effect: Callable[[ComplaintDeadline, datetime], None],
) -> bool:
    try:
        with transaction.atomic(durable=True):
            TimerMark.objects.create(deadline_id=deadline_id, kind=kind, fired_at=now)
            deadline = ComplaintDeadline.objects.select_related(
                "complaint__provider", "complaint__policy_version"
            ).get(pk=deadline_id)
            effect(deadline, now)
    except IntegrityError:
        return False  # another worker fired it (or is firing it and has committed)
    return True


def _deem_upheld(deadline: ComplaintDeadline, now: datetime) -> None:
    """PC-13: a complaint not resolved within the period is deemed upheld, automatically, and
    the customer is told."""
    from reclamo.casework.tasks import letter_send

    complaint = Complaint.objects.select_for_update(of=("self",)).get(pk=deadline.complaint_id)
    if complaint.status not in OPEN_STATUSES:
        return  # decided while the sweep was on its way: the mark stays, nothing else happens
    complaint_fields_change(
        complaint=complaint,
        actor=SYSTEM,
        type="deemed_upheld",
        at=now,
        fields={"status": "deemed_upheld", "outcome": "upheld"},
        after={"due_at": deadline.due_at.isoformat(), "rule": deadline.rule},
    )
    complaint_id = complaint.pk
    transaction.on_commit(lambda: letter_send.enqueue(complaint_id, "deemed_upheld_notice"))


def _notify(recipients: Iterable[int], kind: str, deadline: ComplaintDeadline) -> None:
    from reclamo.casework.tasks import staff_notify

    user_ids = list(recipients)
    if user_ids:
        deadline_id = deadline.pk
        transaction.on_commit(lambda: staff_notify.enqueue(user_ids, kind, deadline_id))


def _department_agents(complaint: Complaint) -> list[int]:
    agents = list(
        User.objects.filter(
            provider_id=complaint.provider_id,
            is_active=True,
            role=User.Role.DEPARTMENT_AGENT,
            department_memberships__department=complaint.department,
        ).values_list("pk", flat=True)
    )
    if agents:
        return agents
    # A provider without department agents: its complaint handlers work every queue.
    return list(
        User.objects.filter(
            provider_id=complaint.provider_id, is_active=True, role=User.Role.STAFF
        ).values_list("pk", flat=True)
    )


def _remind(deadline: ComplaintDeadline, now: datetime) -> None:
    complaint = deadline.complaint
    complaint_event_record(
        complaint=complaint,
        actor=SYSTEM,
        type="deadline_reminder",
        at=now,
        after={"clock": deadline.clock, "due_at": deadline.due_at.isoformat()},
    )
    _notify(_department_agents(complaint), "reminder", deadline)


def _escalate(deadline: ComplaintDeadline, now: datetime) -> None:
    complaint = deadline.complaint
    complaint_event_record(
        complaint=complaint,
        actor=SYSTEM,
        type="deadline_breached",
        at=now,
        after={
            "clock": deadline.clock,
            "due_at": deadline.due_at.isoformat(),
            "rule": deadline.rule,
        },
    )
    admins = User.objects.filter(
        provider_id=complaint.provider_id, is_active=True, role=User.Role.PROVIDER_ADMIN
    ).values_list("pk", flat=True)
    _notify(admins, "breach", deadline)


def timers_scheduled(
    deadlines: Iterable[ComplaintDeadline], marks: Iterable[TimerMark]
) -> list[ScheduledTimer]:
    """What the worker will do for a case (and what it did), for the case page."""
    fired = {(mark.deadline_id, mark.kind): mark.fired_at for mark in marks}
    timers: list[ScheduledTimer] = []
    for deadline in deadlines:
        lead = REMINDER_LEAD.get(deadline.clock)
        if lead is not None:
            timers.append(
                ScheduledTimer(
                    "reminder",
                    deadline.clock,
                    deadline.due_at - lead,
                    fired.get((deadline.pk, "reminder")),
                    deadline.rule,
                )
            )
        if deadline.clock in BREACH_CLOCKS:
            timers.append(
                ScheduledTimer(
                    "breach",
                    deadline.clock,
                    deadline.due_at,
                    fired.get((deadline.pk, "breach")),
                    deadline.rule,
                )
            )
        if deadline.clock == "deemed_upheld":
            timers.append(
                ScheduledTimer(
                    "deemed_upheld",
                    deadline.clock,
                    deadline.due_at,
                    fired.get((deadline.pk, "deemed_upheld")),
                    deadline.rule,
                )
            )
    return sorted(timers, key=lambda timer: timer.at)

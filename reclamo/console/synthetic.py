"""Synthetic cases for benchmarks: many realistic rows, fast.

Not a registration path (no intake record, no acknowledgement): it fills a register the way
``complaint_register`` would, in bulk. A few case templates (kind, channel, category) are decided
once by the domain engine at a base instant; each synthetic case takes a template and shifts
its deadlines by its own receipt (close enough for load, not a substitute for the engine).
Numbers continue the register's counter, per year of receipt, without gaps.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reclamo.complaints.models import (
    Complaint,
    ComplaintDeadline,
    ComplaintEvent,
    RegisterCounter,
)
from reclamo.complaints.services import complaint_deadline_row
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import CaseFacts, Deadline, IntakeDecision, deadlines_at_registration
from reclamo.domain.errors import DomainError
from reclamo.domain.numbering import registration_number
from reclamo.domain.policy import Policy
from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.selectors import policy_in_force, policy_of

BATCH = 5000
SPAN = timedelta(days=365)
FIRST_NAMES = ("Ana", "Ion", "Jana", "Peter", "Éva", "László", "Maria", "Andrei", "Zuzana", "Tomáš")
LAST_NAMES = ("Popescu", "Nováková", "Kovács", "Ionescu", "Horváth", "Szabó", "Dumitru", "Kráľ")
SUBJECTS = (
    "Internet drops every evening",
    "Invoice charged twice",
    "TV channels missing since Monday",
    "Router replaced but still no signal",
    "Roaming charges I did not use",
    "Technician did not come",
    "Slow speed compared to the contract",
)
STATUS_OLD = ("resolved", "resolved", "resolved", "withdrawn", "deemed_upheld")
STATUS_NEW = ("registered", "in_progress", "in_progress", "waiting_for_customer")


@dataclass(frozen=True, slots=True)
class _Template:
    facts: CaseFacts
    decision: IntakeDecision
    base: datetime


def _templates(policy: Policy, base: datetime) -> list[_Template]:
    """Up to eight accepted (kind, channel, category) combinations the engine can decide."""
    found: list[_Template] = []
    for channel in (c for c in policy.channels if c.enabled):
        for kind in policy.kinds:
            for category in ("quality", "billing"):
                facts = CaseFacts(
                    kind=kind,
                    channel=channel.kind,
                    received_at=base,
                    category=category,
                    fault_location="outside_premises" if kind == "fault_report" else None,
                    fault_started_at=base - timedelta(hours=2) if kind == "fault_report" else None,
                )
                try:
                    decision = deadlines_at_registration(policy, facts, registered_at=base)
                except DomainError:
                    continue
                if decision.accepted:
                    found.append(_Template(facts=facts, decision=decision, base=base))
    if not found:
        raise ValueError(f"{policy.provider.slug}: no case template the procedure accepts")
    return found[:: max(1, len(found) // 8)][:8]


def _received_instants(rng: random.Random, count: int, now: datetime) -> Iterator[datetime]:
    """``count`` instants over the last year, oldest first (whole seconds)."""
    offsets = sorted((rng.randrange(int(SPAN.total_seconds())) for _ in range(count)), reverse=True)
    for offset in offsets:
        yield (now - timedelta(seconds=offset)).replace(microsecond=0)


def _take_sequences(provider: Provider, year: int, count: int) -> int:
    """Reserve ``count`` numbers of ``year``; returns the first. Runs in the batch's
    transaction, so the counter and the cases commit together (no gap, no double)."""
    counter, _ = RegisterCounter.objects.select_for_update().get_or_create(
        provider=provider, year=year
    )
    first = counter.last_sequence + 1
    RegisterCounter.objects.filter(pk=counter.pk).update(last_sequence=F("last_sequence") + count)
    return first


def synthetic_cases_create(
    *, provider: Provider, count: int, seed: int = 0, now: datetime | None = None
) -> int:
    """Create ``count`` synthetic cases in ``provider``'s register; returns how many."""
    now = now or timezone.now()
    version = policy_in_force(provider=provider, at=now)
    policy = policy_of(version)
    zone = get_zone(policy.time_zone)
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    templates = _templates(policy, now - SPAN)
    instants = list(_received_instants(rng, count, now))
    for start in range(0, count, BATCH):
        _batch_create(
            provider, version, policy, templates, instants[start : start + BATCH], rng, now, zone
        )
    return count


def _batch_create(
    provider: Provider,
    version: PolicyVersion,
    policy: Policy,
    templates: list[_Template],
    instants: list[datetime],
    rng: random.Random,
    now: datetime,
    zone: tzinfo,
) -> None:
    years: dict[int, int] = {}
    local_years = [at.astimezone(zone).year for at in instants]
    for year in local_years:
        years[year] = years.get(year, 0) + 1
    with transaction.atomic(durable=True):
        next_sequence = {
            year: _take_sequences(provider, year, n) for year, n in sorted(years.items())
        }
        cases: list[Complaint] = []
        chosen: list[_Template] = []
        for at, year in zip(instants, local_years, strict=True):
            template = rng.choice(templates)
            sequence = next_sequence[year]
            next_sequence[year] += 1
            age = now - at
            status = rng.choice(STATUS_OLD if age > timedelta(days=60) else STATUS_NEW)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            decision = template.decision
            cases.append(
                Complaint(
                    provider=provider,
                    policy_version=version,
                    number=registration_number(policy.registration_number, year=year, seq=sequence),
                    year=year,
                    sequence=sequence,
                    kind=template.facts.kind,
                    treated_as=decision.treated_as or template.facts.kind,
                    category=template.facts.category,
                    channel=template.facts.channel,
                    department=decision.department or "",
                    complexity=decision.complexity,
                    fault_location=template.facts.fault_location,
                    customer_name=name,
                    customer_email=f"customer{sequence}@example.com",
                    customer_language=policy.default_language,
                    subject=rng.choice(SUBJECTS),
                    body="Synthetic case for benchmarks.",
                    received_at=at,
                    registered_at=at + timedelta(minutes=rng.randrange(1, 90)),
                    status=status,
                    created_by_type="system",
                    created_by_label="create_synthetic_cases",
                )
            )
            chosen.append(template)
        Complaint.objects.bulk_create(cases, batch_size=BATCH)
        deadlines: list[ComplaintDeadline] = []
        events: list[ComplaintEvent] = []
        for case, template in zip(cases, chosen, strict=True):
            shift = case.received_at - template.base
            deadlines.extend(_deadline_row(case, d, shift) for d in template.decision.deadlines)
            events.append(
                ComplaintEvent(
                    complaint=case,
                    at=case.registered_at,
                    actor_type="system",
                    actor_label="create_synthetic_cases",
                    type="registered",
                    data={"before": {}, "after": {"number": case.number, "status": "registered"}},
                )
            )
        ComplaintDeadline.objects.bulk_create(deadlines, batch_size=BATCH)
        ComplaintEvent.objects.bulk_create(events, batch_size=BATCH)


def _deadline_row(case: Complaint, deadline: Deadline, shift: timedelta) -> ComplaintDeadline:
    """The register's row of ``deadline``, moved by ``shift`` (the template case's deadlines
    counted at another receipt)."""
    row = complaint_deadline_row(complaint=case, deadline=deadline, created_at=case.registered_at)
    row.due_at += shift
    return row

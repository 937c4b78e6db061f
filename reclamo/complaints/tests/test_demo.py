"""The demo register `reclamo serve` fills: real cases through the write path, once."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from reclamo.complaints.demo import DEMO_DAYS, demo_register_fill
from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.letters.models import Delivery
from reclamo.operations.services import installation_prepare
from reclamo.providers.selectors import policy_of


def test_serve_preparation_fills_an_empty_register_once_with_real_cases(db) -> None:
    start = timezone.now()
    first = installation_prepare(demo=True)
    counts = {
        slug: Complaint.objects.filter(provider__slug=slug).count()
        for slug in ("petrocomp", "pronet", "unitel")
    }
    assert all(200 <= count <= 300 for count in counts.values()), counts
    assert any("Demo register filled" in line for line in first)

    second = installation_prepare(demo=True)
    assert not any("Demo register" in line for line in second)
    assert Complaint.objects.count() == sum(counts.values())

    cases = list(Complaint.objects.select_related("policy_version"))
    # Numbers without gaps per provider and year, in the policy's format.
    sequences: dict[tuple[int, int], list[int]] = defaultdict(list)
    for case in cases:
        sequences[(case.provider_id, case.year)].append(case.sequence)
        policy = policy_of(case.policy_version)
        assert case.number == policy.format_registration_number(year=case.year, seq=case.sequence)
        # Only channels the procedure accepts for the kind (PC-2 refusals never register).
        assert case.channel in {c.kind for c in policy.accepting_channels(case.kind)}
        assert start - timedelta(days=DEMO_DAYS + 1) <= case.received_at <= timezone.now()
    for numbers in sequences.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))

    statuses = {case.status for case in cases}
    assert {"registered", "in_progress", "resolved"} <= statuses
    assert {case.channel for case in cases} >= {"email", "letter", "phone", "api"}
    assert len({case.kind for case in cases}) >= 3

    overdue = ComplaintDeadline.objects.filter(
        clock="resolution",
        superseded_at__isnull=True,
        due_at__lt=timezone.now(),
        complaint__status__in=("registered", "in_progress", "waiting_for_customer"),
    )
    assert overdue.count() >= 10

    # Every case has its registration in the audit trail; every status change has its event.
    assert ComplaintEvent.objects.filter(type="registered").count() == len(cases)
    settled = sum(case.status in {"resolved", "withdrawn"} for case in cases)
    assert (
        ComplaintEvent.objects.filter(
            type="status_changed", data__after__status__in=["resolved", "withdrawn"]
        ).count()
        == settled
    )
    # No acknowledgement was queued for the invented customers.
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_the_demo_register_is_filled_only_while_empty_and_says_where_it_came_from(
    bundled_providers,
) -> None:
    now = timezone.now()
    assert demo_register_fill(now=now, size=(5, 5)) == {"petrocomp": 5, "pronet": 5, "unitel": 5}
    assert demo_register_fill(now=now, size=(5, 5)) == {}
    assert Complaint.objects.count() == 15
    labels = set(ComplaintEvent.objects.values_list("actor_type", "actor_label").distinct())
    assert labels == {("system", "demo")}

"""`reclamo serve`'s preparation fills an empty register with the demo cases, once, through the
task queue (immediate in tests)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from reclamo.complaints.demo import DEMO_DAYS
from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.complaints.tasks import demo_register_prepare
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
    assert any("Demo register" in line for line in first)

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


def test_serve_preparation_queues_the_demo_register_instead_of_writing_it(db, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def queued_fills() -> int:
        results = demo_register_prepare.get_backend().results  # type: ignore[attr-defined]
        return sum(result.task.name == demo_register_prepare.name for result in results)

    installation_prepare(demo=True)
    assert queued_fills() == 1
    assert not Complaint.objects.exists()
    installation_prepare(demo=False)
    assert queued_fills() == 1

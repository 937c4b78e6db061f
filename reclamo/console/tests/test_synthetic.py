"""`reclamo create_synthetic_cases`: realistic rows in bulk, numbers continuing the register."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent, RegisterCounter
from reclamo.console.tests.conftest import case_register


def test_synthetic_cases_continue_the_register_without_gaps(pronet, capsys) -> None:
    first = case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    call_command("create_synthetic_cases", "pronet", "40", "--seed", "7")
    assert "Created 40 cases for pronet" in capsys.readouterr().out
    cases = Complaint.objects.filter(provider=pronet)
    assert cases.count() == 41
    for year in set(cases.values_list("year", flat=True)):
        sequences = sorted(cases.filter(year=year).values_list("sequence", flat=True))
        assert sequences == list(range(1, len(sequences) + 1))
        counter = RegisterCounter.objects.get(provider=pronet, year=year)
        assert counter.last_sequence == len(sequences)
    synthetic = cases.exclude(pk=first.pk)
    assert all(c.number.startswith(f"PN-{c.year}-") for c in synthetic)
    # Every case has its deadlines, counted from its own receipt, and its "registered" event.
    assert ComplaintEvent.objects.filter(complaint__in=synthetic, type="registered").count() == 40
    for case in synthetic[:10]:
        deadlines = ComplaintDeadline.objects.filter(complaint=case)
        assert deadlines.exists()
        assert all(
            case.received_at < d.due_at < case.received_at + timedelta(days=40) for d in deadlines
        )

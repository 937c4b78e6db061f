"""Changing a case's status: the change and its event together, only words of the vocabulary."""

from __future__ import annotations

import pytest

from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.complaints.services import complaint_status_change
from reclamo.errors import ApplicationError


def test_a_status_change_is_recorded_with_before_and_after(complaint) -> None:
    complaint_status_change(complaint=complaint, actor=Actor.system(), status="in_progress")
    complaint_status_change(
        complaint=complaint, actor=Actor.system(), status="resolved", outcome="upheld"
    )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.status, stored.outcome) == ("resolved", "upheld")
    changes = [e.data for e in ComplaintEvent.objects.filter(type="status_changed")]
    assert changes == [
        {
            "before": {"status": "registered", "outcome": None},
            "after": {"status": "in_progress", "outcome": None},
        },
        {
            "before": {"status": "in_progress", "outcome": None},
            "after": {"status": "resolved", "outcome": "upheld"},
        },
    ]


@pytest.mark.parametrize(
    ("status", "outcome", "code"),
    [
        ("closed", None, "unknown_status"),
        ("resolved", "granted", "unknown_outcome"),
        ("resolved", None, "outcome_required"),
    ],
)
def test_a_status_outside_the_vocabulary_is_refused_and_changes_nothing(
    complaint, status, outcome, code
) -> None:
    with pytest.raises(ApplicationError) as refused:
        complaint_status_change(
            complaint=complaint, actor=Actor.system(), status=status, outcome=outcome
        )
    assert (refused.value.code, refused.value.status) == (code, 422)
    assert Complaint.objects.get(pk=complaint.pk).status == "registered"
    assert not ComplaintEvent.objects.exists()

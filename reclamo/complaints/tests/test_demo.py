"""The demo register: real cases through the write path, only while the register is empty."""

from __future__ import annotations

from django.utils import timezone

from reclamo.complaints.demo import demo_register_fill
from reclamo.complaints.models import Complaint, ComplaintEvent


def test_the_demo_register_is_filled_only_while_empty_and_says_where_it_came_from(
    bundled_providers,
) -> None:
    now = timezone.now()
    assert demo_register_fill(now=now, size=(5, 5)) == {"petrocomp": 5, "pronet": 5, "unitel": 5}
    assert demo_register_fill(now=now, size=(5, 5)) == {}
    assert Complaint.objects.count() == 15
    labels = set(ComplaintEvent.objects.values_list("actor_type", "actor_label").distinct())
    assert labels == {("system", "demo")}

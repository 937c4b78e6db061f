"""The demo register: real cases through the write path, only while the register is empty."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reclamo.complaints.demo import DEMO_DAYS, demo_register_fill
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.complaints.numbering import register_year_open
from reclamo.complaints.tests.test_numbering import run_in_threads
from reclamo.providers.services import bundled_policies_load


def test_the_demo_register_is_filled_only_while_empty_and_says_where_it_came_from(
    bundled_providers,
) -> None:
    now = timezone.now()
    assert demo_register_fill(now=now, size=(5, 5)) == {"petrocomp": 5, "pronet": 5, "unitel": 5}
    assert demo_register_fill(now=now, size=(5, 5)) == {}
    assert Complaint.objects.count() == 15
    labels = set(ComplaintEvent.objects.values_list("actor_type", "actor_label").distinct())
    assert labels == {("system", "demo")}


def test_a_register_another_worker_opened_is_left_to_it(bundled_providers) -> None:
    """The claim is the register's counter for the year of the first demo case."""
    now = timezone.now()
    pronet = bundled_providers["pronet"]
    first_year = (now - timedelta(days=DEMO_DAYS)).year
    for year in {first_year, now.year}:
        assert register_year_open(provider=pronet, year=year)
    assert set(demo_register_fill(now=now, size=(5, 5))) == {"petrocomp", "unitel"}
    assert not Complaint.objects.filter(provider=pronet).exists()
    assert not register_year_open(provider=pronet, year=now.year)


def _two_workers_fill_at_once() -> None:
    bundled_policies_load()
    now = timezone.now()
    filled: list[dict[str, int]] = []
    lock = threading.Lock()

    def work() -> None:
        result = demo_register_fill(now=now, size=(6, 6))
        with lock:
            filled.append(result)

    assert run_in_threads(2, work) == []
    # Each provider was filled by exactly one of the two workers, once.
    counts = Counter(slug for result in filled for slug in result)
    assert counts == {"petrocomp": 1, "pronet": 1, "unitel": 1}
    merged = {slug: count for result in filled for slug, count in result.items()}
    for slug, count in merged.items():
        numbers = sorted(
            Complaint.objects.filter(provider__slug=slug).values_list("sequence", flat=True)
        )
        assert numbers == list(range(1, count + 1))


@pytest.mark.django_db(transaction=True)
def test_two_workers_filling_at_once_on_sqlite_fill_each_register_once(
    sqlite_file_database,
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of this test; this run uses " + connection.vendor)
    _two_workers_fill_at_once()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_filling_at_once_on_postgresql_fill_each_register_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    _two_workers_fill_at_once()


def test_settled_demo_cases_carry_the_sending_of_their_statement(bundled_providers) -> None:
    """The dashboard and the quality reports count resolution times to the statement's sending
    (UN-11, PC-15): a demo register whose settled cases had none showed no resolved case."""
    demo_register_fill(now=timezone.now(), size=(60, 60))
    resolved = Complaint.objects.filter(status="resolved")
    assert resolved.exists()
    for case in resolved:
        assert case.statement_sent_at is not None and case.decided_at == case.statement_sent_at
        assert case.received_at < case.statement_sent_at
    assert (
        not Complaint.objects.exclude(status="resolved")
        .filter(statement_sent_at__isnull=False)
        .exists()
    )

"""Registration numbers: the policy's format, unique and without gaps per provider and year."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from reclamo.complaints.models import RegisterCounter
from reclamo.complaints.numbering import (
    ComplaintNumber,
    NumberOutsideTransaction,
    complaint_number_next,
)
from reclamo.complaints.tests.conftest import provider_create
from reclamo.domain.numbering import registration_number
from reclamo.providers.models import Provider

FORMAT = "PC-{year}-{seq:06d}"


def take(provider: Provider, year: int = 2026, format: str = FORMAT) -> ComplaintNumber:
    with transaction.atomic():
        return complaint_number_next(provider=provider, year=year, format=format)


def test_registration_number_fills_the_policy_format():
    assert registration_number(FORMAT, year=2026, seq=42) == "PC-2026-000042"
    assert registration_number("{seq}/{year}", year=2027, seq=7) == "7/2027"
    with pytest.raises(ValueError, match="start at 1"):
        registration_number(FORMAT, year=2026, seq=0)


@pytest.mark.django_db
def test_numbers_count_from_one_in_the_policy_format():
    provider = provider_create()
    taken = [take(provider) for _ in range(3)]
    assert taken == [
        ComplaintNumber("PC-2026-000001", 2026, 1),
        ComplaintNumber("PC-2026-000002", 2026, 2),
        ComplaintNumber("PC-2026-000003", 2026, 3),
    ]


@pytest.mark.django_db
def test_each_year_restarts_at_one():
    provider = provider_create()
    take(provider, 2026)
    take(provider, 2026)
    assert take(provider, 2027).number == "PC-2027-000001"
    assert take(provider, 2026).number == "PC-2026-000003"


@pytest.mark.django_db
def test_providers_have_their_own_sequences():
    pronet, unitel = provider_create("pronet"), provider_create("unitel")
    take(pronet)
    take(pronet)
    assert take(unitel, format="UN/{year}/{seq}").number == "UN/2026/1"
    assert take(pronet).sequence == 3


@pytest.mark.django_db
def test_a_rolled_back_registration_leaves_no_hole():
    provider = provider_create()
    take(provider)

    class RegistrationFailed(Exception):
        pass

    with pytest.raises(RegistrationFailed), transaction.atomic():
        assert complaint_number_next(provider=provider, year=2026, format=FORMAT).sequence == 2
        raise RegistrationFailed

    assert take(provider).number == "PC-2026-000002"


@pytest.mark.django_db
def test_the_first_number_of_a_year_rolled_back_is_given_again():
    provider = provider_create()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        complaint_number_next(provider=provider, year=2026, format=FORMAT)
        _ = 1 / 0
    assert not RegisterCounter.objects.exists()
    assert take(provider).sequence == 1


@pytest.mark.django_db(transaction=True)
def test_a_number_outside_a_transaction_is_refused():
    provider = provider_create()
    with pytest.raises(NumberOutsideTransaction):
        complaint_number_next(provider=provider, year=2026, format=FORMAT)
    assert not RegisterCounter.objects.exists()


def run_in_threads(count: int, work: Callable[[], None]) -> list[BaseException]:
    """Run `work` in `count` threads started together; each uses (and closes) its own connection."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def numbers_taken_at_once(provider: Provider, *, threads: int, each: int) -> list[int]:
    taken: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(each):
            sequence = take(provider).sequence
            with lock:
                taken.append(sequence)

    errors = run_in_threads(threads, work)
    assert errors == []
    return taken


def assert_gapless(taken: list[int], provider: Provider, total: int) -> None:
    assert sorted(taken) == list(range(1, total + 1))
    assert RegisterCounter.objects.get(provider=provider, year=2026).last_sequence == total


@pytest.mark.django_db(transaction=True)
def test_many_writers_at_once_on_sqlite_take_every_number_once_without_gaps(sqlite_file_database):
    """8 threads × 25 numbers, all of them opening the year's counter at the same moment."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of this test; this run uses " + connection.vendor)
    provider = provider_create()
    taken = numbers_taken_at_once(provider, threads=8, each=25)
    assert_gapless(taken, provider, 200)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_writers_at_once_on_postgresql_take_every_number_once_without_gaps():
    """8 threads × 25 numbers, all of them opening the year's counter at the same moment: the
    losers of the INSERT race retry inside a savepoint and their transactions carry on."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    provider = provider_create()
    taken = numbers_taken_at_once(provider, threads=8, each=25)
    assert_gapless(taken, provider, 200)


@pytest.mark.django_db
def test_a_number_costs_one_statement_once_the_years_counter_exists(
    django_assert_num_queries,
):
    provider = provider_create()
    take(provider)
    with transaction.atomic(), django_assert_num_queries(1):
        complaint_number_next(provider=provider, year=2026, format=FORMAT)

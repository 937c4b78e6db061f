"""Registration numbers without gaps (api.md, "Numbers").

The number is taken **in the registering transaction**: the counter row's increment commits or
rolls back with the case, so a failed registration gives its number back and the register of a
provider and year reads 1, 2, 3… with no hole. The price is that registrations of one provider
and year queue on the counter row until each commits; keep those transactions short.

- PostgreSQL: the UPDATE locks the counter row until commit; a concurrent registration waits,
  then increments the committed value. Two transactions creating the year's row at once: the
  second INSERT waits on the unique constraint and fails once the first commits; it retries the
  UPDATE inside a savepoint, so its transaction stays usable.
- SQLite: transactions are IMMEDIATE (config/env.py), so a writer holds the database's write
  lock from BEGIN and registrations run one after another.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from reclamo.complaints.models import RegisterCounter
from reclamo.domain.numbering import registration_number
from reclamo.providers.models import Provider

__all__ = [
    "ComplaintNumber",
    "NumberOutsideTransaction",
    "complaint_number_next",
    "register_year_open",
]


class NumberOutsideTransaction(RuntimeError):
    """A number taken outside a transaction would be lost if the registration then failed."""


@dataclass(frozen=True, slots=True)
class ComplaintNumber:
    """The number as shown (`number`) and the parts the register stores."""

    number: str
    year: int
    sequence: int


def complaint_number_next(*, provider: Provider, year: int, format: str) -> ComplaintNumber:
    """The next number of `provider`'s register for `year` (the year of receipt in the
    provider's zone), formatted with the policy's `registration_number` `format`.

    Call it inside the transaction that inserts the case (`transaction.atomic()`).
    """
    if not connection.in_atomic_block:
        raise NumberOutsideTransaction(
            "take the complaint number inside the registration's transaction.atomic()"
        )
    sequence = _increment(provider.pk, year)
    if sequence is None:
        sequence = _first_of_year(provider.pk, year)
    return ComplaintNumber(
        number=registration_number(format, year=year, seq=sequence), year=year, sequence=sequence
    )


def _increment(provider_id: int, year: int) -> int | None:
    """`last_sequence + 1` for an existing counter, in one statement; None if there is none."""
    table = connection.ops.quote_name(RegisterCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_sequence = last_sequence + 1"  # noqa: S608 (names only)
            " WHERE provider_id = %s AND year = %s RETURNING last_sequence",
            [provider_id, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _first_of_year(provider_id: int, year: int) -> int:
    """Open the year's counter at 1, or increment it if another transaction just opened it."""
    try:
        with transaction.atomic():
            RegisterCounter.objects.create(provider_id=provider_id, year=year, last_sequence=1)
    except IntegrityError:
        sequence = _increment(provider_id, year)
        if sequence is None:  # pragma: no cover - the conflicting row is committed by now
            raise
        return sequence
    return 1


def register_year_open(*, provider: Provider, year: int) -> bool:
    """Open ``provider``'s register for ``year`` (its counter at 0: the first case is number 1),
    committed at once; False when it is already open — a case was registered in that year, or
    another process opened it first.

    A claim for work that must run once (the demo register): the counter's unique (provider,
    year) lets exactly one of several processes opening it at once succeed, on PostgreSQL (the
    others' INSERT waits for the winner's commit, then fails) and on SQLite alike.
    """
    try:
        with transaction.atomic(durable=True):
            RegisterCounter.objects.create(provider_id=provider.pk, year=year, last_sequence=0)
    except IntegrityError:
        return False
    return True

"""The parts of an outage's write run only inside the transaction of the whole (STYLE.md, the
write path): called on their own they refuse, and nothing is written."""

from __future__ import annotations

import pytest

from reclamo.billing.events import WriteOutsideTransaction
from reclamo.billing.outage_credits import outage_credits_write
from reclamo.billing.outages import outage_rows_write
from reclamo.billing.tests.test_credits import outage_with_customers
from reclamo.providers.models import Provider


@pytest.mark.django_db(transaction=True)
def test_the_parts_of_an_outage_write_refuse_to_run_outside_its_transaction(
    bundled_providers: dict[str, Provider],
) -> None:
    outage = outage_with_customers(bundled_providers["petrocomp"], ["15.00"])
    with pytest.raises(WriteOutsideTransaction):
        outage_credits_write(outage=outage)
    with pytest.raises(WriteOutsideTransaction):
        outage_rows_write(
            provider=outage.provider, outages={}, affected={}, actor="t", source="t.csv"
        )
    assert not outage.credits.exists()

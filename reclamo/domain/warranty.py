"""Whether the equipment a fault concerns is under the procedure's warranty (UN-2, PC-3).

Readings adopted once, here:

- The warranty term is the policy's ``remedies.warranty`` entry for the equipment's ownership
  (rented: UNITEL UN-2; purchased: PETROCOMP PC-3). A procedure without an entry for it gives
  no warranty of its own (the statutory one for goods is outside the procedure): state
  ``no_terms``.
- It counts from the day the equipment was rented or bought (``counted_from`` "handover" or
  "purchase": in both the date staff record) and lasts ``months`` months: to the same day number
  of the later month, or that month's last day when it has no such day (T-3: 2024-01-31 + 1 month
  → 2024-02-29). That day is still covered.
- It is judged on the day the defect was reported (the case's receipt, in the provider's zone):
  a defect reported in time stays covered while the case is worked.
- Covered means free repair or replacement, unless the customer caused the fault
  (``free_unless_customer_caused``): then the customer pays (UN-2; the charge per the price list
  is UN-5 / PC-8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reclamo.domain.calendar import months_later
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import WarrantyState

__all__ = ["WarrantyStatus", "warranty_status"]


@dataclass(frozen=True, slots=True)
class WarrantyStatus:
    state: WarrantyState
    rule: str = ""
    months: int | None = None
    ends_on: date | None = None


def warranty_status(
    policy: Policy,
    *,
    ownership: str | None,
    since: date | None,
    reported_on: date,
    customer_caused: bool = False,
) -> WarrantyStatus:
    """The warranty of equipment ``ownership`` ("rented" / "purchased") since ``since``, for a
    defect reported on ``reported_on`` (UN-2, PC-3)."""
    if ownership is None or since is None:
        return WarrantyStatus("unknown")
    term = next((w for w in policy.remedies.warranty if w.equipment == ownership), None)
    if term is None:
        return WarrantyStatus("no_terms")
    ends_on = months_later(since, term.months)
    if since > reported_on or reported_on > ends_on:
        # Equipment recorded as acquired after the report cannot have been under warranty then.
        state: WarrantyState = "expired" if reported_on > ends_on else "unknown"
        return WarrantyStatus(state, term.rule, term.months, ends_on)
    if customer_caused and term.free_unless_customer_caused:
        return WarrantyStatus("customer_pays", term.rule, term.months, ends_on)
    return WarrantyStatus("in_warranty", term.rule, term.months, ends_on)

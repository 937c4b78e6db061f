"""What a customer is owed, or may defer, computed from the policy and the customer's data
(UN-5, UN-6, UN-13 … UN-16, PC-6 … PC-8, PC-10, PC-16).

Pure Python on exact amounts: :class:`Money` is a ``Decimal`` with a currency and never a float;
the arithmetic is rational (``fractions.Fraction``) until the one rounding of each figure
answered (``ROUND_HALF_UP`` to cents). Every result carries its :class:`Working` — inputs,
formula, rule ids, rounding — that pages, the API and letters render and tests re-evaluate.

- ``money``: the amount and its rounding; ``working``: the working and its evaluation;
- ``outage``: UN-13 pro rata by hours, PC-6/PC-7 whole days after a threshold;
- ``billing``: UN-14 credits over the next invoices, prepaid extension, refund;
- ``disputed``: UN-15/UN-16/PC-16 the six-month average, the 3 × rule, instalments;
- ``charges``: UN-5/UN-6/PC-8/PC-10 charges from the price list.
"""

from reclamo.domain.remedies.billing import (
    CreditLine,
    CreditSchedule,
    InvoiceDue,
    PrepaidExtension,
    Refund,
    credit_over_invoices,
    one_time_refund,
    prepaid_extension,
)
from reclamo.domain.remedies.charges import ChargeLine, FaultCharges, fault_charges
from reclamo.domain.remedies.common import RemedyInputError, RemedyNotOffered
from reclamo.domain.remedies.disputed import (
    BillingPeriod,
    DisputedBillAnswer,
    Instalment,
    disputed_bill,
    instalment_schedule,
)
from reclamo.domain.remedies.money import CENT, Money, MoneyError, parse_amount, round_cents
from reclamo.domain.remedies.outage import (
    OUTAGE_CAUSES,
    MonthShare,
    OutageCause,
    OutageCredit,
    month_shares,
    outage_credit,
)
from reclamo.domain.remedies.working import FormulaError, Working

__all__ = [
    "CENT",
    "OUTAGE_CAUSES",
    "BillingPeriod",
    "ChargeLine",
    "CreditLine",
    "CreditSchedule",
    "DisputedBillAnswer",
    "FaultCharges",
    "FormulaError",
    "Instalment",
    "InvoiceDue",
    "Money",
    "MoneyError",
    "MonthShare",
    "OutageCause",
    "OutageCredit",
    "PrepaidExtension",
    "Refund",
    "RemedyInputError",
    "RemedyNotOffered",
    "Working",
    "credit_over_invoices",
    "disputed_bill",
    "fault_charges",
    "instalment_schedule",
    "month_shares",
    "one_time_refund",
    "outage_credit",
    "parse_amount",
    "prepaid_extension",
    "round_cents",
]

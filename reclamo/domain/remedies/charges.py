"""What a customer-caused fault costs the customer (UN-5, PC-8) and when a technician's trip is
charged (UN-6 per km for a customer-caused fault; PC-10 per trip the customer insisted on although
the fault could be fixed without it, whoever caused it) — all from the policy's price list.

The procedures name the items but no price: a bundled price list says ``amount: null`` until the
provider fills it, and a charge from such an item is refused (``price_not_set``) rather than
guessed. A fault the customer did not cause is repaired free (UN-2, PC-3): no repair line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reclamo.domain.policy import Policy, PriceItem
from reclamo.domain.remedies.common import RemedyInputError
from reclamo.domain.remedies.money import Money, round_cents
from reclamo.domain.remedies.working import Working


@dataclass(frozen=True, slots=True)
class ChargeLine:
    code: str
    quantity: Decimal
    unit: str
    unit_price: Money
    amount: Money  # rounded to cents
    rule: str | None


@dataclass(frozen=True, slots=True)
class FaultCharges:
    total: Money
    lines: tuple[ChargeLine, ...]
    rules: tuple[str, ...]
    working: Working


def _item(policy: Policy, code: str, field: str) -> PriceItem:
    for item in policy.price_list.items:
        if item.code == code:
            return item
    raise RemedyInputError(
        f"{field}: {code!r} is not in the price list of {policy.slug}",
        field=field,
        code="unknown_price_item",
        params={"value": repr(code)[:80]},
    )


def _quantity(value: Decimal | int, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{field} must be a Decimal or an int, not {type(value).__name__}")
    quantity = Decimal(value)
    if not quantity.is_finite() or quantity < 0:
        raise RemedyInputError(
            f"{field}: a quantity is a number of zero or more", field=field, code="invalid_quantity"
        )
    return quantity


def fault_charges(
    policy: Policy,
    *,
    customer_caused: bool,
    repair_items: Sequence[tuple[str, Decimal | int]] = (),
    trip_km: Decimal | int | None = None,
    trips: int = 0,
    trip_unnecessary_on_request: bool = False,
) -> FaultCharges:
    """The charges for one fault: repair items and technician trips, each from the price list."""
    wanted: list[tuple[str, Decimal, str, str]] = []  # code, quantity, rule, field
    faults = policy.remedies.customer_caused_faults
    if customer_caused and repair_items:
        if faults is None or not faults.charged_per_price_list:
            raise RemedyInputError(
                f"the procedure of {policy.slug} charges no repair per the price list",
                field="repair_items",
                code="remedy_not_offered",
            )
        for index, (code, quantity) in enumerate(repair_items):
            field = f"repair_items[{index}]"
            wanted.append((code, _quantity(quantity, field), faults.rule, field))
    for index, trip in enumerate(policy.remedies.technician_trips):
        charged = (trip.charged_when == "customer_caused" and customer_caused) or (
            trip.charged_when == "unnecessary_on_customer_request" and trip_unnecessary_on_request
        )
        if not charged:
            continue
        item = _item(policy, trip.price_item, f"technician_trips[{index}]")
        if item.unit == "per_km":
            if trip_km is None:
                raise RemedyInputError(
                    f"trip_km: {trip.rule} charges the trip per km; give the distance",
                    field="trip_km",
                    code="missing_field",
                )
            wanted.append((item.code, _quantity(trip_km, "trip_km"), trip.rule, "trip_km"))
        else:
            count = _quantity(trips, "trips")
            wanted.append((item.code, count, trip.rule, "trips"))
    currency = policy.price_list.currency
    lines: list[ChargeLine] = []
    inputs: list[tuple[str, Decimal]] = []
    terms: list[str] = []
    exact = Fraction(0)
    for number, (code, quantity, rule, field) in enumerate(wanted, start=1):
        item = _item(policy, code, field)
        if item.amount is None:
            raise RemedyInputError(
                f"{field}: the price of {code!r} is not set in the price list of {policy.slug}",
                field=field,
                code="price_not_set",
                params={"value": code},
            )
        price = Money(item.amount, currency)
        line_exact = Fraction(quantity) * Fraction(item.amount)
        exact += line_exact
        lines.append(
            ChargeLine(
                code, quantity, item.unit, price, Money(round_cents(line_exact), currency), rule
            )
        )
        inputs += [(f"quantity_{number}", quantity), (f"price_{number}", item.amount)]
        terms.append(f"quantity_{number} * price_{number}")
    rules = tuple(dict.fromkeys(line.rule for line in lines if line.rule))
    notes = () if customer_caused else ("not_customer_caused",)
    working = Working(rules, " + ".join(terms) or "0", tuple(inputs), notes=notes)
    return FaultCharges(Money(round_cents(exact), currency), tuple(lines), rules, working)

"""What the customer is owed (outage credits, billing corrections, disputed bills, warranties)
and the price list that customer-caused work is charged from."""

from __future__ import annotations

from typing import Literal

from reclamo.domain.policy.fields import (
    CurrencyCode,
    Factor,
    LocalizedText,
    Money,
    NonNegativeInt,
    PolicyModel,
    PositiveInt,
    RuleId,
    Slug,
)


class OutageCredit(PolicyModel):
    rule: RuleId
    # UN-13: hours without service ÷ hours in the billing month × monthly price.
    # PC-6: monthly fee ÷ days in the month the outage began × whole 24-hour periods.
    method: Literal["pro_rata_hours", "daily_share_whole_days"]
    threshold_hours: NonNegativeInt = 0  # PC-6: more than 24 continuous hours
    equipment_fault_extra_hours: NonNegativeInt = 0  # PC-7: + the 48 h repair time
    equipment_rule: RuleId | None = None
    customer_caused_rule: RuleId | None = None  # UN-5 / PC-8: nothing is credited
    # True: every customer an outage affected is credited without waiting for a claim (the way
    # some regulators now require automatic compensation); False: on an upheld complaint or
    # claim only, as the bundled procedures say (UN-13, PC-9).
    automatic: bool = False


class BillingCorrection(PolicyModel):
    rule: RuleId  # UN-14
    method: Literal["credit_next_invoices"]
    prepaid_extension_by_agreement: bool = False
    one_time_service: Literal["refund"] = "refund"


class DisputedBill(PolicyModel):
    rule: RuleId  # UN-15 / PC-16
    average_months: PositiveInt
    # With fewer months of use, the average is over all of them when there are more than this.
    shorter_history_more_than_months: NonNegativeInt
    threshold_multiplier: Factor
    deferral_until: Literal["investigation_end"]
    min_instalments: PositiveInt
    instalments_rule: RuleId


class Warranty(PolicyModel):
    rule: RuleId  # UN-2 / PC-3
    equipment: Literal["rented", "purchased"]
    months: PositiveInt
    counted_from: Literal["purchase", "handover"]
    free_unless_customer_caused: bool = True


class PaymentDuringComplaint(PolicyModel):
    rule: RuleId  # UN-7
    billing_complaint_suspends_payment: bool


class CustomerCausedFaults(PolicyModel):
    rule: RuleId  # UN-5 / PC-8
    charged_per_price_list: bool = True
    customer_may_repair: bool = False


class TechnicianTrip(PolicyModel):
    rule: RuleId  # UN-6 / PC-10
    price_item: Slug
    charged_when: Literal["customer_caused", "unnecessary_on_customer_request"]


class Remedies(PolicyModel):
    outage_credit: OutageCredit | None = None
    billing_correction: BillingCorrection | None = None
    disputed_bill: DisputedBill | None = None
    warranty: list[Warranty] = []
    payment_during_complaint: PaymentDuringComplaint | None = None
    customer_caused_faults: CustomerCausedFaults | None = None
    technician_trips: list[TechnicianTrip] = []


class PriceItem(PolicyModel):
    code: Slug
    rule: RuleId | None = None
    name: LocalizedText
    unit: Literal["per_km", "per_trip", "per_hour", "per_item"]
    # None: the procedure names the item and its unit but not the price; the provider fills it.
    amount: Money | None = None


class PriceList(PolicyModel):
    currency: CurrencyCode
    # provider_to_fill: amounts are not in the procedure texts; demo: labelled demo values.
    amounts: Literal["provider_to_fill", "demo", "published"]
    items: list[PriceItem] = []

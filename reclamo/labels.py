"""The translated labels of the register's words (``reclamo/domain/vocabulary.py``), once.

Forms, pages, the admin and the models' ``choices`` take their labels from here; a test checks
that every value of the vocabulary has a label in each table, so a new value cannot be shown
untranslated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reclamo.domain.vocabulary import (
    ActorType,
    CaseStatus,
    Category,
    ChannelKind,
    Clock,
    ClockEvent,
    Complexity,
    EquipmentOwnership,
    FaultCause,
    FaultLocation,
    FaultValidity,
    IntakeOutcome,
    Kind,
    Milestone,
    OutageCause,
    Outcome,
    RemedyKind,
    RemedyMethod,
    StatementMeans,
    TimerKind,
    WarrantyState,
)

Value = TypeVar("Value", bound=str)

# What the customer sends, as a form asks it.
KIND_DESCRIPTIONS: Mapping[Kind, Promise] = {
    "complaint": _("A complaint (quality or billing was wrong)"),
    "fault_report": _("A fault report (the service is down)"),
    "request": _("A request or question"),
    "discount_claim": _("A claim for a discount after an outage"),
}
# The same, in running text after "Accepts:" (plural, lower case).
KIND_PLURALS: Mapping[Kind, Promise] = {
    "complaint": _("complaints"),
    "fault_report": _("fault reports"),
    "request": _("requests and questions"),
    "discount_claim": _("discount claims"),
}
# The same, as a column or a field names one case.
KIND_LABELS: Mapping[Kind, Promise] = {
    "complaint": pgettext_lazy("kind", "Complaint"),
    "fault_report": pgettext_lazy("kind", "Fault report"),
    "request": pgettext_lazy("kind", "Request"),
    "discount_claim": pgettext_lazy("kind", "Discount claim"),
}
CATEGORY_LABELS: Mapping[Category, Promise] = {
    "quality": _("Quality of the service"),
    "billing": _("Billing"),
    "equipment": _("Equipment"),
    "other": _("Something else"),
}
CHANNEL_LABELS: Mapping[ChannelKind, Promise] = {
    "web": _("Web form"),
    "portal": _("Customer portal"),
    "email": _("Email"),
    "phone": _("Phone"),
    "in_person": _("In person"),
    "letter": _("Letter"),
    "api": _("Integration (API)"),
}
COMPLEXITY_LABELS: Mapping[Complexity, Promise] = {
    "simple": _("Simple (no technical investigation)"),
    "technical": _("Needs a technical investigation"),
    "partner": _("Needs the provider's partners"),
}
FAULT_LOCATION_LABELS: Mapping[FaultLocation, Promise] = {
    "customer_premises": _("At my home or premises"),
    "outside_premises": _("Outside my home (network, antenna)"),
}
# The same places as staff and the rules page say them (the labels above are the customer's own
# words in the calculator).
FAULT_PLACE_LABELS: Mapping[FaultLocation, Promise] = {
    "customer_premises": _("At the customer's home or premises"),
    "outside_premises": _("Outside the customer's home, on the network or antenna"),
}
CLOCK_LABELS: Mapping[Clock, Promise] = {
    "internal_target": _("Internal target"),
    "resolution": _("Answer due"),
    "resolution_extended_max": _("Longest possible extension"),
    "deemed_upheld": _("Deemed upheld"),
    "repair": _("Repair"),
}
# What each deadline means for the customer; a repair clock is explained by its milestone.
CLOCK_EXPLANATIONS: Mapping[Clock | Milestone, Promise] = {
    "internal_target": _(
        "The provider's own target for dealing with it, counted in working hours only."
    ),
    "resolution": _(
        "The latest time by which the provider must settle your case and send you the result."
    ),
    "resolution_extended_max": _(
        "The provider may extend the period once, with a reason, telling you before the first "
        "deadline; it can never go beyond this."
    ),
    "deemed_upheld": _(
        "If your complaint is not resolved by then, it counts as upheld — automatically."
    ),
    "repair": _("The repair must be finished by then."),
    "repair_started": _("The repair must start by then."),
    "repair_done": _("The repair must be finished by then."),
}
# "Counted as 30 days <from when …>."
CLOCK_EVENT_LABELS: Mapping[ClockEvent, Promise] = {
    "received": _("from when the provider receives it"),
    "registered": _("from its registration"),
    "fault_started": _("from when the fault started"),
    "defect_discovered": _("from when you noticed the problem"),
    "invoice_delivered": _("from the delivery of the invoice"),
    "service_restored": _("from when the service was restored"),
}
CASE_STATUS_LABELS: Mapping[CaseStatus, Promise] = {
    "registered": _("Registered"),
    "in_progress": _("In progress"),
    "waiting_for_customer": _("Waiting for the customer"),
    "resolved": _("Resolved"),
    "deemed_upheld": _("Deemed upheld"),
    "withdrawn": pgettext_lazy("case status", "Withdrawn"),
}
OUTCOME_LABELS: Mapping[Outcome, Promise] = {
    "upheld": _("Upheld"),
    "partially_upheld": _("Partially upheld"),
    "rejected": _("Rejected"),
    "withdrawn": pgettext_lazy("outcome", "Withdrawn"),
}

ACTOR_TYPE_LABELS: Mapping[ActorType, Promise] = {
    "staff": _("Staff"),
    "customer": pgettext_lazy("actor", "Customer"),
    "integration": _("Integration"),
    "system": _("Reclamo (automatic)"),
}
INTAKE_OUTCOME_LABELS: Mapping[IntakeOutcome, Promise] = {
    "pending": _("Being processed"),
    "registered": pgettext_lazy("intake outcome", "Registered"),
    "joined": _("Added to an existing case"),
    "duplicate": _("Duplicate"),
    "refused": _("Refused"),
    "failed": _("Failed"),
    "ignored": _("Ignored (automatic message)"),
}

FAULT_CAUSE_LABELS: Mapping[FaultCause, Promise] = {
    "provider": _("The provider"),
    "customer": pgettext_lazy("fault cause", "The customer"),
    "third_party": _("A third party"),
}
FAULT_VALIDITY_LABELS: Mapping[FaultValidity, Promise] = {
    "valid": _("Valid fault report"),
    "invalid": _("Invalid (no fault found)"),
    "customer_caused": _("Caused by the customer"),
}
EQUIPMENT_OWNERSHIP_LABELS: Mapping[EquipmentOwnership, Promise] = {
    "rented": _("Rented from the provider"),
    "purchased": _("Bought from the provider"),
}
TIMER_KIND_LABELS: Mapping[TimerKind, Promise] = {
    "reminder": _("Reminder to the department"),
    "breach": _("Escalation to the administrators"),
    "deemed_upheld": _("Deemed upheld automatically"),
}
STATEMENT_MEANS_LABELS: Mapping[StatementMeans, Promise] = {
    "email": _("By email"),
    "post": _("By post (printed)"),
}
WARRANTY_STATE_LABELS: Mapping[WarrantyState, Promise] = {
    "in_warranty": _("In warranty: repaired or replaced free of charge"),
    "customer_pays": _("In warranty, but the customer caused the fault: the customer pays"),
    "expired": _("The warranty had ended when the defect was reported"),
    "no_terms": _("The complaint procedure gives no warranty for this equipment"),
    "unknown": _("Record whether the equipment was rented or bought, and when"),
}

OUTAGE_CAUSE_LABELS: Mapping[OutageCause, Promise] = {
    "provider_non_technical": _("The provider's doing, not a technical fault"),
    "provider_equipment": _("A fault on the provider's equipment"),
    "customer": _("The customer's doing"),
}

REMEDY_KIND_LABELS: Mapping[RemedyKind, Promise] = {
    "outage_credit": _("Credit for the outage"),
    "disputed_bill": _("Disputed bill: the excess deferred"),
    "billing_correction": _("Correction of the bill"),
    "charges": _("Charges for the repair and the technician"),
}

REMEDY_METHOD_LABELS: Mapping[RemedyMethod, Promise] = {
    "credit_schedule": _("Credited on the next invoices"),
    "instalments": _("Paid in instalments"),
    "refund": _("Refunded"),
    "charge": _("Charged"),
}


def choices(
    labels: Mapping[Value, Promise], *, only: tuple[str, ...] | None = None
) -> list[tuple[str, Any]]:
    """``labels`` as Django ``choices``, in the vocabulary's order, optionally only ``only``."""
    return [(value, label) for value, label in labels.items() if only is None or value in only]

"""The words of the complaint register, defined once (``shared/spec/api.md``).

Every value that crosses the product's boundaries — the API, forms, pages, policy files, stored
cases — is one of these. The types are ``Literal`` so pydantic (the policy schema, the API) and
mypy check them; the tuples are the same values in their documented order, for loops, choices and
validation. Their translated labels live once on the Django side (``reclamo/labels.py``).
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ACTOR_TYPES",
    "CASE_STATUSES",
    "CATEGORIES",
    "CHANNEL_KINDS",
    "CLOCKS",
    "CLOCK_EVENTS",
    "COMPLEXITIES",
    "EQUIPMENT_OWNERSHIPS",
    "FAULT_CAUSES",
    "FAULT_LOCATIONS",
    "FAULT_VALIDITIES",
    "INTAKE_OUTCOMES",
    "KINDS",
    "MILESTONES",
    "OPEN_STATUSES",
    "OUTAGE_CAUSES",
    "OUTCOMES",
    "REMEDY_KINDS",
    "REMEDY_METHODS",
    "STATEMENT_MEANS",
    "TIMER_KINDS",
    "ActorType",
    "CaseStatus",
    "Category",
    "ChannelKind",
    "Clock",
    "ClockEvent",
    "Complexity",
    "EquipmentOwnership",
    "FaultCause",
    "FaultLocation",
    "FaultValidity",
    "IntakeOutcome",
    "Kind",
    "Milestone",
    "OutageCause",
    "Outcome",
    "RemedyKind",
    "RemedyMethod",
    "StatementMeans",
    "TimerKind",
]

# What the customer sends. UN-1 may register one kind as another (``treated_as``).
Kind = Literal["complaint", "fault_report", "request", "discount_claim"]
# What it is about; routes and clocks may depend on it (PN-1, UN-10, PC-11).
Category = Literal["quality", "billing", "equipment", "other"]
# How it reached the provider (PN-3, PC-2, UN-1).
ChannelKind = Literal["web", "portal", "email", "phone", "in_person", "letter", "api"]
# How much investigation it needs; chooses the resolution period (PC-12).
Complexity = Literal["simple", "technical", "partner"]
# Where a fault is; chooses the repair clock (UN-3, UN-4, PC-4, PC-5).
FaultLocation = Literal["customer_premises", "outside_premises"]
# The events a clock can count from. "received" is when the provider got it (a letter's delivery,
# an email's arrival); "registered" when it was entered in the register (PN-5 counts from there).
ClockEvent = Literal[
    "received",
    "registered",
    "fault_started",
    "defect_discovered",
    "invoice_delivered",
    "service_restored",
]
# The deadlines a case can carry, in the order they are shown and answered (api.md "deadlines").
Clock = Literal[
    "internal_target",  # PN-6, in working hours
    "resolution",  # PN-5, UN-9, PC-12
    "resolution_extended_max",  # UN-9: the longest an extension may reach
    "deemed_upheld",  # PC-13
    "repair",  # UN-3, UN-4, PC-4, PC-5
]
# What a repair deadline asks for: the repair started (PC-4) or done.
Milestone = Literal["repair_started", "repair_done"]
# A case's status in the register (api.md).
CaseStatus = Literal[
    "registered",
    "in_progress",
    "waiting_for_customer",
    "resolved",
    "deemed_upheld",
    "withdrawn",
]
# The decision a written statement carries (api.md, decision).
Outcome = Literal["upheld", "partially_upheld", "rejected", "withdrawn"]
# Who made a change recorded in a case's audit trail: a provider's staff member, the customer,
# one of the provider's systems (an integration token) or Reclamo itself (timers, the worker).
ActorType = Literal["staff", "customer", "integration", "system"]
# What became of one submission in the intake log (api.md, "Intake from other systems"): still
# being processed, a new case, added to an existing case, a repeat of one already taken, refused
# by the procedure (PC-2), not understood or broken while processing, or an auto-reply ignored.
IntakeOutcome = Literal[
    "pending", "registered", "joined", "duplicate", "refused", "failed", "ignored"
]

KINDS: tuple[Kind, ...] = get_args(Kind)
CATEGORIES: tuple[Category, ...] = get_args(Category)
CHANNEL_KINDS: tuple[ChannelKind, ...] = get_args(ChannelKind)
COMPLEXITIES: tuple[Complexity, ...] = get_args(Complexity)
FAULT_LOCATIONS: tuple[FaultLocation, ...] = get_args(FaultLocation)
CLOCK_EVENTS: tuple[ClockEvent, ...] = get_args(ClockEvent)
CLOCKS: tuple[Clock, ...] = get_args(Clock)
MILESTONES: tuple[Milestone, ...] = get_args(Milestone)
CASE_STATUSES: tuple[CaseStatus, ...] = get_args(CaseStatus)
# The statuses of a case still to be decided: its clocks run and it waits in its queue (PC-14).
OPEN_STATUSES: tuple[CaseStatus, ...] = ("registered", "in_progress", "waiting_for_customer")
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
ACTOR_TYPES: tuple[ActorType, ...] = get_args(ActorType)
INTAKE_OUTCOMES: tuple[IntakeOutcome, ...] = get_args(IntakeOutcome)

# Case handling (casework). Who caused a fault (UN-5, PC-8: a customer-caused fault is charged).
FaultCause = Literal["provider", "customer", "third_party"]
# Whether a fault report was a real fault of the service (ETSI EG 202 057-1 counts valid reports
# only: customer-caused faults and reports found invalid are excluded from the fault report rate).
FaultValidity = Literal["valid", "invalid", "customer_caused"]
# The equipment a fault concerns: rented (UN-2) or bought (PC-3); the warranty counts from it.
EquipmentOwnership = Literal["rented", "purchased"]
# A timer the worker fires once per deadline: a reminder before it, an escalation on a breach,
# and the deemed acceptance of PC-13.
TimerKind = Literal["reminder", "breach", "deemed_upheld"]
# How a written statement reached the customer.
StatementMeans = Literal["email", "post"]
# The equipment's warranty on the day the defect was reported (UN-2, PC-3): free repair, in
# warranty but the customer caused the fault, ended, no warranty in the procedure, not recorded.
WarrantyState = Literal["in_warranty", "customer_pays", "expired", "no_terms", "unknown"]

FAULT_CAUSES: tuple[FaultCause, ...] = get_args(FaultCause)
FAULT_VALIDITIES: tuple[FaultValidity, ...] = get_args(FaultValidity)
EQUIPMENT_OWNERSHIPS: tuple[EquipmentOwnership, ...] = get_args(EquipmentOwnership)
TIMER_KINDS: tuple[TimerKind, ...] = get_args(TimerKind)
STATEMENT_MEANS: tuple[StatementMeans, ...] = get_args(StatementMeans)

# Remedies. Why a service was down (api.md "Remedies"): the provider's doing for a reason other
# than a technical fault (PC-6), a fault on the provider's equipment (PC-7; UN-13 credits both
# alike), or the customer's doing (UN-5, PC-8: nothing is credited).
OutageCause = Literal["provider_non_technical", "provider_equipment", "customer"]
OUTAGE_CAUSES: tuple[OutageCause, ...] = get_args(OutageCause)
# What a case's remedy is (issue 13): an outage credit (UN-13, PC-6, PC-7), a disputed bill's
# deferral (UN-15, UN-16, PC-16), a billing correction (UN-14), charges for a customer-caused
# fault and trips (UN-5, UN-6, PC-8, PC-10).
RemedyKind = Literal["outage_credit", "disputed_bill", "billing_correction", "charges"]
# How an applied remedy reaches the customer's bills: credited over the next invoices, split in
# instalments, refunded, or charged.
RemedyMethod = Literal["credit_schedule", "instalments", "refund", "charge"]
REMEDY_KINDS: tuple[RemedyKind, ...] = get_args(RemedyKind)
REMEDY_METHODS: tuple[RemedyMethod, ...] = get_args(RemedyMethod)
WARRANTY_STATES: tuple[WarrantyState, ...] = get_args(WarrantyState)

"""A provider's complaint procedure as data: the policy schema, its validation, and YAML loading.

A policy file is a provider's published complaint procedure translated rule by rule; every value
that comes from the procedure cites its rule id from ``shared/spec/procedures.md`` (``PN-3``,
``UN-9``, ``PC-12`` …). Onboarding a provider means writing a file, never code.

A loaded :class:`Policy` is frozen. The version in force when a complaint was received governs it
for its whole life, so nothing here reads the clock: callers pass dates and instants in.

Loading (:func:`load_policy_text`, :func:`load_policy_file`) reports *every* problem with its file,
line and field path (``departments[1].hours.sat``) through :class:`PolicyInvalid`. Problems come
in two rounds: first the shape of the file (types, unknown or missing fields, hours, money …);
once the shape is right, the cross-references (departments named by routes, channels and menus,
texts missing a declared language, channels that neither accept nor refuse a kind …). A policy
that loads may still draw warnings (:func:`policy_warnings`): gaps a customer would run into.

The modules, from the ground up:

- ``fields``: the base model, problem reporting, validated scalars, texts in several languages;
- ``opening_hours``: weekly hours as in a shop window; ``periods``: bounded lengths of time;
- ``identity``, ``channels``, ``routing``, ``clocks``, ``remedies``, ``escalation``: the sections;
- ``schema``: the :class:`Policy` model; ``cross_check``: do the sections agree;
- ``problems``: where in the file a problem is; ``yaml_reader``: YAML in, within limits;
  ``loading``: file, bytes or text in, :class:`Policy` out;
- ``contact_gaps``: the warnings.
"""

from reclamo.domain.policy.channels import (
    Channel,
    Department,
    EmailAddress,
    GeoPoint,
    Location,
    MenuEntry,
    PhoneNumber,
    Refusal,
    TreatAs,
)
from reclamo.domain.policy.clocks import (
    Clocks,
    DeemedUpheld,
    FilingWindow,
    InternalTarget,
    RepairClock,
    ReportWindow,
    ResolutionClock,
    ResolutionExtension,
)
from reclamo.domain.policy.contact_gaps import policy_warnings
from reclamo.domain.policy.escalation import Escalation, EscalationBody
from reclamo.domain.policy.fields import CHANNELS_PLACEHOLDER, LocalizedText
from reclamo.domain.policy.identity import Address, CitedAct, OutdatedCitation
from reclamo.domain.policy.loading import (
    load_policy_bytes,
    load_policy_file,
    load_policy_text,
    policy_text,
)
from reclamo.domain.policy.opening_hours import OpeningWindow, WeeklyHours
from reclamo.domain.policy.periods import PERIOD_LIMITS, Period
from reclamo.domain.policy.problems import PolicyInvalid, PolicyProblem
from reclamo.domain.policy.remedies import PriceItem, PriceList, Remedies
from reclamo.domain.policy.routing import Route, Routing
from reclamo.domain.policy.schema import Policy
from reclamo.domain.policy.yaml_reader import MAX_POLICY_CHARACTERS
from reclamo.domain.vocabulary import (
    CATEGORIES,
    CHANNEL_KINDS,
    CLOCK_EVENTS,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    KINDS,
    Category,
    ChannelKind,
    ClockEvent,
    Complexity,
    FaultLocation,
    Kind,
)

__all__ = [
    "CATEGORIES",
    "CHANNELS_PLACEHOLDER",
    "CHANNEL_KINDS",
    "CLOCK_EVENTS",
    "COMPLEXITIES",
    "FAULT_LOCATIONS",
    "KINDS",
    "MAX_POLICY_CHARACTERS",
    "PERIOD_LIMITS",
    "Address",
    "Category",
    "Channel",
    "ChannelKind",
    "CitedAct",
    "ClockEvent",
    "Clocks",
    "Complexity",
    "DeemedUpheld",
    "Department",
    "EmailAddress",
    "Escalation",
    "EscalationBody",
    "FaultLocation",
    "FilingWindow",
    "GeoPoint",
    "InternalTarget",
    "Kind",
    "LocalizedText",
    "Location",
    "MenuEntry",
    "OpeningWindow",
    "OutdatedCitation",
    "Period",
    "PhoneNumber",
    "Policy",
    "PolicyInvalid",
    "PolicyProblem",
    "PriceItem",
    "PriceList",
    "Refusal",
    "Remedies",
    "RepairClock",
    "ReportWindow",
    "ResolutionClock",
    "ResolutionExtension",
    "Route",
    "Routing",
    "TreatAs",
    "WeeklyHours",
    "load_policy_bytes",
    "load_policy_file",
    "load_policy_text",
    "policy_text",
    "policy_warnings",
]

"""The public deadline calculator's form: the preview's fields, in the visitor's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reclamo.domain.calendar import get_zone, require_representable
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.errors import DomainError, OutOfRange
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.formats import zone_name
from reclamo.labels import (
    CATEGORY_LABELS,
    COMPLEXITY_LABELS,
    FAULT_LOCATION_LABELS,
    KIND_DESCRIPTIONS,
    choices,
)
from reclamo.public.texts import localized

NOT_SURE = [("", _("— not sure —"))]
AS_DECIDED = [("", _("— as the provider decides —"))]
NOT_A_FAULT = [("", _("— not a fault —"))]

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
# The facts beyond kind, channel and time of receipt; which ones a kind needs comes from the
# policy's clocks, routes and channel rules (``facts_for_kind``).
OPTIONAL_FACTS = (
    "category",
    "complexity",
    "fault_location",
    "fault_started_at",
    "defect_discovered_at",
    "invoice_delivered_at",
    "service_restored_at",
)
CHOICE_FACTS = ("category", "complexity", "fault_location")
EVENT_FACTS = {
    "fault_started": "fault_started_at",
    "defect_discovered": "defect_discovered_at",
    "invoice_delivered": "invoice_delivered_at",
    "service_restored": "service_restored_at",
}


def facts_for_kind(policy: Policy, kind: str) -> set[str]:
    """The optional facts that can change the answer for ``kind`` under ``policy``."""
    clocks = policy.clocks
    timed = [
        c for c in (*clocks.resolution, *clocks.deemed_upheld, *clocks.filing) if kind in c.kinds
    ]
    repairs = [c for c in clocks.repair if kind in c.kinds]
    facts: set[str] = set()
    for clock in (*timed, *repairs):
        facts.add(EVENT_FACTS.get(clock.from_, ""))
        if clock.categories:
            facts.add("category")
    for repair in repairs:
        facts.add("fault_location")
        if repair.else_from is not None:
            facts.add(EVENT_FACTS.get(repair.else_from, ""))
    if any(kind in c.kinds and c.complexity for c in clocks.resolution):
        facts.add("complexity")
    routes = [r for r in policy.routing.routes if not r.kinds or kind in r.kinds]
    treatments = [t for c in policy.channels for t in c.treat_as if t.kind == kind]
    if any(r.categories for r in routes) or any(t.categories for t in treatments):
        facts.add("category")
    facts.discard("")
    return facts


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def local_time_field(label: Any, *, required: bool = False) -> forms.DateTimeField:
    """A wall-clock time in the provider's zone, from the browser's datetime-local input."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT),
        input_formats=[LOCAL_FORMAT],
        required=required,
    )


class DeadlineQuestionForm(forms.Form):
    """Times are entered as the provider's local wall-clock time, and the form says so (T-6)."""

    # Radio buttons: the long descriptions wrap on a phone where a closed select cuts them off.
    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        choices=choices(KIND_DESCRIPTIONS),
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=NOT_SURE + choices(CATEGORY_LABELS), required=False
    )
    channel = forms.ChoiceField(label=_("How are you sending it?"))
    received_at = local_time_field(_("When does the provider receive it?"), required=True)
    complexity = forms.ChoiceField(
        label=_("How complex is it?"),
        choices=AS_DECIDED + choices(COMPLEXITY_LABELS),
        required=False,
    )
    fault_location = forms.ChoiceField(
        label=_("Where is the fault?"),
        choices=NOT_A_FAULT + choices(FAULT_LOCATION_LABELS),
        required=False,
    )
    fault_started_at = local_time_field(_("When did the fault start?"))
    defect_discovered_at = forms.DateField(
        label=_("When did you notice the problem?"), widget=DATE_INPUT, required=False
    )
    invoice_delivered_at = forms.DateField(
        label=_("When was the invoice delivered?"), widget=DATE_INPUT, required=False
    )
    service_restored_at = local_time_field(_("When was the service restored?"))

    def __init__(self, *args: Any, policy: Policy, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        zone = get_zone(policy.time_zone)
        self.zone = zone
        # Only the kinds this provider's procedure knows (no discount claim where it has none).
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101 - declared above
        kind_field.choices = choices(KIND_DESCRIPTIONS, only=tuple(policy.kinds))
        # The channels a customer files on, named as the provider names them; the provider's
        # own integration (API) is not one of them.
        channels = [c for c in policy.channels if c.enabled and c.kind != "api"]
        channel_field = self.fields["channel"]
        assert isinstance(channel_field, forms.ChoiceField)  # noqa: S101 - declared above
        channel_field.choices = [(c.kind, localized(policy, c.name, language)) for c in channels]
        # Open on a case the procedure takes: a complaint, on the first channel that accepts
        # it (PETROCOMP refuses complaints on its hotline, PC-2).
        kind = "complaint" if "complaint" in policy.kinds else policy.kinds[0]
        kind_field.initial = kind
        channel_field.initial = next(
            (c.kind for c in channels if kind in c.accepts), channels[0].kind if channels else None
        )
        # Each fact is asked only for the kinds whose clocks use it; a fact no kind needs is
        # not asked at all. Pages hide the others (progressively: without JS all are shown).
        self.kinds_of_field: dict[str, tuple[str, ...]] = {}
        for name in OPTIONAL_FACTS:
            kinds = tuple(k for k in policy.kinds if name in facts_for_kind(policy, k))
            if kinds:
                self.kinds_of_field[name] = kinds
            else:
                del self.fields[name]
        words = zone_name(policy.time_zone, policy.country, language)
        for name in ("received_at", "fault_started_at", "service_restored_at"):
            if name in self.fields:
                self.fields[name].help_text = words[:1].upper() + words[1:]

    def clean(self) -> dict[str, Any]:
        # A fact entered for another kind (then hidden) must not change this kind's answer.
        data = super().clean() or {}
        kind = data.get("kind")
        for name, kinds in self.kinds_of_field.items():
            if kind not in kinds:
                data[name] = None if name not in CHOICE_FACTS else ""
        for name in OPTIONAL_FACTS:
            data.setdefault(name, "" if name in CHOICE_FACTS else None)
        for name in ("received_at", "fault_started_at", "service_restored_at"):
            value = data.get(name)
            if value is None:
                continue
            try:
                data[name] = require_representable(value.astimezone(self.zone), field=name)
            except (OverflowError, DomainError) as error:
                # Year 1 or 9999: outside what the product can count in (out_of_range).
                failure = error if isinstance(error, DomainError) else OutOfRange(str(error))
                self.add_error(name, error_message(failure))
        return data

    def _aware(self, value: datetime | None) -> datetime | None:
        # The view validates with the provider's zone active, so Django made the visitor's
        # wall-clock time aware in that zone (and refused a time that does not exist there).
        return value.astimezone(self.zone) if value is not None else None

    def case_facts(self) -> CaseFacts:
        data = self.cleaned_data
        return CaseFacts(
            kind=data["kind"],
            channel=data["channel"],
            received_at=data["received_at"],
            category=data["category"] or None,
            complexity=data["complexity"] or None,
            fault_location=data["fault_location"] or None,
            fault_started_at=self._aware(data["fault_started_at"]),
            defect_discovered_at=data["defect_discovered_at"],
            invoice_delivered_at=data["invoice_delivered_at"],
            service_restored_at=self._aware(data["service_restored_at"]),
        )

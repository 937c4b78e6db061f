"""The public deadline calculator's form: the preview's fields, in the visitor's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.policy import Policy
from reclamo.labels import (
    CATEGORY_LABELS,
    COMPLEXITY_LABELS,
    FAULT_LOCATION_LABELS,
    KIND_DESCRIPTIONS,
    choices,
)

NOT_SURE = [("", _("— not sure —"))]
AS_DECIDED = [("", _("— as the provider decides —"))]
NOT_A_FAULT = [("", _("— not a fault —"))]

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
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

    kind = forms.ChoiceField(label=_("What are you sending?"), choices=choices(KIND_DESCRIPTIONS))
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
        # Only the channels this provider has, named as the provider names them.
        channel_field = self.fields["channel"]
        assert isinstance(channel_field, forms.ChoiceField)  # noqa: S101 - declared above
        channel_field.choices = [
            (channel.kind, policy.text(channel.name, language))
            for channel in policy.channels
            if channel.enabled
        ]
        for name in ("received_at", "fault_started_at", "service_restored_at"):
            self.fields[name].help_text = _("Local time in %(zone)s.") % {"zone": policy.time_zone}

    def _aware(self, value: datetime | None) -> datetime | None:
        # The view validates with the provider's zone active, so Django made the visitor's
        # wall-clock time aware in that zone (and refused a time that does not exist there).
        return value.astimezone(self.zone) if value is not None else None

    def case_facts(self) -> CaseFacts:
        data = self.cleaned_data
        return CaseFacts(
            kind=data["kind"],
            channel=data["channel"],
            received_at=data["received_at"].astimezone(self.zone),
            category=data["category"] or None,
            complexity=data["complexity"] or None,
            fault_location=data["fault_location"] or None,
            fault_started_at=self._aware(data["fault_started_at"]),
            defect_discovered_at=data["defect_discovered_at"],
            invoice_delivered_at=data["invoice_delivered_at"],
            service_restored_at=self._aware(data["service_restored_at"]),
        )

"""The public deadline calculator's form: the preview's fields, in the visitor's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import PreviewRequest
from reclamo.domain.policy import Policy

KIND_CHOICES = [
    ("complaint", _("A complaint (quality or billing was wrong)")),
    ("fault_report", _("A fault report (the service is down)")),
    ("request", _("A request or question")),
    ("discount_claim", _("A claim for a discount after an outage")),
]
CATEGORY_CHOICES = [
    ("", _("— not sure —")),
    ("quality", _("Quality of the service")),
    ("billing", _("Billing")),
    ("equipment", _("Equipment")),
    ("other", _("Something else")),
]
CHANNEL_LABELS = {
    "web": _("Web form"),
    "portal": _("Customer portal"),
    "email": _("Email"),
    "phone": _("Phone"),
    "in_person": _("In person"),
    "letter": _("Letter"),
    "api": _("Integration (API)"),
}
COMPLEXITY_CHOICES = [
    ("", _("— as the provider decides —")),
    ("simple", _("Simple (no technical investigation)")),
    ("technical", _("Needs a technical investigation")),
    ("partner", _("Needs the provider's partners")),
]
FAULT_LOCATION_CHOICES = [
    ("", _("— not a fault —")),
    ("customer_premises", _("At my home or premises")),
    ("outside_premises", _("Outside my home (network, antenna)")),
]

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

    kind = forms.ChoiceField(label=_("What are you sending?"), choices=KIND_CHOICES)
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=CATEGORY_CHOICES, required=False
    )
    channel = forms.ChoiceField(label=_("How are you sending it?"))
    received_at = local_time_field(_("When does the provider receive it?"), required=True)
    complexity = forms.ChoiceField(
        label=_("How complex is it?"), choices=COMPLEXITY_CHOICES, required=False
    )
    fault_location = forms.ChoiceField(
        label=_("Where is the fault?"), choices=FAULT_LOCATION_CHOICES, required=False
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

    def preview_request(self) -> PreviewRequest:
        data = self.cleaned_data
        return PreviewRequest(
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

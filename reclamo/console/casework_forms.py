"""The forms of the case page and the queue (case handling). Each form only reads input; the
services in ``reclamo.casework.services`` decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reclamo.labels import (
    CATEGORY_LABELS,
    COMPLEXITY_LABELS,
    EQUIPMENT_OWNERSHIP_LABELS,
    FAULT_CAUSE_LABELS,
    FAULT_VALIDITY_LABELS,
    OUTCOME_LABELS,
    choices,
)

_BLANK = [("", "—")]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )


class ReplyForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=250, required=False)
    body = forms.CharField(
        label=_("Reply to the customer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=50_000,
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=3650)
    reason = forms.CharField(
        label=_("Reason (the customer is told)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=choices(OUTCOME_LABELS))
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20_000,
    )
    out_of_order_reason = forms.CharField(
        label=_("Why this case before an older open one (PC-14)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class ComplexityForm(forms.Form):
    complexity = forms.ChoiceField(label=_("Complexity"), choices=choices(COMPLEXITY_LABELS))


class RouteForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"))
    category = forms.ChoiceField(
        label=_("Category"), choices=_BLANK + choices(CATEGORY_LABELS), required=False
    )

    def __init__(self, *args: Any, departments: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = list(departments.items())  # type: ignore[attr-defined]


class InvestigationForm(forms.Form):
    fault_cause = forms.ChoiceField(
        label=_("Fault caused by"), choices=_BLANK + choices(FAULT_CAUSE_LABELS), required=False
    )
    fault_validity = forms.ChoiceField(
        label=_("Fault report validity"),
        choices=_BLANK + choices(FAULT_VALIDITY_LABELS),
        required=False,
    )
    equipment_ownership = forms.ChoiceField(
        label=_("Equipment"), choices=_BLANK + choices(EQUIPMENT_OWNERSHIP_LABELS), required=False
    )
    equipment_since = forms.DateField(
        label=_("Rented or bought on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class VisitForm(forms.Form):
    visited_at = forms.DateTimeField(
        label=_("Visited at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    kilometres = forms.DecimalField(
        label=_("Kilometres"), required=False, min_value=0, max_digits=7, decimal_places=1
    )
    trips = forms.IntegerField(label=_("Trips"), min_value=1, max_value=100, initial=1)
    customer_caused = forms.BooleanField(
        label=_("The customer caused the fault (UN-5, UN-6, PC-8)"), required=False
    )
    customer_insisted = forms.BooleanField(
        label=_("The customer insisted on an unneeded trip (PC-10)"), required=False
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

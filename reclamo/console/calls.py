"""The operator's call form (`/<lang>/console/<slug>/calls/new/`): a call taken by staff,
registered through the same service as the phone system's `POST …/calls` (reclamo.intake.phone).

The caller's number is read in the provider's country and matched to a customer, the menu digit
chooses the department (PN-3), and the procedure decides what the call becomes (UN-1, UN-7): the
case page then shows the notice to read out to the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from reclamo.complaints.events import Actor
from reclamo.complaints.services import intake_record_open
from reclamo.console.access import Console, console_view
from reclamo.console.register import department_names
from reclamo.console.views import console_context
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.intake.phone import Call, call_register
from reclamo.labels import CATEGORY_LABELS, KIND_LABELS, choices
from reclamo.public.forms import local_time_field

CALL_KINDS = ("fault_report", "complaint", "request")


class CallForm(forms.Form):
    caller = forms.CharField(
        label=_("Caller's number"),
        max_length=40,
        help_text=_("As shown by the phone, e.g. 0948 031 942 or +421 948 031 942."),
    )
    started_at = local_time_field(_("Call started at"), required=True)
    menu_digit = forms.ChoiceField(label=_("Menu choice"), required=False)
    kind = forms.ChoiceField(label=_("What the caller asks for"))
    category = forms.ChoiceField(label=_("What is it about?"), required=False)
    name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    reference = forms.CharField(label=_("Customer reference"), max_length=100, required=False)
    note = forms.CharField(
        label=_("What the caller said"), widget=forms.Textarea, max_length=10_000
    )

    def __init__(
        self, *args: Any, policy: Policy, language: str, now: datetime, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.now = now
        names = department_names(policy, language)
        menu = [
            (entry.digit, f"{entry.digit} → {names.get(entry.department, entry.department)}")
            for channel in policy.channels
            if channel.kind == "phone"
            for entry in channel.menu
        ]
        self._choices("menu_digit", [("", _("None")), *menu])
        kinds = tuple(kind for kind in CALL_KINDS if kind in policy.kinds)
        self._choices("kind", choices(KIND_LABELS, only=kinds))
        self._choices("category", [("", _("Not sure")), *choices(CATEGORY_LABELS)])
        if not menu:
            del self.fields["menu_digit"]

    def _choices(self, name: str, values: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared as one
        field.choices = values

    def clean_started_at(self) -> datetime:
        started: datetime = self.cleaned_data["started_at"]
        if started > self.now:
            raise forms.ValidationError(_("The call cannot start in the future."))
        return started

    def call(self) -> Call:
        data = self.cleaned_data
        return Call(
            caller=data["caller"],
            started_at=data["started_at"],
            kind=data["kind"],
            menu_digit=data.get("menu_digit") or "",
            category=data.get("category") or None,
            note=data["note"],
            name=data.get("name", ""),
            reference=data.get("reference", ""),
        )

    def payload(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["started_at"] = data["started_at"].isoformat()
        return data


@require_http_methods(["GET", "POST"])
@console_view
def call_new(request: HttpRequest, console: Console) -> HttpResponse:
    """A call the operator took, registered from when it started (T-6)."""
    language = get_language()
    now = timezone.now()
    posted = request.method == "POST"
    with timezone.override(get_zone(console.zone)):
        form = CallForm(
            request.POST if posted else None, policy=console.policy, language=language, now=now
        )
        valid = posted and form.is_valid()
    if valid:
        call = form.call()
        intake = intake_record_open(
            provider=console.provider,
            channel="phone",
            received_at=call.started_at,
            source_label=request.user.get_username(),
            payload=form.payload(),
            content_type="application/x-www-form-urlencoded",
        )
        try:
            registration = call_register(
                provider=console.provider,
                call=call,
                actor=Actor.staff(request.user),  # type: ignore[arg-type]
                intake=intake,
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error_message(error) or error.message)
        else:
            number = registration.complaint.number
            messages.success(request, gettext("Registered as %(number)s.") % {"number": number})
            notice = registration.decision.notice
            if notice is not None:  # UN-1, UN-7: read this to the caller
                policy = registration.policy
                messages.warning(request, notice.text(language or "", policy.default_language))
            return redirect("console:case", slug=console.provider.slug, number=number)
    context = {**console_context(console, "calls"), "form": form}
    return render(request, "console/call.html", context, status=422 if form.errors else 200)

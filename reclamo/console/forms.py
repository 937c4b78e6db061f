"""The console's forms: the register's filters, and the desk form for walk-ins and letters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from reclamo.complaints.attachments import AttachmentRefused, attachment_check
from reclamo.complaints.selectors import RegisterFilters
from reclamo.complaints.services import CustomerContact, Submission
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.policy import Policy
from reclamo.formats import zone_name
from reclamo.labels import (
    CASE_STATUS_LABELS,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    FAULT_PLACE_LABELS,
    KIND_LABELS,
    choices,
)
from reclamo.public.forms import DATE_INPUT, NOT_A_FAULT, facts_for_kind, local_time_field
from reclamo.public.texts import localized

ANY = [("", _("Any"))]
DESK_CHANNELS = ("in_person", "letter")


def _set_choices(form: forms.Form, name: str, values: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared as one
    field.choices = values


class RegisterFilterForm(forms.Form):
    """A GET form: every field optional, so the bare URL lists the whole register."""

    q = forms.CharField(label=_("Search number, customer or subject"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=ANY + choices(CASE_STATUS_LABELS), required=False
    )
    department = forms.ChoiceField(label=_("Department"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + choices(KIND_LABELS), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=ANY + choices(CHANNEL_LABELS), required=False
    )
    received_from = forms.DateField(label=_("Received from"), widget=DATE_INPUT, required=False)
    received_to = forms.DateField(label=_("Received until"), widget=DATE_INPUT, required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, policy: Policy, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "department",
            ANY + [(d.slug, str(localized(policy, d.name, language))) for d in policy.departments],
        )
        _set_choices(self, "kind", ANY + choices(KIND_LABELS, only=tuple(policy.kinds)))

    def filters(self, *, now: datetime) -> RegisterFilters:
        """The filters of the valid fields; an invalid field filters nothing (it is shown)."""
        data = self.cleaned_data if self.is_bound else {}
        if self.is_bound and self.errors:
            data = {k: v for k, v in data.items() if k not in self.errors}
        return RegisterFilters(
            status=data.get("status") or None,
            department=data.get("department") or None,
            kind=data.get("kind") or None,
            channel=data.get("channel") or None,
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            overdue_at=now if data.get("overdue") else None,
            search=data.get("q") or "",
        )


class DeskForm(forms.Form):
    """A walk-in complaint at one of the policy's locations, or a letter received by post.

    Times are the provider's local wall-clock time and the form says which zone (T-6); the view
    validates with that zone active, so a time that does not exist there (the hour skipped when
    clocks go forward) is refused, as is one in the future. A letter's receipt is the envelope's
    delivery, not the typing time, so it has no default.
    """

    channel = forms.ChoiceField(label=_("How did it arrive?"), widget=forms.RadioSelect)
    location = forms.ChoiceField(label=_("Where (for a walk-in)"), required=False)
    received_at = local_time_field(_("Received at"))
    scan = forms.FileField(label=_("Scan of the letter"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), widget=forms.RadioSelect)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *choices(CATEGORY_LABELS)], required=False
    )
    fault_location = forms.ChoiceField(
        label=_("Where is the fault?"),
        choices=NOT_A_FAULT + choices(FAULT_PLACE_LABELS),
        required=False,
    )
    fault_started_at = local_time_field(_("When did the fault start?"))
    defect_discovered_at = forms.DateField(
        label=_("When did the customer notice the problem?"), widget=DATE_INPUT, required=False
    )
    invoice_delivered_at = forms.DateField(
        label=_("When was the invoice delivered?"), widget=DATE_INPUT, required=False
    )
    customer_name = forms.CharField(label=_("Customer's name"), max_length=200)
    customer_email = forms.EmailField(label=_("Customer's email"), required=False)
    customer_phone = forms.CharField(label=_("Customer's phone"), max_length=32, required=False)
    customer_language = forms.ChoiceField(
        label=_("Customer's language"), choices=settings.LANGUAGES
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("What the customer says"), widget=forms.Textarea(attrs={"rows": 6})
    )

    FACTS = ("category", "fault_location", "fault_started_at", "defect_discovered_at")
    FACTS_ALL = (*FACTS, "invoice_delivered_at")

    def __init__(
        self, *args: Any, policy: Policy, language: str, now: datetime, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.zone = get_zone(policy.time_zone)
        self.now = now
        channels = [c for c in policy.channels if c.enabled and c.kind in DESK_CHANNELS]
        _set_choices(self, "channel", [(c.kind, CHANNEL_LABELS[c.kind]) for c in channels])
        self.fields["channel"].initial = channels[0].kind if channels else None
        desk = next((c for c in channels if c.kind == "in_person"), None)
        self.locations = [
            str(localized(policy, location.name, language))
            + (f" — {location.address.street}" if location.address.street else "")
            for location in (desk.locations if desk else [])
        ]
        _set_choices(
            self, "location", [("", "—")] + [(str(i), n) for i, n in enumerate(self.locations)]
        )
        if len(self.locations) == 1:
            self.fields["location"].initial = "0"
        # A field for a channel the provider does not have is not shown at all.
        if not self.locations:
            del self.fields["location"]
        if not any(c.kind == "letter" for c in channels):
            del self.fields["scan"]
        _set_choices(self, "kind", choices(KIND_LABELS, only=tuple(policy.kinds)))
        self.fields["kind"].initial = "complaint" if "complaint" in policy.kinds else None
        self.fields["customer_language"].initial = policy.default_language
        words = zone_name(policy.time_zone, policy.country, language)
        zone_words = words[:1].upper() + words[1:]
        # Only the channels this provider has: UNITEL takes letters but has no desk.
        self.takes_walk_ins = desk is not None
        self.takes_letters = any(c.kind == "letter" for c in channels)
        if self.takes_walk_ins and self.takes_letters:
            when = _(
                "%(zone)s. A walk-in: leave empty for now. A letter: when the post delivered it."
            )
        elif self.takes_letters:
            when = _("%(zone)s. When the post delivered the letter.")
        else:
            when = _("%(zone)s. Leave empty for now.")
        self.fields["received_at"].help_text = when % {"zone": zone_words}
        self.fields["fault_started_at"].help_text = zone_words
        self.kinds_of_field: dict[str, tuple[str, ...]] = {}
        for name in self.FACTS_ALL:
            kinds = tuple(k for k in policy.kinds if name in facts_for_kind(policy, k))
            if kinds:
                self.kinds_of_field[name] = kinds
            else:
                del self.fields[name]

    def clean_received_at(self) -> datetime | None:
        value: datetime | None = self.cleaned_data.get("received_at")
        if value is not None and value > self.now:
            raise forms.ValidationError(
                _("This time is in the future; enter when it was actually received."),
                code="in_future",
            )
        return value

    def clean_scan(self) -> UploadedFile | None:
        scan: UploadedFile | None = self.cleaned_data.get("scan")
        if scan is None:
            return None
        head = scan.read(16)
        scan.seek(0)
        try:
            attachment_check(
                name=scan.name or "scan",
                content_type=scan.content_type or "",
                size=scan.size or 0,
                head=head,
            )
        except AttachmentRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        return scan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel == "letter":
            if not data.get("received_at") and "received_at" not in self.errors:
                self.add_error(
                    "received_at", _("Enter when the letter was delivered (the envelope's date).")
                )
            if not data.get("scan") and "scan" not in self.errors:
                self.add_error("scan", _("Attach the scan of the letter."))
        if channel == "in_person":
            if self.locations and not data.get("location"):
                self.add_error("location", _("Choose where the customer came in."))
            if not data.get("received_at") and "received_at" not in self.errors:
                data["received_at"] = self.now
        # A fact entered for another kind (then hidden) must not change this kind's deadlines.
        kind = data.get("kind")
        for name, kinds in self.kinds_of_field.items():
            if kind not in kinds:
                data[name] = None
        return data

    def location_name(self) -> str:
        index = self.cleaned_data.get("location")
        if self.cleaned_data.get("channel") != "in_person" or not index:
            return ""
        return self.locations[int(index)]

    def _aware(self, value: datetime | None) -> datetime | None:
        return value.astimezone(self.zone) if value is not None else None

    def submission(self) -> Submission:
        data = self.cleaned_data
        facts = CaseFacts(
            kind=data["kind"],
            channel=data["channel"],
            received_at=data["received_at"].astimezone(self.zone),
            category=data.get("category") or None,
            fault_location=data.get("fault_location") or None,
            fault_started_at=self._aware(data.get("fault_started_at")),
            defect_discovered_at=data.get("defect_discovered_at"),
            invoice_delivered_at=data.get("invoice_delivered_at"),
        )
        customer = CustomerContact(
            name=data["customer_name"],
            email=data["customer_email"],
            phone=data["customer_phone"],
            language=data["customer_language"],
        )
        return Submission(
            facts=facts, customer=customer, subject=data["subject"], body=data["body"]
        )

    def payload(self) -> dict[str, Any]:
        """The cleaned data as the intake log keeps it (the scan is stored as a file)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "scan"}
        data["location_name"] = self.location_name()
        return data

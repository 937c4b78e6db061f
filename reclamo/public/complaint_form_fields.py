"""The complaint form's fields, shared by the public web form and the customer portal
(reclamo.public.complaint_form): the facts a case's clocks need, then who complains, the words
and the files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel import Locale
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from reclamo.complaints.attachments import AttachmentRefused, attachment_check
from reclamo.domain.errors import DomainError
from reclamo.domain.phones import phone_e164
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.labels import KIND_DESCRIPTIONS, choices
from reclamo.public.forms import OPTIONAL_FACTS, DeadlineQuestionForm

# How the web form names the attachment types of RECLAMO_ATTACHMENT_CONTENT_TYPES.
_TYPE_NAMES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/tiff": "TIFF",
    "text/plain": _("plain text"),
}


def channel_kinds(policy: Policy, channel: str) -> tuple[str, ...]:
    """The kinds a customer may file on ``channel``: those it accepts, and those it registers
    as another kind (UN-1, PC-2), in the policy's order."""
    found = policy.channel(channel)
    if found is None or not found.enabled:
        return ()
    taken = set(found.accepts) | {t.kind for t in found.treat_as}
    return tuple(kind for kind in policy.kinds if kind in taken)


class ComplaintFactsForm(DeadlineQuestionForm):
    """The facts of a case a customer files on the web form or in the portal: the kind and the
    questions the procedure's clocks need. The channel and the moment of receipt are the form's
    own (the customer does not choose them); how complex a case is, staff decide.
    """

    def __init__(
        self, *args: Any, policy: Policy, language: str, channel: str, now: datetime, **kwargs: Any
    ) -> None:
        super().__init__(*args, policy=policy, language=language, **kwargs)
        self.channel_kind = channel
        self.now = now.astimezone(self.zone)
        for name in ("channel", "received_at", "complexity"):
            self.fields.pop(name, None)
        self.kinds_of_field.pop("complexity", None)
        kinds = channel_kinds(policy, channel)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101 - declared above
        kind_field.choices = choices(KIND_DESCRIPTIONS, only=kinds)
        if kind_field.initial not in kinds:
            kind_field.initial = kinds[0] if kinds else None
        kind_field.label = _("What would you like to send?")
        labels = {
            "category": _("What is it about?"),
            "fault_started_at": _("When did the fault start?"),
            "service_restored_at": _("When was the service restored?"),
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["channel"] = self.channel_kind
        data["received_at"] = self.now
        for name in ("fault_started_at", "service_restored_at"):
            value = data.get(name)
            if value is not None and name not in self.errors and value > self.now:
                self.add_error(name, _("This time is in the future; enter when it happened."))
        for name in ("defect_discovered_at", "invoice_delivered_at"):
            day = data.get(name)
            if day is not None and name not in self.errors and day > self.now.date():
                self.add_error(name, _("This day is in the future; enter when it happened."))
        return data

    def group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    @property
    def fact_fields(self) -> list[forms.BoundField]:
        return self.group(("kind", *OPTIONAL_FACTS))

    def facts_data(self) -> dict[str, Any]:
        """The cleaned facts with the times aware in the provider's zone (T-6)."""
        data = dict(self.cleaned_data)
        for name in ("fault_started_at", "service_restored_at"):
            data[name] = self._aware(data.get(name))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ComplaintForm(ComplaintFactsForm):
    """The whole web form: the facts, who complains and how to answer them, the words, files.

    ``website`` is a honeypot: hidden from people (and from screen readers), filled by bots.
    ``form_token`` makes a resent form register once (reclamo.intake.web_form).
    """

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    reference = forms.CharField(
        label=_("Customer or contract number"),
        max_length=100,
        required=False,
        help_text=_("If you have one: it is on your contract and your invoices."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("What happened, and what would you like us to do?"),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=20000,
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    CONTACT = ("name", "email", "phone", "reference")

    @property
    def contact_fields(self) -> list[forms.BoundField]:
        return self.group(self.CONTACT)

    @property
    def words_fields(self) -> list[forms.BoundField]:
        return self.group(("subject", "body", "attachments"))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, language=language, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        limit = settings.RECLAMO_ATTACHMENT_MAX_BYTES
        self.fields["attachments"].help_text = _(
            "Up to %(count)d files of at most %(size)s each: %(types)s."
        ) % {
            "count": settings.RECLAMO_WEB_FORM_MAX_FILES,
            "size": filesizeformat(limit),
            "types": ", ".join(
                str(_TYPE_NAMES.get(t, t)) for t in settings.RECLAMO_ATTACHMENT_CONTENT_TYPES
            ),
        }
        self.fields["attachments"].widget.attrs["accept"] = ",".join(
            settings.RECLAMO_ATTACHMENT_CONTENT_TYPES
        )
        country = Locale.parse(language).territories.get(self.policy.country, self.policy.country)
        self.fields["phone"].help_text = _(
            "A number without a country prefix is read as a number in %(country)s."
        ) % {"country": country}

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data.get("phone") or ""
        if not raw.strip():
            return ""
        try:
            return phone_e164(raw, self.policy.country, field="phone")
        except DomainError as error:
            raise forms.ValidationError(error_message(error), code=error.code) from None

    def clean_attachments(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        limit: int = settings.RECLAMO_WEB_FORM_MAX_FILES
        if len(files) > limit:
            raise forms.ValidationError(
                _("Attach at most %(count)d files.") % {"count": limit}, code="too_many_files"
            )
        problems = []
        for file in files:
            head = file.read(16)
            file.seek(0)
            try:
                attachment_check(
                    name=file.name or "?",
                    content_type=file.content_type or "",
                    size=file.size or 0,
                    head=head,
                )
            except AttachmentRefused as refused:
                problems.append(forms.ValidationError(refused.message, code=refused.code))
        if problems:
            raise forms.ValidationError(problems)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and not ("email" in self.errors or "phone" in self.errors)
        ):
            self.add_error(
                "email", _("Give an email address or a phone number, so that we can answer you.")
            )
        return data

    def payload(self) -> dict[str, Any]:
        """What arrived, as the intake log keeps it (raw fields; files by name, type, size)."""
        raw = {
            key: values if len(values) != 1 else values[0]
            for key, values in self.data.lists()  # type: ignore[attr-defined]
            if key != "csrfmiddlewaretoken"
        }
        raw["attachments"] = [
            {"name": f.name, "content_type": f.content_type, "size": f.size}
            for f in self.files.getlist("attachments")  # type: ignore[attr-defined]
        ]
        return raw

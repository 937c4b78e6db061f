"""The public web form (`/<lang>/p/<slug>/complaint/`), shared with the customer portal.

GET shows the form with a fresh one-time token; "Show my deadlines" previews the deadlines with
the calculator's engine (htmx swaps the answer in; without JavaScript the whole page comes back
with it); "Send" logs the submission, registers it and redirects (POST-redirect-GET) to a
confirmation page with the number and the deadlines. The confirmation's address is signed, so
only who sent the form (or whom they give the link) sees it; it shows no personal data.

Where the procedure does not take complaints on the web form (PETROCOMP), the page says which
channels to use instead — the visitor followed a link and deserves an answer, not a 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from reclamo.accounts.client_address import client_address
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, ComplaintDeadline, IntakeRecord
from reclamo.complaints.services import intake_record_close
from reclamo.customers.models import Customer
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.formats import zone_name
from reclamo.intake.web_form import (
    WEB_CHANNELS,
    web_form_earlier,
    web_form_fingerprint,
    web_form_intake_open,
    web_form_rate_limited,
    web_form_register,
    web_form_repeat_record,
    web_form_resubmission,
    web_form_submission,
)
from reclamo.labels import CLOCK_EXPLANATIONS, CLOCK_LABELS, KIND_LABELS
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_of
from reclamo.public.complaint_form_fields import ComplaintFactsForm, ComplaintForm
from reclamo.public.contact_channels import customer_channels
from reclamo.public.deadline_preview import deadline_preview, department_context, zone_context
from reclamo.public.texts import localized
from reclamo.public.views import _provider_policy

_RECEIPT_SALT = "reclamo.public.complaint-received"
_RECEIPT_MAX_AGE = 7 * 24 * 3600


def channel_open(policy: Policy, channel: str) -> bool:
    """The procedure takes submissions on ``channel`` (web or portal) and Reclamo serves it."""
    found = policy.channel(channel)
    return found is not None and found.enabled


def preview_context(provider: Provider, form: ComplaintFactsForm, language: str) -> dict[str, Any]:
    """The calculator's answer for a valid facts form, or its errors added to the form."""
    context = deadline_preview(provider=provider, form=form, language=language)
    if context:
        treated_as = context["answer"].treated_as
        context["treated_as"] = (
            KIND_LABELS.get(treated_as)  # type: ignore[call-overload]
            if treated_as and treated_as != form.cleaned_data["kind"]
            else None
        )
    return context


def receipt_token(intake: IntakeRecord) -> str:
    return signing.dumps(intake.pk, salt=_RECEIPT_SALT)


def _fresh_token() -> str:
    return uuid.uuid4().hex


def _address(request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def complaint_form_handle(
    request: HttpRequest,
    *,
    provider: Provider,
    policy: Policy,
    channel: str,
    template: str,
    context: dict[str, Any],
    actor: Actor,
    customer: Customer | None,
    initial: dict[str, Any],
    done: Callable[[IntakeRecord], str],
) -> HttpResponse:
    """GET and POST of the complaint form, for the web form and the portal alike."""
    language = get_language()
    now = timezone.now()
    zone = get_zone(policy.time_zone)
    context = {**context, **zone_context(policy, language), "provider": provider}
    kwargs: dict[str, Any] = {
        "policy": policy,
        "language": language,
        "channel": channel,
        "now": now,
    }
    if request.method != "POST":
        form = ComplaintForm(initial={**initial, "form_token": _fresh_token()}, **kwargs)
        return render(request, template, {**context, "form": form})
    with timezone.override(zone):
        if request.POST.get("action") == "preview":
            # Without JavaScript the preview button sends the whole form: nothing is logged.
            form = ComplaintForm(request.POST, **kwargs)
            facts_form = ComplaintFactsForm(request.POST, **kwargs)
            answer = (
                preview_context(provider, facts_form, language) if facts_form.is_valid() else {}
            )
            return render(
                request, template, {**context, "form": form, "facts_form": facts_form, **answer}
            )
        return _submit(request, provider, channel, template, context, actor, customer, done, kwargs)


def _submit(
    request: HttpRequest,
    provider: Provider,
    channel: str,
    template: str,
    context: dict[str, Any],
    actor: Actor,
    customer: Customer | None,
    done: Callable[[IntakeRecord], str],
    kwargs: dict[str, Any],
) -> HttpResponse:
    now: datetime = kwargs["now"]
    form = ComplaintForm(request.POST, request.FILES, **kwargs)
    token = request.POST.get("form_token", "")
    address = _address(request)

    def again(status: int, *, message: str | None = None) -> HttpResponse:
        # A new token: the corrected form is a new submission, not a repeat of this one.
        if message:
            form.add_error(None, message)
        data = request.POST.copy()
        data["form_token"] = _fresh_token()
        form.data = data
        return render(request, template, {**context, "form": form}, status=status)

    earlier = web_form_earlier(provider=provider, token=token)
    if earlier is not None and earlier.outcome in ("registered", "pending"):
        return HttpResponseRedirect(done(earlier), status=303)
    fingerprint = web_form_fingerprint(
        fields={name: request.POST.getlist(name) for name in request.POST},
        files=[file for name in request.FILES for file in request.FILES.getlist(name)],
        customer=customer,
    )
    same = web_form_resubmission(
        provider=provider, channel=channel, fingerprint=fingerprint, now=now
    )
    if same is not None:
        # Sent again after going back (a new page, a new token): the case already taken is
        # shown; the repeat stays in the intake log as a duplicate of it.
        web_form_repeat_record(
            provider=provider,
            channel=channel,
            address=address,
            received_at=now,
            payload=form.payload(),
            first=same,
        )
        return HttpResponseRedirect(done(same), status=303)
    if web_form_rate_limited(address=address, now=now):
        minutes = int(settings.RECLAMO_WEB_FORM_RATE_WINDOW.total_seconds() // 60)
        message = gettext(
            "We have received several submissions from your connection in the last "
            "%(minutes)d minutes. Please wait a few minutes and send the form again; "
            "nothing you sent is lost."
        ) % {"minutes": minutes}
        intake = web_form_intake_open(
            provider=provider,
            channel=channel,
            token="",
            address=address,
            received_at=now,
            payload=form.payload(),
        ).record
        intake_record_close(intake=intake, outcome="refused", code="rate_limited", message=message)
        return again(429, message=message)
    opened = web_form_intake_open(
        provider=provider,
        channel=channel,
        token=token if earlier is None else "",
        address=address,
        received_at=now,
        payload=form.payload(),
        fingerprint=fingerprint,
    )
    if opened.repeated:  # the same form sent twice at the same moment
        return HttpResponseRedirect(done(opened.record), status=303)
    intake = opened.record
    if request.POST.get("website"):
        message = gettext(
            "This form could not be accepted: a field meant to stay empty was filled in. "
            "If you are a person, please send the form again."
        )
        intake_record_close(intake=intake, outcome="ignored", code="honeypot", message=message)
        return again(400, message=message)
    if not form.is_valid():
        intake_record_close(
            intake=intake, outcome="failed", code="invalid_form", message=_errors_text(form)
        )
        return again(400)
    submission = web_form_submission(
        data=form.facts_data(),
        channel=channel,
        received_at=form.now,
        language=get_language(),
    )
    try:
        web_form_register(
            provider=provider,
            intake=intake,
            submission=submission,
            files=form.cleaned_data["attachments"],
            actor=actor,
            customer=customer,
        )
    except ApplicationError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error_message(error))
        return again(422)
    return HttpResponseRedirect(done(intake), status=303)


def _errors_text(form: ComplaintForm) -> str:
    return "; ".join(
        f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in form.errors.items()
    )


def complaint_file(request: HttpRequest, slug: str) -> HttpResponse:
    provider, policy = _provider_policy(slug)
    language = get_language()
    if not channel_open(policy, "web"):
        channels = [
            (c.kind, localized(policy, c.name, language))
            for c in customer_channels(policy)
            if "complaint" in c.accepts or c.kind == "portal"
        ]
        context = {
            "provider": provider,
            "channels": channels,
            "portal": channel_open(policy, "portal"),
        }
        return render(request, "public/complaint_unavailable.html", context)
    return complaint_form_handle(
        request,
        provider=provider,
        policy=policy,
        channel="web",
        template="public/complaint.html",
        context={"policy": policy, "portal": channel_open(policy, "portal")},
        actor=Actor.customer(gettext("web form")),
        customer=None,
        initial={},
        done=lambda intake: reverse(
            "public:complaint-received", kwargs={"slug": slug, "token": receipt_token(intake)}
        ),
    )


@require_POST
def complaint_preview(request: HttpRequest, slug: str, channel: str) -> HttpResponse:
    """The deadlines the form's facts would get, for htmx to swap in (nothing is saved)."""
    provider, policy = _provider_policy(slug)
    if channel not in WEB_CHANNELS or not channel_open(policy, channel):
        raise Http404("This channel is not open.")
    language = get_language()
    with timezone.override(get_zone(policy.time_zone)):
        form = ComplaintFactsForm(
            request.POST, policy=policy, language=language, channel=channel, now=timezone.now()
        )
        answer = preview_context(provider, form, language) if form.is_valid() else {}
    context = {"provider": provider, "facts_form": form, **zone_context(policy, language), **answer}
    return render(request, "public/_complaint_preview.html", context)


def complaint_received(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The confirmation: the number and the deadlines (or "being registered", for a moment)."""
    provider, policy = _provider_policy(slug)
    try:
        intake_id = signing.loads(token, salt=_RECEIPT_SALT, max_age=_RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404("No such confirmation.") from None
    intake = (
        IntakeRecord.objects.filter(pk=intake_id, provider=provider)
        .select_related("complaint__policy_version")
        .first()
    )
    if intake is None:
        raise Http404("No such confirmation.")
    context = {"provider": provider, "intake": intake, **zone_context(policy, get_language())}
    if intake.complaint is not None:
        context.update(case_context(intake.complaint, get_language()))
    return render(request, "public/complaint_received.html", context)


def _current_deadlines(complaint: Complaint) -> list[ComplaintDeadline]:
    """The case's current deadlines, nearest first: the portal's case selector prefetched them
    (``current_deadlines_prefetch``); the confirmation page's case comes without them."""
    prefetched: list[ComplaintDeadline] | None = getattr(complaint, "current_deadlines", None)
    if prefetched is not None:
        return prefetched
    return sorted(
        (row for row in complaint.deadlines.all() if row.superseded_at is None),
        key=lambda row: row.due_at,
    )


def case_context(complaint: Complaint, language: str) -> dict[str, Any]:
    """A registered case's number, routing and current deadlines, for the customer's eyes."""
    policy = policy_of(complaint.policy_version)
    deadlines = [
        {
            "key": row.clock,
            "title": CLOCK_LABELS.get(row.clock, row.clock),  # type: ignore[call-overload]
            "at": row.due_at,
            "explanation": CLOCK_EXPLANATIONS.get(  # type: ignore[call-overload]
                row.milestone or row.clock, ""
            ),
            "rule": row.rule,
        }
        for row in _current_deadlines(complaint)
    ]
    return {
        "complaint": complaint,
        "case_zone": complaint.policy_version.time_zone,
        "case_zone_label": zone_name(complaint.policy_version.time_zone, policy.country, language),
        "case_department": department_context(policy, complaint.department or None, language),
        "deadlines": deadlines,
        "kind_label": KIND_LABELS.get(complaint.kind),  # type: ignore[call-overload]
        "treated_as_label": KIND_LABELS.get(complaint.treated_as)  # type: ignore[call-overload]
        if complaint.treated_as != complaint.kind
        else None,
    }

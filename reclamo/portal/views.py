"""The customer portal's pages: sign-up, the customer's cases, filing, replying, letters.

Every page of a case looks the case up among the signed-in customer's own cases only
(reclamo.portal.selectors): another customer's number, or another provider's, is a 404 exactly
like a number that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from reclamo.accounts.client_address import client_address
from reclamo.accounts.models import User
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.customers.models import Customer
from reclamo.customers.selectors import customer_of_user
from reclamo.domain.policy import Policy
from reclamo.errors import ApplicationError
from reclamo.intake.portal import portal_reply_receive
from reclamo.letters.acknowledgement import acknowledgement_compose
from reclamo.portal.forms import ReplyForm, SignupForm
from reclamo.portal.letters import statement_for
from reclamo.portal.selectors import (
    case_timeline,
    customer_case_get,
    customer_case_page,
    signup_mail_limit_reached,
)
from reclamo.portal.services import (
    SignupRequest,
    portal_account_open,
    signup_mail_record,
    signup_token_make,
    signup_token_read,
)
from reclamo.portal.tasks import portal_mail_send
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get
from reclamo.public.complaint_form import case_context, channel_open, complaint_form_handle
from reclamo.public.deadline_preview import zone_context

CustomerView = Callable[..., HttpResponse]


def _policy(provider: Provider) -> Policy:
    policy = policy_current(provider=provider)
    if policy is None:
        raise Http404("No procedure in force.")
    return policy


def customer_required(view: CustomerView) -> Callable[..., HttpResponse]:
    """Signed-in customers only: a visitor is sent to sign in, staff are told the portal is for
    customers (403). The view gets the customer and their provider's policy."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        customer = customer_of_user(user_id=request.user.pk)
        if customer is None:
            return render(request, "portal/not_customer.html", status=403)
        policy = _policy(customer.provider)
        return view(request, *args, customer=customer, policy=policy, **kwargs)

    return wrapped


def _context(customer: Customer, policy: Policy, **extra: Any) -> dict[str, Any]:
    return {
        "customer": customer,
        "provider": customer.provider,
        "policy": policy,
        **zone_context(policy, get_language()),
        **extra,
    }


@customer_required
def home(request: HttpRequest, *, customer: Customer, policy: Policy) -> HttpResponse:
    page = customer_case_page(customer=customer, cursor=request.GET.get("after") or None)
    context = _context(
        customer, policy, page=page, portal_open=channel_open(policy, "portal"), nav="home"
    )
    return render(request, "portal/home.html", context)


@customer_required
def case_new(request: HttpRequest, *, customer: Customer, policy: Policy) -> HttpResponse:
    if not channel_open(policy, "portal"):
        return render(request, "portal/closed.html", _context(customer, policy), status=403)

    def done(intake: IntakeRecord) -> str:
        if intake.complaint_id is None:
            return reverse("portal:home")
        number = Complaint.objects.values_list("number", flat=True).get(pk=intake.complaint_id)
        return reverse("portal:case", kwargs={"number": number})

    user = request.user
    assert isinstance(user, User)  # noqa: S101 - customer_required signed them in
    return complaint_form_handle(
        request,
        provider=customer.provider,
        policy=policy,
        channel="portal",
        template="portal/new.html",
        context=_context(customer, policy, nav="new"),
        actor=Actor.customer(user.get_username(), user),
        customer=customer,
        initial={
            "name": customer.name,
            "email": customer.email,
            "phone": customer.phone,
            "reference": customer.reference,
        },
        done=done,
    )


def _case(customer: Customer, number: str) -> Complaint:
    complaint = customer_case_get(customer=customer, number=number)
    if complaint is None:
        raise Http404("No such case.")
    return complaint


@customer_required
def case_detail(
    request: HttpRequest, number: str, *, customer: Customer, policy: Policy
) -> HttpResponse:
    complaint = _case(customer, number)
    return _case_page(request, customer, policy, complaint, ReplyForm())


def _case_page(
    request: HttpRequest,
    customer: Customer,
    policy: Policy,
    complaint: Complaint,
    form: ReplyForm,
    status: int = 200,
) -> HttpResponse:
    language = get_language()
    timeline = case_timeline(complaint=complaint)
    context = _context(
        customer,
        policy,
        **case_context(complaint, language),
        timeline=timeline,
        acknowledged=any(entry.kind == "acknowledgement" for entry in timeline),
        statement=statement_for(complaint),
        form=form,
    )
    return render(request, "portal/case.html", context, status=status)


@require_POST
@customer_required
def case_reply(
    request: HttpRequest, number: str, *, customer: Customer, policy: Policy
) -> HttpResponse:
    complaint = _case(customer, number)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _case_page(request, customer, policy, complaint, form, status=400)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - customer_required signed them in
    portal_reply_receive(
        complaint=complaint,
        user=user,
        body=form.cleaned_data["body"],
        address=client_address(request) or "unknown",
    )
    messages.success(request, gettext("Your message has been added to the case."))
    return HttpResponseRedirect(reverse("portal:case", kwargs={"number": number}), status=303)


@customer_required
def case_acknowledgement(
    request: HttpRequest, number: str, *, customer: Customer, policy: Policy
) -> HttpResponse:
    """The acknowledgement letter as sent (plain text), to keep or print."""
    complaint = _case(customer, number)
    if not complaint.deliveries.filter(kind="acknowledgement").exists():
        raise Http404("No acknowledgement yet.")
    letter = acknowledgement_compose(complaint)
    response = HttpResponse(letter.text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{complaint.number}-acknowledgement.txt"'
    )
    return response


@customer_required
def case_statement(
    request: HttpRequest, number: str, *, customer: Customer, policy: Policy
) -> HttpResponse:
    """The written statement's PDF, once the case has one (reclamo.portal.letters)."""
    complaint = _case(customer, number)
    statement = statement_for(complaint)
    if statement is None:
        raise Http404("No written statement yet.")
    response = HttpResponse(statement.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement.filename}"'
    return response


# --- Sign-up ---------------------------------------------------------------------------------


def _mail(to: str, subject_template: str, body_template: str, context: dict[str, Any]) -> None:
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    portal_mail_send.enqueue(to, subject, body)


def signup(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for a name and an address; mail a confirmation link (nothing is created yet).

    The answer is the same whether or not the address already has an account (the mail says
    which), so the form does not tell strangers who is a customer.
    """
    provider = provider_get(slug=slug)
    if provider is None:
        raise Http404("No such provider.")
    policy = _policy(provider)
    language = get_language()
    context: dict[str, Any] = {"provider": provider, **zone_context(policy, language)}
    if not channel_open(policy, "portal"):
        return render(request, "portal/closed.html", context, status=404)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        now = timezone.now()
        address = client_address(request) or ""
        limit = signup_mail_limit_reached(email=email, client_address=address, now=now)
        if limit is not None:
            form.add_error(None, _signup_limit_message(limit))
            return render(request, "portal/signup.html", {**context, "form": form}, status=429)
        signup_mail_record(provider=provider, email=email, client_address=address, now=now)
        mail_context = {"provider": provider, "brand": policy.provider.brand, "email": email}
        if User.objects.filter(username__iexact=email).exists():
            mail_context["login_url"] = settings.RECLAMO_BASE_URL + reverse("accounts:login")
            mail_context["reset_url"] = settings.RECLAMO_BASE_URL + reverse("portal:password-reset")
            _mail(email, "portal/mail/exists_subject.txt", "portal/mail/exists.txt", mail_context)
        else:
            token = signup_token_make(
                SignupRequest(
                    provider_id=provider.pk,
                    email=email,
                    name=form.cleaned_data["name"].strip(),
                    language=language,
                )
            )
            mail_context["confirm_url"] = settings.RECLAMO_BASE_URL + reverse(
                "portal:signup-confirm", kwargs={"token": token}
            )
            _mail(email, "portal/mail/confirm_subject.txt", "portal/mail/confirm.txt", mail_context)
        return redirect("portal:signup-sent")
    return render(request, "portal/signup.html", {**context, "form": form})


def _signup_limit_message(limit: str) -> str:
    minutes = int(settings.RECLAMO_PORTAL_SIGNUP_WINDOW.total_seconds() // 60)
    if limit == "email":
        return gettext(
            "We have already sent several sign-up emails to this address. Please look for them "
            "in your inbox (and in the spam folder), or ask again in %(minutes)d minutes."
        ) % {"minutes": minutes}
    return gettext(
        "We have received many sign-up requests from your connection. Please try again in "
        "%(minutes)d minutes."
    ) % {"minutes": minutes}


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signup_sent.html")


def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: the customer chooses a password, and the login is opened."""
    signup_request = signup_token_read(token)
    provider = (
        Provider.objects.filter(pk=signup_request.provider_id).first() if signup_request else None
    )
    if signup_request is None or provider is None:
        return render(request, "portal/signup_invalid.html", status=400)
    if User.objects.filter(username__iexact=signup_request.email).exists():
        return render(request, "portal/signup_done_before.html", {"provider": provider})
    draft = User(username=signup_request.email, email=signup_request.email)
    form = SetPasswordForm(draft, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = portal_account_open(
                provider=provider,
                signup=signup_request,
                password=form.cleaned_data["new_password1"],
            )
        except ApplicationError:
            return render(request, "portal/signup_done_before.html", {"provider": provider})
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, gettext("Your account is ready."))
        return redirect("portal:home")
    context = {"provider": provider, "form": form, "email": signup_request.email}
    return render(request, "portal/signup_confirm.html", context)


# --- Password reset: Django's views in the site's layout; the mail leaves through the worker --


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(  # type: ignore[override]
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        context = {**context, "base_url": settings.RECLAMO_BASE_URL}
        _mail(to_email, subject_template_name, email_template_name, context)


password_reset = auth_views.PasswordResetView.as_view(
    form_class=QueuedPasswordResetForm,
    template_name="portal/password_reset.html",
    email_template_name="portal/mail/password_reset.txt",
    subject_template_name="portal/mail/password_reset_subject.txt",
    success_url=reverse_lazy("portal:password-reset-sent"),
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="portal/password_reset_sent.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="portal/password_reset_confirm.html",
    success_url=reverse_lazy("portal:password-reset-done"),
)
password_reset_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/password_reset_done.html"
)

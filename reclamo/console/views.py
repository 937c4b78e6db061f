"""The staff console: the register, its CSV export, a case, and the desk form.

Views are thin: reads go through reclamo.complaints.selectors, writes through the services
(reclamo.console.desk orchestrates the desk's). Every page is scoped to one provider by
``console_view``; another provider's case number is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods

from reclamo.accounts.tenancy import providers_visible_to, user_is_superuser
from reclamo.casework.permissions import user_may_register
from reclamo.complaints.selectors import complaint_get, complaint_register_page
from reclamo.console.access import Console, console_view, forbidden, user_is_console_member
from reclamo.console.casework import case_work_context
from reclamo.console.desk import desk_complaint_register
from reclamo.console.export import csv_download, register_csv_lines
from reclamo.console.forms import DeskForm, RegisterFilterForm
from reclamo.console.register import (
    department_names,
    filter_form_html,
    format_moment,
    nearest_deadline,
    register_rows,
    register_rows_html,
)
from reclamo.domain.calendar import get_zone
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.formats import zone_name
from reclamo.labels import CLOCK_LABELS

PAGE_SIZE = 50
# The columns of a case the register page shows (register_rows): the rest is not loaded.
REGISTER_FIELDS = ("kind", "channel", "department", "status")


@require_GET
def console_home(request: HttpRequest) -> HttpResponse:
    """A staff member goes straight to their provider's register; the superuser chooses."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_is_console_member(request.user):
        return forbidden(request)
    if not user_is_superuser(request.user):
        return redirect("console:register", slug=request.user.provider.slug)  # type: ignore[union-attr]
    return render(request, "console/home.html", {"providers": providers_visible_to(request.user)})


def console_context(console: Console, page: str = "") -> dict[str, Any]:
    """What every console page shows: the provider, its procedure, its zone and departments."""
    policy = console.policy
    return {
        "console_page": page,
        "provider": console.provider,
        "policy": policy,
        "zone": policy.time_zone,
        "zone_label": zone_name(policy.time_zone, policy.country, get_language()),
        "policy_departments": list(department_names(policy, get_language()).items()),
    }


@require_GET
@console_view
def register_page(request: HttpRequest, console: Console) -> HttpResponse:
    """Every case, oldest first (PC-14), filtered and paged by keyset."""
    language = get_language()
    now = timezone.now()
    form = RegisterFilterForm(request.GET, policy=console.policy, language=language)
    form.is_valid()
    filters = form.filters(now=now)
    cursor = request.GET.get("after") or None
    status = 200
    try:
        page = complaint_register_page(
            provider=console.provider,
            filters=filters,
            cursor=cursor,
            limit=PAGE_SIZE,
            time_zone=console.zone,
            fields=REGISTER_FIELDS,
        )
    except ApplicationError as error:
        # A tampered or stale "next page" link: say so and show the first page.
        messages.error(request, gettext("That page link is not valid; here is the first page."))
        page = complaint_register_page(
            provider=console.provider,
            filters=filters,
            limit=PAGE_SIZE,
            time_zone=console.zone,
            fields=REGISTER_FIELDS,
        )
        status = error.status if 400 <= error.status < 500 else 400
    query: dict[str, str] = {k: str(v) for k, v in request.GET.items() if k != "after" and v}
    rows = register_rows(
        list(page.items),
        policy=console.policy,
        now=now,
        language=language,
        case_url=reverse("console:case", args=[console.provider.slug, "NUMBER"]),
    )
    context = {
        **console_context(console, "register"),
        "rows": rows,
        "rows_html": register_rows_html(rows),
        "next_url": f"?{urlencode({**query, 'after': page.next})}" if page.next else None,
        "first_url": f"?{urlencode(query)}" if cursor else None,
        "export_query": urlencode(query),
    }
    if getattr(request, "htmx", False):  # only the table is replaced
        return render(request, "console/_register_table.html", context, status=status)
    context["filters_html"] = filter_form_html(
        form,
        policy=console.policy,
        language=language,
        query=[(name, request.GET.getlist(name)) for name in form.fields],
    )
    return render(request, "console/register.html", context, status=status)


@require_GET
@console_view
def register_export(request: HttpRequest, console: Console) -> StreamingHttpResponse:
    """The filtered register as a CSV file, streamed (constant memory at any size)."""
    form = RegisterFilterForm(request.GET, policy=console.policy, language=get_language())
    form.is_valid()
    lines = register_csv_lines(
        provider=console.provider,
        filters=form.filters(now=timezone.now()),
        time_zone=console.zone,
    )
    return csv_download(lines, name="register", console=console)


@require_GET
@console_view
def case_page(request: HttpRequest, console: Console, number: str) -> HttpResponse:
    complaint = complaint_get(provider=console.provider, number=number, with_events=True)
    if complaint is None:
        raise Http404("No such case in this register.")
    language = get_language()
    now = timezone.now()
    zone = console.zone
    deadlines = [
        {
            "clock": CLOCK_LABELS.get(d.clock, d.clock),  # type: ignore[call-overload]
            "due_at": d.due_at,
            "due_text": format_moment(d.due_at, zone, language),
            "rule": d.rule,
        }
        for d in complaint.current_deadlines  # type: ignore[attr-defined]
    ]
    context = {
        **console_context(console),
        "complaint": complaint,
        "received_text": format_moment(complaint.received_at, zone, language),
        "registered_text": format_moment(complaint.registered_at, zone, language),
        "department": department_names(console.policy, language).get(
            complaint.department, complaint.department
        ),
        "nearest": nearest_deadline(complaint, now=now, zone=zone, language=language),
        "deadlines": deadlines,
        "attachments": list(complaint.attachments.all()),
        **case_work_context(request, console, complaint),
    }
    return render(request, "console/case.html", context)


@require_http_methods(["GET", "POST"])
@console_view
def desk_register(request: HttpRequest, console: Console) -> HttpResponse:
    """A walk-in complaint or a letter, registered from its real receipt (T-6)."""
    if not user_may_register(request.user, console.provider.pk):
        return forbidden(request)  # an auditor reads only
    language = get_language()
    now = timezone.now()
    posted = request.method == "POST"
    with timezone.override(get_zone(console.zone)):
        form = DeskForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            policy=console.policy,
            language=language,
            now=now,
        )
        valid = posted and form.is_valid()
    if valid:
        try:
            done = desk_complaint_register(
                provider=console.provider,
                user=request.user,  # type: ignore[arg-type]
                submission=form.submission(),
                payload=form.payload(),
                scan=form.cleaned_data.get("scan"),
                location=form.location_name(),
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error_message(error) or error.message)
        else:
            number = done.registration.complaint.number
            messages.success(request, gettext("Registered as %(number)s.") % {"number": number})
            return redirect("console:case", slug=console.provider.slug, number=number)
    context = {**console_context(console, "desk"), "form": form}
    return render(request, "console/desk.html", context, status=422 if form.errors else 200)

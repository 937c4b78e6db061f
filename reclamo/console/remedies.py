"""Staff pages of remedies: the case's computed remedy with its working, applying it (adjusted
with a reason), and the credits export for the billing system. Thin views: the form reads,
``reclamo.billing.remedies`` computes, ``reclamo.billing.remedy_schedule`` writes,
``reclamo.billing.selectors`` reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from reclamo.billing.remedies import case_remedy_compute
from reclamo.billing.remedy_schedule import case_remedy_apply, schedule_preview
from reclamo.billing.selectors import (
    CREDIT_COLUMNS,
    CREDIT_FIELDS,
    applied_remedy_of,
    credit_rows,
)
from reclamo.casework.permissions import user_may_work
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.console.access import Console, console_view, forbidden
from reclamo.console.case_actions import action_run, case_or_404, form_errors_show
from reclamo.console.export import csv_download, csv_lines
from reclamo.formats import format_day
from reclamo.labels import REMEDY_KIND_LABELS, REMEDY_METHOD_LABELS, choices
from reclamo.providers.models import Provider


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Remedy"), choices=choices(REMEDY_KIND_LABELS))
    method = forms.ChoiceField(label=_("Applied as"), choices=choices(REMEDY_METHOD_LABELS))
    amount = forms.DecimalField(
        label=_("Amount (leave empty for the computed one)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    reason = forms.CharField(
        label=_("Reason for an adjusted amount"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def case_remedy_context(complaint: Complaint, language: str) -> dict[str, Any]:
    """What the case page shows of remedies: the applied one, or the computed ones with their
    working and the schedule each way of applying would write."""
    applied = applied_remedy_of(complaint=complaint)
    if applied is not None:
        return {
            "remedy_applied": applied,
            "remedy_lines": [
                {"line": line, "day": format_day(line.due_on, language)}
                for line in applied.lines.all()
            ],
        }
    computed = case_remedy_compute(complaint=complaint)
    parts = []
    for part in computed.parts:
        parts.append(
            {
                "part": part,
                "label": REMEDY_KIND_LABELS[part.kind],
                "workings": [(of, working.rendered(), working) for of, working in part.workings],
                "schedules": [
                    {
                        "method": REMEDY_METHOD_LABELS[method],
                        "lines": [
                            (format_day(day, language), amount, invoice)
                            for _m, amount, day, invoice in schedule_preview(
                                part, method, complaint
                            )
                        ],
                    }
                    for method in part.methods
                ],
            }
        )
    return {
        "remedy_parts": parts,
        "remedy_problems": computed.problems,
        "remedy_form": RemedyForm(
            initial={
                "kind": computed.parts[0].kind if computed.parts else "",
                "method": computed.parts[0].methods[0]
                if computed.parts and computed.parts[0].methods
                else "",
            }
        ),
    }


@require_POST
@console_view
def remedy_apply(request: HttpRequest, console: Console, number: str) -> HttpResponse:
    complaint = case_or_404(console, number)
    if not user_may_work(request.user, complaint):
        return forbidden(request)
    back = redirect("console:case", slug=console.provider.slug, number=number)
    form = RemedyForm(request.POST)
    if not form.is_valid():
        form_errors_show(request, form)
        return back
    data = form.cleaned_data
    action_run(
        request,
        lambda: case_remedy_apply(
            complaint=complaint,
            actor=Actor.staff(request.user),  # type: ignore[arg-type]
            kind=data["kind"],
            method=data["method"],
            amount=data["amount"],
            reason=data["reason"],
        ),
        gettext("The remedy is applied."),
    )
    return back


def credits_csv_lines(*, provider: Provider, time_zone: str) -> Iterator[str]:
    """The credits export as CSV lines (a BOM, the header, every line)."""
    rows = credit_rows(provider=provider, since=None).values_list(*CREDIT_FIELDS)
    yield from csv_lines(columns=CREDIT_COLUMNS, rows=rows, time_zone=time_zone)


@require_GET
@console_view
def credits_export(request: HttpRequest, console: Console) -> StreamingHttpResponse:
    """Every applied credit, refund, instalment and charge as CSV for the billing system,
    streamed (constant memory at any size)."""
    lines = credits_csv_lines(provider=console.provider, time_zone=console.zone)
    return csv_download(lines, name="credits", console=console)

"""A department's queue of open cases (PC-14): oldest first, with the time left on each one's
nearest deadline and who has taken it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from reclamo.casework.models import CaseAssignment
from reclamo.casework.selectors import queue_page
from reclamo.console.access import Console, console_view
from reclamo.console.register import (
    deadline_state,
    department_names,
    format_moment,
    time_left_words,
)
from reclamo.console.views import console_context
from reclamo.errors import ApplicationError
from reclamo.labels import CLOCK_LABELS

QUEUE_PAGE = 50


@dataclass(frozen=True, slots=True)
class QueueRow:
    number: str
    url: str
    received_text: str
    subject: str
    customer: str
    status: str
    due_text: str
    left_text: str
    state: str
    clock: str
    rule: str
    agent: str


@require_GET
@console_view
def queue(request: HttpRequest, console: Console, department: str) -> HttpResponse:
    """A department's open cases, oldest first (PC-14), with the time left on each one's nearest
    deadline; the table refreshes itself through htmx."""
    language = get_language()
    names = department_names(console.policy, language)
    if department not in names:
        raise Http404("No such department in this procedure.")
    now = timezone.now()
    try:
        page = queue_page(
            provider=console.provider,
            department=department,
            cursor=request.GET.get("after") or None,
            limit=QUEUE_PAGE,
        )
    except ApplicationError:
        page = queue_page(provider=console.provider, department=department, limit=QUEUE_PAGE)
    case_url = reverse("console:case", args=[console.provider.slug, "NUMBER"])
    rows = []
    for complaint in page.items:
        due: datetime | None = complaint.nearest_due_at  # type: ignore[attr-defined]
        left = due - now if due is not None else None
        state = deadline_state(left) if left is not None else ""
        try:
            agent_user = complaint.assignment.agent  # type: ignore[attr-defined]
        except CaseAssignment.DoesNotExist:
            agent_user = None
        rows.append(
            QueueRow(
                number=complaint.number,
                url=case_url.replace("NUMBER", complaint.number),
                received_text=format_moment(complaint.received_at, console.zone, language),
                subject=complaint.subject,
                customer=complaint.customer_name,
                status=complaint.get_status_display(),
                due_text=format_moment(due, console.zone, language) if due else "",
                left_text=time_left_words(left, language) if left is not None else "",
                state=state,
                clock=str(CLOCK_LABELS.get(complaint.nearest_clock, "")) if due else "",  # type: ignore[attr-defined, call-overload]
                rule=complaint.nearest_rule or "",  # type: ignore[attr-defined]
                agent=agent_user.get_username() if agent_user is not None else "",
            )
        )
    context = {
        **console_context(console, "queue"),
        "department": department,
        "department_name": names[department],
        "departments": names,
        "rows": rows,
        "next_url": f"?after={page.next}" if page.next else None,
    }
    template = (
        "console/_queue_table.html" if getattr(request, "htmx", False) else "console/queue.html"
    )
    return render(request, template, context)

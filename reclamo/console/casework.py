"""Staff pages of case handling: taking a case, and the case page's part and actions (notes,
replies, extension, decision, investigation). Thin views: the forms read, ``reclamo.casework``
services write, its selectors read. A department's queue is ``reclamo.console.queue``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from reclamo.casework.permissions import user_may_decide, user_may_note, user_may_work
from reclamo.casework.selectors import (
    case_timeline,
    statement_of,
    timer_marks_of,
    visits_of,
)
from reclamo.casework.services import (
    case_take,
    complaint_complexity_change,
    complaint_decide,
    complaint_department_change,
    complaint_extend,
    complaint_investigation_update,
    note_add,
    older_open_case,
    reply_send,
    visit_record,
)
from reclamo.casework.statement import statement_filename, statement_pdf
from reclamo.casework.timers import timers_scheduled
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.console import casework_forms as cf
from reclamo.console.access import Console, console_view, forbidden
from reclamo.console.case_actions import action_run, case_or_404, form_errors_show
from reclamo.console.register import department_names, format_moment
from reclamo.console.remedies import case_remedy_context
from reclamo.domain.calendar import get_zone
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.domain.warranty import warranty_status
from reclamo.formats import format_day
from reclamo.labels import CLOCK_LABELS, TIMER_KIND_LABELS, WARRANTY_STATE_LABELS

# The audit trail's event types, in words (a type without a label is shown as it is).
EVENT_TYPE_LABELS = {
    "registered": gettext_lazy("Registered"),
    "status_changed": gettext_lazy("Status changed"),
    "acknowledgement_sent": gettext_lazy("Acknowledgement sent"),
    "taken": gettext_lazy("Taken from the queue"),
    "note_added": gettext_lazy("Internal note added"),
    "reply_sent": gettext_lazy("Reply sent to the customer"),
    "deadline_extended": gettext_lazy("Resolution period extended"),
    "decided_out_of_order": gettext_lazy("Decided before an older case of the queue"),
    "decided": gettext_lazy("Decided; written statement issued"),
    "complexity_changed": gettext_lazy("Complexity changed"),
    "rerouted": gettext_lazy("Re-routed"),
    "investigation_updated": gettext_lazy("Investigation updated"),
    "technician_visit_recorded": gettext_lazy("Technician visit recorded"),
    "deadline_reminder": gettext_lazy("Deadline reminder sent"),
    "deadline_breached": gettext_lazy("Deadline missed: escalated"),
    "deemed_upheld": gettext_lazy("Deemed upheld"),
    "message_received": gettext_lazy("Message received from the customer"),
    "outage_linked": gettext_lazy("Linked to an outage"),
    "remedy_applied": gettext_lazy("Remedy applied"),
    # Letters: "<kind>_sent" / "<kind>_failed" for each kind of delivery (reclamo.letters).
    "acknowledgement_failed": gettext_lazy("Acknowledgement could not be delivered"),
    "extension_notice_sent": gettext_lazy("Notice of extension sent"),
    "extension_notice_failed": gettext_lazy("Notice of extension could not be delivered"),
    "statement_sent": gettext_lazy("Written statement sent"),
    "statement_failed": gettext_lazy("Written statement could not be delivered"),
    "deemed_upheld_notice_sent": gettext_lazy("Notice sent: deemed upheld"),
    "deemed_upheld_notice_failed": gettext_lazy("Notice (deemed upheld) could not be delivered"),
    "letter_resend_requested": gettext_lazy("Letter queued to be sent again"),
    "letter_posted": gettext_lazy("Letter sent by post"),
}
# What each kind of timeline entry is, in words (an audit event says its own type).
TIMELINE_KIND_LABELS = {
    "message_in": gettext_lazy("Message from the customer"),
    "message_out": gettext_lazy("Message to the customer"),
    "note": gettext_lazy("Internal note"),
    "letter": gettext_lazy("Letter"),
}


@require_POST
@console_view
def take(request: HttpRequest, console: Console, number: str) -> HttpResponse:
    complaint = case_or_404(console, number)
    if not user_may_work(request.user, complaint):
        return forbidden(request)
    if case_take(complaint=complaint, user=request.user):  # type: ignore[arg-type]
        messages.success(request, gettext("You took case %(number)s.") % {"number": number})
    else:
        messages.error(
            request,
            gettext("Someone else took case %(number)s a moment ago.") % {"number": number},
        )
    return redirect("console:case", slug=console.provider.slug, number=number)


def case_work_context(
    request: HttpRequest, console: Console, complaint: Complaint
) -> dict[str, Any]:
    """What the case page adds for case handling: the timeline, notes, the statement, visits,
    what the worker has scheduled, and the forms the signed-in person may use."""
    language = get_language()
    zone = console.zone
    deadlines = list(getattr(complaint, "current_deadlines", []))
    is_open = complaint.status in OPEN_STATUSES
    # A settled case has nothing left to fire: only what the worker did is shown.
    timers = [
        {
            "kind": TIMER_KIND_LABELS.get(timer.kind, timer.kind),  # type: ignore[call-overload]
            "clock": CLOCK_LABELS.get(timer.clock, timer.clock),  # type: ignore[call-overload]
            "at_text": format_moment(timer.at, zone, language),
            "fired_text": format_moment(timer.fired_at, zone, language) if timer.fired_at else "",
            "rule": timer.rule,
        }
        for timer in timers_scheduled(deadlines, timer_marks_of(complaint=complaint))
        if is_open or timer.fired_at
    ]
    timeline = [
        {
            "entry": entry,
            "at_text": format_moment(entry.at, zone, language),
            "kind": TIMELINE_KIND_LABELS.get(entry.kind, ""),
            "title": (
                EVENT_TYPE_LABELS.get(entry.title, entry.title)
                if entry.kind == "event"
                else entry.title
            ),
        }
        for entry in case_timeline(complaint=complaint)
    ]
    may_work = user_may_work(request.user, complaint)
    statement = statement_of(complaint=complaint)
    older = older_open_case(complaint=complaint, policy=console.policy) if is_open else None
    names = department_names(console.policy, language)
    # UN-2, PC-3: judged on the day the defect was reported, in the provider's zone.
    warranty = warranty_status(
        console.policy,
        ownership=complaint.equipment_ownership,
        since=complaint.equipment_since,
        reported_on=complaint.received_at.astimezone(get_zone(zone)).date(),
        customer_caused=(
            complaint.fault_cause == "customer" or complaint.fault_validity == "customer_caused"
        ),
    )
    return {
        "warranty": {
            "state": warranty.state,
            "label": WARRANTY_STATE_LABELS[warranty.state],
            "ends_text": format_day(warranty.ends_on, language) if warranty.ends_on else "",
            "rule": warranty.rule,
        },
        "timeline": timeline,
        "statement": statement,
        "statement_sent_text": (
            format_moment(statement.sent_at, zone, language)
            if statement is not None and statement.sent_at
            else ""
        ),
        "visits": visits_of(complaint=complaint),
        "timers": timers,
        "older_open": older,
        "may_work": may_work and is_open,
        "may_decide": user_may_decide(request.user, complaint) and is_open,
        "may_note": user_may_note(request.user, complaint),
        "note_form": cf.NoteForm(),
        "reply_form": cf.ReplyForm(
            initial={"subject": f"[{complaint.number}] {complaint.subject}"}
        ),
        "extension_form": cf.ExtensionForm(),
        "decision_form": cf.DecisionForm(),
        "complexity_form": cf.ComplexityForm(initial={"complexity": complaint.complexity}),
        "route_form": cf.RouteForm(
            departments=names,
            initial={"department": complaint.department, "category": complaint.category},
        ),
        "investigation_form": cf.InvestigationForm(
            initial={
                "fault_cause": complaint.fault_cause,
                "fault_validity": complaint.fault_validity,
                "equipment_ownership": complaint.equipment_ownership,
                "equipment_since": complaint.equipment_since,
            }
        ),
        "visit_form": cf.VisitForm(),
        "warranty_rules": [w.rule for w in console.policy.remedies.warranty],
        "trip_rules": [t.rule for t in console.policy.remedies.technician_trips],
        # The remedy: computed with its working, or applied with its schedule (issue 13).
        **case_remedy_context(complaint, language),
    }


@require_POST
@console_view
def case_action(request: HttpRequest, console: Console, number: str, action: str) -> HttpResponse:
    """One action of the case page; every action answers with the case page again."""
    complaint = case_or_404(console, number)
    user: Any = request.user
    back = redirect("console:case", slug=console.provider.slug, number=number)
    allowed = {
        "note": user_may_note,
        "decision": user_may_decide,
    }.get(action, user_may_work)
    if not allowed(user, complaint):
        return forbidden(request)
    staff = Actor.staff(user)
    forms_by_action: dict[str, type[forms.Form]] = {
        "note": cf.NoteForm,
        "reply": cf.ReplyForm,
        "extension": cf.ExtensionForm,
        "decision": cf.DecisionForm,
        "complexity": cf.ComplexityForm,
        "investigation": cf.InvestigationForm,
        "visit": cf.VisitForm,
    }
    if action == "route":
        form: forms.Form = cf.RouteForm(
            request.POST, departments=department_names(console.policy, get_language())
        )
    elif action in forms_by_action:
        with timezone.override(get_zone(console.zone)):
            form = forms_by_action[action](request.POST)
            form.is_valid()
    else:
        raise Http404("No such action.")
    if not form.is_valid():
        form_errors_show(request, form)
        return back
    data = form.cleaned_data
    saved = gettext("Saved.")
    actions: dict[str, Callable[[], object]] = {
        "note": lambda: note_add(complaint=complaint, user=user, text=data["text"]),
        "reply": lambda: reply_send(
            complaint=complaint, user=user, subject=data["subject"], body=data["body"]
        ),
        "extension": lambda: complaint_extend(
            complaint=complaint, actor=staff, days=data["days"], reason=data["reason"]
        ),
        "decision": lambda: complaint_decide(
            complaint=complaint,
            actor=staff,
            outcome=data["outcome"],
            reasons=data["reasons"],
            out_of_order_reason=data["out_of_order_reason"],
        ),
        "complexity": lambda: complaint_complexity_change(
            complaint=complaint, user=user, complexity=data["complexity"]
        ),
        "route": lambda: complaint_department_change(
            complaint=complaint,
            user=user,
            department=data["department"],
            category=data["category"] or None,
        ),
        "investigation": lambda: complaint_investigation_update(
            complaint=complaint,
            user=user,
            fault_cause=data["fault_cause"] or None,
            fault_validity=data["fault_validity"] or None,
            equipment_ownership=data["equipment_ownership"] or None,
            equipment_since=data["equipment_since"],
        ),
        "visit": lambda: visit_record(
            complaint=complaint,
            user=user,
            visited_at=data["visited_at"],
            kilometres=data["kilometres"],
            trips=data["trips"],
            customer_caused=data["customer_caused"],
            customer_insisted=data["customer_insisted"],
            note=data["note"],
        ),
    }
    action_run(request, actions[action], saved)
    return back


@require_GET
@console_view
def statement_download(request: HttpRequest, console: Console, number: str) -> HttpResponse:
    complaint = case_or_404(console, number)
    statement = statement_of(complaint=complaint)
    if statement is None:
        raise Http404("This case has no written statement yet.")
    response = HttpResponse(statement_pdf(complaint, statement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{statement_filename(complaint)}"'
    return response

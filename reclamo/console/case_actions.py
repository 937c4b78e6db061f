"""What every action posted from the case page does alike (case handling, remedies): find the
case in the signed-in provider's register, show a form's errors, run the service and say how it
went. Each action then answers with the case page again."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from reclamo.complaints.models import Complaint
from reclamo.complaints.selectors import complaint_get
from reclamo.console.access import Console
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError


def case_or_404(console: Console, number: str) -> Complaint:
    """The case ``number`` of the console's provider; another provider's number is a 404 too."""
    complaint = complaint_get(provider=console.provider, number=number)
    if complaint is None:
        raise Http404("No such case in this register.")
    return complaint


def form_errors_show(request: HttpRequest, form: forms.Form) -> None:
    """Each error of ``form`` as a message on the case page, with its field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def action_run(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    """Run a service; its refusal becomes an error message, its success ``done``."""
    try:
        action()
    except ApplicationError as error:
        messages.error(request, error_message(error) or error.message)
    else:
        messages.success(request, done)

"""The deadline preview as the public pages show it: the calculator page and the complaint form
(web and portal) ask the same engine and show its answer the same way — the deadlines in plain
words with their rules, where the case goes, and the engine's refusal or notice.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from reclamo.domain.deadlines import Basis, IntakeDecision, preview
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.formats import zone_name
from reclamo.labels import CLOCK_EVENT_LABELS, CLOCK_EXPLANATIONS, CLOCK_LABELS
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of
from reclamo.public.forms import DeadlineQuestionForm
from reclamo.public.rules import period_words
from reclamo.public.texts import Text, choose, localized

__all__ = ["deadline_preview", "department_context", "zone_context"]


def zone_context(policy: Policy, language: str) -> dict[str, Any]:
    """The time zone the page's times are shown in, and the procedure's language notice."""
    return {
        "zone": policy.time_zone,
        "zone_label": zone_name(policy.time_zone, policy.country, language),
        "language_notice": localized(policy, policy.complaint_language_notice, language),
    }


def _basis_words(basis: Basis, policy: Policy) -> str:
    """ "Counted as 30 days from when the provider receives it." (T-1 … T-5 in plain words)."""
    words = gettext("Counted as %(period)s %(start)s.") % {
        "period": period_words(basis),
        "start": CLOCK_EVENT_LABELS[basis.counted_from],
    }
    if basis.unit in {"days", "months"} and policy.roll_to_working_day:
        words += " " + gettext(
            "A period ending on a weekend day or public holiday ends on the next working day."
        )
    if basis.unit == "working_hours":
        words += " " + gettext("Only the provider's working hours count.")
    return words


def _deadline_rows(answer: IntakeDecision, policy: Policy) -> list[dict[str, Any]]:
    # A repair deadline is explained by what must be done by then (PC-4: started, or done).
    return [
        {
            "key": deadline.clock,
            "title": CLOCK_LABELS[deadline.clock],
            "at": deadline.due_at,
            "explanation": CLOCK_EXPLANATIONS[deadline.milestone or deadline.clock],
            "basis": _basis_words(deadline.basis, policy),
            "rule": deadline.rule,
        }
        for deadline in answer.deadlines
    ]


def department_context(policy: Policy, slug: str | None, language: str) -> dict[str, Text] | None:
    """Where the case goes (PN-1 routing), named as the contact page names the department."""
    department = policy.department(slug) if slug else None
    if department is None:
        return None
    return {
        "name": localized(policy, department.name, language),
        "description": localized(policy, department.description, language),
    }


def deadline_preview(
    *,
    provider: Provider,
    form: DeadlineQuestionForm,
    language: str,
    fallback_language: str | None = None,
) -> dict[str, Any]:
    """The engine's answer for the facts of a valid ``form``, as page context; on an error it is
    added to the form and the context is empty.

    The procedure in force when the case is received governs it, as in the API. The engine's
    messages fall back to ``fallback_language``, else to the governing procedure's default
    language.
    """
    facts = form.case_facts()
    try:
        governing = policy_of(policy_in_force(provider=provider, at=facts.received_at))
        answer = preview(governing, facts)
    except (DomainError, ApplicationError) as error:
        form.add_error(error.field if error.field in form.fields else None, error_message(error))
        return {}
    default = fallback_language or governing.default_language
    return {
        "answer": answer,
        "rows": _deadline_rows(answer, governing),
        "department": department_context(governing, answer.department, language),
        "refusal": choose(answer.refusal.texts if answer.refusal else None, language, default),
        "notice": choose(answer.notice.texts if answer.notice else None, language, default),
    }

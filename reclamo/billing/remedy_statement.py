"""An applied remedy in the written statement: the decision's ``remedy`` JSON, and its lines
rendered in the customer's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from reclamo.billing.selectors import applied_remedy_of
from reclamo.complaints.models import Complaint
from reclamo.formats import format_day
from reclamo.labels import REMEDY_KIND_LABELS, REMEDY_METHOD_LABELS


def applied_remedy_statement(*, complaint: Complaint) -> dict[str, Any] | None:
    """The applied remedy as the decision's ``remedy`` JSON: amounts as strings, the working,
    the schedule — what the written statement renders in the customer's language."""
    remedy = applied_remedy_of(complaint=complaint)
    if remedy is None:
        return None
    return {
        "kind": remedy.kind,
        "method": remedy.method,
        "amount": str(remedy.amount),
        "computed_amount": str(remedy.computed_amount),
        "currency": remedy.currency,
        "adjustment_reason": remedy.adjustment_reason,
        "rules": remedy.rules.split(",") if remedy.rules else [],
        "working": remedy.working,
        "lines": [
            {
                "method": line.method,
                "amount": str(line.amount),
                "due_on": line.due_on.isoformat(),
                "invoice": line.invoice_number,
            }
            for line in remedy.lines.all()
        ],
    }


def _line_text(line: dict[str, Any], number: int, language: str) -> str:
    day = format_day(date.fromisoformat(line["due_on"]), language)
    if line["method"] == "instalments":
        return gettext("Instalment %(number)s, due on %(day)s") % {"number": number, "day": day}
    if line["method"] == "refund":
        return gettext("Refunded by %(day)s") % {"day": day}
    if line["method"] == "charge":
        return gettext("Charged on the invoice after %(day)s") % {"day": day}
    if line.get("invoice"):
        return gettext("Credited on invoice %(invoice)s, due on %(day)s") % {
            "invoice": line["invoice"],
            "day": day,
        }
    return gettext("Credited on the next invoice, issued from %(day)s") % {"day": day}


def remedy_statement_lines(remedy: Any, language: str) -> list[tuple[str, str]] | None:
    """The remedy of a decision as (label, text) lines in ``language``; None when ``remedy`` is
    not one :func:`applied_remedy_statement` wrote."""
    if not isinstance(remedy, dict) or remedy.get("kind") not in REMEDY_KIND_LABELS:
        return None
    currency = remedy.get("currency", "")
    with translation.override(language):
        rows: list[tuple[str, str]] = [
            (gettext("Remedy"), str(REMEDY_KIND_LABELS[remedy["kind"]])),
            (gettext("Applied as"), str(REMEDY_METHOD_LABELS.get(remedy["method"], ""))),
            (gettext("Amount"), f"{remedy['amount']} {currency}"),
        ]
        if remedy.get("adjustment_reason"):
            rows.append((gettext("Computed amount"), f"{remedy['computed_amount']} {currency}"))
            rows.append((gettext("Reason for the adjustment"), remedy["adjustment_reason"]))
        working = remedy.get("working") or {}
        for part in working.get("parts", []):
            rows.append(
                (
                    gettext("How it was computed (%(of)s)") % {"of": _of_label(part["of"])},
                    f"{part['rendered']} = {part['result']} ({', '.join(part['rules'])})",
                )
            )
        for number, line in enumerate(remedy.get("lines", []), start=1):
            rows.append((_line_text(line, number, language), f"{line['amount']} {currency}"))
    return rows


def _of_label(of: str) -> str:
    labels = {
        "average": gettext("the average of the last bills"),
        "threshold": gettext("the threshold"),
        "excess": gettext("the amount above the average"),
        "charges": gettext("the charges"),
    }
    return labels.get(of, of)

"""Writes of case handling. One shape for each (STYLE.md, the write path): validate, then in
one durable transaction lock the case, write the change and its audit event, and register what
leaves the house (a letter, an email) to run after commit through the task queue.

Each service raises :class:`ApplicationError` with a stable code; the console turns it into a
form error, the API into ``{"error": …}`` with its status.

One module a part of the handling: ``case`` (the case in hand, taking it from the queue),
``replies`` (notes and replies), ``extension`` (UN-9), ``decision`` (the decision and its
written statement) and ``investigation`` (complexity, department, fault, visits). The callers
import from here.
"""

from reclamo.casework.services.case import case_take
from reclamo.casework.services.decision import complaint_decide, older_open_case
from reclamo.casework.services.extension import complaint_extend
from reclamo.casework.services.investigation import (
    complaint_complexity_change,
    complaint_department_change,
    complaint_investigation_update,
    visit_record,
)
from reclamo.casework.services.replies import note_add, reply_send

__all__ = [
    "case_take",
    "complaint_complexity_change",
    "complaint_decide",
    "complaint_department_change",
    "complaint_extend",
    "complaint_investigation_update",
    "note_add",
    "older_open_case",
    "reply_send",
    "visit_record",
]

"""Writes of the register: taking a submission into the intake log, registering a case, changing
its record.

Every channel (the API, the desk, a letter, email, a call) does the same two steps:

1. :func:`intake_record_open` stores the raw submission **before it is parsed**, in its own
   short transaction, so nothing that arrived is lost whatever happens next.
2. :func:`complaint_register` decides under the policy in force at receipt (accepted, refused,
   treated as what, which department, every deadline), then, in one durable transaction, takes
   the number, inserts the case with one row per deadline and its "registered" event, queues the
   acknowledgement (with the database queue its task row joins this transaction; other queues
   get it after commit), and closes the intake record. The acknowledgement leaves only after
   commit: the worker cannot see the task before.

Parsing and deciding happen before the transaction opens: nothing slow runs while the register's
counter row (PostgreSQL) or the database's write lock (SQLite) is held.

The steps live in ``intake_log`` (1, and the record's closing, reclaiming and purging),
``registration`` (2) and ``changes`` (a registered case's record changed with its audit event);
the channels take both steps together, so they import from here.
"""

from reclamo.complaints.services.changes import complaint_fields_change, complaint_status_change
from reclamo.complaints.services.intake_log import (
    idempotency_keys_purge,
    intake_record_close,
    intake_record_open,
    intake_record_reclaim,
)
from reclamo.complaints.services.registration import (
    CustomerContact,
    Registration,
    Submission,
    complaint_deadline_row,
    complaint_register,
)

__all__ = [
    "CustomerContact",
    "Registration",
    "Submission",
    "complaint_deadline_row",
    "complaint_fields_change",
    "complaint_register",
    "complaint_status_change",
    "idempotency_keys_purge",
    "intake_record_close",
    "intake_record_open",
    "intake_record_reclaim",
]

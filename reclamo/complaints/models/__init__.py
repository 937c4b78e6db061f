"""The register's tables: one module per record, re-exported here for Django and for callers."""

from reclamo.complaints.models.attachment import Attachment
from reclamo.complaints.models.audit import AuditTrailIsAppendOnly, ComplaintEvent
from reclamo.complaints.models.case import Complaint, ComplaintDeadline, RegisterCounter
from reclamo.complaints.models.intake import IntakeRecord
from reclamo.complaints.models.message import ComplaintMessage

__all__ = [
    "Attachment",
    "AuditTrailIsAppendOnly",
    "Complaint",
    "ComplaintDeadline",
    "ComplaintEvent",
    "ComplaintMessage",
    "IntakeRecord",
    "RegisterCounter",
]

"""The letters a customer can download from the portal besides the acknowledgement.

HOOK for the written statement (built by the case-handling work, reclamo/casework): once a case
has a statement, :func:`statement_for` returns its PDF and the case page links
``complaints/<number>/statement.pdf``. Until then it returns None and no link is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from reclamo.complaints.models import Complaint


@dataclass(frozen=True, slots=True)
class StatementFile:
    filename: str
    content: bytes


def statement_for(complaint: Complaint) -> StatementFile | None:
    """The case's written statement as a PDF, or None while it has none.

    Casework: return ``StatementFile(f"{complaint.number}-statement.pdf", pdf_bytes)`` here
    when the case's statement has been issued; the portal's link and download follow.
    """
    return None

"""The written statement reads in the customer's language (PN-9, UN-11): every heading and
sentence of the PDF translated, the escalation bodies in that language with their last day."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from reclamo.casework.models import Statement
from reclamo.casework.services import complaint_decide
from reclamo.casework.statement import statement_pdf
from reclamo.casework.tests.conftest import case_register
from reclamo.complaints.events import Actor

RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

# What a reader of each language must find in a rejection's statement.
EXPECTED = {
    "sk": ["Písomné vyjadrenie k reklamácii č.", "Zamietnutá", "Odôvodnenie", "Ak nesúhlasíte"],
    "ro": ["Răspuns scris la reclamația nr.", "Respinsă", "Motivare", "Dacă nu sunteți de acord"],
    "hu": ["Írásbeli válasz a(z)", "Elutasítva", "Indoklás", "Ha nem ért egyet"],
    "en": ["Written statement on complaint", "Rejected", "Reasons", "If you do not agree"],
}


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["sk", "ro", "hu", "en"])
def test_a_rejection_statement_reads_in_the_customers_language(bundled_providers, language):  # type: ignore[no-untyped-def]
    complaint = case_register(
        bundled_providers["unitel"], received_at=RECEIVED, channel="letter", category="quality"
    )
    statement = complaint_decide(
        complaint=complaint,
        actor=Actor.system("test"),
        outcome="rejected",
        reasons="Meranie neukázalo poruchu.",
        now=NOW,
    )
    Statement.objects.filter(pk=statement.pk).update(language=language)
    statement.refresh_from_db()
    complaint.refresh_from_db()
    text = _text(statement_pdf(complaint, statement))
    assert complaint.number in text
    for phrase in EXPECTED[language]:
        assert phrase in text, (phrase, text)
    assert "Meranie neukázalo poruchu." in text
    # The regulator's ADR, 45 days from the sending (PN-9 for UNITEL: UN-11's body list).
    assert "2027" in text

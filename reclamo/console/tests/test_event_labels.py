"""Every event a case's audit trail can hold is named in words on the case page: the event types
are read from the code that records them, so a new one without a label fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from reclamo.console.casework import EVENT_TYPE_LABELS
from reclamo.letters.models import DELIVERY_KIND_CHOICES

PACKAGE = Path(__file__).resolve().parents[2]
RECORDERS = {"complaint_event_record", "ComplaintEvent"}


def _recorded_types() -> set[str]:
    """The literal ``type=`` of every call that records a case event, outside the tests."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in RECORDERS:
                continue
            for keyword in node.keywords:
                if keyword.arg == "type" and isinstance(keyword.value, ast.Constant):
                    assert isinstance(keyword.value.value, str), path
                    found.add(keyword.value.value)
    return found


def test_every_recorded_event_type_has_a_label() -> None:
    recorded = _recorded_types()
    assert {"registered", "decided", "letter_posted", "outage_linked"} <= recorded
    # The letters record "<kind>_sent" and "<kind>_failed" for each kind of delivery.
    letters = {f"{kind}_{end}" for kind, _ in DELIVERY_KIND_CHOICES for end in ("sent", "failed")}
    assert sorted((recorded | letters) - set(EVENT_TYPE_LABELS)) == []

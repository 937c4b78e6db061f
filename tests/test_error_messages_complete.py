"""Every refusal a service can answer reaches a person in their language: its code has a message
in reclamo/error_messages.py, or the message is marked for translation where it is raised. The
codes are read from the code that raises them, so a new refusal without words fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from reclamo.error_messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent / "reclamo"
TRANSLATED = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def _untranslated_codes() -> dict[str, str]:
    """code → where it is raised, for every ApplicationError whose message is a plain string."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and len(node.args) >= 2):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            code, message = node.args[0], node.args[1]
            if name != "ApplicationError" or not isinstance(code, ast.Constant):
                continue
            if isinstance(message, ast.BinOp):  # _("… %(name)s …") % {…}
                message = message.left
            marked = isinstance(message, ast.Call) and getattr(message.func, "id", "") in TRANSLATED
            if not marked:
                found[str(code.value)] = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
    return found


def test_every_service_refusal_has_a_translatable_message() -> None:
    raised = _untranslated_codes()
    assert {"case_settled", "no_contact", "invalid_cursor"} <= set(raised)
    missing = {code: where for code, where in raised.items() if code not in MESSAGES}
    assert missing == {}, f"add these codes to reclamo/error_messages.py MESSAGES: {missing}"

"""No module of the project grows past what one reader takes in at once (issue 8: "no module
under reclamo/ over about 400 lines"). A module that outgrows it is cut where its jobs part —
a module name that says what it holds — not trimmed by squeezing lines. Migrations are written
by `makemigrations` and are exempt.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def test_no_module_under_reclamo_is_over_400_lines() -> None:
    modules = [path for path in (ROOT / "reclamo").rglob("*.py") if "migrations" not in path.parts]
    assert len(modules) > 100, "the project's modules were not found"
    oversized = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert oversized == {}, f"cut these where their jobs part (limit {LIMIT} lines): {oversized}"

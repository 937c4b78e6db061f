from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reclamo.providers.services import BUNDLED_POLICIES_DIR


@pytest.mark.parametrize("slug", ["pronet", "unitel", "petrocomp"])
def test_check_policy_accepts_the_bundled_procedures(slug: str) -> None:
    out = io.StringIO()
    call_command("check_policy", str(BUNDLED_POLICIES_DIR / f"{slug}.yaml"), stdout=out)
    assert f"valid — {slug} version" in out.getvalue()


def test_check_policy_reports_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    text = (BUNDLED_POLICIES_DIR / "pronet.yaml").read_text(encoding="utf-8")
    broken = text.replace("currency: RON", "currency: 12", 1).replace(
        "time_zone: Europe/Bucharest", "time_zone: Mars/Olympus", 1
    )
    path = tmp_path / "pronet.yaml"
    path.write_text(broken, encoding="utf-8")
    lines = broken.splitlines()
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("check_policy", str(path), stderr=err)
    report = err.getvalue()
    assert f"{path}:{lines.index('currency: 12') + 1}: currency:" in report
    assert f"{path}:{lines.index('time_zone: Mars/Olympus') + 1}: time_zone:" in report


def test_check_policy_on_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("check_policy", str(tmp_path / "none.yaml"))

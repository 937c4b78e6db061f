from __future__ import annotations

import io
import re
import subprocess
import sys
import time
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


def test_check_policy_prints_the_warnings_and_accepts_the_policy() -> None:
    out, err = io.StringIO(), io.StringIO()
    path = BUNDLED_POLICIES_DIR / "petrocomp.yaml"
    call_command("check_policy", str(path), stdout=out, stderr=err)
    assert "valid — petrocomp version" in out.getvalue()
    assert "2 warning(s)" in out.getvalue()
    warnings = err.getvalue().splitlines()
    assert len(warnings) == 2
    assert all(line.startswith(f"warning: {path}:") for line in warnings)
    assert any("channels[1].addresses: the email channel is enabled" in w for w in warnings)


def billion_laughs() -> str:
    lines = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"  a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "unknown_key:\n" + "\n".join(lines) + "\n"


HOSTILE = {
    "alias-bomb": (BUNDLED_POLICIES_DIR / "pronet.yaml").read_text(encoding="utf-8")
    + billion_laughs(),
    "impossible-date": (BUNDLED_POLICIES_DIR / "pronet.yaml")
    .read_text(encoding="utf-8")
    .replace("\neffective_from: 2026-01-01", "\neffective_from: 2026-02-30", 1),
    "year-zero": "effective_from: 0000-01-01\n",
    "huge-number": "x: " + "9" * 5000 + "\n",
    "deep-list": "x: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "self-alias": "x: &x [*x]\n",
    "empty": "",
    "a-list": "- complaint\n",
    "a-scalar": "complaint\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_policy_refuses_a_hostile_file_with_located_problems(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(HOSTILE[name], encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="the policy was not accepted"):
        call_command("check_policy", str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines
    assert all(re.match(rf"{re.escape(str(path))}(:[0-9]+)?: [^:]+: .", line) for line in lines)


def test_check_policy_refuses_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "logo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_policy", str(path), stderr=err)
    assert f"{path}:1: (top level): the file is not UTF-8 text" in err.getvalue()


def test_check_policy_on_the_command_line_exits_non_zero_without_a_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(HOSTILE["alias-bomb"], encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own command on a file the test wrote
        [sys.executable, "-m", "reclamo", "check_policy", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"{path}:" in done.stderr and "anchors and aliases" in done.stderr
    assert time.perf_counter() - started < 30

"""Bad configuration stops start-up with one line that says what to set."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _reclamo(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "reclamo", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/reclamo", "DATABASE_URL has the scheme 'mysql'"),
        ("not a url", "DATABASE_URL is not a URL: set it to postgres://"),
        ("postgres://postgres@127.0.0.1:5432", "DATABASE_URL names no database"),
    ],
)
def test_malformed_database_url_is_one_clear_line(url: str, expected: str) -> None:
    result = _reclamo("check", DATABASE_URL=url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_production_without_a_secret_says_what_to_set() -> None:
    result = _reclamo(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        RECLAMO_SECRET_KEY="",
        RECLAMO_ALLOWED_HOSTS="reclamo.example.com",
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()], (
        "exactly one line expected"
    )
    assert "RECLAMO_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_says_what_to_set() -> None:
    result = _reclamo(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        RECLAMO_SECRET_KEY="x" * 60,
        RECLAMO_ALLOWED_HOSTS="",
    )
    assert result.returncode == 2
    assert "RECLAMO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist() -> None:
    result = _reclamo(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        RECLAMO_SECRET_KEY="k" * 10 + "Zq8-r_2vX9pL4mN7bT1cY6wE3uI0oA5sD8fG2hJ4kL6zX9cV1bN3m",
        RECLAMO_ALLOWED_HOSTS="reclamo.example.com",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_bad_number_of_workers_is_refused() -> None:
    result = _reclamo("check", RECLAMO_WEB_WORKERS="many")
    # Settings load fine (serving is read only by `serve`), so check passes…
    assert result.returncode == 0
    served = _reclamo("serve", "--port", "1", RECLAMO_WEB_WORKERS="many")
    assert served.returncode != 0
    assert "RECLAMO_WEB_WORKERS='many' is not a whole number" in served.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "RECLAMO_SECRET_KEY": "k" * 10 + "Zq8-r_2vX9pL4mN7bT1cY6wE3uI0oA5sD8fG2hJ4kL6zX9cV1bN3m",
    "RECLAMO_ALLOWED_HOSTS": "reclamo.example.com",
}


def test_production_refuses_debug_pages_with_one_line() -> None:
    result = _reclamo("check", **PRODUCTION, RECLAMO_DEBUG="1")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("reclamo: configuration error: RECLAMO_DEBUG is on in production")


def test_production_sends_the_language_cookie_over_https_only() -> None:
    script = "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"
    result = _reclamo("shell", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_a_bare_server_entry_point_runs_the_production_settings(module: str) -> None:
    """`gunicorn config.wsgi` with no settings module must not start with the development key."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "RECLAMO_SECRET_KEY", "RECLAMO_ALLOWED_HOSTS"}
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import {module}"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "RECLAMO_SECRET_KEY is not set" in result.stderr


def test_a_command_before_the_database_exists_says_what_to_do(tmp_path) -> None:
    missing = str(tmp_path / "none")
    result = _reclamo("list_api_tokens", "pronet", RECLAMO_DATA_DIR=missing, DATABASE_URL="")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reclamo: database error: unable to open database file")
    assert "reclamo migrate" in lines[0] and "Traceback" not in result.stderr

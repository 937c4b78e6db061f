"""Database settings read from the environment: connections kept between requests, no JIT."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import env


def test_sqlite_keeps_its_connection_between_requests(tmp_path: Path) -> None:
    settings = env.sqlite_database(tmp_path / "reclamo.sqlite3")
    assert settings["CONN_MAX_AGE"] == 60 and settings["CONN_HEALTH_CHECKS"] is True
    assert settings["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgresql_keeps_its_connection_and_turns_jit_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://reclamo@db.example:5432/reclamo")
    settings = env.database(default_sqlite=tmp_path / "unused.sqlite3")
    assert settings["CONN_MAX_AGE"] == 60 and settings["CONN_HEALTH_CHECKS"] is True
    assert settings["OPTIONS"]["options"] == "-c jit=off"


def test_behind_pgbouncer_no_startup_option_is_sent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """PgBouncer refuses startup options: RECLAMO_PG_JIT_OFF=0 sends none."""
    monkeypatch.setenv("DATABASE_URL", "postgres://reclamo@db.example:5432/reclamo")
    monkeypatch.setenv("RECLAMO_PG_JIT_OFF", "0")
    settings = env.database(default_sqlite=tmp_path / "unused.sqlite3")
    assert "options" not in settings.get("OPTIONS", {})

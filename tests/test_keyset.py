"""Cursors of keyset pagination (reclamo/keyset.py): what one page hands the next."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from reclamo.errors import ApplicationError
from reclamo.keyset import cursor_decode, cursor_encode

AT = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=2)))


def _forged(instant: object, key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps([instant, key]).encode()).decode()


def test_a_cursor_names_the_instant_and_key_it_was_made_from() -> None:
    assert cursor_decode(
        cursor_encode(AT, "PN-2026-000042"), key_type=str, list_name="register"
    ) == (
        AT,
        "PN-2026-000042",
    )
    assert cursor_decode(
        cursor_encode(AT.astimezone(UTC), 7), key_type=int, list_name="export"
    ) == (
        AT,
        7,
    )


@pytest.mark.parametrize(
    ("cursor", "key_type"),
    [
        (_forged("2026-11-30T10:00:00", 7), int),  # an instant without its offset
        (_forged("2026-11-30T10:00:00+00:00", True), int),  # a bool is no row id
        (_forged("2026-11-30T10:00:00+00:00", 7), str),  # an id where a case number belongs
        (_forged("2026-11-30T10:00:00+00:00", "7"), int),
        (_forged("not a time", 7), int),
        (_forged("9999-12-31T23:59:59+00:00", [1]), int),
        (cursor_encode(AT, 7)[:-3] + "!!", int),
        ("", int),
    ],
)
def test_a_cursor_not_made_here_is_a_422_naming_the_field(cursor: str, key_type: type) -> None:
    with pytest.raises(ApplicationError) as refused:
        cursor_decode(cursor, key_type=key_type, list_name="export")
    assert (refused.value.code, refused.value.field, refused.value.status) == (
        "invalid_cursor",
        "cursor",
        422,
    )
    assert "this export gave" in refused.value.message

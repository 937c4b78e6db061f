"""Cursors of keyset pagination: the last row's ``(instant, key)`` as an opaque token.

A list ordered by an instant and a unique key (the register by ``(received_at, number)``, the
credits export by ``(recorded_at, id)``) is read page by page with ``(at, key) > (last at, last
key)`` on an index, so a page costs one query at any depth. The token is URL-safe base64 of JSON;
one not made here is a 422 ``invalid_cursor`` naming the field, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import TypeVar

from reclamo.errors import ApplicationError

Key = TypeVar("Key", str, int)


def cursor_encode(at: datetime, key: str | int) -> str:
    raw = json.dumps([at.isoformat(), key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, *, key_type: type[Key], list_name: str) -> tuple[datetime, Key]:
    """The position ``cursor`` names: an aware instant and a key of ``key_type``. ``list_name``
    ("register", "export") says in the refusal which list's cursors are meant."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        instant, key = json.loads(base64.urlsafe_b64decode(padded.encode()))
        at = datetime.fromisoformat(instant)
        if at.tzinfo is None or type(key) is not key_type:  # `type`: a bool is no id
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError):
        raise ApplicationError(
            "invalid_cursor",
            f"cursor is not one this {list_name} gave; start again without it.",
            "cursor",
            status=422,
        ) from None
    return at, key

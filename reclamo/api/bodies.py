"""A registration's body as it arrived, read for the intake log before anything parses it.

Whatever arrives is kept: a JSON body as JSON, anything else (another content type, broken JSON,
characters no database stores) as text, with the reason it cannot be read. The fingerprint tells
a repeated request from a reused Idempotency-Key.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from reclamo.api.errors import ApiError
from reclamo.api.idempotency import request_fingerprint


@dataclass(frozen=True, slots=True)
class Received:
    """A request body as it arrived: its JSON (None when unreadable), the text kept otherwise,
    and why it cannot be read, if so."""

    payload: Any
    text: str
    fingerprint: str
    problem: ApiError | None


def _storable(value: Any) -> bool:
    """JSON every database stores: no NUL character, no lone surrogate, no NaN or infinity."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_storable(key) and _storable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def request_body_receive(request: HttpRequest) -> Received:
    """The body as it arrived, read without failing: what cannot be read says why."""
    raw = request.body
    text = raw.decode("utf-8", "replace").replace("\x00", "\ufffd")
    content_type = request.content_type or ""
    if content_type != "application/json" and not content_type.endswith("+json"):
        # The answer of every JSON endpoint (reclamo.api.errors.JsonParser).
        wrong_type = ApiError(415, "unsupported_media_type", "Send Content-Type: application/json.")
        return Received(None, text, request_fingerprint(None, raw), wrong_type)
    try:
        payload = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        invalid = ApiError(400, "invalid_json", "The request body is not valid JSON.")
        return Received(None, text, request_fingerprint(None, raw), invalid)
    try:
        storable = _storable(payload)
    except RecursionError:
        storable = False
    if not storable:
        unstorable = ApiError(
            422,
            "invalid_characters",
            _("The body holds characters or numbers that cannot be stored (NUL, NaN, …)."),
        )
        return Received(None, text, request_fingerprint(None, raw), unstorable)
    return Received(payload, "", request_fingerprint(payload, raw), None)

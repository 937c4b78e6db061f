"""Integration tokens: generated, hashed and compared here, nowhere else."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "rcl_"  # noqa: S105 - a public marker, not a secret


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

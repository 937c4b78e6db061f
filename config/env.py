"""The one module that reads the process environment.

Every setting that can change between installations is read here, validated, and turned into a
plain Python value. A bad value raises `ConfigurationError` whose message is one line that says
which variable to set and how; `reclamo` prints that line and exits instead of a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url

from reclamo.errors import ConfigurationError

__all__ = ["ConfigurationError"]

BASE_DIR = Path(__file__).resolve().parent.parent


def _text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str, default: bool) -> bool:
    raw = _text(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a yes/no value: set it to 1 or 0.")


def _int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = _text(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum} (it is {value}).")
    return value


def _list(name: str, default: list[str]) -> list[str]:
    raw = _text(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the embedded database, uploads and collected static files live.

    The default, `./var`, is relative to the working directory: an installed package must not
    write into site-packages.
    """
    return Path(_text("RECLAMO_DATA_DIR") or "var").resolve()


def database(*, default_sqlite: Path) -> dict[str, Any]:
    """`DATABASE_URL` (postgres://… or sqlite:///…), else the embedded SQLite file."""
    url = _text("DATABASE_URL")
    if not url:
        return sqlite_database(default_sqlite)
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        problem = f"has the scheme {scheme!r}" if scheme else "is not a URL"
        raise ConfigurationError(
            f"DATABASE_URL {problem}: set it to "
            "postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH, or unset it for the "
            "embedded SQLite database."
        )
    try:
        parsed: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:
        raise ConfigurationError(
            f"DATABASE_URL cannot be read ({error}): set it to "
            "postgres://USER:PASSWORD@HOST:PORT/NAME."
        ) from None
    if scheme == "sqlite":
        return sqlite_database(Path(parsed["NAME"]))
    if not parsed.get("NAME"):
        raise ConfigurationError(
            "DATABASE_URL names no database: set it to postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
    parsed["CONN_HEALTH_CHECKS"] = True
    # JIT compiles big plans (tens of ms up to ~230 ms on a 100 k-row list) and pays off only on
    # long analytic queries, which the register never runs. `?options=…` in DATABASE_URL
    # replaces this; RECLAMO_PG_JIT_OFF=0 sends no startup option (PgBouncer refuses them: set
    # `ALTER ROLE … SET jit = off` instead).
    if _flag("RECLAMO_PG_JIT_OFF", True):
        parsed.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return parsed


def sqlite_database(path: Path) -> dict[str, Any]:
    """SQLite tuned for a small server: WAL journal, IMMEDIATE transactions, a busy timeout,
    and connections kept between requests (opening one and running the PRAGMAs costs 0.5–0.7 ms
    a request). Django keeps a connection per thread, so gunicorn's sync workers (one thread
    each) and threaded workers alike never share one; the health check reopens a connection
    that broke while idle."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets the web workers read while the task worker writes; IMMEDIATE takes the
            # write lock at BEGIN so concurrent writers wait instead of failing mid-transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


@dataclass(frozen=True)
class Serving:
    web_workers: int
    task_workers: int


def default_web_workers() -> int:
    """Two gunicorn workers per core: a registration spends most of its time waiting for
    PostgreSQL (two commits, about ten round trips), and a sync worker is idle meanwhile, so one
    per core leaves the cores idle too; beyond two per core the CPUs are the limit and every
    further worker only adds memory (~80 MB) and a database connection."""
    return max(2, 2 * (os.cpu_count() or 1))


def serving() -> Serving:
    return Serving(
        web_workers=_int("RECLAMO_WEB_WORKERS", default_web_workers()),
        task_workers=_int("RECLAMO_TASK_WORKERS", 1),
    )


def debug(default: bool) -> bool:
    return _flag("RECLAMO_DEBUG", default)


def production_debug() -> bool:
    """Production never shows debug pages: they print settings and source to any visitor."""
    if _flag("RECLAMO_DEBUG", False):
        raise ConfigurationError(
            "RECLAMO_DEBUG is on in production: unset it or set it to 0 (debug pages show "
            "settings and source code to every visitor)."
        )
    return False


def trusted_proxy_count() -> int:
    """How many reverse proxies of our own sit in front of Reclamo (0: clients connect directly).

    Each appends the address it received from to X-Forwarded-For, so the client's address is the
    entry that many places from the end; entries before it are whatever the client sent.
    """
    return _int("RECLAMO_TRUSTED_PROXY_COUNT", 0, minimum=0)


def secret_key(*, required: bool, fallback: str) -> str:
    value = _text("RECLAMO_SECRET_KEY")
    if value:
        if required and len(value) < 50:
            raise ConfigurationError(
                "RECLAMO_SECRET_KEY is too short: set it to at least 50 random characters "
                "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
            )
        return value
    if required:
        raise ConfigurationError(
            "RECLAMO_SECRET_KEY is not set: production needs a secret of at least 50 random "
            "characters (python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return fallback


def allowed_hosts(*, required: bool, default: list[str]) -> list[str]:
    hosts = _list("RECLAMO_ALLOWED_HOSTS", [] if required else default)
    if required and not hosts:
        raise ConfigurationError(
            "RECLAMO_ALLOWED_HOSTS is not set: production needs the host names it serves, "
            "comma-separated (reclamo.example.com)."
        )
    return hosts


def csrf_trusted_origins() -> list[str]:
    return _list("RECLAMO_CSRF_TRUSTED_ORIGINS", [])


def email_backend(default: str) -> str:
    return _text("RECLAMO_EMAIL_BACKEND") or default


def sms_backend(default: str) -> str:
    return _text("RECLAMO_SMS_BACKEND") or default


def base_url() -> str:
    """The site's public address, for links in letters sent outside a request (no trailing /)."""
    raw = _text("RECLAMO_BASE_URL") or "http://localhost:8000"
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigurationError(
            f"RECLAMO_BASE_URL={raw!r} is not a web address: set it to https://HOST "
            "(the address customers use to reach Reclamo)."
        )
    return raw.rstrip("/")


def email_from() -> str:
    return _text("RECLAMO_EMAIL_FROM") or "Reclamo <reclamo@localhost>"


def email_host() -> tuple[str, int, str, str, bool]:
    return (
        _text("RECLAMO_EMAIL_HOST") or "localhost",
        _int("RECLAMO_EMAIL_PORT", 25),
        _text("RECLAMO_EMAIL_USER"),
        _text("RECLAMO_EMAIL_PASSWORD"),
        _flag("RECLAMO_EMAIL_TLS", False),
    )


def imap_mailboxes() -> dict[str, dict[str, Any]]:
    """The IMAP mailboxes `reclamo fetch_mail` reads, per provider slug.

    One mailbox per provider: `RECLAMO_IMAP_<SLUG>_HOST` (the slug upper-cased, `-` as `_`)
    switches it on; `…_PORT` (993, or 143 without TLS), `…_USER`, `…_PASSWORD`, `…_FOLDER`
    (`INBOX`), `…_SECURITY` (`ssl`, `starttls` or `none`; `ssl`) and `…_MOVE_TO` (a folder the
    fetched messages are moved to; empty: they are only marked \\Seen).
    """
    found: dict[str, dict[str, Any]] = {}
    for name in sorted(os.environ):
        if not (name.startswith("RECLAMO_IMAP_") and name.endswith("_HOST")):
            continue
        key = name[len("RECLAMO_IMAP_") : -len("_HOST")]
        host = _text(name)
        if not key or not host:
            continue
        prefix = f"RECLAMO_IMAP_{key}_"
        security = (_text(prefix + "SECURITY") or "ssl").lower()
        if security not in {"ssl", "starttls", "none"}:
            raise ConfigurationError(
                f"{prefix}SECURITY={security!r} is not known: set it to ssl, starttls or none."
            )
        found[key.lower().replace("_", "-")] = {
            "host": host,
            "port": _int(prefix + "PORT", 993 if security == "ssl" else 143),
            "user": _text(prefix + "USER"),
            "password": os.environ.get(prefix + "PASSWORD", ""),
            "folder": _text(prefix + "FOLDER") or "INBOX",
            "security": security,
            "move_to": _text(prefix + "MOVE_TO"),
        }
    return found

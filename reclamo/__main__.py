"""The `reclamo` console script: the project's manage.py.

A bad environment (a malformed DATABASE_URL, a missing production secret) stops start-up with one
line that says what to set, not a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from reclamo.errors import ConfigurationError

    try:
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ConfigurationError as error:
        sys.stderr.write(f"reclamo: configuration error: {error}\n")
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(argv if argv is not None else sys.argv)
    except OperationalError as error:
        # A command run before the database exists (a fresh checkout, no `reclamo serve` yet) or
        # while the server is down: one line that says what to do, not a traceback.
        sys.stderr.write(f"reclamo: database error: {_database_problem(error)}\n")
        raise SystemExit(1) from None


def _database_problem(error: Exception) -> str:
    from django.conf import settings

    name = settings.DATABASES["default"].get("NAME", "")
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return (
        f"{first_line} (database {name}). Create it with `reclamo migrate` (or start "
        "`reclamo serve` once, which also loads the providers), or check DATABASE_URL."
    )


if __name__ == "__main__":
    main()

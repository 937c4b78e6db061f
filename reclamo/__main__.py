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

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.domain.policy import (
    PolicyInvalid,
    load_policy_bytes,
    policy_text,
    policy_warnings,
)


class Command(BaseCommand):
    help = (
        "Validate a complaint-procedure policy file and report every problem with its line; "
        "warn about channels customers could not use."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the policy YAML file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        source = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            policy = load_policy_bytes(data, source=source)
            warnings = policy_warnings(policy, source=source, text=policy_text(data, source=source))
        except PolicyInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path}: {len(invalid.problems)} problem(s); the policy was not accepted."
            ) from None
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"{path}: valid — {policy.slug} version {policy.version}, "
            f"in force from {policy.effective_from}."
            + (f" {len(warnings)} warning(s)." if warnings else "")
        )

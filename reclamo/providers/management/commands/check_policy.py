from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.domain.policy import PolicyInvalid, load_policy_file


class Command(BaseCommand):
    help = "Validate a complaint-procedure policy file and report every problem with its line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the policy YAML file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            policy = load_policy_file(path)
        except PolicyInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path}: {len(invalid.problems)} problem(s); the policy was not accepted."
            ) from None
        self.stdout.write(
            f"{path}: valid — {policy.slug} version {policy.version}, "
            f"in force from {policy.effective_from}."
        )

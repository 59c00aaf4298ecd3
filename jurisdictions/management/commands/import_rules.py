from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jurisdictions.rows import RuleDataError
from jurisdictions.services import rules_import


class Command(BaseCommand):
    help = (
        "Import jurisdiction rules from a JSON rule set or a CSV table (*.csv). The whole file "
        "is checked first; changed rules become new published versions."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        try:
            result = rules_import(raw=path.read_bytes(), name=path.name)
        except OSError as exc:
            raise CommandError(f"Can't read {path}: {exc.strerror}.") from exc
        except RuleDataError as exc:
            raise CommandError(
                f"{path.name} was not imported (nothing saved):\n  " + "\n  ".join(exc.problems)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.published)} rule versions published, {result.unchanged} unchanged."
            )
        )

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jurisdictions.loader import builtin_rules_load
from jurisdictions.rows import RuleDataError


class Command(BaseCommand):
    help = "Create or update the built-in jurisdiction rules. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        try:
            result = builtin_rules_load()
        except RuleDataError as exc:
            raise CommandError(
                "The built-in rules were not loaded (nothing saved):\n  "
                + "\n  ".join(exc.problems)
            ) from exc
        self.stdout.write(
            f"  {len(result.published)} rule versions published, {result.unchanged} unchanged."
        )
        self.stdout.write(self.style.SUCCESS("Built-in jurisdiction rules ready."))

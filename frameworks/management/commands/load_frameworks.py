from __future__ import annotations

from django.core.management.base import BaseCommand

from frameworks.services import builtin_frameworks_load


class Command(BaseCommand):
    help = "Create or update the built-in frameworks. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        for framework in builtin_frameworks_load():
            latest = framework.versions.order_by("-number").first()
            marker = " (default)" if framework.is_builtin_default else ""
            self.stdout.write(f"  {framework.name} v{latest.number}{marker}")
        self.stdout.write(self.style.SUCCESS("Built-in frameworks ready."))

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import DEMO_ACCOUNTS, demo_data_ensure


class Command(BaseCommand):
    help = "Create (or reset) the demo clinic and the demo accounts. Safe to run repeatedly."

    def handle(self, *args, **options) -> None:
        demo_data_ensure()
        self.stdout.write(self.style.SUCCESS("Demo accounts ready:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account.username:<11} {account.first_name} {account.last_name} "
                f"({account.role.label})"
            )
        self.stdout.write(f"  password for all three: {settings.DEMO_PASSWORD}")
        self.stdout.write(
            "  admin → People → Invite someone: the invitation e-mail, with its one-time link, "
            "prints in this console."
        )

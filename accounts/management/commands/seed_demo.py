from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.second_factor import DEMO_TOTP_SECRET
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
            "  supervisor and admin also need a code from their authenticator app (the "
            "clinic's policy): `.venv/bin/python manage.py demo_code supervisor` prints it "
            f"(or add the key {DEMO_TOTP_SECRET} to an authenticator app)."
        )
        self.stdout.write(
            "  admin → People → Invite someone: the invitation e-mail, with its one-time link, "
            "prints in this console."
        )

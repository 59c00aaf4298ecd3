from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from consults.demo import COLLEAGUE, demo_consults_ensure


class Command(BaseCommand):
    help = (
        "Give the demo a colleague to ask (username 'colleague'), the clinic's ethics "
        "committee and one open request from the demo clinician. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        if not User.objects.filter(username="clinician").exists():
            raise CommandError("No demo clinician; run `manage.py seed_demo` first.")
        result = demo_consults_ensure()
        self.stdout.write(
            f"  {COLLEAGUE:<11} {result.colleague.display_name} (Clinician), "
            f"password {settings.DEMO_PASSWORD}"
        )
        if result.request is not None:
            self.stdout.write(
                f"  open request: “{result.request.deliberation.title}”, asked of "
                f"{result.colleague.display_name}: sign in as '{COLLEAGUE}' → Asked of me."
            )
        self.stdout.write(self.style.SUCCESS("Ask-a-colleague demo ready."))

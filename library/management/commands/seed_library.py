from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from library.demo import demo_library_ensure


class Command(BaseCommand):
    help = "Publish the demo clinic's two library entries (safe to run repeatedly)."

    def handle(self, *args, **options) -> None:
        admin = User.objects.filter(username="admin").first()
        clinician = User.objects.filter(username="clinician").first()
        if admin is None or clinician is None:
            raise CommandError("No demo users; run `manage.py seed_demo` first.")
        entries = demo_library_ensure(clinic=admin.clinic, reviewer=admin, author=clinician)
        for entry in entries:
            self.stdout.write(f"  {entry.title}")
        self.stdout.write(self.style.SUCCESS("Demo library entries ready."))

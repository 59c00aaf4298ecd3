from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.second_factor import demo_code


class Command(BaseCommand):
    help = (
        "Print the code a demo account's authenticator app shows now: the demo's supervisor "
        "and admin must have a second factor, as in every clinic."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        code = demo_code(user=user) if user is not None else None
        if code is None:
            raise CommandError(f"{username} is not a demo account with an authenticator app.")
        self.stdout.write(code)

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from cases.examples import ExampleError, examples_ensure


class Command(BaseCommand):
    help = (
        "Give the demo clinician the finished, de-identified example deliberations (one "
        "waiting for the supervisor's review, with a comment and a reply). "
        "Safe to run repeatedly: existing examples are kept and signed ones never touched."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--owner",
            default="clinician",
            help="Username that owns the examples (default: the demo clinician).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete and recreate examples that are still drafts (e.g. after editing them).",
        )

    def handle(self, *args, **options) -> None:
        owner = User.objects.filter(username=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No user {options['owner']!r}; run `manage.py seed_demo` first.")
        try:
            results = examples_ensure(owner=owner, reset=options["reset"])
        except ExampleError as error:
            raise CommandError(str(error)) from error
        for result in results:
            d = result.deliberation
            line = f"  {d.client_reference}  {d.title} — {result.outcome}"
            if result.reviewer is not None:
                line += f"; submitted for review to {result.reviewer.display_name}"
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Example deliberations ready for {owner.username}."))

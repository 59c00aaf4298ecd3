from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jurisdictions.kinds import DutyKind
from jurisdictions.transfer import export_text


class Command(BaseCommand):
    help = (
        "Export the jurisdiction rules: JSON (every rule with its published and retired "
        "versions) or CSV (the current version of each rule, in the data format's columns)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--duty", choices=DutyKind.values, help="CSV: only this duty.")
        parser.add_argument("--output", help="A file to write; standard output otherwise.")

    def handle(self, *args, **options) -> None:
        if options["format"] == "json" and options["duty"]:
            raise CommandError("--duty is for the CSV table; JSON exports every rule.")
        text = export_text(file_format=options["format"], duty=options["duty"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")

"""The installation's operator creates a clinic and invites its first clinic admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.invitations import InvitationRefused, invitation_create, invitation_send
from accounts.models import Role
from accounts.services import clinic_create
from audit.models import Action
from audit.services import audit_record
from ethicsdesk.env import env_str
from jurisdictions.selectors import known_codes

OPERATOR = "operator (create_clinic)"


class Command(BaseCommand):
    help = (
        "Create a clinic and e-mail its first clinic admin an invitation "
        "(a one-time link, valid 72 hours)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--name", required=True, help="The clinic's name.")
        parser.add_argument(
            "--time-zone", required=True, help="An IANA name, e.g. America/Los_Angeles."
        )
        parser.add_argument(
            "--jurisdiction",
            default="",
            help="Whose law applies by default, an ISO 3166-2 style code, e.g. US-CA or CA-ON.",
        )
        parser.add_argument("--admin-email", required=True, help="The first clinic admin's e-mail.")
        parser.add_argument(
            "--admin-name",
            default="",
            help="The first admin's full name (default: the e-mail's part before the @).",
        )
        parser.add_argument(
            "--site-url",
            default=env_str("SITE_URL", "http://127.0.0.1:8000"),
            help="The address people open EthicsDesk at, for the link (default: $SITE_URL).",
        )

    def handle(self, *args, **options) -> None:
        email = options["admin_email"].strip().lower()
        jurisdiction = options["jurisdiction"].strip().upper()
        if jurisdiction and jurisdiction not in known_codes():
            raise CommandError(
                f"{jurisdiction} is not a known jurisdiction (e.g. US-CA, US-NY, CA-ON, GB-ENG)."
            )
        name = options["admin_name"].split() or [email.split("@")[0]]
        first, last = " ".join(name[:-1]) or name[0], name[-1] if len(name) > 1 else ""
        try:
            with transaction.atomic():
                clinic = clinic_create(
                    name=options["name"], time_zone=options["time_zone"], jurisdiction=jurisdiction
                )
                invitation = invitation_create(
                    clinic=clinic,
                    email=email,
                    first_name=first,
                    last_name=last,
                    role=Role.CLINIC_ADMIN,
                    invited_by=None,
                )
                for action, object_type, object_id, detail in (
                    (Action.ADMIN, "clinic", clinic.pk, f"create_clinic slug={clinic.slug}"),
                    (Action.INVITE, "invitation", invitation.pk, f"invited={email} first admin"),
                ):
                    audit_record(
                        request=None,
                        action=action,
                        username=OPERATOR,
                        clinic_id=clinic.pk,
                        object_type=object_type,
                        object_id=object_id,
                        detail=detail,
                    )
                if not invitation_send(invitation=invitation, base_url=options["site_url"]):
                    # Nothing is kept, so the same command can simply run again.
                    raise CommandError(
                        f"The e-mail to {email} could not be sent, so nothing was created. "
                        "Check the mail settings (EMAIL_*) and run the command again."
                    )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except InvitationRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {clinic.name} ({clinic.slug}, {clinic.time_zone}"
                f"{', ' + clinic.jurisdiction if clinic.jurisdiction else ''})."
            )
        )
        self.stdout.write(f"Invitation e-mailed to {email}; the link works once, for 72 hours.")

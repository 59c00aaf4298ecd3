"""Writes about people and their relationships."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Clinic, Role, SupervisionLink, User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    title: str


DEMO_CLINIC = ("Riverside Counselling (demo)", "riverside-demo")
DEMO_TIME_ZONE = "America/Los_Angeles"  # a realistic zone, so the demo shows times with it
DEMO_ACCOUNTS = (
    DemoAccount("clinician", "Dana", "Reyes", Role.CLINICIAN, "Licensed professional counselor"),
    DemoAccount("supervisor", "Sam", "Okafor", Role.SUPERVISOR, "Clinical supervisor, LPC-S"),
    DemoAccount("admin", "Alex", "Kim", Role.CLINIC_ADMIN, "Clinic administrator"),
)


def supervision_link_start(
    *, supervisor: User, clinician: User, created_by: User | None = None
) -> SupervisionLink:
    """Start supervising, or return the link that is already active."""
    link = SupervisionLink.objects.filter(
        supervisor=supervisor, clinician=clinician, ended_at__isnull=True
    ).first()
    if link is not None:
        return link
    link = SupervisionLink(
        clinic=clinician.clinic, supervisor=supervisor, clinician=clinician, created_by=created_by
    )
    link.full_clean()
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        # Another admin added the same pair a moment ago: theirs is the active link.
        return SupervisionLink.objects.get(
            supervisor=supervisor, clinician=clinician, ended_at__isnull=True
        )
    return link


def supervision_link_end(*, link: SupervisionLink) -> SupervisionLink:
    """End a link once; a second end (or a concurrent one) keeps the first end time."""
    SupervisionLink.objects.filter(pk=link.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    link.refresh_from_db(fields=["ended_at"])
    return link


@transaction.atomic
def demo_data_ensure(*, password: str | None = None) -> dict[str, User]:
    """Create the demo clinic and accounts, or bring them back to their demo state."""
    password = password or settings.DEMO_PASSWORD
    name, slug = DEMO_CLINIC
    clinic, _ = Clinic.objects.update_or_create(
        slug=slug, defaults={"name": name, "time_zone": DEMO_TIME_ZONE}
    )
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "professional_title": account.title,
                "clinic": clinic,
                "email": f"{account.username}@riverside.example",
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        users[account.username] = user
    supervision_link_start(supervisor=users["supervisor"], clinician=users["clinician"])
    return users

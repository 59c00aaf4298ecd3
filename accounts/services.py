"""Writes about people and their relationships."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Clinic, Profession, Role, SupervisionLink, User
from accounts.second_factor import ALWAYS_REQUIRED, demo_second_factor_ensure
from accounts.selectors import clinic_admins_active
from accounts.sessions import end_sessions


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    title: str
    profession: str = ""


DEMO_CLINIC = ("Riverside Counselling (demo)", "riverside-demo")
DEMO_TIME_ZONE = "America/Los_Angeles"  # a realistic zone, so the demo shows times with it
DEMO_JURISDICTION = "US-CA"  # the demo clinic is in California (its time zone), so its law
DEMO_ACCOUNTS = (
    DemoAccount(
        "clinician",
        "Dana",
        "Reyes",
        Role.CLINICIAN,
        "Licensed professional counselor",
        Profession.COUNSELLOR,
    ),
    DemoAccount(
        "supervisor",
        "Sam",
        "Okafor",
        Role.SUPERVISOR,
        "Clinical supervisor, LPC-S",
        Profession.COUNSELLOR,
    ),
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


def clinic_create(*, name: str, time_zone: str, jurisdiction: str = "") -> Clinic:
    """A new clinic (the installation's operator creates clinics; see create_clinic)."""
    name = " ".join(name.split())
    if Clinic.objects.filter(name__iexact=name).exists():
        raise ValidationError(f"A clinic named {name!r} exists already.")
    base = slugify(name)[:70] or "clinic"
    slug, n = base, 1
    while Clinic.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    clinic = Clinic(name=name, slug=slug, time_zone=time_zone, jurisdiction=jurisdiction)
    clinic.full_clean()
    clinic.save()
    return clinic


class PersonRefused(Exception):
    """A change to a person the rules don't allow; the message says why."""


def _supervision_end_all(*, person: User, as_supervisor: bool, as_clinician: bool) -> int:
    """End the person's current supervision links (the rows stay, with their end time)."""
    sides = Q(pk__in=[])
    if as_supervisor:
        sides |= Q(supervisor=person)
    if as_clinician:
        sides |= Q(clinician=person)
    return SupervisionLink.objects.filter(sides, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )


def _keep_an_admin(*, person: User, by: User, doing: str) -> None:
    """A clinic admin can't switch off or demote themself, nor the clinic's last admin.

    The clinic's active admins are locked first, so two admins demoting each other at the
    same moment can't leave the clinic with none."""
    if person.pk == by.pk:
        raise PersonRefused(
            f"You can't {doing} yourself. Ask another clinic admin of your clinic to do it."
        )
    admins = list(
        clinic_admins_active(clinic=person.clinic).select_for_update().values_list("pk", flat=True)
    )
    if person.pk in admins and len(admins) == 1:
        raise PersonRefused(
            f"{person.display_name} is the clinic's only admin. Make someone else clinic admin "
            f"first, then {doing} {person.display_name}."
        )


@transaction.atomic
def person_role_change(*, person: User, role: str, by: User) -> User:
    """Give the person another role. Supervision links that no longer fit end (a former
    supervisor stops reviewing; an admin or auditor is no longer supervised)."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.role == role:
        return person
    if person.role == Role.CLINIC_ADMIN:
        _keep_an_admin(person=person, by=by, doing="take the clinic admin role from")
    person.role = role
    person.full_clean(exclude=["password"])
    person.save(update_fields=["role"])
    _supervision_end_all(
        person=person,
        as_supervisor=role != Role.SUPERVISOR,
        as_clinician=role not in (Role.CLINICIAN, Role.SUPERVISOR),
    )
    return person


@transaction.atomic
def person_deactivate(*, person: User, by: User) -> User:
    """Switch the account off: no sign-in, and an open session is refused at its next
    request (the authentication backend refuses inactive users). Records, signatures and the
    supervision history stay; current supervision links end."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        return person
    _keep_an_admin(person=person, by=by, doing="deactivate")
    person.is_active = False
    person.deactivated_at = timezone.now()
    person.save(update_fields=["is_active", "deactivated_at"])
    _supervision_end_all(person=person, as_supervisor=True, as_clinician=True)
    sessions_end(user=person)
    return person


@transaction.atomic
def person_reactivate(*, person: User) -> User:
    """Switch the account back on. Ended supervision links stay ended: add them again."""
    User.objects.filter(pk=person.pk, is_active=False).update(is_active=True, deactivated_at=None)
    person.refresh_from_db(fields=["is_active", "deactivated_at"])
    return person


def sessions_end(*, user: User) -> None:
    """End every session of the person at once (deleted now, not only refused at their next
    request), audited as SESSION_END: accounts/sessions.end_sessions."""
    end_sessions(user=user, reason="deactivated")


@transaction.atomic
def demo_data_ensure(*, password: str | None = None) -> dict[str, User]:
    """Create the demo clinic and accounts, or bring them back to their demo state."""
    password = password or settings.DEMO_PASSWORD
    name, slug = DEMO_CLINIC
    clinic, _ = Clinic.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "time_zone": DEMO_TIME_ZONE, "jurisdiction": DEMO_JURISDICTION},
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
                "profession": account.profession,
                "clinic": clinic,
                "email": f"{account.username}@riverside.example",
                "is_active": True,
                "deactivated_at": None,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        users[account.username] = user
        if account.role in ALWAYS_REQUIRED:
            # The clinic's policy holds in the demo too: these accounts have an authenticator
            # app with the public demo key (manage.py demo_code prints its current code).
            demo_second_factor_ensure(user=user)
    supervision_link_start(supervisor=users["supervisor"], clinician=users["clinician"])
    return users


def clinic_settings_update(*, clinic: Clinic, clinician_second_factor: str) -> Clinic:
    """Set the clinic's policy. It applies to each person from their next sign-in."""
    clinic.clinician_second_factor = clinician_second_factor
    clinic.full_clean()
    clinic.save(update_fields=["clinician_second_factor"])
    return clinic


@transaction.atomic
def second_factor_reset(*, person: User, by: User, reason: str) -> int:
    """Remove every second factor of ``person`` (a lost phone) and end their sessions, so
    whoever holds the phone or a signed-in browser is out; at their next sign-in they set up
    a new one if their clinic's policy requires it. The person is told by e-mail who did it,
    when and why (``reason``: the category's wording). Returns how many were removed."""
    if person.pk == by.pk:
        raise PersonRefused(
            "You can't reset your own second factor here: use Account → Two-step sign-in, or "
            "ask another clinic admin of your clinic."
        )
    removed, _ = Authenticator.objects.filter(user=person).delete()
    end_sessions(user=person, reason="second factor reset")
    if removed:
        _second_factor_reset_notice(person=person, by=by, reason=reason)
    return removed


def _second_factor_reset_notice(*, person: User, by: User, reason: str) -> None:
    # Like allauth's password notices (same greeting and subject prefix); names and times
    # only, no clinical text. The time in the clinic's own zone, as every time it reads.
    if not person.email:
        return
    at = timezone.now().astimezone(ZoneInfo(person.clinic.time_zone))
    context = {
        "user": person,
        "by_name": by.display_name,
        "clinic_name": person.clinic.name,
        "day": f"{at.day} {at:%B %Y}",
        "time": f"{at:%H:%M %Z}",
        "reason": reason,
    }
    send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Your two-step sign-in was reset",
        message=render_to_string("mfa/email/second_factor_reset_message.txt", context),
        from_email=None,
        recipient_list=[person.email],
        fail_silently=True,
    )


def clinic_jurisdiction_set(*, clinic: Clinic, jurisdiction: str) -> Clinic:
    """Whose law applies by default to the clinic's new deliberations (a code the form has
    checked against the known jurisdictions; blank for none)."""
    clinic.jurisdiction = jurisdiction
    clinic.save(update_fields=["jurisdiction"])
    return clinic

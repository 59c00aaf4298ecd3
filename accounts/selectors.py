"""Reads about people and their relationships."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.urls import reverse

from accounts.models import Clinic, Invitation, Role, SupervisionLink, User


def user_home_url(*, user: User) -> str:
    if user.is_auditor:
        return reverse("audit:list")
    if user.is_clinic_admin:
        return reverse("frameworks:list")
    if user.is_supervisor:
        return reverse("review:queue")
    return reverse("cases:list")


def supervisees_of(*, supervisor: User) -> QuerySet[User]:
    return User.objects.filter(
        supervisor_links__supervisor=supervisor, supervisor_links__ended_at__isnull=True
    ).distinct()


def active_links_for(*, clinician: User) -> QuerySet[SupervisionLink]:
    return SupervisionLink.objects.filter(clinician=clinician, ended_at__isnull=True)


# -- supervision links, as the clinic admin manages them -----------------------------------

_BY_PAIR = (
    "supervisor__last_name",
    "supervisor__first_name",
    "clinician__last_name",
    "clinician__first_name",
    "pk",
)


def supervision_links_active(*, clinic: Clinic) -> QuerySet[SupervisionLink]:
    return (
        SupervisionLink.objects.filter(clinic=clinic, ended_at__isnull=True)
        .select_related("supervisor", "clinician")
        .order_by(*_BY_PAIR)
    )


def supervision_links_ended(*, clinic: Clinic) -> QuerySet[SupervisionLink]:
    return (
        SupervisionLink.objects.filter(clinic=clinic, ended_at__isnull=False)
        .select_related("supervisor", "clinician")
        .order_by("-ended_at", "pk")
    )


def supervision_link_active_exists(*, supervisor: User, clinician: User) -> bool:
    return SupervisionLink.objects.filter(
        supervisor=supervisor, clinician=clinician, ended_at__isnull=True
    ).exists()


def clinic_supervisors(*, clinic: Clinic) -> QuerySet[User]:
    return User.objects.filter(clinic=clinic, is_active=True, role=Role.SUPERVISOR)


def clinic_supervisable(*, clinic: Clinic) -> QuerySet[User]:
    """Who can be supervised: clinicians, and supervisors, who keep their own caseload."""
    return User.objects.filter(
        clinic=clinic, is_active=True, role__in=[Role.CLINICIAN, Role.SUPERVISOR]
    )


# -- people, as the clinic admin manages them ------------------------------------------------


def account_for_email(*, email: str) -> User | None:
    """The account that already uses this address (as its e-mail or its user name), if any."""
    email = email.strip()
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )


def open_invitation_for_email(*, email: str) -> Invitation | None:
    return Invitation.objects.filter(
        email__iexact=email.strip(), accepted_at__isnull=True, revoked_at__isnull=True
    ).first()


ACTIVE, INACTIVE = "active", "inactive"


def people_list(*, clinic: Clinic, role: str = "", status: str = "", query: str = ""):
    """The clinic's people with their current supervisors (one prefetch), filtered."""
    people = User.objects.filter(clinic=clinic).prefetch_related(
        Prefetch(
            "supervisor_links",
            queryset=SupervisionLink.objects.filter(ended_at__isnull=True)
            .select_related("supervisor")
            .order_by("supervisor__last_name", "supervisor__first_name", "pk"),
            to_attr="current_supervision",
        )
    )
    if role:
        people = people.filter(role=role)
    if status == ACTIVE:
        people = people.filter(is_active=True)
    elif status == INACTIVE:
        people = people.filter(is_active=False)
    for word in query.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people.order_by("last_name", "first_name", "pk")


def invitations_open(*, clinic: Clinic) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        clinic=clinic, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("last_name", "first_name", "pk")


class SecondFactor:
    """How a person proves it is them beyond a password, as the People pages say it."""

    APP = "app"  # an authenticator app or a passkey / security key (allauth.mfa)
    SSO = "sso"  # signs in through the clinic's provider, which does its own second step


def people_second_factors(*, people) -> dict[int, str]:
    """For those among ``people`` who have one, their second factor (``SecondFactor``): an
    authenticator app or passkey in allauth.mfa's table (recovery codes alone don't count),
    else an identity linked at the clinic's single sign-on provider. One query."""
    ids = [person.pk for person in people]
    if not ids:
        return {}
    own = (
        Authenticator.objects.filter(user_id__in=ids)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .annotate(kind=Value(SecondFactor.APP))
        .values_list("user_id", "kind")
    )
    linked = (
        SocialAccount.objects.filter(user_id__in=ids)
        .annotate(kind=Value(SecondFactor.SSO))
        .values_list("user_id", "kind")
    )
    found: dict[int, str] = {}
    for user_id, kind in own.union(linked):
        if found.get(user_id) != SecondFactor.APP:  # their own factor is named first
            found[user_id] = kind
    return found


def clinic_admins_active(*, clinic: Clinic) -> QuerySet[User]:
    return User.objects.filter(clinic=clinic, role=Role.CLINIC_ADMIN, is_active=True)


def clinicians_needing_supervisor(*, clinic: Clinic) -> QuerySet[User]:
    """Active people of the clinic with deliberations waiting for review and no current
    supervisor to review them (their supervisor left, or their link ended), each with
    ``waiting``, how many wait. One query; names and counts only: the clinic admin never
    sees clinical content."""
    return (
        User.objects.filter(clinic=clinic, is_active=True)
        .annotate(
            waiting=Count("deliberations", filter=Q(deliberations__pending_since__isnull=False))
        )
        .filter(waiting__gt=0)
        .exclude(
            Exists(SupervisionLink.objects.filter(clinician=OuterRef("pk"), ended_at__isnull=True))
        )
        .order_by("last_name", "first_name", "pk")
    )

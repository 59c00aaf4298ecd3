"""Reads about people and their relationships."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import Clinic, Role, SupervisionLink, User


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

"""Reads about people and their relationships."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import SupervisionLink, User


def user_home_url(*, user: User) -> str:
    if user.is_clinic_admin:
        return reverse("frameworks:list")
    if user.is_supervisor:
        return reverse("cases:review_queue")
    return reverse("cases:list")


def supervisees_of(*, supervisor: User) -> QuerySet[User]:
    return User.objects.filter(
        supervisor_links__supervisor=supervisor, supervisor_links__ended_at__isnull=True
    ).distinct()


def active_links_for(*, clinician: User) -> QuerySet[SupervisionLink]:
    return SupervisionLink.objects.filter(clinician=clinician, ended_at__isnull=True)

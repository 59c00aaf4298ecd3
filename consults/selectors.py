"""Reads for asking a colleague: what a page shows, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from cases.models import Deliberation
from consults.models import ConsultAnswer, ConsultGroup, ConsultRecipient, ConsultRequest
from ethicsdesk import access
from frameworks.selectors import pinned_version
from frameworks.typed import Definition, StepDef
from review.selectors import colleagues


def askable_steps(definition: Definition) -> list[StepDef]:
    return [s for s in definition.steps if access.step_askable(s)]


def colleagues_to_ask(user: User) -> QuerySet[User]:
    """Active clinicians (and supervisors) of the user's clinic, not the user."""
    return colleagues(user)


def groups_of(clinic_id: int) -> QuerySet[ConsultGroup]:
    return ConsultGroup.objects.filter(clinic_id=clinic_id).prefetch_related("members")


def consult_request_get(*, pk: int, deliberation_pk: int) -> ConsultRequest | None:
    """The request with its deliberation (and that one's framework version and owner)."""
    request = (
        ConsultRequest.objects.select_related(
            "asked_by", "deliberation__owner", "deliberation__clinic"
        )
        .filter(pk=pk, deliberation_id=deliberation_pk)
        .first()
    )
    if request is not None:
        d = request.deliberation
        d.framework_version = pinned_version(d.framework_version_id)
    return request


def _answers() -> Prefetch:
    return Prefetch(
        "answers", queryset=ConsultAnswer.objects.prefetch_related("notes").order_by("signed_at")
    )


def requests_of(deliberation: Deliberation) -> list[ConsultRequest]:
    """Every request about a deliberation, newest first, with who was asked and the answers
    (and their notes): four queries."""
    return list(
        ConsultRequest.objects.filter(deliberation=deliberation).prefetch_related(
            Prefetch("recipients", queryset=ConsultRecipient.objects.select_related("colleague")),
            _answers(),
        )
    )


def answer_of(request: ConsultRequest, user: User) -> ConsultAnswer | None:
    return request.answers.filter(author=user).prefetch_related("notes").first()


def asked_of(user: User) -> list[ConsultRecipient]:
    """Everything the user was asked, newest first, with their own answer where there is one."""
    recipients = list(
        ConsultRecipient.objects.filter(colleague=user)
        .select_related("request__deliberation", "request__asked_by")
        .order_by("-request__created_at", "-request_id")[:200]
    )
    answered = dict(
        ConsultAnswer.objects.filter(
            author=user, request_id__in=[r.request_id for r in recipients]
        ).values_list("request_id", "signed_at")
    )
    for r in recipients:
        r.answered_at = answered.get(r.request_id)
    return recipients


def open_asked_count(user: User) -> int:
    """Requests to the user still open and not yet answered by them (the navigation's count)."""
    return (
        ConsultRecipient.objects.filter(
            colleague=user,
            request__closed_at__isnull=True,
            request__deliberation__signed_at__isnull=True,
        )
        .exclude(request__answers__author=user)
        .count()
    )


def received_entries(deliberation: Deliberation) -> dict[int, ConsultAnswer]:
    """The consultation entries that hold a colleague's answer, by entry id (read-only in the
    worksheet), with the answers' later notes: loaded with the entries (the step's page
    relations), so no query here."""
    answers = (getattr(c, "received_answer", None) for c in deliberation.consultations.all())
    return {a.consultation_id: a for a in answers if a is not None}

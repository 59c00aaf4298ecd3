"""Writes for asking a colleague: ask, answer (signed), later notes, close, a group's
conclusion, and the clinic's consultation groups. Keyword-only; each refuses with the reason
(``ConsultRefused``) rather than storing something half right."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Clinic, Role, User
from cases.models import ConsultantKind, Consultation, Deliberation
from consults.models import (
    AnswerNote,
    ConclusionKind,
    ConsultAnswer,
    ConsultGroup,
    ConsultRecipient,
    ConsultRequest,
)
from ethicsdesk import access
from records.services import signer_role
from review.models import NotificationKind
from review.services import notify

CLINICAL_ROLES = (Role.CLINICIAN, Role.SUPERVISOR)


class ConsultRefused(Exception):
    """The request, answer or change does not fit (the message says why, to the user)."""


def clinic_today(clinic: Clinic, at: datetime.datetime | None = None) -> datetime.date:
    """The date in the clinic's time zone (answer-by dates are the clinic's days)."""
    return timezone.localtime(at or timezone.now(), zoneinfo.ZoneInfo(clinic.time_zone)).date()


def _signed_now(deliberation: Deliberation) -> bool:
    """Whether it is signed, its row locked so a signature cannot land meanwhile."""
    signed_at = (
        Deliberation.objects.select_for_update()
        .filter(pk=deliberation.pk)
        .values_list("signed_at", flat=True)
        .get()
    )
    return signed_at is not None


def _colleagues_asked(
    *, deliberation: Deliberation, asked_by: User, colleagues: Iterable[User], group
) -> list[User]:
    people = {u.pk: u for u in colleagues}
    if group is not None:
        if group.clinic_id != deliberation.clinic_id:
            raise ConsultRefused("That group is not one of your clinic's.")
        # Members who left, or are no longer clinicians (an admin now), are not asked.
        members = group.members.filter(is_active=True, role__in=CLINICAL_ROLES)
        people |= {u.pk: u for u in members}
    people.pop(asked_by.pk, None)  # asking a group one belongs to asks the others
    for person in people.values():
        if person.clinic_id != deliberation.clinic_id or not person.is_clinician:
            raise ConsultRefused("You can ask only clinicians of your clinic.")
        if not person.is_active:
            raise ConsultRefused(f"{person.display_name} no longer uses EthicsDesk.")
    if not people:
        raise ConsultRefused("Choose at least one colleague, or a group with other members.")
    return sorted(people.values(), key=lambda u: u.pk)


@transaction.atomic
def consult_ask(
    *,
    deliberation: Deliberation,
    asked_by: User,
    question: str,
    step_keys: list[str],
    answer_by: datetime.date,
    colleagues: Iterable[User] = (),
    group: ConsultGroup | None = None,
) -> ConsultRequest:
    """Ask colleagues (and/or a group's members, not the asker) about chosen steps."""
    if _signed_now(deliberation):
        raise ConsultRefused("This deliberation is signed; nobody can be asked about it now.")
    definition = deliberation.framework_version.spec
    steps = [definition.step(key) for key in step_keys]
    if not steps or any(s is None or not access.step_askable(s) for s in steps):
        raise ConsultRefused(
            "Choose the steps they may read; your private reflection is never shared."
        )
    if not question.strip():
        raise ConsultRefused("Write the question you ask.")
    if answer_by < clinic_today(deliberation.clinic):
        raise ConsultRefused("The answer-by date is in the past.")
    people = _colleagues_asked(
        deliberation=deliberation, asked_by=asked_by, colleagues=colleagues, group=group
    )
    ordered = [s.key for s in definition.steps if s.key in set(step_keys)]
    request = ConsultRequest.objects.create(
        deliberation=deliberation,
        asked_by=asked_by,
        group=group,
        group_name=group.name if group is not None else "",
        question=question.strip(),
        step_keys=ordered,
        answer_by=answer_by,
    )
    ConsultRecipient.objects.bulk_create(
        [ConsultRecipient(request=request, colleague=p) for p in people]
    )
    notify(
        recipients=people,
        kind=NotificationKind.CONSULT_ASKED,
        deliberation=deliberation,
        # Title and link only: the question stays in the app.
        text=f"{asked_by.display_name} asks your advice on “{deliberation.title}”.",
        url=reverse("consults:asked", args=[deliberation.pk, request.pk]),
        may_read=lambda r: access.can_answer(r, request),
    )
    return request


def _entry_text(answer: ConsultAnswer) -> str:
    """The consultation entry's text: the colleague's words, as they signed them."""
    parts = [answer.advice]
    if answer.preferred_option:
        choice = f"Would choose: {answer.preferred_option}."
        parts.append(f"{choice} {answer.why}".strip() if answer.why else choice)
    if answer.late:
        parts.append("(Answered after the date asked.)")
    return "\n\n".join(parts)


def _entry_add(deliberation: Deliberation, **fields) -> Consultation:
    """A consultation entry on the deliberation, last in the list; the deliberation's revision
    moves on so its stored step states are worked out again."""
    last = (
        Consultation.objects.filter(deliberation=deliberation)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    entry = Consultation.objects.create(
        deliberation=deliberation, position=(last or 0) + 1, **fields
    )
    Deliberation.objects.filter(pk=deliberation.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    return entry


@transaction.atomic
def consult_answer(
    *,
    request: ConsultRequest,
    author: User,
    advice: str,
    preferred_option: str = "",
    why: str = "",
) -> ConsultAnswer:
    """The colleague's signed answer, and the consultation entry it becomes."""
    deliberation = request.deliberation
    signed = _signed_now(deliberation)
    request = ConsultRequest.objects.select_for_update().get(pk=request.pk)
    request.deliberation = deliberation
    if signed or request.is_closed:
        raise ConsultRefused(
            "This request is closed (or the deliberation was signed), so it takes no answer now."
        )
    if not access.is_asked(author, request):
        raise ConsultRefused("You were not asked in this request.")
    if request.answers.filter(author=author).exists():
        raise ConsultRefused("You have answered already; add a later note instead.")
    if not advice.strip():
        raise ConsultRefused("Write your advice.")
    now = timezone.now()
    answer = ConsultAnswer(
        request=request,
        author=author,
        author_name=author.display_name,
        author_role=signer_role(author),
        signed_at=now,
        late=clinic_today(deliberation.clinic, now) > request.answer_by,
        advice=advice.strip(),
        preferred_option=preferred_option.strip(),
        why=why.strip() if preferred_option.strip() else "",
    )
    kind = request.group.kind if request.group is not None else ConsultantKind.PEER
    answer.consultation = _entry_add(
        deliberation,
        consultant=(
            f"Advice from {answer.author_name}, {answer.author_role}, received through EthicsDesk"
        )[:120],
        kind=kind,
        consulted_on=clinic_today(deliberation.clinic, now),
        advice=_entry_text(answer),
    )
    answer.save()
    notify(
        recipients=[deliberation.owner],
        kind=NotificationKind.CONSULT_ANSWERED,
        deliberation=deliberation,
        text=f"{author.display_name} answered your question on “{deliberation.title}”.",
        url=reverse("consults:requests", args=[deliberation.pk]) + f"#request-{request.pk}",
    )
    return answer


@transaction.atomic
def answer_note_add(*, answer: ConsultAnswer, author: User, text: str) -> AnswerNote:
    """A later note on a signed answer, while the request is open: like the answer, it
    goes into the deliberation's record, and a signed record takes nothing more (the
    deliberation's row is locked, so a signature cannot land meanwhile)."""
    if answer.author_id != author.pk:
        raise ConsultRefused("Only the colleague who answered adds notes to their answer.")
    request = answer.request
    if _signed_now(request.deliberation) or request.is_closed:
        raise ConsultRefused(
            "This request is closed (or the deliberation was signed), so it takes no note now."
        )
    if not text.strip():
        raise ConsultRefused("Write the note.")
    return AnswerNote.objects.create(answer=answer, text=text.strip())


@transaction.atomic
def consult_close(*, request: ConsultRequest) -> ConsultRequest:
    """End the colleagues' access; their answers stay."""
    request = ConsultRequest.objects.select_for_update().get(pk=request.pk)
    if request.closed_at is None:
        request.closed_at = timezone.now()
        request.save(update_fields=["closed_at"])
    return request


@transaction.atomic
def conclusion_record(
    *, request: ConsultRequest, user: User, kind: str, why: str
) -> ConsultRequest:
    """A group's conclusion in the asker's words: stored on the request, and a consultation
    entry (the asker's own, so it stays editable like any manual entry)."""
    deliberation = request.deliberation
    if _signed_now(deliberation):
        raise ConsultRefused("This deliberation is signed; record it in an addendum instead.")
    request = ConsultRequest.objects.select_for_update().get(pk=request.pk)
    if not request.group_name:
        raise ConsultRefused("Only a request to a group has a group conclusion.")
    if request.concluded_at is not None:
        raise ConsultRefused("The group's conclusion is recorded already.")
    if not request.answers.exists():
        raise ConsultRefused("No member has answered yet.")
    if kind not in ConclusionKind.values or not why.strip():
        raise ConsultRefused("Say whether the group agrees, and why.")
    request.conclusion_kind, request.conclusion = kind, why.strip()
    request.concluded_at = timezone.now()
    group_kind = request.group.kind if request.group is not None else ConsultantKind.COMMITTEE
    request.conclusion_consultation = _entry_add(
        deliberation,
        consultant=f"{request.group_name}: conclusion"[:120],
        kind=group_kind,
        consulted_on=clinic_today(deliberation.clinic),
        advice=f"{ConclusionKind(kind).label}. {request.conclusion}",
    )
    request.save(
        update_fields=[
            "conclusion_kind",
            "conclusion",
            "concluded_at",
            "conclusion_consultation",
        ]
    )
    return request


# -- the clinic's groups (clinic admins) ---------------------------------------------------


def _members_checked(clinic: Clinic, members: Iterable[User]) -> list[User]:
    members = list(members)
    if any(m.clinic_id != clinic.pk or not m.is_clinician for m in members):
        raise ConsultRefused("A group's members are clinicians of the clinic.")
    return members


@transaction.atomic
def group_save(
    *,
    clinic: Clinic,
    name: str,
    kind: str,
    members: Iterable[User],
    group: ConsultGroup | None = None,
) -> ConsultGroup:
    """Create a group (``group`` None) or change its name, kind and members."""
    members = _members_checked(clinic, members)
    name = name.strip()
    if (
        ConsultGroup.objects.filter(clinic=clinic, name__iexact=name)
        .exclude(pk=group.pk if group else None)
        .exists()
    ):
        raise ConsultRefused(f"Your clinic has a group called “{name}” already.")
    if group is None:
        group = ConsultGroup(clinic=clinic)
    group.name, group.kind = name, kind
    group.full_clean(exclude=["members"])
    group.save()
    group.members.set(members)
    return group


@transaction.atomic
def group_delete(*, group: ConsultGroup) -> None:
    """Requests already made to it keep its name and their answers."""
    group.delete()

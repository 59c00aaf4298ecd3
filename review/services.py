"""Writes for review: submit, request changes, mark reviewed, co-sign, comments, shares and
notifications (in the app at once, and by e-mail through the worker: jobs.tasks)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import SupervisionLink, User
from cases.models import Deliberation, Status
from cases.steps import signing_step
from ethicsdesk import access
from frameworks.typed import StepDef
from jobs import queue
from records.services import SigningRefused, deliberation_cosign
from review.models import Comment, Notification, NotificationKind, Outcome, Share, Submission


class ReviewRefused(Exception):
    """The action does not fit the deliberation's state (e.g. nothing is waiting)."""


def notify(
    *,
    recipients,
    kind: str,
    deliberation: Deliberation,
    text: str,
    url: str,
    step: StepDef | None = None,
    may_read: Callable[[User], bool] | None = None,
) -> None:
    """An in-app notification for each recipient, and an e-mail where they have an address.

    Only to people who may read the deliberation (or, for a comment, its ``step``; or what
    ``may_read`` says, for a colleague asked about a few steps) now: a withdrawn consultant or
    a supervisor whose link ended hears nothing more of it.
    """
    if may_read is None:
        if step is not None:
            may_read = lambda r: access.can_read_step(r, deliberation, step)  # noqa: E731
        else:
            may_read = lambda r: access.deliberation_visible(r, deliberation)  # noqa: E731
    recipients = [r for r in recipients if r is not None and may_read(r)]
    notifications_send(
        recipients=recipients, kind=kind, text=text, url=url, deliberation=deliberation
    )


def notifications_send(
    *,
    recipients,
    kind: str,
    text: str,
    url: str,
    deliberation: Deliberation | None = None,
) -> None:
    """Store the in-app notifications and queue their e-mails (title and link only). The
    caller has decided who may hear of it (``notify`` for a deliberation; the library for
    its entries, which belong to no deliberation a reader may open)."""
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=r, kind=kind, deliberation=deliberation, text=text, url=url)
            for r in recipients
        ]
    )
    for notification in created:
        if notification.recipient.email:
            # The e-mail is the worker's (jobs.tasks), stored in this transaction: a
            # rolled-back change sends nothing, and a slow mail server never holds a request.
            queue.defer("notification_email", notification_id=notification.pk)


def _supervisors_of(user: User) -> list[User]:
    return [
        link.supervisor
        for link in SupervisionLink.objects.filter(
            clinician=user, ended_at__isnull=True
        ).select_related("supervisor")
    ]


def _pending(deliberation: Deliberation) -> Submission | None:
    return deliberation.submissions.filter(outcome=Outcome.PENDING).first()


def review_state_store(*, deliberations: QuerySet[Deliberation]) -> int:
    """Store on each deliberation row what My deliberations and the review queue show of its
    review: since when a submission waits (``pending_since``) and how many comment threads
    are open (``open_threads``: a first comment not resolved; replies belong to their thread,
    as in the stepper). Counted afresh from the submissions and comments in one UPDATE.

    Every service below that changes a submission or a comment calls it last, after
    ``_lock`` (or ``_signed_now``) took the row first: a concurrent writer then waits for
    this one's commit, and its own count sees this one's rows.
    """
    pending = Submission.objects.filter(deliberation=OuterRef("pk"), outcome=Outcome.PENDING)
    threads = (
        Comment.objects.filter(deliberation=OuterRef("pk"), parent=None, resolved_at=None)
        .order_by()
        .values("deliberation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # update() leaves updated_at alone: a comment is not a change of the deliberation.
    return deliberations.update(
        pending_since=Subquery(pending.values("submitted_at")[:1]),
        open_threads=Coalesce(Subquery(threads), 0),
    )


def _store(deliberation_id: int) -> None:
    review_state_store(deliberations=Deliberation.objects.filter(pk=deliberation_id))


def _lock(deliberation_id: int) -> None:
    """Hold the deliberation's row until commit (see review_state_store)."""
    Deliberation.objects.select_for_update().filter(pk=deliberation_id).values_list("pk").get()


def _set_status(deliberation: Deliberation, status: str) -> None:
    Deliberation.objects.filter(pk=deliberation.pk).update(status=status)
    deliberation.status = status


@transaction.atomic
def deliberation_submit(*, deliberation: Deliberation, user: User, message: str) -> Submission:
    _lock(deliberation.pk)
    if _pending(deliberation) is not None:
        raise ReviewRefused("This deliberation is already waiting for review.")
    supervisors = _supervisors_of(user)
    if not supervisors:
        raise ReviewRefused("You have no supervisor in EthicsDesk yet; ask your clinic admin.")
    submission = Submission.objects.create(
        deliberation=deliberation, submitted_by=user, message=message.strip()
    )
    _set_status(deliberation, Status.IN_REVIEW)
    _store(deliberation.pk)
    notify(
        recipients=supervisors,
        kind=NotificationKind.SUBMITTED,
        deliberation=deliberation,
        text=f"{user.display_name} submitted “{deliberation.title}” for review.",
        url=reverse("cases:detail", args=[deliberation.pk]),
    )
    return submission


def _close(submission: Submission, *, reviewer: User, outcome: str, message: str) -> Submission:
    submission.outcome = outcome
    submission.reviewer = reviewer
    submission.outcome_message = message.strip()
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["outcome", "reviewer", "outcome_message", "reviewed_at"])
    return submission


def _answer_owner(
    *,
    deliberation: Deliberation,
    reviewer: User,
    outcome: str,
    message: str,
    status: str,
    kind: str,
    text: str,
    url: str,
    waiting: bool = True,
) -> Submission | None:
    """The supervisor's answer, the same moves every time: close the waiting submission with
    ``outcome``, set the deliberation's ``status``, tell the owner. With ``waiting``, a
    submission must be waiting (else it is refused); without, one is closed if there is."""
    submission = _pending(deliberation)
    if submission is None and waiting:
        raise ReviewRefused("Nothing is waiting for your review on this deliberation.")
    if submission is not None:
        _close(submission, reviewer=reviewer, outcome=outcome, message=message)
    _set_status(deliberation, status)
    _store(deliberation.pk)
    owner = [deliberation.owner]
    notify(recipients=owner, kind=kind, deliberation=deliberation, text=text, url=url)
    return submission


SIGNED_REFUSAL = (
    "This deliberation is signed and locked, so it cannot go back for changes. "
    "Co-sign it, or ask the clinician for an addendum."
)


def _signed_now(deliberation: Deliberation) -> bool:
    """Whether it is signed, with its row locked so a signature cannot land meanwhile."""
    signed_at = (
        Deliberation.objects.select_for_update()
        .filter(pk=deliberation.pk)
        .values_list("signed_at", flat=True)
        .get()
    )
    return signed_at is not None


@transaction.atomic
def changes_request(*, deliberation: Deliberation, reviewer: User, message: str) -> Submission:
    # A signed record never changes, so "changes requested" would be untrue: see
    # addendum_request.
    if _signed_now(deliberation):
        raise ReviewRefused(SIGNED_REFUSAL)
    return _answer_owner(
        deliberation=deliberation,
        reviewer=reviewer,
        outcome=Outcome.CHANGES_REQUESTED,
        message=message,
        status=Status.CHANGES_REQUESTED,
        kind=NotificationKind.CHANGES_REQUESTED,
        text=f"{reviewer.display_name} asked for changes to “{deliberation.title}”.",
        url=reverse("cases:detail", args=[deliberation.pk]),
    )


@transaction.atomic
def review_complete(*, deliberation: Deliberation, reviewer: User, message: str) -> Submission:
    if _signed_now(deliberation):
        raise ReviewRefused(
            "This deliberation is signed: co-sign it, or ask the clinician for an addendum."
        )
    return _answer_owner(
        deliberation=deliberation,
        reviewer=reviewer,
        outcome=Outcome.REVIEWED,
        message=message,
        status=Status.DRAFT,
        kind=NotificationKind.REVIEWED,
        text=f"{reviewer.display_name} reviewed “{deliberation.title}”.",
        url=reverse("cases:detail", args=[deliberation.pk]),
    )


@transaction.atomic
def addendum_request(*, deliberation: Deliberation, reviewer: User, reason: str) -> Comment:
    """A signed deliberation's answer to "this needs more": the clinician is asked for an
    addendum. The reason is a comment on the Review and sign step (where the clinician
    answers it, and the review history shows it); a waiting submission closes as reviewed;
    the status stays "signed"."""
    if not _signed_now(deliberation):
        raise ReviewRefused(
            "Addenda follow a signed deliberation; ask for changes to this one instead."
        )
    reason = reason.strip()
    step = signing_step(deliberation.framework_version.spec)
    comment = Comment.objects.create(
        deliberation=deliberation,
        step_key=step.key,
        author=reviewer,
        text=f"Addendum requested: {reason}",
    )
    _answer_owner(
        deliberation=deliberation,
        reviewer=reviewer,
        outcome=Outcome.REVIEWED,
        message=f"Addendum requested: {reason}",
        status=Status.SIGNED,
        kind=NotificationKind.REVIEWED,
        # The reason stays in the app: e-mail carries no clinical content.
        text=f"{reviewer.display_name} reviewed “{deliberation.title}” and asks for an addendum.",
        url=reverse("cases:step", args=[deliberation.pk, step.key]) + f"#comment-{comment.pk}",
        waiting=False,
    )
    return comment


@transaction.atomic
def cosign(*, deliberation: Deliberation, reviewer: User, verified_by: str = ""):
    _lock(deliberation.pk)
    snapshot = deliberation.snapshots.first()
    if snapshot is None:
        raise ReviewRefused("Only a signed deliberation can be co-signed.")
    try:
        signature = deliberation_cosign(snapshot=snapshot, user=reviewer, verified_by=verified_by)
    except SigningRefused as exc:
        raise ReviewRefused(str(exc)) from exc
    _answer_owner(
        deliberation=deliberation,
        reviewer=reviewer,
        outcome=Outcome.COSIGNED,
        message="",
        status=Status.SIGNED,
        kind=NotificationKind.COSIGNED,
        text=f"{reviewer.display_name} reviewed and co-signed “{deliberation.title}”.",
        url=reverse("records:rationale", args=[deliberation.pk, "chart-note"]),
        waiting=False,
    )
    return signature


@transaction.atomic
def comment_add(
    *, deliberation: Deliberation, author: User, step: StepDef, text: str, parent: Comment | None
) -> Comment:
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # one level of replies: answer the thread
    _lock(deliberation.pk)
    comment = Comment.objects.create(
        deliberation=deliberation,
        step_key=step.key,
        author=author,
        parent=parent,
        text=text.strip(),
    )
    _store(deliberation.pk)
    recipients = {deliberation.owner}
    recipients |= {
        c.author
        for c in Comment.objects.filter(
            deliberation=deliberation, step_key=step.key
        ).select_related("author")
    }
    recipients.discard(author)
    notify(
        recipients=sorted(recipients, key=lambda u: u.pk),
        kind=NotificationKind.COMMENT,
        deliberation=deliberation,
        step=step,
        text=f"{author.display_name} commented on “{step.title}” of “{deliberation.title}”.",
        url=reverse("cases:step", args=[deliberation.pk, step.key]) + f"#comment-{comment.pk}",
    )
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user: User) -> Comment:
    if comment.resolved_at is None:
        _lock(comment.deliberation_id)
        comment.resolved_at = timezone.now()
        comment.resolved_by = user
        comment.save(update_fields=["resolved_at", "resolved_by"])
        _store(comment.deliberation_id)
    return comment


@transaction.atomic
def share_create(
    *, deliberation: Deliberation, consultant: User, shared_by: User, message: str
) -> Share:
    if consultant.pk == deliberation.owner_id:
        raise ReviewRefused("That is you.")
    if consultant.clinic_id != deliberation.clinic_id or not consultant.is_clinician:
        raise ReviewRefused("You can share only with a clinician of your clinic.")
    share = Share.objects.filter(
        deliberation=deliberation, consultant=consultant, withdrawn_at__isnull=True
    ).first()
    if share is not None:
        return share
    share = Share.objects.create(
        deliberation=deliberation, consultant=consultant, shared_by=shared_by, message=message
    )
    notify(
        recipients=[consultant],
        kind=NotificationKind.SHARED,
        deliberation=deliberation,
        text=f"{shared_by.display_name} shared “{deliberation.title}” with you for consultation.",
        url=reverse("cases:detail", args=[deliberation.pk]),
    )
    return share


def share_withdraw(*, share: Share) -> Share:
    if share.withdrawn_at is None:
        share.withdrawn_at = timezone.now()
        share.save(update_fields=["withdrawn_at"])
    return share


def notifications_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )

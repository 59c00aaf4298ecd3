"""Reads for review: the queue, the dashboard figures, comments, shares, notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.db.models import (
    Aggregate,
    Case,
    Count,
    DurationField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.models import SupervisionLink, User
from cases.models import Deliberation, Status, Urgency
from cases.steps import HANDLERS
from ethicsdesk import access
from ethicsdesk.compiled import CompiledQuery
from frameworks.typed import StepDef
from review.forms import CommentForm
from review.models import Comment, Notification, Outcome, Share, Submission

QUEUE_FIELDS = (
    "id",
    "title",
    "client_reference",
    "urgency",
    "status",
    "signed_at",
    "updated_at",
    "pending_since",
    "open_threads",
    "owner__id",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
)


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def supervisee_ids(supervisor: User):
    return SupervisionLink.objects.filter(supervisor=supervisor, ended_at__isnull=True).values(
        "clinician_id"
    )


def reviewable(supervisor: User, *, status: str = "") -> QuerySet[Deliberation]:
    """Deliberations of current supervisees that have been submitted at least once (in
    ``status`` if given). "In review" needs no look at the submissions: only
    ``deliberation_submit`` sets it, in the transaction that stores the submission."""
    mine = Deliberation.objects.filter(
        owner_id__in=supervisee_ids(supervisor), clinic=supervisor.clinic_id
    )
    if status == Status.IN_REVIEW:
        return mine.filter(status=status)
    submitted = mine.filter(Exists(Submission.objects.filter(deliberation=OuterRef("pk"))))
    return submitted.filter(status=status) if status else submitted


def review_queue(
    *, supervisor: User, status: str = "in_review", clinician: int | None = None
) -> QuerySet[Deliberation]:
    queryset = reviewable(supervisor, status=status)
    if clinician:
        queryset = queryset.filter(owner_id=clinician)
    return (
        queryset.select_related("owner")
        .only(*QUEUE_FIELDS)
        # Since when it waits and its open threads are stored on the row (review.services.
        # review_state_store), not counted here per row.
        .annotate(
            urgency_rank=Case(
                When(urgency=Urgency.IMMINENT, then=Value(0)),
                When(urgency=Urgency.URGENT, then=Value(1)),
                default=Value(2),
            ),
        )
        .order_by("urgency_rank", F("pending_since").asc(nulls_last=True), "-updated_at")
    )


def queue_count(supervisor: User) -> int:
    return reviewable(supervisor, status=Status.IN_REVIEW).count()


def dashboard(*, supervisor: User, months: int = 12) -> dict:
    base = reviewable(supervisor)
    by_status = {row["status"]: row["n"] for row in base.values("status").annotate(n=Count("id"))}
    median = Submission.objects.filter(
        deliberation__owner_id__in=supervisee_ids(supervisor), reviewed_at__isnull=False
    ).aggregate(median=Median(F("reviewed_at") - F("submitted_at")))["median"]
    since = (timezone.now() - timedelta(days=31 * (months - 1))).replace(day=1)
    rows = (
        base.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "urgency")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return {"by_status": by_status, "median": median, "per_month": list(rows), "months": months}


def _threads(comments: list[Comment], step_key: str) -> list[dict]:
    threads = {
        c.pk: {"comment": c, "replies": []}
        for c in comments
        if c.parent_id is None and c.step_key == step_key
    }
    for c in comments:
        if c.parent_id in threads:
            threads[c.parent_id]["replies"].append(c)
    return list(threads.values())


def _comments(deliberation: Deliberation, **filters) -> list[Comment]:
    return list(
        Comment.objects.filter(deliberation=deliberation, **filters).select_related(
            "author", "resolved_by"
        )
    )


def comments_for_step(deliberation: Deliberation, step_key: str) -> list[dict]:
    """Threads (a first comment and its replies) on one step, oldest first, in one query."""
    return _threads(_comments(deliberation, step_key=step_key), step_key)


def step_comments(deliberation: Deliberation, step_key: str) -> tuple[list[dict], dict[str, int]]:
    """One step's threads and every step's count of open threads: one query, and one more
    for the people on this step's comments when it has any."""
    comments = _deliberation_comments().rows(deliberation.pk)
    open_by_step: dict[str, int] = {}
    for c in comments:
        if c.parent_id is None and c.resolved_at is None:
            open_by_step[c.step_key] = open_by_step.get(c.step_key, 0) + 1
    threads = _threads(comments, step_key)
    shown = [c for t in threads for c in (t["comment"], *t["replies"])]
    if shown:
        ids = {c.author_id for c in shown} | {c.resolved_by_id for c in shown}
        people = User.objects.in_bulk(ids - {None})
        for c in shown:
            c.author = people[c.author_id]
            c.resolved_by = people.get(c.resolved_by_id)
    return threads, open_by_step


@cache
def _deliberation_comments() -> CompiledQuery:
    """A deliberation's comments, oldest first: compiled once (every step page reads them)."""
    return CompiledQuery(Comment.objects.filter(deliberation=0))


def shared_with(user: User) -> QuerySet[Share]:
    return (
        Share.objects.filter(consultant=user, withdrawn_at__isnull=True)
        .select_related("deliberation", "deliberation__owner", "shared_by")
        .order_by("-created_at")
    )


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def colleagues(user: User) -> QuerySet[User]:
    return (
        User.objects.filter(clinic=user.clinic_id, is_active=True)
        .filter(Q(role="clinician") | Q(role="supervisor"))
        .exclude(pk=user.pk)
        .order_by("last_name", "first_name")
    )


@dataclass(frozen=True)
class CommentBox:
    """One step's comment threads, as review/_comments.html shows them: the threads, whether
    this user may add to them, and a refused comment's reason and text (kept, never lost)."""

    threads: tuple[dict, ...]
    can_comment: bool
    form: CommentForm | None = None  # None: the empty box
    refused: str = ""
    refused_thread: int | None = None  # the thread whose reply box shows the refusal
    refused_text: str = ""

    @property
    def text_field(self) -> SafeString:
        """The new comment's text box: the form's field when it holds what was typed, else
        the empty box every step page shows, written once per process (building the form
        and rendering its field was about 0.1 ms of every step page)."""
        if self.form is not None and self.form.is_bound:
            return self.form["text"].as_field_group()
        return _empty_text_field()


@cache
def _empty_text_field() -> SafeString:
    return CommentForm()["text"].as_field_group()


@dataclass(frozen=True)
class ReviewPanel:
    """What the review adds to a worksheet step page (``context["review"]``)."""

    role: str | None  # the user's relationship to the deliberation (access.deliberation_role)
    can_review: bool
    can_manage: bool
    open_by_step: dict[str, int]  # open threads per step, only the steps this user may read
    comments: CommentBox
    submissions: tuple[Submission, ...] = ()  # on Review and sign only
    pending: bool = False  # a submission waits for review (Review and sign only)
    shares: tuple[Share, ...] = ()  # on the consultation step only


def review_panel(user: User, deliberation: Deliberation, step: StepDef) -> ReviewPanel:
    """What the review adds to a worksheet step page, in a fixed number of queries."""
    threads, open_by_step = step_comments(deliberation, step.key)
    # The stepper's open-comment counts leave out the steps this user may not read.
    readable = {
        s.key
        for s in deliberation.framework_version.spec.steps
        if access.can_read_step(user, deliberation, s)
    }
    submissions: tuple[Submission, ...] = ()
    shares: tuple[Share, ...] = ()
    needs = HANDLERS[step.kind].review_needs  # what the step's page lists: submissions, shares
    if "submissions" in needs:
        submissions = tuple(deliberation.submissions.select_related("submitted_by", "reviewer"))
    if "shares" in needs:
        shares = tuple(deliberation.shares.select_related("consultant"))
    return ReviewPanel(
        role=access.deliberation_role(user, deliberation),
        can_review=access.can_review(user, deliberation),
        can_manage=access.can_manage_deliberation(user, deliberation),
        open_by_step={k: n for k, n in open_by_step.items() if k in readable},
        comments=CommentBox(
            threads=tuple(threads),
            can_comment=access.can_comment(user, deliberation, step),
        ),
        submissions=submissions,
        pending=any(s.outcome == Outcome.PENDING for s in submissions),
        shares=shares,
    )

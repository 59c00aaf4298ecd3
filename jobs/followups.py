"""Follow-up reminders: which follow-ups are open, and the sweep that reminds the clinician.

A follow-up is *open* from its date (in the clinic's own time zone) until the follow-up is
recorded: the follow-up step's "What happened?" is filled in, or, once the deliberation is
signed (its content frozen), an addendum is signed on or after the follow-up date."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.models import Clinic, User
from cases.models import Deliberation
from ethicsdesk import access
from jobs.models import FollowUpReminder
from records.models import Addendum
from review.models import NotificationKind

# A screenful at the top of My deliberations; the rest wait their turn.
SHOWN = 10


def clinic_today(time_zone: str, *, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(ZoneInfo(time_zone)).date()


def open_follow_ups(deliberations: QuerySet[Deliberation], *, on: date) -> QuerySet[Deliberation]:
    """Those of ``deliberations`` whose follow-up is due on ``on`` or overdue, not recorded."""
    recorded_later = Addendum.objects.filter(
        snapshot__deliberation=OuterRef("pk"), signed_at__date__gte=OuterRef("follow_up_date")
    )
    return deliberations.filter(follow_up_date__lte=on, outcome="").exclude(Exists(recorded_later))


def follow_ups_due_for(user: User, *, on: date) -> list[Deliberation]:
    """The user's own open follow-ups on ``on`` (the clinic's today), oldest date first (one
    query)."""
    mine = Deliberation.objects.filter(owner=user, clinic=user.clinic_id)
    due = open_follow_ups(mine, on=on).order_by("follow_up_date", "pk")
    return list(due.only("id", "title", "client_reference", "follow_up_date")[:SHOWN])


def supervised_follow_ups_count(supervisor: User, *, on: date) -> int:
    """Open follow-ups among the deliberations the supervisor reviews (their supervisees'
    submitted ones: never a private draft)."""
    from review.selectors import reviewable

    return open_follow_ups(reviewable(supervisor), on=on).count()


def follow_up_sweep(*, now: datetime | None = None) -> int:
    """Remind each clinician of every open follow-up not yet reminded for its date: an
    in-app notification and an e-mail (title and link only). Run twice, it reminds no one
    twice (``FollowUpReminder``). Returns how many were reminded."""
    reminded = 0
    for time_zone in Clinic.objects.values_list("time_zone", flat=True).distinct():
        today = clinic_today(time_zone, now=now)
        already = FollowUpReminder.objects.filter(
            deliberation=OuterRef("pk"), follow_up_date=OuterRef("follow_up_date")
        )
        due = (
            open_follow_ups(Deliberation.objects.filter(clinic__time_zone=time_zone), on=today)
            .exclude(Exists(already))
            .select_related("owner")
            .order_by("pk")
        )
        for deliberation in due:
            reminded += _remind(deliberation)
    return reminded


@transaction.atomic
def _remind(deliberation: Deliberation) -> int:
    from review.services import notify

    _, claimed = FollowUpReminder.objects.get_or_create(
        deliberation=deliberation, follow_up_date=deliberation.follow_up_date
    )
    if not claimed:  # another sweep got there first
        return 0
    # Only the deliberation's clinician, and only while they may still read it (notify
    # checks; a switched-off account hears nothing).
    owner = deliberation.owner
    if not owner.is_active:
        return 0
    when = date_format(deliberation.follow_up_date, "j F Y")
    notify(
        recipients=[owner],
        kind=NotificationKind.FOLLOW_UP,
        deliberation=deliberation,
        text=f"The follow-up of “{deliberation.title}” is due ({when}).",
        url=reverse("cases:detail", args=[deliberation.pk]),
    )
    return 1 if access.deliberation_visible(owner, deliberation) else 0

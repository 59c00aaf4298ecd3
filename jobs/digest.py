"""The supervisors' weekly digest of their review queue, for those who ask for it: counts
and a link, no titles or clinical text."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jobs import queue
from jobs.followups import clinic_today, supervised_follow_ups_count
from jobs.mail import send_once, site_link
from jobs.models import WeeklyDigest
from review.selectors import queue_count


def weekly_digest_set(*, user: User, wanted: bool) -> None:
    if wanted:
        WeeklyDigest.objects.get_or_create(user=user)
    else:
        WeeklyDigest.objects.filter(user=user).delete()


def weekly_digest_wanted(user: User) -> bool:
    return WeeklyDigest.objects.filter(user=user).exists()


def weekly_digests_defer(*, now: datetime | None = None) -> int:
    """One digest job per supervisor who asked for it (the weekly periodic job)."""
    year, week, _ = (now or timezone.now()).isocalendar()
    users = WeeklyDigest.objects.filter(user__is_active=True, user__role="supervisor").values_list(
        "user_id", flat=True
    )
    for user_id in users:
        queue.defer("weekly_digest_email", user_id=user_id, week=f"{year}-W{week:02d}")
    return len(users)


def weekly_digest_send(*, user_id: int, week: str) -> bool:
    user = User.objects.select_related("clinic").filter(pk=user_id).first()
    if user is None or not user.is_active or not user.is_supervisor or not user.email:
        return False
    waiting = queue_count(user)
    overdue = supervised_follow_ups_count(user, on=clinic_today(user.clinic.time_zone))
    body = (
        f"Hello {user.display_name},\n\n"
        f"Your review queue this week:\n"
        f"- waiting for your review: {waiting}\n"
        f"- follow-ups due or overdue: {overdue}\n\n"
        f"Open your review queue: {site_link(reverse('review:queue'))}\n\n"
        "You get this e-mail because you asked for a weekly digest; turn it off on your "
        f"Account page: {site_link(reverse('digest_settings'))}\n"
    )
    return send_once(
        key=f"digest:{user_id}:{week}",
        to=user.email,
        subject="EthicsDesk: your review queue this week",
        body=body,
    )

"""Open follow-ups: at the top of My deliberations (oldest first), and counted on the
supervision dashboard; a recorded follow-up, or an addendum to a signed deliberation on or
after the date, closes it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from jobs.followups import open_follow_ups
from records.services import addendum_add, deliberation_sign
from review import services

pytestmark = pytest.mark.django_db


def _today(world):
    return timezone.now().astimezone(world["clinic"].zone).date()


@pytest.fixture(autouse=True)
def _zone(world):
    from zoneinfo import ZoneInfo

    world["clinic"].zone = ZoneInfo(world["clinic"].time_zone)


def test_it_lists_open_follow_ups_at_the_top_of_my_deliberations(client, world, make_deliberation):
    today = _today(world)
    make_deliberation(title="Due today", follow_up_date=today)
    make_deliberation(title="Overdue", follow_up_date=today - timedelta(days=3))
    make_deliberation(title="Not yet", follow_up_date=today + timedelta(days=1))
    make_deliberation(title="Recorded", follow_up_date=today, outcome="Done.")
    client.force_login(world["clinician"])
    page = client.get(reverse("cases:list")).content.decode()
    box = page[page.index("Follow-ups due") : page.index("</section>")]
    assert box.index("Overdue") < box.index("Due today")
    assert "overdue since" in box and "due today" in box
    assert "Not yet" not in box and "Recorded" not in box
    assert page.index("Follow-ups due") < page.index("<table")


def test_it_shows_no_box_without_open_follow_ups(client, world, make_deliberation):
    make_deliberation(follow_up_date=_today(world) + timedelta(days=7))
    client.force_login(world["clinician"])
    assert "Follow-ups due" not in client.get(reverse("cases:list")).content.decode()


def test_it_counts_open_follow_ups_of_submitted_deliberations_on_the_dashboard(
    client, world, make_deliberation
):
    today = _today(world)
    for n in range(2):
        d = make_deliberation(title=f"Submitted {n}", follow_up_date=today)
        services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    make_deliberation(title="Private draft", follow_up_date=today)  # not the supervisor's
    client.force_login(world["supervisor"])
    page = client.get(reverse("review:dashboard")).content.decode()
    assert '<span class="stat">2</span> Follow-ups due or overdue' in page


def test_an_addendum_after_the_date_closes_a_signed_follow_up(world):
    from cases.examples import examples_ensure

    d = next(
        r.deliberation
        for r in examples_ensure(owner=world["clinician"])
        if r.deliberation.status == "draft"
    )
    today = timezone.localdate()
    Deliberation.objects.filter(pk=d.pk).update(
        follow_up_date=today - timedelta(days=2), outcome="", lessons=""
    )
    d = deliberation_get(pk=d.pk, purpose=Purpose.WORKSHEET)
    deliberation_sign(deliberation=d, user=world["clinician"])
    signed = Deliberation.objects.filter(pk=d.pk)
    assert open_follow_ups(signed, on=today).exists()
    addendum_add(deliberation=d, user=world["clinician"], reason="Follow-up", text="It went well.")
    assert not open_follow_ups(signed, on=today).exists()

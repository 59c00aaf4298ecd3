"""A job is stored in the same transaction as the change that asks for it: a rolled-back
change defers nothing; a committed one leaves exactly its job."""

from __future__ import annotations

import pytest
from django.db import transaction

from review import services
from review.models import Notification
from tests.jobs_runner import queued

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


def test_it_defers_nothing_when_the_change_rolls_back(world, make_deliberation):
    d = make_deliberation()
    with pytest.raises(RolledBack), transaction.atomic():
        services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
        assert [name for name, _ in queued()] == ["notification_email"]
        raise RolledBack
    assert queued() == []
    assert not Notification.objects.exists()


def test_it_defers_one_email_job_per_notification_with_the_change(world, make_deliberation):
    d = make_deliberation()
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    note = Notification.objects.get(recipient=world["supervisor"])
    assert queued() == [("notification_email", {"notification_id": note.pk})]

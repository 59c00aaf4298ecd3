"""`make run`'s demo: a colleague to ask, the ethics committee, one open request."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import User
from consults.models import ConsultGroup, ConsultRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_examples", verbosity=0)


def test_it_opens_one_request_from_the_clinician_to_the_colleague(demo):
    call_command("seed_consults", verbosity=0)
    request = ConsultRequest.objects.get()
    assert request.asked_by.username == "clinician"
    assert [r.colleague.username for r in request.recipients.all()] == ["colleague"]
    assert not request.is_closed and not request.deliberation.is_signed


def test_it_is_idempotent(demo):
    call_command("seed_consults", verbosity=0)
    call_command("seed_consults", verbosity=0)
    assert ConsultRequest.objects.count() == 1
    assert ConsultGroup.objects.count() == 1


def test_it_gives_the_colleague_the_demo_password(demo, settings):
    call_command("seed_consults", verbosity=0)
    assert User.objects.get(username="colleague").check_password(settings.DEMO_PASSWORD)


def test_it_leaves_the_examples_resettable(demo):
    call_command("seed_consults", verbosity=0)
    call_command("seed_examples", "--reset", verbosity=0)
    assert ConsultRequest.objects.count() == 1

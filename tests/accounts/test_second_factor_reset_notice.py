"""The person whose second factor a clinic admin resets is told by e-mail: who reset it, when,
the reason's category and whom to contact if they did not expect it; nothing clinical."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _reset(client, person, reason="lost_device"):
    return client.post(reverse("person_second_factor_reset", args=[person.pk]), {"reason": reason})


def test_it_e_mails_the_person_whose_second_factor_was_reset(admin_client, people_world):
    _reset(admin_client, people_world["supervisor"])
    (notice,) = mail.outbox
    assert notice.to == ["sam@riverside.example"]
    assert notice.subject == "EthicsDesk: Your two-step sign-in was reset"
    assert notice.body.startswith("Hello Sam,")


def test_it_says_who_reset_it_when_and_why(admin_client, people_world):
    _reset(admin_client, people_world["supervisor"], reason="compromised")
    body = mail.outbox[0].body
    assert "Alex Kim, a clinic admin of Riverside, reset" in body
    assert "The app or key may be in someone else's hands" in body
    assert "If you did not expect this, contact your clinic admin" in body


def test_it_says_the_time_in_the_clinics_time_zone(admin_client, people_world):
    clinic = people_world["clinic"]
    clinic.time_zone = "America/Chicago"
    clinic.save()
    _reset(admin_client, people_world["supervisor"])
    assert ("CST" in mail.outbox[0].body) or ("CDT" in mail.outbox[0].body)


def test_it_holds_no_clinical_text(admin_client, people_world):
    from tests.factories import DeliberationFactory

    DeliberationFactory(owner=people_world["supervisor"], title="Secret dilemma title")
    _reset(admin_client, people_world["supervisor"])
    assert "Secret dilemma title" not in mail.outbox[0].body


def test_it_sends_nothing_when_there_was_nothing_to_reset(admin_client, people_world):
    _reset(admin_client, people_world["clinician"])
    assert mail.outbox == []


def test_it_sends_nothing_when_the_reset_is_refused(admin_client, people_world):
    _reset(admin_client, people_world["admin"])
    assert mail.outbox == []

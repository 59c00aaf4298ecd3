"""A clinic where single sign-on is the only way in: its people's passwords are refused like
a wrong password (with a hint to sign in through the organisation) and a password reset sends
them nothing, answered the same. Clinic admins keep their password (break-glass)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.sso import SIGN_IN_HINT
from tests.accounts.sso_world import sign_on_as_saved
from tests.factories import PASSWORD, ClinicAdminFactory, ClinicFactory, UserFactory, fresh_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Northside", slug="northside")
    sign_on_as_saved(clinic=clinic, only_way_in=True)
    return clinic


@pytest.fixture
def person(clinic):
    return UserFactory(clinic=clinic, email="sam.okafor@northside.example")


def _sign_in(client, who, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": who.username, "password": password})


def test_it_refuses_the_right_password(client, person):
    response = _sign_in(client, person)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_it_answers_the_right_password_as_a_wrong_one(client, person):
    right = _sign_in(client, person).context["form"].errors
    wrong = _sign_in(client, person, "not-the-password").context["form"].errors
    assert right == wrong


def test_it_hints_at_the_organisation_sign_in(client, person):
    assert SIGN_IN_HINT in _sign_in(client, person).content.decode()


def test_it_gives_the_same_hint_for_an_account_of_a_clinic_without_sso(client, person):
    elsewhere = UserFactory(clinic=ClinicFactory())
    page = _sign_in(client, elsewhere, "not-the-password").content.decode()
    assert SIGN_IN_HINT in page


def test_it_lets_a_clinic_admin_in_with_password_and_code(client, clinic):
    admin = ClinicAdminFactory(clinic=clinic)
    response = _sign_in(client, admin)
    response = client.post(response["Location"], {"code": fresh_code(admin.username)})
    assert int(client.session["_auth_user_id"]) == admin.pk


def test_it_sends_no_reset_link(client, person):
    client.post(reverse("account_reset_password"), {"email": person.email})
    assert mail.outbox == []


def test_it_answers_a_reset_request_as_for_anyone(client, person):
    response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert response["Location"] == reverse("account_reset_password_done")


def test_it_still_lets_people_of_a_clinic_without_sso_only_in(client, clinic):
    clinic.sign_on.only_way_in = False
    clinic.sign_on.save()
    _sign_in(client, UserFactory(clinic=clinic))
    assert "_auth_user_id" in client.session


def test_it_offers_the_organisation_sign_in_on_the_sign_in_page(client, clinic):
    assert reverse("sso_start") in client.get(reverse("account_login")).content.decode()

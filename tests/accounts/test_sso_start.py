"""“Sign in with your organisation”: a work e-mail (or the clinic's own sign-in address) leads
to the clinic's provider; the answer depends on the address's domain only, never on whether
the address has an account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.sso_world import sign_on_as_saved
from tests.factories import ClinicFactory, UserFactory

pytestmark = pytest.mark.django_db

START = reverse("sso_start")


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Northside", slug="northside")
    sign_on_as_saved(clinic=clinic)
    return clinic


def test_it_sends_a_work_address_to_its_clinics_sign_in_page(client, clinic):
    response = client.post(START, {"email": "anyone@northside.example"})
    assert response["Location"] == reverse("sso_clinic", kwargs={"slug": "northside"})


def test_it_answers_the_same_for_an_address_with_an_account(client, clinic):
    UserFactory(clinic=clinic, email="sam@northside.example")
    known = client.post(START, {"email": "sam@northside.example"})
    unknown = client.post(START, {"email": "nobody@northside.example"})
    assert known["Location"] == unknown["Location"]


def test_it_says_when_a_domain_has_no_organisation_sign_in(client, clinic):
    response = client.post(START, {"email": "sam@gmail.example"})
    assert "No organisation sign-in is set up for addresses at gmail.example" in (
        response.content.decode()
    )


def test_it_keeps_the_typed_address_when_refused(client, clinic):
    response = client.post(START, {"email": "sam@gmail.example"})
    assert 'value="sam@gmail.example"' in response.content.decode()


def test_it_shows_the_clinics_button(client, clinic):
    page = client.get(reverse("sso_clinic", kwargs={"slug": "northside"})).content.decode()
    assert "Sign in with Northside ID" in page


def test_it_lets_the_button_go_to_the_provider(client, clinic):
    response = client.get(reverse("sso_clinic", kwargs={"slug": "northside"}))
    assert "form-action 'self' https://id.northside.example" in response["Content-Security-Policy"]


def test_it_has_no_sign_in_page_while_switched_off(client, clinic):
    clinic.sign_on.enabled = False
    clinic.sign_on.save()
    assert client.get(reverse("sso_clinic", kwargs={"slug": "northside"})).status_code == 404


def test_it_sends_a_link_to_the_provider_login_to_the_clinics_page(client, clinic):
    response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "northside"}))
    assert response["Location"] == reverse("sso_clinic", kwargs={"slug": "northside"})

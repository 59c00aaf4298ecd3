"""The clinic's second-factor policy: a person who must have a second factor and has none is
sent to set one up before any other page; once set up, they go on as before."""

from __future__ import annotations

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import Role, SecondFactorRule
from accounts.services import supervision_link_start
from cases.services import deliberation_create
from review.services import deliberation_submit
from tests.factories import (
    PASSWORD,
    ClinicAdminFactory,
    ClinicFactory,
    SupervisorFactory,
    UserFactory,
    fresh_code,
)

pytestmark = pytest.mark.django_db

SET_UP = reverse("mfa_activate_totp")


def _submitted_case(integrated, supervisor):
    owner = UserFactory(clinic=supervisor.clinic)
    supervision_link_start(supervisor=supervisor, clinician=owner)
    deliberation = deliberation_create(
        owner=owner, title="Disclosure", client_reference="CR-1", framework_version=integrated
    )
    deliberation_submit(deliberation=deliberation, user=owner, message="")
    return deliberation


def test_it_keeps_a_supervisor_without_a_second_factor_from_every_clinical_page(client, integrated):
    supervisor = SupervisorFactory(second_factor=False)
    case = _submitted_case(integrated, supervisor)
    client.force_login(supervisor)
    pages = [
        reverse("home"),
        reverse("review:queue"),
        reverse("cases:list"),
        reverse("cases:detail", args=[case.pk]),
        reverse("records:rationale", args=[case.pk, "full"]),
        reverse("cases:step", args=[case.pk, "dilemma"]),
        reverse("review:dashboard"),
    ]
    answers = {page: client.get(page) for page in pages}
    assert {p: (r.status_code, r.get("Location")) for p, r in answers.items()} == {
        p: (302, SET_UP) for p in pages
    }


@pytest.mark.parametrize("factory", [ClinicAdminFactory, SupervisorFactory])
def test_it_lets_people_with_a_second_factor_in(client, factory):
    client.force_login(factory())
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("home"))["Location"] != SET_UP


@pytest.mark.parametrize(
    "role", [Role.CLINIC_ADMIN, Role.SUPERVISOR, Role.AUDITOR], ids=lambda r: r.value
)
def test_it_always_requires_one_of_admins_supervisors_and_auditors(client, role):
    clinic = ClinicFactory(clinician_second_factor=SecondFactorRule.OPTIONAL)
    client.force_login(UserFactory(clinic=clinic, role=role, second_factor=False))
    assert client.get(reverse("home"))["Location"] == SET_UP


def test_it_lets_a_clinician_without_one_in_when_the_clinic_makes_it_optional(client):
    client.force_login(UserFactory(clinic__clinician_second_factor=SecondFactorRule.OPTIONAL))
    assert client.get(reverse("cases:list")).status_code == 200


def test_it_sends_a_clinician_to_set_up_when_the_clinic_requires_it(client):
    client.force_login(UserFactory(clinic__clinician_second_factor=SecondFactorRule.REQUIRED))
    assert client.get(reverse("cases:list"))["Location"] == SET_UP


def test_it_tells_htmx_requests_to_go_to_the_set_up_page(client):
    client.force_login(SupervisorFactory(second_factor=False))
    response = client.get(reverse("review:queue"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == SET_UP


def test_it_answers_background_polls_with_nothing(client):
    client.force_login(SupervisorFactory(second_factor=False))
    response = client.get(
        reverse("review:badges"), HTTP_HX_REQUEST="true", HTTP_X_ETHICSDESK_BACKGROUND="true"
    )
    assert (response.status_code, response.content) == (204, b"")


def test_it_keeps_signing_out_reachable(client):
    client.force_login(SupervisorFactory(second_factor=False))
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_it_says_why_on_the_set_up_page(client):
    supervisor = SupervisorFactory(second_factor=False)
    _sign_in_with_password(client, supervisor)
    response = client.get(SET_UP)
    assert "Your clinic requires a second factor" in response.content.decode()


def _sign_in_with_password(client, user) -> None:
    """Sign in, and confirm the password again as allauth asks before any second-factor
    change."""
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    if response["Location"] == reverse("mfa_authenticate"):
        client.post(response["Location"], {"code": fresh_code(user.username)})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_it_lets_them_in_once_they_have_set_one_up(client):
    supervisor = SupervisorFactory(second_factor=False)
    _sign_in_with_password(client, supervisor)
    page = client.get(SET_UP).content.decode()
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    client.post(SET_UP, {"code": pyotp.TOTP(secret).now()})
    assert client.get(reverse("review:queue")).status_code == 200


def test_it_refuses_to_remove_the_last_second_factor_of_someone_who_needs_one(client):
    supervisor = SupervisorFactory()
    _sign_in_with_password(client, supervisor)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert "remove your last one" in response.content.decode()
    assert Authenticator.objects.filter(user=supervisor, type="totp").exists()


def test_it_lets_a_clinician_of_an_optional_clinic_remove_theirs(client):
    clinician = UserFactory(second_factor=True)
    _sign_in_with_password(client, clinician)
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=clinician, type="totp").exists()

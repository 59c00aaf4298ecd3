"""The clinic admin's single sign-on screen: the provider's settings, checked against a real
provider when saved; the secret is never shown back."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialApp
from django.urls import reverse

from accounts.models import SingleSignOn
from audit.models import Action, AuditEvent
from tests.accounts.sso_world import northside_sign_on
from tests.factories import ClinicAdminFactory, ClinicFactory, UserFactory

URL = reverse("sso_settings")
SECRET = "s3cret-from-the-provider"


@pytest.fixture
def admin(db):
    return ClinicAdminFactory(clinic=ClinicFactory(name="Northside", slug="northside"))


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def _form(provider, **changes) -> dict:
    return {
        "display_name": "Northside ID",
        "server_url": provider.url,
        "client_id": "ethicsdesk-tests",
        "secret": SECRET,
        "email_domains": "northside.example",
        "enabled": "on",
        **changes,
    }


def test_it_stores_the_provider_as_an_openid_connect_app_of_the_clinic(
    admin_client, admin, sso_provider
):
    admin_client.post(URL, _form(sso_provider))
    app = SocialApp.objects.get()
    assert (app.provider, app.provider_id, app.settings["server_url"]) == (
        "openid_connect",
        admin.clinic.slug,
        sso_provider.url,
    )


def test_it_switches_it_on_for_the_clinic(admin_client, admin, sso_provider):
    admin_client.post(URL, _form(sso_provider))
    assert SingleSignOn.objects.get(clinic=admin.clinic).enabled


def test_it_never_shows_the_secret_back(admin_client, sso_provider):
    admin_client.post(URL, _form(sso_provider))
    assert SECRET not in admin_client.get(URL).content.decode()


def test_it_keeps_the_secret_when_left_blank(admin_client, sso_provider):
    admin_client.post(URL, _form(sso_provider))
    admin_client.post(URL, _form(sso_provider, secret="", display_name="Northside Entra"))
    assert SocialApp.objects.get().secret == SECRET


def test_it_asks_for_a_secret_the_first_time(admin_client, sso_provider):
    response = admin_client.post(URL, _form(sso_provider, secret=""))
    assert response.status_code == 200 and not SocialApp.objects.exists()


def test_it_refuses_an_issuer_without_a_discovery_document(admin_client, sso_provider):
    response = admin_client.post(URL, _form(sso_provider, server_url=f"{sso_provider.url}/nope"))
    assert "Could not read the provider" in response.content.decode()


def test_it_keeps_what_was_typed_when_refused(admin_client, sso_provider):
    response = admin_client.post(
        URL, _form(sso_provider, server_url=f"{sso_provider.url}/nope", client_id="typed-id")
    )
    assert 'value="typed-id"' in response.content.decode()


def test_it_does_not_echo_a_typed_secret_when_refused(admin_client, sso_provider):
    response = admin_client.post(URL, _form(sso_provider, server_url=f"{sso_provider.url}/nope"))
    assert SECRET not in response.content.decode()


def test_it_requires_https_away_from_this_machine(admin_client, sso_provider):
    response = admin_client.post(URL, _form(sso_provider, server_url="http://id.example.org"))
    assert "must start with https://" in response.content.decode()


def test_it_refuses_sso_only_while_switched_off(admin_client, sso_provider):
    data = _form(sso_provider, only_way_in="on")
    del data["enabled"]
    response = admin_client.post(URL, data)
    assert response.status_code == 200 and not SocialApp.objects.exists()


def test_it_refuses_a_domain_another_clinic_uses(admin_client, sso_provider):
    northside_sign_on(sso_provider, clinic=ClinicFactory(name="Other", slug="other"))
    response = admin_client.post(URL, _form(sso_provider))
    assert "already uses northside.example" in response.content.decode()


def test_it_audits_the_change_without_the_secret(admin_client, admin, sso_provider):
    admin_client.post(URL, _form(sso_provider))
    event = AuditEvent.objects.get(action=Action.SETTINGS)
    assert event.object_id == str(admin.clinic.pk)
    assert SECRET not in f"{event.detail} {event.path}"
    assert "changed: display name, issuer, client id, secret" in event.detail


def test_it_shows_the_redirect_uri_to_register(admin_client, admin):
    page = admin_client.get(URL).content.decode()
    assert f"/accounts/oidc/{admin.clinic.slug}/login/callback/" in page


def test_it_refuses_a_clinician(client, admin):
    client.force_login(UserFactory(clinic=admin.clinic))
    assert client.get(URL).status_code == 403


def test_it_is_reached_from_clinic_settings(admin_client):
    assert URL in admin_client.get(reverse("clinic_settings")).content.decode()


def test_it_says_on_clinic_settings_that_sso_people_are_exempt(admin_client):
    page = admin_client.get(reverse("clinic_settings")).content.decode()
    assert "exempt from the second-factor rule" in page

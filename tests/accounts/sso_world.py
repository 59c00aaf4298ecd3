"""The Northside clinic with single sign-on through the tests' provider, its people as the
provider knows them, and signing in through the provider as a person would."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import requests
from allauth.socialaccount.models import SocialApp
from django.test import Client
from django.urls import reverse

from accounts import sso
from accounts.models import Clinic, SingleSignOn
from tests.sso_provider import seed

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def northside_sign_on(
    provider, *, clinic: Clinic, enabled: bool = True, only_way_in: bool = False
) -> SingleSignOn:
    sso.sign_on_save(
        clinic=clinic,
        values=sso.SignOnSettings(
            display_name="Northside ID",
            server_url=provider.url,
            client_id=seed.CLIENT_ID,
            secret=seed.CLIENT_SECRET,
            enabled=enabled,
            only_way_in=only_way_in,
            email_domains="northside.example",
            authorization_origin=provider.url,
        ),
    )
    return SingleSignOn.objects.select_related("app").get(clinic=clinic)


def at_provider(location: str, provider, person: seed.Person, session=None) -> str:
    """Follow the provider's pages from ``location`` (its authorization URL) as ``person``,
    typing their password at its sign-in form; return the URL it sends the browser back to."""
    session = session or requests.Session()
    response = session.get(location, allow_redirects=False, timeout=10)
    for _ in range(10):
        if response.status_code in (301, 302, 303):
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(provider.url):
                return location
            response = session.get(location, allow_redirects=False, timeout=10)
            continue
        token = CSRF.search(response.text)
        assert response.status_code == 200 and token, response.text[:500]
        response = session.post(
            response.url,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "login": person.username,
                "password": seed.PASSWORD,
            },
            headers={"Referer": response.url},
            allow_redirects=False,
            timeout=10,
        )
    raise AssertionError("the provider never sent the browser back")


def back_from_provider(client: Client, location: str):
    parts = urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in_through_provider(
    client: Client, provider, person: seed.Person, slug: str = seed.CLINIC_SLUG
):
    """Press "Sign in with …" on the clinic's sign-in page, sign in at the provider, come back;
    the response of EthicsDesk's callback."""
    start = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": slug}), {"process": "login"}
    )
    assert start.status_code == 302, start.content[:300]
    return back_from_provider(client, at_provider(start["Location"], provider, person))


def sign_on_as_saved(*, clinic: Clinic, only_way_in: bool = False) -> SingleSignOn:
    """A switched-on sign-on stored as is, for tests that never reach the provider."""
    app = SocialApp.objects.create(
        provider=sso.PROVIDER,
        provider_id=clinic.slug,
        name="Northside ID",
        client_id="ethicsdesk",
        secret="not-shown",
        settings={"server_url": "https://id.northside.example"},
    )
    return SingleSignOn.objects.create(
        clinic=clinic,
        app=app,
        enabled=True,
        only_way_in=only_way_in,
        email_domains="northside.example",
        authorization_origin="https://id.northside.example",
    )

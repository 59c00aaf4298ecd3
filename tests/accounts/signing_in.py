"""Signing in through the real forms, as the second-factor tests need it."""

from __future__ import annotations

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def password_sign_in(client: Client, person):
    """The first step of signing in: the password (a second step may follow)."""
    return client.post(reverse("account_login"), {"login": person.username, "password": PASSWORD})


def confirmed(client: Client, url: str):
    """GET ``url``, typing the password again first when allauth asks for it."""
    page = client.get(url)
    if page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate")):
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(url)
    return page


def signed_in_a_while_ago(client: Client, seconds: int = 301) -> None:
    """As if this session's sign-in (and anything confirmed since) was ``seconds`` ago."""
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= seconds
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()

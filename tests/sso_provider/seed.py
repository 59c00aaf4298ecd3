"""The test provider's client (EthicsDesk) and people, each with the e-mail a test needs."""

from __future__ import annotations

import os
from dataclasses import dataclass

CLIENT_ID = "ethicsdesk-tests"
CLIENT_SECRET = "provider-client-secret-for-tests"  # noqa: S105 - a test fixture's
PASSWORD = "provider-pass-123"  # noqa: S105 - every test person's password at the provider
# The clinic whose provider this is, in the tests (its slug is the provider id).
CLINIC_SLUG = "northside"
# Loopback redirect URIs match any port (the browser tests' live server); the test client's
# host is "testserver".
REDIRECT_HOSTS = ("http://testserver", "http://127.0.0.1", "http://localhost:8000")


@dataclass(frozen=True)
class Person:
    username: str
    email: str
    verified: bool
    first_name: str = ""
    last_name: str = ""


SAM = Person("sam", "sam.okafor@northside.example", True, "Sam", "Okafor")  # a clinician
NOOR = Person("noor", "noor.haddad@northside.example", True, "Noor", "Haddad")  # invited
STRANGER = Person("stranger", "stranger@northside.example", True, "Stray", "Person")
LEE = Person("lee", "lee.brandt@northside.example", False, "Lee", "Brandt")  # unverified
RITA = Person("rita", "rita.vance@riverside.example", True, "Rita", "Vance")  # other clinic
DANA = Person("dana", "dana.ferris@northside.example", True, "Dana", "Ferris")  # deactivated
PEOPLE = (SAM, NOOR, STRANGER, LEE, RITA, DANA)


def callback_uris() -> list[str]:
    # `make sso-provider` adds the demo clinic's (SSO_PROVIDER_CLINIC) for `make run`.
    slugs = dict.fromkeys([CLINIC_SLUG, os.environ.get("SSO_PROVIDER_CLINIC") or CLINIC_SLUG])
    return [
        f"{host}/accounts/oidc/{slug}/login/callback/" for slug in slugs for host in REDIRECT_HOSTS
    ]


def seed() -> None:
    from allauth.account.models import EmailAddress
    from allauth.idp.oidc.models import Client
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    client = Client(
        id=CLIENT_ID,
        name="EthicsDesk (tests)",
        secret=make_password(CLIENT_SECRET),
        type=Client.Type.CONFIDENTIAL,
        skip_consent=True,
    )
    client.set_scopes(["openid", "profile", "email"])
    client.set_redirect_uris(callback_uris())
    client.save()
    for person in PEOPLE:
        user = User.objects.create_user(
            username=person.username,
            email=person.email,
            password=PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        EmailAddress.objects.create(
            user=user, email=person.email, verified=person.verified, primary=True
        )


if __name__ == "__main__":
    import django

    django.setup()
    seed()

"""Single sign-on per clinic: the clinic's OpenID Connect provider (kept as django-allauth's
SocialApp), who may use a password when the clinic has made single sign-on the only way in,
and which clinic's provider a work e-mail address goes to.

The sign-in itself is allauth's (allauth.socialaccount, openid_connect); who it lets in is
decided in accounts/sso_adapter.py.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import Clinic, Role, SingleSignOn

PROVIDER = "openid_connect"
# Set on the request while allauth signs a person in through their provider (read by the
# audit trail, the second-factor policy and the login stages), and kept in the session after.
REQUEST_MARK = "sso_provider_id"
SESSION_KEY = "sso_provider_id"
DISCOVERY_TIMEOUT_SECONDS = 5
DISCOVERY_FIELDS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
SIGN_IN_HINT = (
    "If your clinic signs you in through your organisation, use “Sign in with your "
    "organisation” instead."
)


def sign_on_of(*, clinic: Clinic) -> SingleSignOn | None:
    return SingleSignOn.objects.select_related("app").filter(clinic=clinic).first()


def enabled_sign_on(*, slug: str) -> SingleSignOn | None:
    """The clinic's sign-on if it is switched on (the sign-in address /accounts/sso/<slug>/)."""
    return (
        SingleSignOn.objects.select_related("app", "clinic")
        .filter(clinic__slug=slug, enabled=True)
        .first()
    )


def sign_on_for_email(*, email: str) -> SingleSignOn | None:
    """The switched-on sign-on whose work e-mail domains include this address's domain. The
    answer depends on the domain only, never on whether the address has an account."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for sign_on in SingleSignOn.objects.select_related("app", "clinic").filter(
        enabled=True, email_domains__icontains=domain
    ):
        if domain in sign_on.domains:
            return sign_on
    return None


def any_sign_on_enabled() -> bool:
    return SingleSignOn.objects.filter(enabled=True).exists()


def password_refused(user) -> bool:
    """Whether ``user`` may not sign in (or reset) with a password: their clinic has made
    single sign-on the only way in. Clinic admins are the break-glass exception (their
    password and second factor still work, so a provider outage can't lock the clinic out of
    its own settings); the installation's operator has no clinic."""
    if user.clinic_id is None or user.role == Role.CLINIC_ADMIN:
        return False
    return SingleSignOn.objects.filter(
        clinic_id=user.clinic_id, enabled=True, only_way_in=True
    ).exists()


def signed_in_by_sso(request: HttpRequest) -> bool:
    return bool(getattr(request, REQUEST_MARK, "")) or bool(
        getattr(request, "session", {}).get(SESSION_KEY)
    )


@receiver(user_logged_in)
def _remember_sign_in_by_provider(sender, request: HttpRequest | None, user, **kwargs) -> None:
    # Kept for the session: the second-factor policy and signing read how the person got in.
    if request is not None and hasattr(request, "session"):
        provider_id = getattr(request, REQUEST_MARK, "")
        if provider_id:
            request.session[SESSION_KEY] = provider_id
        else:
            request.session.pop(SESSION_KEY, None)


def issuer_check(url: str) -> dict:
    """Fetch the provider's discovery document (``<issuer>/.well-known/openid-configuration``)
    and return it; ValidationError with a plain reason when the issuer can't be used."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and not (
        parts.scheme == "http" and _is_loopback(host) and settings.SSO_ALLOW_LOOPBACK_HTTP
    ):
        raise ValidationError("The issuer URL must start with https://.", code="not_https")
    if not host:
        raise ValidationError("That is not a web address.", code="not_url")
    discovery = url.rstrip("/")
    if "/.well-known/" not in discovery:
        discovery += "/.well-known/openid-configuration"
    try:
        response = requests.get(discovery, timeout=DISCOVERY_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ValidationError(
            "Could not read the provider's discovery document at %(url)s (%(why)s). Check the "
            "issuer URL: it is the address your provider calls “issuer” or “authority”.",
            code="unreachable",
            params={"url": discovery, "why": type(exc).__name__},
        ) from exc
    missing = [field for field in DISCOVERY_FIELDS if not isinstance(document.get(field), str)]
    if not isinstance(document, dict) or missing:
        raise ValidationError(
            "The provider's discovery document lacks %(missing)s: is this an OpenID Connect "
            "issuer?",
            code="not_oidc",
            params={"missing": ", ".join(missing) or "its fields"},
        )
    return document


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class SignOnSettings:
    display_name: str
    server_url: str
    client_id: str
    secret: str  # "" keeps the stored one
    enabled: bool
    only_way_in: bool
    email_domains: str
    authorization_origin: str


def domains_in_use(*, domains: list[str], clinic: Clinic) -> list[str]:
    """Which of ``domains`` another clinic's sign-on already claims."""
    taken = []
    for other in SingleSignOn.objects.exclude(clinic=clinic).exclude(email_domains=""):
        taken += [domain for domain in domains if domain in other.domains]
    return taken


@transaction.atomic
def sign_on_save(*, clinic: Clinic, values: SignOnSettings) -> list[str]:
    """Create or update the clinic's sign-on; returns the names of what changed (for the
    audit trail: never a value, so never the secret)."""
    sign_on = SingleSignOn.objects.select_for_update().filter(clinic=clinic).first()
    app = sign_on.app if sign_on else SocialApp(provider=PROVIDER, provider_id=clinic.slug)
    before = {
        "display name": app.name,
        "issuer": app.settings.get("server_url", "") if app.pk else "",
        "client id": app.client_id,
        "secret": app.secret,
        "offered at sign-in": sign_on.enabled if sign_on else False,
        "only way in": sign_on.only_way_in if sign_on else False,
        "e-mail domains": sign_on.email_domains if sign_on else "",
    }
    app.name = values.display_name
    app.client_id = values.client_id
    if values.secret:
        app.secret = values.secret
    app.settings = {**(app.settings or {}), "server_url": values.server_url}
    app.save()
    if sign_on is None:
        sign_on = SingleSignOn(clinic=clinic, app=app)
    sign_on.enabled = values.enabled
    sign_on.only_way_in = values.only_way_in
    sign_on.email_domains = values.email_domains
    sign_on.authorization_origin = values.authorization_origin
    sign_on.save()
    after = {
        "display name": app.name,
        "issuer": values.server_url,
        "client id": app.client_id,
        "secret": app.secret,
        "offered at sign-in": sign_on.enabled,
        "only way in": sign_on.only_way_in,
        "e-mail domains": sign_on.email_domains,
    }
    return [name for name in before if before[name] != after[name]]

"""Every page but the login page asks anonymous visitors to sign in."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    # Single sign-on: finding the clinic's provider, and a cancelled round trip.
    "sso_start",
    "socialaccount_login_cancelled",
    # Load balancers' probes (ops/health.py): nothing of a record, no sign-in.
    "health",
    "ready",
}


def _named_routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.app_name == "admin":
                continue  # Django's admin has its own login; covered below.
            routes += _named_routes(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            routes.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return routes


ROUTES = [name for name, _ in _named_routes(get_resolver())]


def test_it_finds_the_routes_it_checks():
    assert {"home", "cases:list", "frameworks:list", "account_change_password"} <= set(ROUTES)


@pytest.mark.parametrize("name", [n for n in ROUTES if n not in PUBLIC])
def test_it_redirects_anonymous_visitors_to_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_keeps_django_admin_behind_its_login(client):
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]

"""Any id in any URL, however long, answers 404 with an audit event, never a 500 (item 9)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"  # beyond PostgreSQL's bigint


def _routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                found += _routes(entry, route)
        elif isinstance(entry, URLPattern) and "<id:" in route:
            found.append(route)
    return found


def _fill(route: str, *, ids: str) -> str:
    path = re.sub(r"<id:\w+>", ids, route)
    path = re.sub(r"<slug:\w+>", "dilemma", path)
    return "/" + re.sub(r"<str:\w+>", "options", path)


ROUTES_WITH_IDS = _routes(get_resolver())


def test_it_finds_the_routes_with_ids():
    assert len(ROUTES_WITH_IDS) > 20
    assert not [route for route in _all_routes() if "<int:" in route]


def _all_routes() -> list[str]:
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            yield route
            if isinstance(entry, URLResolver) and entry.app_name != "admin":
                yield from walk(entry, route)

    return list(walk(get_resolver()))


@pytest.mark.parametrize("route", ROUTES_WITH_IDS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_answers_404_and_records_the_refusal(owner_client, clinician, route, method):
    path = _fill(route, ids=HUGE)
    response = getattr(owner_client, method)(path)
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert (event.actor, event.path, event.status_code) == (clinician, path, 404)


def test_it_answers_404_for_the_issues_example(owner_client):
    assert owner_client.get(f"/deliberations/{HUGE}/").status_code == 404
    assert AuditEvent.objects.filter(action="refused", path=f"/deliberations/{HUGE}/").exists()

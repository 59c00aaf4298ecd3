"""Every route is declared here as audited (the action its rightful request records) or as
not showing or changing clinical content or access, with the reason. A route missing from
this table fails ``test_it_declares_every_route``; a declared route that stops recording
its event fails ``test_it_records_the_declared_event``. The table sits beside
test_route_matrix.py and uses its world and requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse

from audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory
from tests.security.test_route_matrix import ROUTES, _route_names, world  # noqa: F401

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Audited:
    actor: str  # a key of world["people"], or "anonymous_owner" (signs in as the owner)
    action: str
    # Instead of the route matrix's request: (method, url, data) built from the world.
    request: Callable[[dict], tuple[str, str, dict]] | None = None


@dataclass(frozen=True)
class NotClinical:
    why: str = field(default="")


D = "deliberation"
FORM = NotClinical("a blank form or a confirmation question; its POST is what is audited")
TITLES = NotClinical("a list of titles and references; opening any of them is audited")
FRAMEWORK_READ = NotClinical("a framework definition, not a client's record")
FRAMEWORK_WRITE = Audited("admin", "admin")


def _post(name: str, args: Callable[[dict], list], data: Callable[[dict], dict]):
    return lambda w: ("post", reverse(name, args=args(w)), data(w))


AUDIT = {
    "home": NotClinical("redirects to the role's home"),
    "keepalive": NotClinical("extends the session"),
    "reauth": FORM,
    "login": Audited(
        "anonymous_owner",
        "login",
        lambda w: (
            "post",
            reverse("login"),
            {"username": w["people"]["owner"].username, "password": PASSWORD},
        ),
    ),
    "logout": Audited("owner", "logout"),
    "password_change": Audited(
        "owner",
        "password_change",
        lambda w: (
            "post",
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "a-brand-new-passphrase-9",
                "new_password2": "a-brand-new-passphrase-9",
            },
        ),
    ),
    "password_change_done": NotClinical("a confirmation page"),
    "lockout_list": NotClinical("names of locked accounts, no records; unlocking is audited"),
    "lockout_reset": Audited(
        "admin",
        "lockout_reset",
        _post("lockout_reset", lambda w: [], lambda w: {"username": w["locked"].username}),
    ),
    "supervision_list": NotClinical("who supervises whom; every change to it is audited"),
    "supervision_add": Audited(
        "admin",
        "admin",
        _post(
            "supervision_add",
            lambda w: [],
            lambda w: {
                "supervisor": w["people"]["unrelated_supervisor"].pk,
                "clinician": w["people"]["colleague"].pk,
            },
        ),
    ),
    "supervision_end": Audited(
        "admin",
        "admin",
        _post("supervision_end", lambda w: [w["link"].pk], lambda w: {"confirm": "True"}),
    ),
    "frameworks:list": FRAMEWORK_READ,
    "frameworks:import": FORM,
    "frameworks:set_default": FRAMEWORK_WRITE,
    "frameworks:details": FRAMEWORK_WRITE,
    "frameworks:version": FRAMEWORK_READ,
    "frameworks:preview": FRAMEWORK_READ,
    "frameworks:preview_step": FRAMEWORK_READ,
    "frameworks:clone": FRAMEWORK_WRITE,
    "frameworks:publish": FORM,
    "frameworks:retire": FRAMEWORK_WRITE,
    "frameworks:discard": FRAMEWORK_WRITE,
    "frameworks:export": FRAMEWORK_READ,
    "frameworks:step_add": FRAMEWORK_WRITE,
    "frameworks:step_save": FRAMEWORK_WRITE,
    "frameworks:step_move": FRAMEWORK_WRITE,
    "frameworks:step_remove": FRAMEWORK_WRITE,
    "frameworks:item_add": FRAMEWORK_WRITE,
    "frameworks:item_save": FRAMEWORK_WRITE,
    "frameworks:item_remove": FRAMEWORK_WRITE,
    "cases:list": TITLES,
    "cases:new": Audited(
        "owner",
        "change",
        lambda w: (
            "post",
            reverse("cases:new"),
            {
                "title": "New",
                "client_reference": "CR-5",
                "urgency": "routine",
                "framework": w["builtin"].pk,
            },
        ),
    ),
    "cases:detail": Audited("owner", "view"),
    "cases:urgent": Audited("owner", "view"),
    "cases:step": Audited("owner", "view"),
    "cases:row_add": Audited("owner", "change"),
    "cases:row_save": Audited("owner", "change"),
    "cases:row_remove": Audited("owner", "change"),
    "records:rationale": Audited("owner", "view"),
    "records:pdf": Audited("owner", "export"),
    "records:text": Audited(
        "owner",
        "export",
        lambda w: ("get", reverse("records:text", args=[w[D].pk, "chart-note"]), {"download": 1}),
    ),
    "records:sign": Audited("owner", "view"),
    "records:verify": Audited("owner", "verify"),
    "records:addendum": Audited("owner", "view"),
    "review:queue": TITLES,
    "review:dashboard": NotClinical("counts and titles of the supervisor's queue"),
    "review:shared_with_me": TITLES,
    "review:notifications": TITLES,
    "review:badges": NotClinical("unread counts"),
    "review:submit": Audited("owner", "view"),
    "review:actions": Audited("supervisor_after", "view"),
    "review:share": Audited(
        "owner",
        "share",
        _post(
            "review:share",
            lambda w: [w[D].pk],
            lambda w: {"consultant": w["people"]["colleague"].pk},
        ),
    ),
    "review:share_withdraw": Audited("owner", "unshare"),
    "review:comment_add": Audited(
        "owner",
        "comment",
        _post("review:comment_add", lambda w: [w[D].pk, "dilemma"], lambda w: {"text": "Hm."}),
    ),
    "review:comment_resolve": Audited("owner", "comment"),
    "audit:list": Audited("admin", "view"),
    "audit:csv": Audited("admin", "export"),
    "audit:history": Audited("owner", "view"),
}


def test_it_declares_every_route():
    declared, routes = set(AUDIT), _route_names(get_resolver())
    assert routes - declared == set(), "routes not declared audited or not clinical"
    assert declared - routes == set(), "declarations for routes that no longer exist"


def test_it_says_why_a_route_is_not_audited():
    assert all(rule.why for rule in AUDIT.values() if isinstance(rule, NotClinical))


AUDITED = sorted(name for name, rule in AUDIT.items() if isinstance(rule, Audited))


@pytest.mark.parametrize("route", AUDITED)
def test_it_records_the_declared_event(client, world, route):  # noqa: F811
    rule = AUDIT[route]
    world["locked"] = UserFactory(clinic=world["people"]["owner"].clinic)
    if rule.actor != "anonymous_owner":
        client.force_login(world["people"][rule.actor])
    if rule.request is not None:
        method, url, data = rule.request(world)
    else:
        method, url_for, _ = ROUTES[route]
        url, data = url_for(world), {}
    response = client.get(url, data) if method == "get" else client.post(url, data)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    assert AuditEvent.objects.filter(action=rule.action, path=url).exists(), (
        f"{route}: no {rule.action} event (status {response.status_code})"
    )

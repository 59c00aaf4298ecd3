"""Audit is declared on the views (``@audited``/``@not_clinical``, audit/declare.py) and read
by the audit middleware. Every route's view declares one (``test_it_declares_every_route``),
every route that shows or changes clinical content or who may see it is ``@audited``
(``test_it_audits_every_clinical_route``), and a sample request of each audited route records
its declared event (``test_it_records_the_declared_event``). The samples sit beside
test_route_matrix.py and use its world and requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.invitations import invitation_tokens
from audit.declare import Audited, NotClinical, declaration
from audit.models import AuditEvent
from jurisdictions.transfer import export_json
from tests.factories import PASSWORD, UserFactory
from tests.jurisdictions.rules import form_data
from tests.security import library_routes
from tests.security.routes import route_views
from tests.security.test_route_matrix import ROUTES, _rule_draft, world  # noqa: F401

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Sample:
    actor: str  # a key of world["people"], or "anonymous_owner" (signs in as the owner)
    action: str
    # Instead of the route matrix's request: (method, url, data) built from the world.
    request: Callable[[dict], tuple[str, str, dict]] | None = None


D = "deliberation"
FRAMEWORK_WRITE = Sample("admin", "admin")
RULE_WRITE = Sample("content_editor", "admin")


def _changed_rule(version) -> dict:
    """The rule of ``version`` in an import file, with one newer version."""
    newer = {**version.raw_content(), "notes": "Imported correction.", "number": 2}
    return {"jurisdiction": "US-CA", "duty": version.rule.duty, "versions": [newer]}


# The apps whose routes show or change a deliberation, its review, its shares and comments,
# its records, or the audit trail.
CLINICAL_NAMESPACES = ("cases:", "records:", "review:", "audit:", "library:")
# Their routes that show only titles, references or counts (opening any of them is audited).
LISTS = {
    "cases:list",
    "review:queue",
    "review:dashboard",
    "review:shared_with_me",
    "review:notifications",
    "review:badges",
    "library:work",
}
# Who may see a deliberation, outside those apps: a supervisor sees their supervisees' work.
# Who has an account and with which role: people's screens and invitations.
ACCESS = {
    "supervision_add",
    "supervision_end",
    "invite",
    "people_import",
    "person_role",
    "person_deactivate",
    "person_reactivate",
    "invitation_resend",
    "invitation_revoke",
    "invitation_accept",
    # Who must prove who they are with a second factor (the clinic's policy, a reset).
    "clinic_settings",
    "person_second_factor_reset",
    # Who may sign in through the clinic's provider, and whether passwords still work.
    "sso_settings",
}
# Recorded by the auth signals (audit/signals.py); their views are @not_clinical.
BY_SIGNALS = {"account_login", "account_logout"}


def _deactivated(person) -> int:
    """The person, switched off first (reactivating needs someone deactivated)."""
    type(person).objects.filter(pk=person.pk).update(is_active=False)
    return person.pk


def _post(name: str, args: Callable[[dict], list], data: Callable[[dict], dict]):
    return lambda w: ("post", reverse(name, args=args(w)), data(w))


SAMPLES = {
    "account_login": Sample(
        "anonymous_owner",
        "login",
        lambda w: (
            "post",
            reverse("account_login"),
            {"login": w["people"]["owner"].username, "password": PASSWORD},
        ),
    ),
    "account_logout": Sample("owner", "logout"),
    "account_change_password": Sample(
        "owner",
        "password_change",
        lambda w: (
            "post",
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "a-brand-new-passphrase-9",
                "password2": "a-brand-new-passphrase-9",
            },
        ),
    ),
    "person_second_factor_reset": Sample(
        "admin",
        "mfa_reset",
        _post(
            "person_second_factor_reset",
            lambda w: [w["people"]["unrelated_supervisor"].pk],
            lambda w: {"reason": "lost_device"},
        ),
    ),
    "clinic_settings": Sample(
        "admin",
        "settings",
        _post("clinic_settings", lambda w: [], lambda w: {"clinician_second_factor": "required"}),
    ),
    "sso_settings": Sample(
        "admin",
        "settings",
        lambda w: (
            "post",
            reverse("sso_settings"),
            {
                "display_name": "Clinic ID",
                "server_url": w["sso_provider"].url,
                "client_id": "ethicsdesk",
                "secret": "a-secret",
                "enabled": "on",
            },
        ),
    ),
    "lockout_reset": Sample(
        "admin",
        "lockout_reset",
        _post("lockout_reset", lambda w: [], lambda w: {"username": w["locked"].username}),
    ),
    "supervision_add": Sample(
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
    "supervision_end": Sample(
        "admin",
        "admin",
        _post("supervision_end", lambda w: [w["link"].pk], lambda w: {"confirm": "True"}),
    ),
    "invite": Sample(
        "admin",
        "invite",
        _post(
            "invite",
            lambda w: [],
            lambda w: {
                "first_name": "Noor",
                "last_name": "Haddad",
                "email": "noor@clinic.example",
                "role": "clinician",
            },
        ),
    ),
    "people_import": Sample(
        "admin",
        "import",
        _post(
            "people_import",
            lambda w: [],
            lambda w: {
                "file": SimpleUploadedFile(
                    "people.csv", b"name,email,role\nNoor Haddad,noor@clinic.example,clinician\n"
                )
            },
        ),
    ),
    "person_role": Sample(
        "admin",
        "role_change",
        _post(
            "person_role", lambda w: [w["people"]["colleague"].pk], lambda w: {"role": "auditor"}
        ),
    ),
    "person_deactivate": Sample(
        "admin",
        "deactivate",
        _post(
            "person_deactivate",
            lambda w: [w["people"]["colleague"].pk],
            lambda w: {"confirm": "True"},
        ),
    ),
    "person_reactivate": Sample(
        "admin",
        "reactivate",
        _post("person_reactivate", lambda w: [_deactivated(w["people"]["colleague"])], dict),
    ),
    "invitation_resend": Sample("admin", "invite_resend"),
    "invitation_revoke": Sample("admin", "invite_revoke"),
    "invitation_accept": Sample(
        "anonymous_owner",  # nobody signs in: the invited person is not a user yet
        "invite_accept",
        lambda w: (
            "post",
            reverse(
                "invitation_accept",
                args=[w["invitation"].pk, invitation_tokens.make_token(w["invitation"])],
            ),
            {
                "new_password1": "a-brand-new-passphrase-9",
                "new_password2": "a-brand-new-passphrase-9",
            },
        ),
    ),
    # The rule editor: the content editor's changes, each an administrative event.
    "jurisdictions:draft": RULE_WRITE,
    "jurisdictions:edit": Sample(
        "content_editor",
        "admin",
        lambda w: (
            "post",
            reverse("jurisdictions:edit", args=[_rule_draft(w).pk]),
            form_data(_rule_draft(w), notes="Checked again."),
        ),
    ),
    "jurisdictions:publish": Sample(
        "content_editor",
        "admin",
        lambda w: (
            "post",
            reverse("jurisdictions:publish", args=[_rule_draft(w).pk]),
            {"change_note": "Corrected."},
        ),
    ),
    "jurisdictions:retire": RULE_WRITE,
    "jurisdictions:discard": RULE_WRITE,
    "jurisdictions:rule_new": Sample(
        "content_editor",
        "admin",
        lambda w: (
            "post",
            reverse("jurisdictions:rule_new"),
            form_data(w["rule_version"], jurisdiction="US-CA", duty="child_abuse"),
        ),
    ),
    "jurisdictions:jurisdiction_new": Sample(
        "content_editor",
        "admin",
        _post(
            "jurisdictions:jurisdiction_new",
            lambda w: [],
            lambda w: {"code": "AU-VIC", "name": "Victoria", "country": "AU"},
        ),
    ),
    "jurisdictions:import": Sample(
        "content_editor",
        "admin",
        lambda w: (
            "post",
            reverse("jurisdictions:import"),
            {
                "file": SimpleUploadedFile(
                    "rules.json",
                    json.dumps(
                        export_json([w["rule_version"].rule])
                        | {"rules": [_changed_rule(w["rule_version"])]}
                    ).encode(),
                )
            },
        ),
    ),
    "jurisdictions:export": Sample(
        "content_editor",
        "export",
        lambda w: ("get", reverse("jurisdictions:export"), {"format": "json"}),
    ),
    "frameworks:set_default": FRAMEWORK_WRITE,
    "frameworks:details": FRAMEWORK_WRITE,
    "frameworks:clone": FRAMEWORK_WRITE,
    "frameworks:retire": FRAMEWORK_WRITE,
    "frameworks:discard": FRAMEWORK_WRITE,
    "frameworks:step_add": FRAMEWORK_WRITE,
    "frameworks:step_save": FRAMEWORK_WRITE,
    "frameworks:step_move": FRAMEWORK_WRITE,
    "frameworks:step_remove": FRAMEWORK_WRITE,
    "frameworks:item_add": FRAMEWORK_WRITE,
    "frameworks:item_save": FRAMEWORK_WRITE,
    "frameworks:item_remove": FRAMEWORK_WRITE,
    "cases:new": Sample(
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
    "cases:detail": Sample("owner", "view"),
    "cases:urgent": Sample("owner", "view"),
    "cases:step": Sample("owner", "view"),
    "cases:row_add": Sample("owner", "change"),
    "cases:law_jurisdiction": Sample("owner", "change"),
    "cases:law_tick": Sample(
        "owner",
        "change",
        _post(
            "cases:law_tick",
            lambda w: [w[D].pk, w["rule_version"].pk, 0],
            lambda w: {"done": "on"},
        ),
    ),
    "cases:row_save": Sample("owner", "change"),
    "cases:row_remove": Sample("owner", "change"),
    "records:rationale": Sample("owner", "view"),
    "records:pdf": Sample("owner", "export"),
    "records:text": Sample(
        "owner",
        "export",
        lambda w: ("get", reverse("records:text", args=[w[D].pk, "chart-note"]), {"download": 1}),
    ),
    "records:sign": Sample("owner", "view"),
    "records:verify": Sample("owner", "verify"),
    "records:addendum": Sample("owner", "view"),
    "review:submit": Sample("owner", "view"),
    "review:actions": Sample("supervisor_after", "view"),
    "review:share": Sample(
        "owner",
        "share",
        _post(
            "review:share",
            lambda w: [w[D].pk],
            lambda w: {"consultant": w["people"]["colleague"].pk},
        ),
    ),
    "review:share_withdraw": Sample("owner", "unshare"),
    "review:comment_add": Sample(
        "owner",
        "comment",
        _post("review:comment_add", lambda w: [w[D].pk, "dilemma"], lambda w: {"text": "Hm."}),
    ),
    "review:comment_resolve": Sample("owner", "comment"),
    "audit:list": Sample("admin", "view"),
    "audit:csv": Sample("admin", "export"),
    "audit:history": Sample("owner", "view"),
}
SAMPLES |= library_routes.samples(Sample)


VIEWS = route_views()
CLINICAL = sorted(
    name
    for name in VIEWS
    if (name.startswith(CLINICAL_NAMESPACES) and name not in LISTS) or name in ACCESS
)


def test_it_declares_every_route():
    undeclared = sorted(name for name, view in VIEWS.items() if declaration(view) is None)
    assert undeclared == [], "routes whose view is neither @audited nor @not_clinical"


def test_it_says_why_a_route_is_not_audited():
    reasons = [declaration(view) for view in VIEWS.values()]
    assert all(r.why.strip() for r in reasons if isinstance(r, NotClinical))


def test_it_finds_the_clinical_routes():
    assert {"cases:step", "records:sign", "review:share", "audit:history"} <= set(CLINICAL)


@pytest.mark.parametrize("route", CLINICAL)
def test_it_audits_every_clinical_route(route):
    declared = declaration(VIEWS[route])
    assert isinstance(declared, Audited), f"{route} shows or changes clinical content or access"
    assert route in SAMPLES, f"{route}: add a sample request, so its event is checked"


def test_it_keeps_no_sample_of_a_route_that_is_gone():
    assert set(SAMPLES) - set(VIEWS) == set()


@pytest.mark.parametrize("route", sorted(SAMPLES))
def test_it_records_the_declared_event(client, world, route, request):  # noqa: F811
    rule = SAMPLES[route]
    if route == "sso_settings":  # the issuer is checked against a real provider
        world["sso_provider"] = request.getfixturevalue("sso_provider")
    declared = declaration(VIEWS[route])
    if route not in BY_SIGNALS:
        assert isinstance(declared, Audited) and rule.action in declared.actions, (
            f"{route}: its view does not declare {rule.action}"
        )
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

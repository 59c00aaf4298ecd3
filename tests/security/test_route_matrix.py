"""Every route × every kind of actor, against a declared table of expected statuses.

A route that is not in the table fails ``test_it_declares_every_route``: no new URL ships
without a rule. Requests are made in a fixed order with the actors who may change things
last, so a change they make can't hide a refusal.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialApp
from django.urls import reverse

from accounts.invitations import invitation_create, invitation_tokens
from accounts.models import SingleSignOn
from accounts.services import supervision_link_start
from cases.models import Option, PinnedRule
from cases.services import deliberation_create
from consults import services as consults
from consults.models import ConsultGroup
from jurisdictions.services import rule_version_draft
from review import services as review
from review.models import Comment
from tests.accounts.software_key import SoftwareKey
from tests.factories import (
    ClinicAdminFactory,
    ClinicFactory,
    FrameworkVersionFactory,
    PublishedVersionFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.jurisdictions.rules import grant_rule_editing, publish
from tests.security import library_routes
from tests.security.routes import route_views

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "colleague",  # another clinician of the same clinic
    # A clinician of clinic A given the jurisdiction rules' permission; early, so that it
    # meets every other route in the state a colleague does.
    "content_editor",
    "outsider",  # a clinician of another clinic
    "unrelated_supervisor",
    "consultant_without_share",
    "other_admin",  # another clinic's admin
    "consultant",  # the deliberation is shared with them
    "supervisor_before",  # the owner's supervisor, on a draft not yet submitted
    "supervisor_after",  # the owner's supervisor, on a submitted deliberation
    "owner",
    "admin",  # the owner's clinic admin
]
CLINICIANS = {
    "colleague",
    "outsider",
    "consultant_without_share",
    "consultant",
    "owner",
    "content_editor",
}
SUPERVISORS = {"unrelated_supervisor", "supervisor_before", "supervisor_after"}
ADMINS = {"admin", "other_admin"}
READERS = {"owner", "supervisor_after", "consultant"}
CLINIC_A = [
    "colleague",
    "content_editor",
    "unrelated_supervisor",
    "consultant_without_share",
    "consultant",
    "supervisor_before",
    "supervisor_after",
    "owner",
]


def statuses(*, anonymous=302, **groups) -> dict:
    """Expand group shorthands into a status per actor."""
    table = {"anonymous": anonymous}
    for actor in ACTORS[1:]:
        for group, status in groups.items():
            if actor == group or actor in GROUPS.get(group, set()):
                table[actor] = status
    missing = set(ACTORS) - set(table)
    assert not missing, f"no status declared for {missing}"
    return table


GROUPS = {
    "readers": READERS,
    "non_readers": set(ACTORS[1:]) - READERS,
    "clinicians": CLINICIANS,
    "supervisors": SUPERVISORS,
    "admins": ADMINS,
    "staff": CLINICIANS | SUPERVISORS,
    "everyone": set(ACTORS[1:]),
    "clinic_a": set(CLINIC_A),
    "clinic_b": {"outsider", "other_admin"},
    "readers_not_owner": READERS - {"owner"},
}


def content(readers=200, **overrides) -> dict:
    """A deliberation page: readers get ``readers``; everyone else 404."""
    return statuses(non_readers=404, readers=readers, **overrides)


def owner_only(owner, **overrides) -> dict:
    return statuses(non_readers=404, readers_not_owner=403, owner=owner, **overrides)


def admin_page(admin=200, other_admin=200) -> dict:
    return statuses(staff=403, admin=admin, other_admin=other_admin)


def draft_framework(admin, staff_a=403) -> dict:
    """A clinic A draft framework version: its admin manages it; clinic B sees nothing."""
    return statuses(clinic_a=staff_a, clinic_b=404, admin=admin)


def rule_editing(editor: int) -> dict:
    """A page or change of the rule editor: only the content editor (installation-wide data:
    no clinic role gets it; the operator is tested in tests/jurisdictions)."""
    return statuses(everyone=403, content_editor=editor)


def _rule_draft(w: dict):
    """The draft of the world's published rule (started once; later calls find it)."""
    return rule_version_draft(version=w["rule_version"], user=w["people"]["content_editor"])[0]


def _owners_key(w: dict) -> Authenticator:
    """A passkey of the owner's, made only for the routes that need one (with a key, the
    owner's password sign-in would stop at the second step)."""
    key, _ = Authenticator.objects.get_or_create(
        user=w["people"]["owner"],
        type=Authenticator.Type.WEBAUTHN,
        defaults={
            "data": {
                "name": "Owner's key",
                "credential": SoftwareKey().register({"publicKey": {"challenge": b"0" * 16}}),
            }
        },
    )
    return key


def _sign_on(w: dict) -> str:
    """The owner's clinic's single sign-on, switched on (saved as is: no provider is asked);
    its provider id (the clinic's slug)."""
    clinic = w["people"]["owner"].clinic
    if not SingleSignOn.objects.filter(clinic=clinic).exists():
        app = SocialApp.objects.create(
            provider="openid_connect",
            provider_id=clinic.slug,
            name="Clinic ID",
            client_id="ethicsdesk",
            secret="not-shown",
            settings={"server_url": "https://id.clinic.example"},
        )
        SingleSignOn.objects.create(clinic=clinic, app=app, enabled=True)
    return clinic.slug


D = "deliberation"
MFA_SET_UP = 200  # a code is asked for
ROUTES = {
    "home": ("get", lambda w: reverse("home"), statuses(everyone=302)),
    "keepalive": ("get", lambda w: reverse("keepalive"), statuses(everyone=204)),
    # Load balancers' probes: the same answer for everyone, signed in or not.
    "health": ("get", lambda w: reverse("health"), statuses(anonymous=200, everyone=200)),
    "ready": ("get", lambda w: reverse("ready"), statuses(anonymous=200, everyone=200)),
    "reauth": ("get", lambda w: reverse("reauth"), statuses(everyone=200)),
    # Back from a confirmation by a round trip; with none pending it goes home.
    "confirm_return": ("get", lambda w: reverse("confirm_return"), statuses(everyone=302)),
    "account_login": (
        "get",
        lambda w: reverse("account_login"),
        statuses(anonymous=200, everyone=302),
    ),
    "account_logout": ("post", lambda w: reverse("account_logout"), statuses(everyone=302)),
    "account_change_password": (
        "get",
        lambda w: reverse("account_change_password"),
        statuses(everyone=200),
    ),
    "password_change_done": (
        "get",
        lambda w: reverse("password_change_done"),
        statuses(everyone=200),
    ),
    # Password reset: the same pages for everyone, signed in or not (a made-up link is
    # answered "this link no longer works").
    "account_reset_password": (
        "get",
        lambda w: reverse("account_reset_password"),
        statuses(anonymous=200, everyone=200),
    ),
    "account_reset_password_done": (
        "get",
        lambda w: reverse("account_reset_password_done"),
        statuses(anonymous=200, everyone=200),
    ),
    "account_reset_password_from_key": (
        "get",
        lambda w: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "1", "key": "made-up"}
        ),
        statuses(anonymous=200, everyone=200),
    ),
    "account_reset_password_from_key_done": (
        "get",
        lambda w: reverse("account_reset_password_from_key_done"),
        statuses(anonymous=200, everyone=200),
    ),
    "usersessions_list": ("get", lambda w: reverse("usersessions_list"), statuses(everyone=200)),
    "digest_settings": (
        "get",
        lambda w: reverse("digest_settings"),
        statuses(supervisors=200, clinicians=403, admins=403),
    ),
    # Two-step sign-in (the person's own). Supervisors and admins must have a second factor
    # (accounts/second_factor.py): theirs is set up; no clinician here has one.
    "account_reauthenticate": (
        "get",
        lambda w: reverse("account_reauthenticate"),
        statuses(everyone=200),
    ),
    "mfa_index": ("get", lambda w: reverse("mfa_index"), statuses(everyone=200)),
    "mfa_authenticate": (
        "get",
        lambda w: reverse("mfa_authenticate"),
        statuses(everyone=302),  # no sign-in waiting for a code: back to the sign-in page
    ),
    "mfa_reauthenticate": (
        "get",
        lambda w: reverse("mfa_reauthenticate"),
        statuses(clinicians=302, supervisors=MFA_SET_UP, admins=MFA_SET_UP),
    ),
    "mfa_activate_totp": (
        "get",
        lambda w: reverse("mfa_activate_totp"),
        statuses(everyone=302),  # asks for the password first
    ),
    "mfa_deactivate_totp": (
        "get",
        lambda w: reverse("mfa_deactivate_totp"),
        # nothing to turn off; who has one is asked for their password first
        statuses(clinicians=404, supervisors=302, admins=302),
    ),
    "mfa_view_recovery_codes": (
        "get",
        lambda w: reverse("mfa_view_recovery_codes"),
        statuses(everyone=404),
    ),
    "mfa_generate_recovery_codes": (
        "get",
        lambda w: reverse("mfa_generate_recovery_codes"),
        statuses(everyone=302),
    ),
    "mfa_download_recovery_codes": (
        "get",
        lambda w: reverse("mfa_download_recovery_codes"),
        statuses(everyone=404),
    ),
    "mfa_list_webauthn": ("get", lambda w: reverse("mfa_list_webauthn"), statuses(everyone=200)),
    "mfa_add_webauthn": (
        "get",
        lambda w: reverse("mfa_add_webauthn"),
        statuses(everyone=302),  # asks for the password first
    ),
    # The owner's key: anyone is asked for their password first, then only the owner finds it
    # (tests/accounts/test_passkeys.py::test_it_refuses_another_persons_key).
    "mfa_edit_webauthn": (
        "get",
        lambda w: reverse("mfa_edit_webauthn", kwargs={"pk": _owners_key(w).pk}),
        statuses(everyone=302),
    ),
    "mfa_remove_webauthn": (
        "get",
        lambda w: reverse("mfa_remove_webauthn", kwargs={"pk": _owners_key(w).pk}),
        statuses(everyone=302),
    ),
    "mfa_reauthenticate_webauthn": (
        "get",
        lambda w: _owners_key(w) and reverse("mfa_reauthenticate_webauthn"),
        statuses(everyone=302, owner=200),  # only someone with a key can confirm with one
    ),
    "clinic_settings": ("get", lambda w: reverse("clinic_settings"), admin_page()),
    # Single sign-on: the admin's provider settings (their own clinic's); the pages that
    # start a sign-in through a provider are for anyone; confirming a signer through the
    # provider needs an account linked to it (none here: back to the page, 302).
    "sso_settings": ("get", lambda w: reverse("sso_settings"), admin_page()),
    "sso_start": ("get", lambda w: reverse("sso_start"), statuses(anonymous=200, everyone=200)),
    "sso_clinic": (
        "get",
        lambda w: reverse("sso_clinic", kwargs={"slug": _sign_on(w)}),
        statuses(anonymous=200, everyone=200),
    ),
    "sso_confirm": ("get", lambda w: reverse("sso_confirm"), statuses(everyone=302)),
    "socialaccount_login_cancelled": (
        "get",
        lambda w: reverse("socialaccount_login_cancelled"),
        statuses(anonymous=200, everyone=200),
    ),
    "openid_connect_login": (
        "get",
        lambda w: reverse("openid_connect_login", kwargs={"provider_id": _sign_on(w)}),
        statuses(anonymous=302, everyone=302),  # to the clinic's sign-in page
    ),
    "openid_connect_callback": (
        "get",
        lambda w: reverse("openid_connect_callback", kwargs={"provider_id": _sign_on(w)}),
        statuses(anonymous=401, everyone=401),  # no round trip was started: refused
    ),
    "jurisdictions:list": (
        "get",
        lambda w: reverse("jurisdictions:list"),
        statuses(staff=403, admin=200, other_admin=200, content_editor=200),
    ),
    "jurisdictions:rule_new": (
        "get",
        lambda w: reverse("jurisdictions:rule_new"),
        rule_editing(200),
    ),
    "jurisdictions:jurisdiction_new": (
        "get",
        lambda w: reverse("jurisdictions:jurisdiction_new"),
        rule_editing(200),
    ),
    "jurisdictions:import": ("get", lambda w: reverse("jurisdictions:import"), rule_editing(200)),
    "jurisdictions:export": (
        "get",
        lambda w: reverse("jurisdictions:export") + "?format=json",
        rule_editing(200),
    ),
    "jurisdictions:draft": (
        "post",
        lambda w: reverse("jurisdictions:draft", args=[w["rule_version"].rule_id]),
        rule_editing(302),
    ),
    "jurisdictions:edit": (
        "get",
        lambda w: reverse("jurisdictions:edit", args=[_rule_draft(w).pk]),
        rule_editing(200),
    ),
    "jurisdictions:preview": (
        "get",
        lambda w: reverse("jurisdictions:preview", args=[_rule_draft(w).pk]),
        rule_editing(200),
    ),
    "jurisdictions:publish": (
        "get",
        lambda w: reverse("jurisdictions:publish", args=[_rule_draft(w).pk]),
        rule_editing(200),
    ),
    "jurisdictions:retire": (
        "post",
        lambda w: reverse("jurisdictions:retire", args=[w["rule_version"].pk]),
        rule_editing(302),
    ),
    "jurisdictions:discard": (
        "post",
        lambda w: reverse("jurisdictions:discard", args=[_rule_draft(w).pk]),
        rule_editing(302),
    ),
    "clinic_jurisdiction": (
        "post",
        lambda w: reverse("clinic_jurisdiction"),
        admin_page(admin=302, other_admin=302),  # nothing chosen, nothing changed
    ),
    "lockout_list": ("get", lambda w: reverse("lockout_list"), admin_page()),
    "lockout_reset": (
        "post",
        lambda w: reverse("lockout_reset"),
        admin_page(admin=404, other_admin=404),
    ),
    "supervision_list": ("get", lambda w: reverse("supervision_list"), admin_page()),
    "supervision_add": ("get", lambda w: reverse("supervision_add"), admin_page()),
    "supervision_end": (
        "post",
        lambda w: reverse("supervision_end", args=[w["link"].pk]),
        admin_page(admin=200, other_admin=404),
    ),
    "people": ("get", lambda w: reverse("people"), admin_page()),
    "invite": ("get", lambda w: reverse("invite"), admin_page()),
    "people_import": ("get", lambda w: reverse("people_import"), admin_page()),
    "person": (
        "get",
        lambda w: reverse("person", args=[w["people"]["colleague"].pk]),
        admin_page(admin=200, other_admin=404),
    ),
    "person_role": (
        "post",
        lambda w: reverse("person_role", args=[w["people"]["colleague"].pk]),
        admin_page(admin=200, other_admin=404),
    ),
    "person_deactivate": (
        "post",
        lambda w: reverse("person_deactivate", args=[w["people"]["colleague"].pk]),
        admin_page(admin=200, other_admin=404),
    ),
    "person_second_factor_reset": (
        "post",
        lambda w: reverse("person_second_factor_reset", args=[w["people"]["colleague"].pk]),
        admin_page(admin=200, other_admin=404),  # no reason given: the page says so
    ),
    "person_reactivate": (
        "post",
        lambda w: reverse("person_reactivate", args=[w["people"]["colleague"].pk]),
        admin_page(admin=302, other_admin=404),
    ),
    "invitation_resend": (
        "post",
        lambda w: reverse("invitation_resend", args=[w["invitation"].pk]),
        admin_page(admin=302, other_admin=404),
    ),
    "invitation_revoke": (
        "post",
        lambda w: reverse("invitation_revoke", args=[w["invitation"].pk]),
        admin_page(admin=302, other_admin=404),
    ),
    # Anyone may open an invitation's link; a signed-in person is asked to log out first.
    "invitation_accept": (
        "get",
        lambda w: reverse(
            "invitation_accept",
            args=[w["invitation"].pk, invitation_tokens.make_token(w["invitation"])],
        ),
        statuses(anonymous=200, everyone=200),
    ),
    "frameworks:list": ("get", lambda w: reverse("frameworks:list"), admin_page()),
    "frameworks:import": ("get", lambda w: reverse("frameworks:import"), admin_page()),
    "frameworks:set_default": (
        "post",
        lambda w: reverse("frameworks:set_default", args=[w["builtin"].framework_id]),
        admin_page(admin=302, other_admin=302),
    ),
    "frameworks:details": (
        "post",
        lambda w: reverse("frameworks:details", args=[w["draft"].framework_id]),
        draft_framework(admin=302),
    ),
    "frameworks:version": (
        "get",
        lambda w: reverse("frameworks:version", args=[w["draft"].pk]),
        draft_framework(admin=200),
    ),
    "frameworks:preview": (
        "get",
        lambda w: reverse("frameworks:preview", args=[w["draft"].pk]),
        draft_framework(admin=200),
    ),
    "frameworks:preview_step": (
        "get",
        lambda w: reverse("frameworks:preview_step", args=[w["draft"].pk, "dilemma"]),
        draft_framework(admin=200),
    ),
    "frameworks:clone": (
        "post",
        lambda w: reverse("frameworks:clone", args=[w["draft"].pk]),
        draft_framework(admin=302),
    ),
    "frameworks:publish": (
        "get",
        lambda w: reverse("frameworks:publish", args=[w["draft"].pk]),
        draft_framework(admin=200),
    ),
    "frameworks:retire": (
        "post",
        lambda w: reverse("frameworks:retire", args=[w["draft"].pk]),
        draft_framework(admin=302),
    ),
    "frameworks:discard": (
        "post",
        lambda w: reverse("frameworks:discard", args=[w["draft"].pk]),
        draft_framework(admin=302),
    ),
    "frameworks:export": (
        "get",
        lambda w: reverse("frameworks:export", args=[w["draft"].pk]),
        draft_framework(admin=200),
    ),
    "frameworks:step_add": (
        "post",
        lambda w: reverse("frameworks:step_add", args=[w["draft"].pk]),
        draft_framework(admin=302),
    ),
    "frameworks:step_save": (
        "post",
        lambda w: reverse("frameworks:step_save", args=[w["draft"].pk, "dilemma"]),
        draft_framework(admin=200),
    ),
    "frameworks:step_move": (
        "post",
        lambda w: reverse("frameworks:step_move", args=[w["draft"].pk, "options"]),
        draft_framework(admin=302),
    ),
    "frameworks:step_remove": (
        "post",
        lambda w: reverse("frameworks:step_remove", args=[w["draft"].pk, "principles"]),
        draft_framework(admin=302),
    ),
    "frameworks:item_add": (
        "post",
        lambda w: reverse("frameworks:item_add", args=[w["draft"].pk, "virtues"]),
        draft_framework(admin=200),
    ),
    "frameworks:item_save": (
        "post",
        lambda w: reverse("frameworks:item_save", args=[w["draft"].pk, "virtues", "honest"]),
        draft_framework(admin=200),
    ),
    "frameworks:item_remove": (
        "post",
        lambda w: reverse("frameworks:item_remove", args=[w["draft"].pk, "virtues", "honest"]),
        draft_framework(admin=302),
    ),
    "cases:list": ("get", lambda w: reverse("cases:list"), statuses(staff=200, admins=403)),
    "cases:new": ("get", lambda w: reverse("cases:new"), statuses(staff=200, admins=403)),
    "cases:detail": ("get", lambda w: reverse("cases:detail", args=[w[D].pk]), content(302)),
    "cases:urgent": ("get", lambda w: reverse("cases:urgent", args=[w[D].pk]), content()),
    "cases:step": (
        "get",
        lambda w: reverse("cases:step", args=[w[D].pk, "dilemma"]),
        content(),
    ),
    "cases:law_jurisdiction": (
        "post",
        lambda w: reverse("cases:law_jurisdiction", args=[w[D].pk]),
        owner_only(302),
    ),
    "cases:law_tick": (
        "post",
        lambda w: reverse("cases:law_tick", args=[w[D].pk, w["rule_version"].pk, 0]),
        owner_only(302),
    ),
    "cases:row_add": (
        "post",
        lambda w: reverse("cases:row_add", args=[w[D].pk, "options", "options"]),
        owner_only(302),
    ),
    "cases:row_save": (
        "post",
        lambda w: reverse("cases:row_save", args=[w[D].pk, "options", "options", w["option"].pk]),
        owner_only(200),
    ),
    "cases:row_remove": (
        "post",
        lambda w: reverse("cases:row_remove", args=[w[D].pk, "options", "options", w["option"].pk]),
        owner_only(302),
    ),
    "records:rationale": (
        "get",
        lambda w: reverse("records:rationale", args=[w[D].pk, "chart-note"]),
        content(),
    ),
    "records:pdf": (
        "get",
        lambda w: reverse("records:pdf", args=[w[D].pk, "chart-note"]),
        content(),
    ),
    "records:text": (
        "get",
        lambda w: reverse("records:text", args=[w[D].pk, "chart-note"]),
        content(),
    ),
    "records:sign": ("get", lambda w: reverse("records:sign", args=[w[D].pk]), owner_only(200)),
    "records:verify": ("get", lambda w: reverse("records:verify", args=[w[D].pk]), content()),
    "records:addendum": (
        "get",
        lambda w: reverse("records:addendum", args=[w[D].pk]),
        owner_only(302),
    ),
    "review:queue": (
        "get",
        lambda w: reverse("review:queue"),
        statuses(clinicians=403, supervisors=200, admins=403),
    ),
    "review:dashboard": (
        "get",
        lambda w: reverse("review:dashboard"),
        statuses(clinicians=403, supervisors=200, admins=403),
    ),
    "review:shared_with_me": (
        "get",
        lambda w: reverse("review:shared_with_me"),
        statuses(staff=200, admins=403),
    ),
    "review:notifications": (
        "get",
        lambda w: reverse("review:notifications"),
        statuses(everyone=200),
    ),
    "review:badges": ("get", lambda w: reverse("review:badges"), statuses(everyone=200)),
    "review:submit": ("get", lambda w: reverse("review:submit", args=[w[D].pk]), owner_only(200)),
    "review:actions": (
        "get",
        lambda w: reverse("review:actions", args=[w[D].pk]),
        content(owner=403, consultant=403, supervisor_after=200),
    ),
    "review:share": ("get", lambda w: reverse("review:share", args=[w[D].pk]), owner_only(200)),
    "review:share_withdraw": (
        "post",
        lambda w: reverse("review:share_withdraw", args=[w[D].pk, w["share"].pk]),
        owner_only(302),
    ),
    "review:comment_add": (
        "post",
        lambda w: reverse("review:comment_add", args=[w[D].pk, "dilemma"]),
        content(302),
    ),
    "review:comment_resolve": (
        "post",
        lambda w: reverse("review:comment_resolve", args=[w[D].pk, w["comment"].pk]),
        content(302),
    ),
    # Asking a colleague: the owner asks and follows; the colleague asked ("consultant"
    # here) reads the shared step and answers; nobody else learns the request exists.
    "consults:asked_of_me": (
        "get",
        lambda w: reverse("consults:asked_of_me"),
        statuses(staff=200, admins=403),
    ),
    "consults:ask": ("get", lambda w: reverse("consults:ask", args=[w[D].pk]), owner_only(200)),
    "consults:requests": (
        "get",
        lambda w: reverse("consults:requests", args=[w[D].pk]),
        owner_only(200),
    ),
    "consults:close": (
        "post",
        lambda w: reverse("consults:close", args=[w[D].pk, w["consult"].pk]),
        owner_only(302),
    ),
    "consults:conclusion": (
        "get",
        lambda w: reverse("consults:conclusion", args=[w[D].pk, w["consult"].pk]),
        owner_only(200),
    ),
    "consults:asked": (
        "get",
        lambda w: reverse("consults:asked", args=[w[D].pk, w["consult"].pk]),
        statuses(everyone=404, owner=302, consultant=200),
    ),
    "consults:asked_step": (
        "get",
        lambda w: reverse("consults:asked_step", args=[w[D].pk, w["consult"].pk, "dilemma"]),
        statuses(everyone=404, owner=403, consultant=200),
    ),
    "consults:answer": (
        "post",
        lambda w: reverse("consults:answer", args=[w[D].pk, w["consult"].pk]),
        statuses(everyone=404, owner=403, consultant=200),  # 200: the empty form, again
    ),
    "consults:note": (
        "post",
        lambda w: reverse("consults:note", args=[w[D].pk, w["consult"].pk]),
        statuses(everyone=404, owner=403, consultant=200),
    ),
    "consults:groups": ("get", lambda w: reverse("consults:groups"), admin_page()),
    "consults:group_new": ("get", lambda w: reverse("consults:group_new"), admin_page()),
    "consults:group_edit": (
        "get",
        lambda w: reverse("consults:group_edit", args=[w["group"].pk]),
        admin_page(other_admin=404),
    ),
    "consults:group_delete": (
        "post",
        lambda w: reverse("consults:group_delete", args=[w["group"].pk]),
        admin_page(admin=302, other_admin=404),
    ),
    "audit:list": ("get", lambda w: reverse("audit:list"), admin_page()),
    "audit:csv": ("get", lambda w: reverse("audit:csv"), admin_page()),
    "audit:history": ("get", lambda w: reverse("audit:history", args=[w[D].pk]), content()),
}
ROUTES |= library_routes.routes(statuses, owner_only, admin_page)


def test_it_declares_every_route():
    declared, routes = set(ROUTES), set(route_views())
    assert routes - declared == set(), "routes without a rule in the table"
    assert declared - routes == set(), "rules for routes that no longer exist"


@pytest.fixture
def world(db):
    clinic, other = ClinicFactory(), ClinicFactory()
    builtin = PublishedVersionFactory(framework__clinic=None)
    owner = UserFactory(clinic=clinic)
    supervisor = SupervisorFactory(clinic=clinic)
    consultant = UserFactory(clinic=clinic)
    link = supervision_link_start(supervisor=supervisor, clinician=owner)
    submitted = deliberation_create(
        owner=owner, title="Submitted", client_reference="CR-1", framework_version=builtin
    )
    draft = deliberation_create(
        owner=owner, title="Draft", client_reference="CR-2", framework_version=builtin
    )
    review.deliberation_submit(deliberation=submitted, user=owner, message="")
    rule_version = publish()
    for d in (submitted, draft):
        PinnedRule.objects.create(deliberation=d, rule_version=rule_version, shown_at=d.created_at)
    share = review.share_create(
        deliberation=submitted, consultant=consultant, shared_by=owner, message=""
    )
    consult = consults.consult_ask(
        deliberation=submitted,
        asked_by=owner,
        question="?",
        step_keys=["dilemma"],
        answer_by=consults.clinic_today(clinic),
        colleagues=[consultant],
    )
    consults.consult_answer(request=consult, author=consultant, advice="Advice.")
    people = {
        "colleague": UserFactory(clinic=clinic),
        "outsider": UserFactory(clinic=other),
        "unrelated_supervisor": SupervisorFactory(clinic=clinic),
        "consultant_without_share": UserFactory(clinic=clinic),
        "other_admin": ClinicAdminFactory(clinic=other),
        "consultant": consultant,
        "supervisor_before": supervisor,
        "supervisor_after": supervisor,
        "owner": owner,
        "admin": ClinicAdminFactory(clinic=clinic),
        "content_editor": grant_rule_editing(UserFactory(clinic=clinic)),
    }
    return {
        "people": people,
        "deliberation": submitted,
        "draft_deliberation": draft,
        "builtin": builtin,
        "draft": FrameworkVersionFactory(framework__clinic=clinic),
        "link": link,
        "invitation": invitation_create(
            clinic=clinic,
            email="invitee@clinic.example",
            first_name="Ines",
            last_name="Vitee",
            role="clinician",
            invited_by=None,
        ),
        "share": share,
        "consult": consult,
        "group": ConsultGroup.objects.create(clinic=clinic, name="Ethics committee"),
        "rule_version": rule_version,
        "option": Option.objects.create(deliberation=submitted, label="An option"),
        "comment": Comment.objects.create(
            deliberation=submitted, step_key="dilemma", author=supervisor, text="?"
        ),
    }


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_it_answers_each_actor_as_declared(client, world, route):
    method, url_for, expected = ROUTES[route]
    results = {}
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world["people"][actor])
        target = dict(world)
        if actor == "supervisor_before":
            target["deliberation"] = world["draft_deliberation"]
        url = url_for(target)
        response = client.get(url) if method == "get" else client.post(url, {})
        results[actor] = response.status_code
    assert results == expected

"""Who the clinic's provider can't sign in: nobody is signed up by it; every refusal is a
plain page and an audit event with its reason (never a token)."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Invitation
from audit.models import Action, AuditEvent
from tests.accounts.sso_world import northside_sign_on, sign_in_through_provider
from tests.factories import ClinicFactory, UserFactory
from tests.sso_provider import seed


def test_it_refuses_an_identity_with_no_account_or_invitation(client, sso_provider, northside):
    response = sign_in_through_provider(client, sso_provider, seed.STRANGER)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_audits_the_refusal_of_an_unknown_identity(client, sso_provider, northside):
    sign_in_through_provider(client, sso_provider, seed.STRANGER)
    event = AuditEvent.objects.get(action=Action.SSO_REFUSED)
    assert (event.actor_username, event.detail) == (
        seed.STRANGER.email,
        f"reason=unknown provider={seed.CLINIC_SLUG}",
    )


def test_it_creates_no_account_for_an_unknown_identity(client, sso_provider, northside):
    sign_in_through_provider(client, sso_provider, seed.STRANGER)
    assert not northside.members.exists()


def test_it_refuses_an_unverified_email(client, sso_provider, northside):
    UserFactory(clinic=northside, email=seed.LEE.email)
    response = sign_in_through_provider(client, sso_provider, seed.LEE)
    assert response.status_code == 403
    assert AuditEvent.objects.get(action=Action.SSO_REFUSED).detail.startswith("reason=unverified")


def test_it_refuses_another_clinics_account(client, sso_provider, northside):
    UserFactory(clinic=ClinicFactory(name="Riverside"), email=seed.RITA.email)
    response = sign_in_through_provider(client, sso_provider, seed.RITA)
    assert response.status_code == 403
    assert AuditEvent.objects.get(action=Action.SSO_REFUSED).detail.startswith(
        "reason=other_clinic"
    )


def test_it_does_not_say_the_address_has_an_account_at_another_clinic(
    client, sso_provider, northside
):
    UserFactory(clinic=ClinicFactory(name="Riverside"), email=seed.RITA.email)
    page = sign_in_through_provider(client, sso_provider, seed.RITA).content.decode()
    assert "there is no account or invitation for your e-mail address" in page


def test_it_refuses_a_deactivated_account(client, sso_provider, northside):
    UserFactory(clinic=northside, email=seed.DANA.email, is_active=False)
    response = sign_in_through_provider(client, sso_provider, seed.DANA)
    assert response.status_code == 403
    assert AuditEvent.objects.get(action=Action.SSO_REFUSED).detail.startswith("reason=deactivated")


def test_it_keeps_tokens_out_of_the_audit_trail(client, sso_provider, northside):
    sign_in_through_provider(client, sso_provider, seed.STRANGER)
    written = " ".join(
        f"{detail} {path}" for detail, path in AuditEvent.objects.values_list("detail", "path")
    )
    assert "token" not in written and "code=" not in written and "state=" not in written


def test_it_refuses_everyone_while_the_clinic_has_switched_it_off(client, sso_provider, northside):
    northside_sign_on(sso_provider, clinic=northside, enabled=False)
    UserFactory(clinic=northside, email=seed.SAM.email)
    response = client.post(f"/accounts/oidc/{seed.CLINIC_SLUG}/login/", {"process": "login"})
    assert response.status_code == 404


def test_it_accepts_an_open_invitation_by_the_first_sign_in(client, sso_provider, northside):
    invitation = Invitation.objects.create(
        clinic=northside,
        email=seed.NOOR.email,
        first_name="Noor",
        last_name="Haddad",
        sent_at=timezone.now(),
    )
    sign_in_through_provider(client, sso_provider, seed.NOOR)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == invitation.user_id


def test_it_audits_the_invitation_accepted_by_single_sign_on(client, sso_provider, northside):
    invitation = Invitation.objects.create(
        clinic=northside, email=seed.NOOR.email, first_name="Noor", sent_at=timezone.now()
    )
    sign_in_through_provider(client, sso_provider, seed.NOOR)
    event = AuditEvent.objects.get(action=Action.INVITE_ACCEPT)
    assert (event.object_id, event.detail) == (str(invitation.pk), "by single sign-on")


def test_it_refuses_an_invitation_to_another_clinic(client, sso_provider, northside):
    Invitation.objects.create(
        clinic=ClinicFactory(name="Riverside"),
        email=seed.NOOR.email,
        first_name="Noor",
        sent_at=timezone.now(),
    )
    response = sign_in_through_provider(client, sso_provider, seed.NOOR)
    assert response.status_code == 403

from __future__ import annotations

from django.urls import path, re_path

from accounts import reauth, sso_confirm, views
from accounts.views import (
    clinic_settings,
    invitations,
    lockouts,
    mfa,
    people,
    sessions,
    sso,
    supervision,
)

urlpatterns = [
    path("keepalive/", views.keepalive, name="keepalive"),
    path("confirm/", reauth.reauth, name="reauth"),
    path("confirm/return/", reauth.round_trip_return, name="confirm_return"),
    path("clinic/lockouts/", lockouts.lockout_list, name="lockout_list"),
    path("clinic/lockouts/reset/", lockouts.lockout_reset, name="lockout_reset"),
    # django-allauth's views under its own names (allauth reverses them), our templates.
    path("login/", views.sign_in, name="account_login"),
    path("logout/", views.sign_out, name="account_logout"),
    path(
        "password/",
        views.password_change,
        name="account_change_password",
    ),
    path(
        "password/done/",
        views.password_changed,
        name="password_change_done",
    ),
    path(
        "clinic/supervision/",
        supervision.supervision_list,
        name="supervision_list",
    ),
    path(
        "clinic/supervision/add/",
        supervision.supervision_add,
        name="supervision_add",
    ),
    path(
        "clinic/supervision/<id:pk>/end/",
        supervision.supervision_end,
        name="supervision_end",
    ),
    path("clinic/settings/", clinic_settings.clinic_settings, name="clinic_settings"),
    # Single sign-on: the clinic admin's provider settings, "Sign in with your organisation",
    # and allauth's OpenID Connect views (the provider's redirect URI is the callback).
    path("clinic/sso/", sso.sso_settings, name="sso_settings"),
    path("sso/", sso.sso_start, name="sso_start"),
    path("sso/cancelled/", sso.login_cancelled, name="socialaccount_login_cancelled"),
    path("sso/confirm/", sso_confirm.start, name="sso_confirm"),
    path("sso/<slug:slug>/", sso.sso_clinic, name="sso_clinic"),
    path("oidc/<str:provider_id>/login/", sso.provider_login, name="openid_connect_login"),
    path(
        "oidc/<str:provider_id>/login/callback/",
        sso.provider_callback,
        name="openid_connect_callback",
    ),
    path(
        "clinic/settings/jurisdiction/",
        clinic_settings.clinic_jurisdiction,
        name="clinic_jurisdiction",
    ),
    # People (the clinic admin's), and the invitation's acceptance page.
    path("clinic/people/", people.people, name="people"),
    path("clinic/people/invite/", invitations.invite, name="invite"),
    path("clinic/people/import/", invitations.people_import_view, name="people_import"),
    path("clinic/people/<id:pk>/", people.person, name="person"),
    path("clinic/people/<id:pk>/role/", people.person_role, name="person_role"),
    path(
        "clinic/people/<id:pk>/deactivate/",
        people.person_deactivate_view,
        name="person_deactivate",
    ),
    path(
        "clinic/people/<id:pk>/reactivate/",
        people.person_reactivate_view,
        name="person_reactivate",
    ),
    path(
        "clinic/people/<id:pk>/second-factor/reset/",
        people.person_second_factor_reset,
        name="person_second_factor_reset",
    ),
    path(
        "clinic/invitations/<id:pk>/resend/",
        invitations.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "clinic/invitations/<id:pk>/revoke/",
        invitations.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "invitation/<id:pk>/<str:token>/",
        invitations.invitation_accept_view,
        name="invitation_accept",
    ),
    path("password/reset/", views.password_reset, name="account_reset_password"),
    path(
        "password/reset/done/",
        views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "password/reset/key/done/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("sessions/", sessions.session_list, name="usersessions_list"),
    path("reauthenticate/", mfa.reauthenticate_password, name="account_reauthenticate"),
    path("2fa/", mfa.index, name="mfa_index"),
    path("2fa/authenticate/", mfa.authenticate, name="mfa_authenticate"),
    path("2fa/reauthenticate/", mfa.reauthenticate, name="mfa_reauthenticate"),
    path("2fa/totp/activate/", mfa.activate_totp, name="mfa_activate_totp"),
    path("2fa/totp/deactivate/", mfa.deactivate_totp, name="mfa_deactivate_totp"),
    path("2fa/keys/", mfa.list_keys, name="mfa_list_webauthn"),
    path("2fa/keys/add/", mfa.add_key, name="mfa_add_webauthn"),
    path("2fa/keys/<id:pk>/edit/", mfa.edit_key, name="mfa_edit_webauthn"),
    path("2fa/keys/<id:pk>/remove/", mfa.remove_key, name="mfa_remove_webauthn"),
    path(
        "2fa/keys/reauthenticate/",
        mfa.reauthenticate_key,
        name="mfa_reauthenticate_webauthn",
    ),
    path("2fa/recovery-codes/", mfa.recovery_codes, name="mfa_view_recovery_codes"),
    path(
        "2fa/recovery-codes/generate/",
        mfa.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        "2fa/recovery-codes/download/",
        mfa.download_recovery_codes,
        name="mfa_download_recovery_codes",
    ),
]

"""The audit trail: who did what to which record, when and from where. Append-only.

Events name objects by type and id and never copy clinical text. PostgreSQL refuses
UPDATE, DELETE and TRUNCATE on the table (triggers below); a test proves it with raw SQL.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone

from ethicsdesk.triggers import no_truncate


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"
    SIGN = "sign", "Signed"
    COSIGN = "cosign", "Co-signed"
    ADDENDUM = "addendum", "Added an addendum"
    VERIFY = "verify", "Verified"
    SUBMIT = "submit", "Submitted for review"
    REVIEW = "review", "Review decision"
    COMMENT = "comment", "Commented"
    SHARE = "share", "Shared"
    UNSHARE = "unshare", "Withdrew a share"
    ADMIN = "admin", "Administration"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    LOGOUT = "logout", "Signed out"
    REAUTH = "reauth", "Confirmed password"
    REAUTH_FAILED = "reauth_failed", "Failed password confirmation"
    PASSWORD_CHANGE = "password_change", "Changed password"
    LOCKOUT_RESET = "lockout_reset", "Unlocked sign-in"
    REFUSED = "refused", "Refused"
    # People and sign-in (a clinic runs itself).
    INVITE = "invite", "Invited"
    INVITE_RESEND = "invite_resend", "Resent an invitation"
    INVITE_REVOKE = "invite_revoke", "Revoked an invitation"
    INVITE_ACCEPT = "invite_accept", "Accepted an invitation"
    ROLE_CHANGE = "role_change", "Changed a role"
    DEACTIVATE = "deactivate", "Deactivated"
    REACTIVATE = "reactivate", "Reactivated"
    IMPORT = "import", "Imported people"
    PASSWORD_RESET_REQUEST = "pw_reset_request", "Asked for a password reset"
    PASSWORD_RESET = "password_reset", "Reset password"
    MFA_ENROL = "mfa_enrol", "Set up a second factor"
    MFA_REMOVE = "mfa_remove", "Removed a second factor"
    MFA_USE = "mfa_use", "Used a second factor"
    MFA_FAILED = "mfa_failed", "Failed second factor"
    MFA_RESET = "mfa_reset", "Reset a second factor"
    SSO_LOGIN = "sso_login", "Signed in with single sign-on"
    SSO_REFUSED = "sso_refused", "Refused single sign-on"
    SESSION_END = "session_end", "Ended a session"
    SETTINGS = "settings", "Changed clinic settings"
    # Learning from each other: asking a colleague, the clinic's case library.
    ASK = "ask", "Asked a colleague"
    ANSWER = "answer", "Answered a colleague"
    CLOSE = "close", "Closed a request"
    LIBRARY_OFFER = "library_offer", "Offered to the library"
    LIBRARY_PUBLISH = "library_publish", "Published in the library"
    LIBRARY_WITHDRAW = "library_withdraw", "Withdrew from the library"
    SEARCH = "search", "Searched"


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    clinic_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # The clinic that owns the record the event is about (a deliberation's clinic), so the
    # owning clinic sees who touched or probed its records, whichever clinic they belong to.
    record_clinic_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    deliberation_id = models.BigIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True, help_text="Never clinical text.")
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=36, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["deliberation_id", "-at"], name="audit_deliberation"),
            models.Index(fields=["clinic_id", "-at"], name="audit_clinic_recent"),
            models.Index(fields=["record_clinic_id", "-at"], name="audit_record_clinic_recent"),
            models.Index(fields=["actor", "-at"], name="audit_actor"),
        ]
        triggers = [
            pgtrigger.Protect(name="audit_no_update", operation=pgtrigger.Update),
            pgtrigger.Protect(name="audit_no_delete", operation=pgtrigger.Delete),
            # TRUNCATE skips row triggers: a statement-level trigger refuses it too.
            no_truncate("audit_no_truncate"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action}"

"""Invitations: the one-time link, the e-mail that carries it, and what sending, resending,
revoking and accepting one does.

The link's token is Django's own password-reset token machinery with its own salt and a
72-hour lifetime, made from the invitation's state, so resending (a new ``sent_at``),
accepting and revoking each void every earlier link.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from accounts.models import Clinic, Invitation, Role, User
from accounts.selectors import account_for_email, open_invitation_for_email

VALID_FOR = timedelta(hours=72)
SUPERVISED_ROLES = (Role.CLINICIAN, Role.SUPERVISOR)


class InvitationRefused(Exception):
    """The invitation can't be made, resent, revoked or accepted; the message says why."""


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "ethicsdesk.accounts.invitations.InvitationTokenGenerator"
    timeout = int(VALID_FOR.total_seconds())

    def _make_hash_value(self, invitation: Invitation, timestamp: int) -> str:
        return "|".join(
            str(part)
            for part in (
                invitation.pk,
                invitation.email.lower(),
                invitation.sent_at.isoformat(),
                invitation.accepted_at or "",
                invitation.revoked_at or "",
                timestamp,
            )
        )

    def check_token(self, invitation: Invitation, token: str) -> bool:
        """Django's check, with the invitation's own lifetime instead of
        PASSWORD_RESET_TIMEOUT (which belongs to password resets)."""
        if not (invitation and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(invitation, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - ts <= self.timeout


invitation_tokens = InvitationTokenGenerator()


def invitation_url(*, invitation: Invitation, base_url: str) -> str:
    path = reverse(
        "invitation_accept", args=[invitation.pk, invitation_tokens.make_token(invitation)]
    )
    return f"{base_url.rstrip('/')}{path}"


def invitation_expires_at(invitation: Invitation):
    return invitation.sent_at + VALID_FOR


def _send(*, invitation: Invitation, base_url: str) -> bool:
    """E-mail the link. True when the mail backend took it; a failure leaves the invitation
    in place, to be resent."""
    clinic = invitation.clinic
    # The deadline in the clinic's own time zone, as every time the clinic reads.
    expires = invitation_expires_at(invitation).astimezone(ZoneInfo(clinic.time_zone))
    if invitation.invited_by is not None:
        opening = f"{invitation.invited_by.display_name} has invited you to join"
        resend = "ask your clinic admin to send it again"
    else:
        opening = "You are invited to join"
        resend = "ask the person who set up your clinic on EthicsDesk to send it again"
    body = (
        f"Hello {invitation.first_name},\n\n"
        f"{opening} {clinic.name} on EthicsDesk as {Role(invitation.role).label.lower()}.\n\n"
        "Open this link to choose your password and sign in:\n"
        f"{invitation_url(invitation=invitation, base_url=base_url)}\n\n"
        f"The link works once, until {expires:%d %B %Y, %H:%M %Z}. If it has expired, "
        f"{resend}. If you did not expect this e-mail, ignore it.\n"
    )
    sent = send_mail(
        subject=f"You are invited to {clinic.name} on EthicsDesk",
        message=body,
        from_email=None,
        recipient_list=[invitation.email],
        fail_silently=True,
    )
    return sent == 1


EMAIL, SUPERVISOR = "email", "supervisor"


def invitation_check(
    *,
    clinic: Clinic,
    email: str,
    role: str,
    supervisor: User | None,
) -> list[tuple[str, str]]:
    """Every reason these details can't be invited, as (field, message); empty: they can.
    One home for the rules the invitation form, the CSV import and create_clinic share."""
    problems: list[tuple[str, str]] = []
    try:
        # The address becomes the account's user name.
        User.username_validator(email)
    except ValidationError:
        problems.append(
            (
                EMAIL,
                f"{email} can't be used as a user name: use an address made of letters, digits "
                "and . @ + - _ only.",
            )
        )
    existing = account_for_email(email=email)
    if existing is not None:
        if existing.clinic_id == clinic.pk:
            problems.append(
                (
                    EMAIL,
                    f"{email} already has an account here ({existing.display_name}). "
                    "Find them under People instead of inviting them again.",
                )
            )
        else:
            # Another clinic's account: say that there is one, not whose it is.
            problems.append(
                (
                    EMAIL,
                    f"{email} already has an EthicsDesk account. One address can have one account; "
                    "ask the person for another work address.",
                )
            )
    else:
        invitation = open_invitation_for_email(email=email)
        if invitation is not None:
            if invitation.clinic_id == clinic.pk:
                problems.append(
                    (
                        EMAIL,
                        f"{email} has already been invited ({invitation.display_name}, "
                        f"{timezone.localtime(invitation.sent_at):%d %b %Y}). "
                        "Resend or revoke that invitation under People.",
                    )
                )
            else:
                problems.append(
                    (
                        EMAIL,
                        f"{email} has an open invitation to EthicsDesk already; "
                        "ask the person for another work address.",
                    )
                )
    if supervisor is not None:
        if role not in SUPERVISED_ROLES:
            problems.append(
                (
                    SUPERVISOR,
                    f"A {Role(role).label.lower()} has no supervisor in EthicsDesk; "
                    "leave the supervisor empty or choose the clinician or supervisor role.",
                )
            )
        elif (
            supervisor.clinic_id != clinic.pk
            or not supervisor.is_active
            or supervisor.role != Role.SUPERVISOR
        ):
            problems.append(
                (
                    SUPERVISOR,
                    f"{supervisor.display_name} is not a supervisor at your clinic.",
                )
            )
    return problems


def invitation_create(
    *,
    clinic: Clinic,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    professional_title: str = "",
    profession: str = "",
    supervisor: User | None = None,
    invited_by: User | None,
) -> Invitation:
    """Save an invitation (not yet e-mailed: ``invitation_send``). Refused with every reason
    the details can't be invited."""
    email = email.strip().lower()
    problems = invitation_check(clinic=clinic, email=email, role=role, supervisor=supervisor)
    if problems:
        raise InvitationRefused(" ".join(message for _, message in problems))
    invitation = Invitation(
        clinic=clinic,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        professional_title=professional_title.strip(),
        profession=profession,
        supervisor=supervisor,
        invited_by=invited_by,
        sent_at=timezone.now(),
    )
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:
        # Another admin invited the same address a moment ago.
        raise InvitationRefused(f"{email} has just been invited by someone else.") from exc
    return invitation


def invitation_send(*, invitation: Invitation, base_url: str) -> bool:
    return _send(invitation=invitation, base_url=base_url)


def invitation_resend(*, invitation: Invitation, base_url: str) -> bool:
    """A fresh link, valid 72 hours from now; every earlier link stops working."""
    if not invitation.is_open:
        raise InvitationRefused("This invitation has been accepted or revoked already.")
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return _send(invitation=invitation, base_url=base_url)


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Void the invitation's link; a second revoke (or a concurrent one) changes nothing."""
    Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db(fields=["revoked_at", "accepted_at"])
    return invitation


def invitation_valid(*, invitation: Invitation | None, token: str) -> bool:
    return (
        invitation is not None
        and invitation.is_open
        and invitation_tokens.check_token(invitation, token)
    )


def invitation_account(invitation: Invitation) -> User:
    """The account an invitation will create, unsaved (the password form checks the password
    against the person's name and e-mail)."""
    return User(
        username=invitation.email,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        role=invitation.role,
        professional_title=invitation.professional_title,
        profession=invitation.profession,
        clinic_id=invitation.clinic_id,
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, token: str, password: str) -> User:
    """Create the account with its password, once: the invitation's row is locked, so two
    submits of the same link make one account."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if not invitation_valid(invitation=locked, token=token):
        raise InvitationRefused(
            "This invitation link has been used, revoked or replaced by a newer one, or it "
            "has expired. Ask your clinic admin to send it again."
        )
    if account_for_email(email=locked.email) is not None:
        raise InvitationRefused(
            f"{locked.email} already has an account. Sign in with it, or ask your clinic admin."
        )
    return _create_account(locked, password=password)


@transaction.atomic
def invitation_accept_by_sign_on(*, invitation: Invitation) -> User:
    """Create the account of an open, unexpired invitation for the person their clinic's
    single sign-on provider has just vouched for (their verified e-mail is the invitation's:
    accounts/sso_adapter.py checks it). The account has no password: it signs in through the
    provider. Raises InvitationRefused like the link would."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None or not locked.is_open or timezone.now() >= invitation_expires_at(locked):
        raise InvitationRefused("This invitation has been accepted, revoked or has expired.")
    if account_for_email(email=locked.email) is not None:
        raise InvitationRefused(f"{locked.email} already has an account.")
    return _create_account(locked, password=None)


def _create_account(locked: Invitation, *, password: str | None) -> User:
    """The account the invitation says, its supervision link started, the invitation marked
    accepted (the caller holds the invitation's row lock)."""
    from accounts.services import supervision_link_start  # services import this module

    user = invitation_account(locked)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    locked.accepted_at = timezone.now()
    locked.user = user
    locked.save(update_fields=["accepted_at", "user"])
    supervisor = locked.supervisor
    if (
        supervisor is not None
        and supervisor.is_active
        and supervisor.role == Role.SUPERVISOR
        and user.role in SUPERVISED_ROLES
    ):
        supervision_link_start(supervisor=supervisor, clinician=user, created_by=locked.invited_by)
    return user

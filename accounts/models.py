"""People, the clinics they belong to, and who supervises whom."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from accounts.timezones import default_time_zone, validate_time_zone


class SecondFactorRule(models.TextChoices):
    """Whether the clinic's clinicians must have a second factor. Clinic admins, supervisors
    and auditors always must (accounts/second_factor.py)."""

    REQUIRED = "required", "Required"
    OPTIONAL = "optional", "Optional"


class Clinic(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    default_framework = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="New deliberations start on this framework's current version.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="Record times are shown in this zone (an IANA name, e.g. America/Los_Angeles).",
    )
    clinician_second_factor = models.CharField(
        "second factor for clinicians",
        max_length=10,
        choices=SecondFactorRule.choices,
        default=SecondFactorRule.OPTIONAL,
        help_text="Clinic admins, supervisors and auditors must always have one.",
    )
    # Whose law applies by default to the clinic's deliberations: an ISO 3166-2 style code
    # ("US-CA", "CA-ON", "GB-ENG"); the jurisdiction rules are keyed by it. Blank = not set.
    jurisdiction = models.CharField(
        max_length=12,
        blank=True,
        default="",
        help_text="Whose law applies by default, e.g. US-CA, CA-ON, GB-ENG.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    SUPERVISOR = "supervisor", "Supervisor"
    CLINIC_ADMIN = "clinic_admin", "Clinic admin"
    AUDITOR = "auditor", "Auditor"


class Profession(models.TextChoices):
    """The person's profession: the jurisdiction rules (duty to warn, mandated reporting)
    differ by profession."""

    COUNSELLOR = "counsellor", "Counsellor"
    PSYCHOLOGIST = "psychologist", "Psychologist"
    SOCIAL_WORKER = "social_worker", "Social worker"
    MFT = "mft", "Marriage and family therapist"
    PSYCHIATRIST = "psychiatrist", "Psychiatrist"
    OTHER = "other", "Other"


class User(AbstractUser):
    """A person who signs in. Every non-superuser belongs to exactly one clinic."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLINICIAN)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="members", null=True, blank=True
    )
    professional_title = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown with the name on signatures, e.g. 'LPC' or 'Clinical psychologist'.",
    )
    profession = models.CharField(max_length=20, choices=Profession.choices, blank=True)
    # Set when a clinic admin switches the account off (is_active False); cleared when they
    # switch it back on. The audit trail keeps every change.
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_superuser=True) | Q(clinic__isnull=False),
                name="user_belongs_to_a_clinic",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_clinician(self) -> bool:
        # Supervisors keep their own caseload, so they are clinicians too.
        return self.role in (Role.CLINICIAN, Role.SUPERVISOR)

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.CLINIC_ADMIN

    @property
    def is_auditor(self) -> bool:
        return self.role == Role.AUDITOR


class SupervisionLink(models.Model):
    """A supervisor supervises a clinician from ``started_at`` until ``ended_at`` (if ended)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="supervision_links")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervisee_links")
    clinician = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervisor_links")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("clinician")),
                name="supervision_not_self",
            ),
            models.UniqueConstraint(
                fields=["supervisor", "clinician"],
                condition=Q(ended_at__isnull=True),
                name="one_active_link_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.clinician}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Invitation(models.Model):
    """An e-mail invitation to join a clinic, with the details the account will start with.

    The link in the e-mail carries a token (``accounts.invitations``) made from the
    invitation's state: resending (``sent_at``), accepting and revoking each void every
    earlier link.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLINICIAN)
    professional_title = models.CharField(max_length=120, blank=True)
    profession = models.CharField(max_length=20, choices=Profession.choices, blank=True)
    supervisor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # None when the installation's operator invited a new clinic's first admin.
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.clinic}"

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class SingleSignOn(models.Model):
    """A clinic's single sign-on: its OpenID Connect provider, kept as django-allauth's
    SocialApp (provider "openid_connect", provider_id the clinic's slug), set by the clinic
    admin (accounts/sso.py). Only the clinic's invited or existing people may sign in through
    it, matched by the provider's verified e-mail (accounts/sso_adapter.py)."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="sign_on")
    app = models.OneToOneField(
        "socialaccount.SocialApp", on_delete=models.PROTECT, related_name="clinic_sign_on"
    )
    enabled = models.BooleanField(
        "offered at sign-in",
        default=False,
        help_text="Off: nobody can sign in through the provider; passwords work as before.",
    )
    only_way_in = models.BooleanField(
        "single sign-on is the only way in",
        default=False,
        help_text=(
            "The clinic's people cannot sign in with a password (clinic admins still can, "
            "with their second factor, so a provider outage can't lock the clinic out)."
        ),
    )
    # Work e-mail domains ("contoso.org") whose addresses "Sign in with your organisation"
    # sends to this clinic's provider; unique across clinics (accounts/sso.py checks).
    email_domains = models.CharField(max_length=500, blank=True, default="")
    # The origin of the provider's sign-in page, read from its discovery document when the
    # issuer is checked: the pages that start a round trip allow forms to go there (CSP).
    authorization_origin = models.CharField(max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Single sign-on of {self.clinic}"

    @property
    def domains(self) -> list[str]:
        return [d for d in self.email_domains.split() if d]

"""People, the clinics they belong to, and who supervises whom."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from accounts.timezones import default_time_zone, validate_time_zone


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

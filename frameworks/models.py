"""Frameworks and their versions. A published version never changes (app and database)."""

from __future__ import annotations

from functools import cached_property

from django.db import models
from django.db.models import Q

from ethicsdesk.versions import PublishedVersion, frozen_when_published
from ethicsdesk.versions import VersionStatus as VersionStatus  # imported from here too
from frameworks.definition import STEP_KINDS
from frameworks.typed import Definition


class Framework(models.Model):
    """A named decision-making framework: built-in (no clinic) or a clinic's own."""

    clinic = models.ForeignKey(
        "accounts.Clinic",
        on_delete=models.PROTECT,
        related_name="frameworks",
        null=True,
        blank=True,
        help_text="Empty for the built-in frameworks every clinic can use.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    summary = models.TextField(blank=True)
    is_builtin_default = models.BooleanField(
        default=False, help_text="The default for clinics that have not chosen one."
    )
    suggested_for = models.CharField(
        max_length=20,
        blank=True,
        help_text="The feeling about a dilemma this model suits (seed 003's table).",
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="adaptations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clinic_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "slug"], name="framework_slug_per_clinic"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(clinic__isnull=True), name="builtin_framework_slug"
            ),
            models.UniqueConstraint(
                fields=["is_builtin_default"],
                condition=Q(is_builtin_default=True),
                name="one_builtin_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.clinic_id is None


_FROZEN_FIELDS = (
    "framework_id",
    "number",
    "definition",
    "change_note",
    "published_by_id",
    "published_at",
    "created_by_id",
    "created_at",
    "based_on_id",
)


class FrameworkVersion(PublishedVersion):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    definition = models.JSONField()

    class Meta:
        ordering = ["framework_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["framework"], condition=Q(status="draft"), name="one_draft_per_framework"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_version_has_publish_time",
            ),
        ]
        # Once published, the content of a version is frozen. Only its status may move
        # between published and retired (and retired_at/updated_at with it).
        triggers = frozen_when_published(name="version", fields=_FROZEN_FIELDS)

    def __str__(self) -> str:
        return f"{self.framework.name} v{self.number}"

    @cached_property
    def spec(self) -> Definition:
        """The definition as frozen types (built once per loaded version; the pinned ones are
        cached per process by ``frameworks.selectors.pinned_version``)."""
        return Definition.from_json(self.definition)

    @property
    def steps(self) -> list[dict]:
        return [
            {**step, "kind_label": STEP_KINDS.get(step["kind"], step["kind"])}
            for step in self.definition.get("steps", [])
        ]

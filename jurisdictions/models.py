"""Jurisdictions and their rules (duty to warn, child and elder abuse reporting), each rule a
series of versions. A published version never changes (app and database)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format

from ethicsdesk.versions import PublishedVersion, frozen_when_published
from jurisdictions.kinds import (
    CLASSIFICATION_PLAIN,
    Classification,
    DutyKind,
    Origin,
    Verification,
)
from jurisdictions.recheck import needs_recheck
from jurisdictions.timelimits import TimeLimit

EDIT_RULES = "edit_rules"


class Jurisdiction(models.Model):
    """A country and subdivision, coded ISO 3166-2 style (US-CA, CA-ON, GB-ENG, AU-NSW)."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2, e.g. US.")

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Rule(models.Model):
    """One duty in one jurisdiction; its content lives in its versions."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="rules")
    duty = models.CharField(max_length=20, choices=DutyKind.choices)

    class Meta:
        ordering = ["jurisdiction__code", "duty"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "duty"], name="one_rule_per_duty"),
        ]
        # The content editor's permission: rules are the installation's, not a clinic's, so
        # no clinic role may change them; the operator (a superuser) has it, and grants it to
        # a content editor in Django's admin (ethicsdesk/access.py can_edit_rules).
        permissions = [(EDIT_RULES, "Can draft, publish, retire and import jurisdiction rules")]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code} {self.get_duty_display()}"


# The content of a version: what the data format's columns hold (jurisdiction and duty are
# the rule's). One list, used by the immutability trigger, the loader's comparison and export.
CONTENT_FIELDS = (
    "classification",
    "professions",
    "trigger",
    "discharge_steps",
    "notify",
    "time_limits",
    "citation",
    "source_urls",
    "verified_on",
    "verified_by",
    "verification",
    "verification_note",
    "notes",
)
_FROZEN_FIELDS = (
    *CONTENT_FIELDS,
    "rule_id",
    "number",
    "origin",
    "change_note",
    "based_on_id",
    "created_by_id",
    "created_at",
    "published_by_id",
    "published_at",
)


class RuleVersion(PublishedVersion):
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="versions")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITED)

    classification = models.CharField(max_length=12, choices=Classification.choices)
    professions = ArrayField(
        models.CharField(max_length=20),
        default=list,
        help_text='The professions covered (accounts.Profession values), or ["all"].',
    )
    trigger = models.TextField(help_text="When the duty arises, in plain words.")
    discharge_steps = ArrayField(models.TextField(), default=list, blank=True)
    notify = models.TextField(blank=True)
    time_limits = models.JSONField(default=list, blank=True)
    citation = models.TextField(blank=True)
    source_urls = ArrayField(models.TextField(), default=list, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    verified_by = models.CharField(max_length=200, blank=True)
    verification = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verification_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["rule_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="rule_version_number_unique"),
            models.UniqueConstraint(
                fields=["rule"], condition=Q(status="draft"), name="one_draft_per_rule"
            ),
            models.UniqueConstraint(
                fields=["rule"], condition=Q(status="published"), name="one_published_per_rule"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_rule_has_publish_time",
            ),
            models.CheckConstraint(
                condition=Q(classification__in=Classification.values),
                name="rule_classification_known",
            ),
        ]
        # Once published, a version's content is frozen; only its status may move from
        # published to retired (with retired_at and updated_at).
        triggers = frozen_when_published(name="rule", fields=_FROZEN_FIELDS)

    def __str__(self) -> str:
        return f"{self.rule} v{self.number}"

    @property
    def needs_recheck(self) -> bool:
        return needs_recheck(self.verified_on)

    @property
    def verification_phrase(self) -> str:
        """How the rule was verified, in the words every screen and record uses."""
        if self.verified_on:
            by = f" by {self.verified_by}" if self.verified_by else ""
            return f"last verified {date_format(self.verified_on, 'j F Y')}{by}"
        if self.verification == Verification.UNVERIFIED:
            return "not yet verified against the statute"
        return f"{self.get_verification_display().lower()} (date not recorded)"

    @property
    def limits(self) -> list[TimeLimit]:
        return [TimeLimit.from_json(item) for item in self.time_limits]

    @property
    def classification_plain(self) -> str:
        return CLASSIFICATION_PLAIN[Classification(self.classification)]

    def covers(self, profession: str) -> bool:
        """Whether the rule covers ``profession`` (blank: not known, so not claimed)."""
        return "all" in self.professions or (bool(profession) and profession in self.professions)

    def content(self) -> dict:
        """The content fields, comparable across versions and with a CSV row."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def raw_content(self) -> dict:
        """The content as a JSON file or the draft editor gives it (what ``check_content``
        reads): the date as text, each time limit as its label and when."""
        content = self.content()
        content["verified_on"] = self.verified_on.isoformat() if self.verified_on else ""
        content["time_limits"] = [{"label": t.label, "when": t.when} for t in self.limits]
        return content

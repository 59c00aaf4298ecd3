"""The vocabularies of a jurisdiction rule, in one place: duty kinds, classifications,
verification kinds and the professions a rule may cover."""

from __future__ import annotations

from django.db import models

from accounts.models import Profession
from ethicsdesk.versions import VersionStatus as VersionStatus  # one lifecycle for every version


class DutyKind(models.TextChoices):
    DUTY_TO_WARN = "duty_to_warn", "Duty to warn or protect third parties"
    CHILD_ABUSE = "child_abuse", "Child abuse and neglect reporting"
    ELDER_ABUSE = "elder_abuse", "Elder and dependent-adult abuse reporting"


# The order rules are shown in: duty to warn first (the fast path's reason), then reporting.
DUTY_ORDER = {kind: index for index, kind in enumerate(DutyKind.values)}


class Classification(models.TextChoices):
    """Never "no duty": where the sources disagree or none was found, the rule is unclear."""

    MANDATORY = "mandatory", "Mandatory"
    PERMISSIVE = "permissive", "Permissive"
    UNCLEAR = "unclear", "Unclear"


# What each classification means, in the plain words the clinician reads.
CLASSIFICATION_PLAIN = {
    Classification.MANDATORY: "The law requires you to act.",
    Classification.PERMISSIVE: (
        "The law allows you to disclose or act; it does not require it. Your professional "
        "code's guidance still applies."
    ),
    Classification.UNCLEAR: (
        "The sources disagree or none was found: check locally with your supervisor or counsel, "
        "and follow your professional code's guidance."
    ),
}


class Verification(models.TextChoices):
    STATUTE_TEXT = "statute_text", "Checked against the statute text"
    SECONDARY_SOURCE = "secondary_source", "Checked against a secondary source"
    UNVERIFIED = "unverified", "Not yet verified"


class Origin(models.TextChoices):
    """Where a version's content came from: the loader compares a built-in CSV row only with
    the newest built-in version, so a version edited or imported by hand is never undone."""

    BUILTIN = "builtin", "Built-in data"
    EDITED = "edited", "Edited"
    IMPORTED = "imported", "Imported"


ALL_PROFESSIONS = "all"
PROFESSIONS = tuple(Profession.values)

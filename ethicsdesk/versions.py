"""Published versions, the lifecycle framework versions and jurisdiction-rule versions share:
a draft is edited, published (and then never changes, app and database), and retired when a
newer one is published. One status vocabulary, one set of bookkeeping columns, one set of
database triggers."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models


class VersionStatus(models.TextChoices):
    """A version's life: edited as a draft, then published (never changed again), then
    retired when a newer one is published. Framework and jurisdiction-rule versions share it."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


def frozen_when_published(*, name: str, fields: tuple[str, ...]) -> list[pgtrigger.Trigger]:
    """The database's guarantee that a published version never changes: once published (or
    retired), none of ``fields`` may change, it may not become a draft again and it may not
    be deleted; only its status may move from published to retired (with the columns left
    out of ``fields``, e.g. retired_at and updated_at). Trigger names are
    ``published_<name>_frozen``, ``…_not_draft_again`` and ``…_not_deleted``."""
    changed = pgtrigger.Q()
    for field in fields:
        changed |= pgtrigger.Q(**{f"new__{field}__df": pgtrigger.F(f"old__{field}")})
    was_published = pgtrigger.Q(old__status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED])
    return [
        pgtrigger.Protect(
            name=f"published_{name}_frozen",
            operation=pgtrigger.Update,
            condition=was_published & changed,
        ),
        pgtrigger.Protect(
            name=f"published_{name}_not_draft_again",
            operation=pgtrigger.Update,
            condition=was_published & pgtrigger.Q(new__status=VersionStatus.DRAFT),
        ),
        pgtrigger.Protect(
            name=f"published_{name}_not_deleted",
            operation=pgtrigger.Delete,
            condition=was_published,
        ),
    ]


class PublishedVersion(models.Model):
    """The columns every published version has besides its content (the concrete model adds
    what it is a version of, its content, its constraints and
    ``triggers = frozen_when_published(...)``)."""

    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    change_note = models.TextField(blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

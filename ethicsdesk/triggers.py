"""PostgreSQL triggers shared by the append-only tables (audit events and the signed record)
and by the published versions (frameworks and jurisdiction rules)."""

from __future__ import annotations

import pgtrigger
from django.db import models


def no_truncate(name: str) -> pgtrigger.Trigger:
    """Refuse TRUNCATE, which skips the row-level UPDATE and DELETE triggers.

    pgtrigger's Protect supports statement-level triggers only with transition tables, which
    TRUNCATE has not, so this one is written out. It honours ``pgtrigger.ignore`` like Protect.
    """
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Statement,
        when=pgtrigger.Before,
        operation=pgtrigger.Truncate,
        func="RAISE EXCEPTION 'pgtrigger: Cannot truncate the % table', TG_TABLE_NAME;",
    )


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

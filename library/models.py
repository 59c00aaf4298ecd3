"""The clinic's case library: de-identified teaching copies of signed deliberations.

An entry is a copy, never the record: its text is edited apart from the deliberation it was
made from (``source``, kept for the clinic's own bookkeeping and never shown to readers), with
no client reference, no author and no private reflection. Each identifier the app spots in
the copy is an ``EntryFlag`` that must be resolved (removed, or kept with a reason) before
the entry is published: the service refuses, and so does the database (triggers below).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q

# The copied text, in the order an entry page shows it: (field, label).
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("situation", "What happened"),
    ("dilemma", "The dilemma"),
    ("options", "The options"),
    ("decision", "The decision"),
    ("rationale", "The rationale"),
    ("tests", "The tests of the choice"),
    ("residue", "Moral residue"),
    ("lessons", "Lessons from the follow-up"),
)
FIELD_LABELS = dict(TEXT_FIELDS)
UNRESOLVED_MESSAGE = "ethicsdesk: library entry has unresolved identifier flags"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "Awaiting review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class LibraryEntry(models.Model):
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="+")
    # Bookkeeping only: never rendered to readers (no link back, no author, no reference).
    # None for a case written for teaching directly (the demo's, the benchmark's).
    source = models.ForeignKey(
        "cases.Deliberation",
        on_delete=models.PROTECT,
        related_name="library_entries",
        null=True,
        blank=True,
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    situation = models.TextField(blank=True)
    dilemma = models.TextField(blank=True)
    options = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    tests = models.TextField(blank=True)
    residue = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    # Tags, from the framework's own lists (and the dilemma kinds of the worksheet).
    kinds = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    provisions = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    principles = ArrayField(models.CharField(max_length=60), default=list, blank=True)

    status = models.CharField(max_length=12, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    review_note = models.TextField(blank=True, help_text="Why a reviewer sent it back.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Kept by PostgreSQL from the text itself: the title weighs most, then the dilemma.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("dilemma", "situation", weight="B", config="english")
        + SearchVector(
            "options",
            "decision",
            "rationale",
            "tests",
            "residue",
            "lessons",
            weight="C",
            config="english",
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="library_search"),
            # Browsing (and the most recent matches of a search) in the order shown.
            models.Index(
                fields=["clinic", "status", "-published_at", "-id"], name="library_clinic_recent"
            ),
        ]
        constraints = [
            # One live copy per deliberation: offering again opens the one there is.
            models.UniqueConstraint(
                fields=["source"],
                condition=~Q(status="withdrawn"),
                name="library_one_live_entry",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="library_withdrawal_has_reason",
            ),
        ]
        triggers = [
            # The de-identification gate, in the database too: no entry becomes (or stays)
            # published while one of its flags is unresolved.
            pgtrigger.Trigger(
                name="library_publish_needs_resolved_flags",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                condition=pgtrigger.Q(new__status="published"),
                func=f"""
                    IF EXISTS (
                        SELECT 1 FROM library_entryflag f
                        WHERE f.entry_id = NEW.id AND f.resolution = ''
                    ) THEN
                        RAISE EXCEPTION '{UNRESOLVED_MESSAGE}'
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED


class FlagResolution(models.TextChoices):
    REMOVED = "removed", "Removed from the text"
    KEPT = "kept", "Kept, with a reason"


class EntryFlag(models.Model):
    """Something in one field of the copy that looks identifying, and what became of it."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="flags")
    field = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    excerpt = models.CharField(max_length=200)
    resolution = models.CharField(max_length=10, choices=FlagResolution.choices, blank=True)
    reason = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "field", "kind", "excerpt"], name="library_one_flag_per_find"
            ),
            models.CheckConstraint(
                condition=~Q(resolution="kept") | ~Q(reason=""),
                name="library_kept_flag_has_reason",
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="library_no_open_flag_when_published",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                condition=pgtrigger.Q(new__resolution=""),
                func=f"""
                    IF EXISTS (
                        SELECT 1 FROM library_libraryentry e
                        WHERE e.id = NEW.entry_id AND e.status = 'published'
                    ) THEN
                        RAISE EXCEPTION '{UNRESOLVED_MESSAGE}'
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in {self.field}"

    @property
    def is_resolved(self) -> bool:
        return bool(self.resolution)


class LibraryReviewer(models.Model):
    """A clinician the clinic admin designated to review library entries (clinic admins
    review by default and need no row)."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_reviewer"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user"], name="library_reviewer_once"),
        ]

    def __str__(self) -> str:
        return f"Library reviewer {self.user_id}"


class LibraryWord(models.Model):
    """A word of the clinic's published entries. A short query's words are matched to these
    by trigram similarity, so "minor" or a misspelt "confidentialty" still searches for the
    words the entries use (PostgreSQL's own advice for spelling suggestions: trigrams on a
    word list, not on whole documents). Only words, never which entry holds them."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "word"], name="library_word_once"),
        ]
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="library_word_trigram")]

    def __str__(self) -> str:
        return self.word

"""Reads for the case library: one entry, similar entries, tags, work lists (the search is
``library/search.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

from accounts.models import User
from cases.models import DilemmaKind
from ethicsdesk import access
from frameworks.models import FrameworkVersion, VersionStatus
from frameworks.selectors import pinned_version
from frameworks.typed import Definition
from library.models import EntryStatus, LibraryEntry

SIMILAR_COUNT = 5
# What a list row shows: never the source, the author or anything beyond the dilemma.
LIST_FIELDS = (
    "id",
    "title",
    "dilemma",
    "kinds",
    "provisions",
    "principles",
    "published_at",
    "framework_version_id",
)


def published(*, clinic_id: int) -> QuerySet[LibraryEntry]:
    return LibraryEntry.objects.filter(clinic_id=clinic_id, status=EntryStatus.PUBLISHED)


def entries_similar(
    *, clinic_id: int, text: str, kinds: list[str], provisions: list[str]
) -> list[LibraryEntry]:
    """The published entries most like a dilemma being written: by its words (any of them)
    and by its tags (the same kind, the same code provisions)."""
    words = " or ".join(re.findall(r"\w{3,}", text)[:40])
    conditions, score = Q(), Value(0.0, output_field=FloatField())
    if words:
        query = SearchQuery(words, search_type="websearch", config="english")
        conditions |= Q(search_vector=query)
        score = SearchRank(F("search_vector"), query, cover_density=True)
    for name, values in (("kinds", kinds), ("provisions", provisions)):
        if values:
            # A shared tag counts as much as a fair text match: a case of the same kind and
            # provision teaches even in other words.
            overlap = Q(**{f"{name}__overlap": values})
            conditions |= overlap
            score = score + Case(
                When(overlap, then=Value(0.1)), default=Value(0.0), output_field=FloatField()
            )
    if not conditions:
        return []
    entries = published(clinic_id=clinic_id).only(*LIST_FIELDS).filter(conditions)
    return list(entries.annotate(score=score).order_by("-score", "-published_at")[:SIMILAR_COUNT])


def entry_get(*, pk: int) -> LibraryEntry | None:
    entry = LibraryEntry.objects.filter(pk=pk).first()
    if entry is not None:
        entry.framework_version = pinned_version(entry.framework_version_id)
    return entry


def framework_choices(*, clinic_id: int) -> list[tuple[int, str, Definition]]:
    """The frameworks the clinic's entries can follow (id, name, a definition for the tag
    names): the built-in ones and the clinic's own, published or retired. One query over
    the (small) versions table; the versions themselves are the process's cache."""
    versions = (
        FrameworkVersion.objects.filter(
            Q(framework__clinic__isnull=True) | Q(framework__clinic_id=clinic_id),
            status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED],
        )
        .order_by("framework_id", "-number")
        .values_list("pk", flat=True)
    )
    seen: dict[int, tuple[int, str, Definition]] = {}
    for version_id in versions:
        version = pinned_version(version_id)
        # The newest version names the framework's provisions and principles.
        seen.setdefault(
            version.framework_id, (version.framework_id, version.framework.name, version.spec)
        )
    return sorted(seen.values(), key=lambda c: c[1])


@dataclass
class Tags:
    """An entry's tags with their names from the framework's own lists."""

    kinds: list[str] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(badge style, name) of every tag, in the order shown."""
        return (
            [("badge--info", t) for t in self.kinds]
            + [("", t) for t in self.provisions]
            + [("badge--ok", t) for t in self.principles]
        )


def summary(text: str, limit: int = 260) -> str:
    """The start of a text for a list row, cut at a word."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


_KIND_NAMES = dict(DilemmaKind.choices)


def tag_names(entry: LibraryEntry, definition: Definition) -> Tags:
    provisions, principles = definition.provision_labels, definition.principle_names
    kinds = _KIND_NAMES
    return Tags(
        kinds=[kinds.get(k, k) for k in entry.kinds],
        provisions=[provisions.get(k, k) for k in entry.provisions],
        principles=[principles.get(k, k) for k in entry.principles],
    )


def entries_at_work(*, user: User) -> dict[str, list[LibraryEntry]]:
    """The author's own offers not yet published, and what awaits this reviewer."""
    mine = LibraryEntry.objects.filter(
        offered_by=user, status__in=[EntryStatus.DRAFT, EntryStatus.IN_REVIEW]
    ).only("id", "title", "status", "updated_at", "review_note")
    awaiting: list[LibraryEntry] = []
    if access.is_library_reviewer(user):
        awaiting = list(
            LibraryEntry.objects.filter(clinic_id=user.clinic_id, status=EntryStatus.IN_REVIEW)
            .exclude(offered_by=user)
            .only("id", "title", "status", "updated_at")
            .order_by("updated_at")
        )
    return {"mine": list(mine.order_by("-updated_at")), "awaiting": awaiting}

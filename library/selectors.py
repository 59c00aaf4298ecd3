"""Reads for the case library: search and browse, one entry, similar entries, work lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from accounts.models import User
from cases.models import DilemmaKind
from ethicsdesk import access
from frameworks.models import FrameworkVersion, VersionStatus
from frameworks.selectors import pinned_version
from frameworks.typed import Definition
from library.models import EntryStatus, LibraryEntry, LibraryWord

PAGE_SIZE = 20
SIMILAR_COUNT = 5
# A query of at most this many words is matched by trigrams too (a word, a typo), to at
# most SIMILAR_WORDS of the library's words.
SHORT_QUERY_WORDS = 2
SIMILAR_WORDS = 4
WORD_CLOSENESS = 0.4  # "minor" ~ "minors", "confidentialty" ~ "confidentiality", not "mine"
# A search ranks at most this many of the most recent matches (twice, for plain words: those
# holding any word and those holding every word).
CANDIDATES = 100
QUERY_MAX = 200
# Web-search syntax the reader typed on purpose: then their query is taken as written.
_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
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


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    provision: str = ""
    principle: str = ""
    framework: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.kind or self.provision or self.principle or self.framework)


def published(*, clinic_id: int) -> QuerySet[LibraryEntry]:
    return LibraryEntry.objects.filter(clinic_id=clinic_id, status=EntryStatus.PUBLISHED)


def words_like(*, clinic_id: int, text: str) -> list[str]:
    """The clinic's library words most like each word of a short query (itself, a plural,
    the right spelling of a typo), by trigram similarity on the word list: one query."""
    words = [w.lower() for w in re.findall(r"\w{3,}", text)[:SHORT_QUERY_WORDS]]
    if not words:
        return []
    alike = Q()
    for word in words:
        alike |= Q(word__trigram_similar=word)
    closeness = (
        Greatest(*(TrigramSimilarity("word", w) for w in words))
        if len(words) > 1
        else (TrigramSimilarity("word", words[0]))
    )
    return list(
        LibraryWord.objects.filter(alike, clinic_id=clinic_id)
        .annotate(closeness=closeness)
        .filter(closeness__gte=WORD_CLOSENESS)
        .order_by("-closeness")
        .values_list("word", flat=True)[:SIMILAR_WORDS]
    )


class _RankedMatches(Sequence):
    """The matches of a search, best first, read a page at a time for the paginator: one
    query gives a page's rows and how many entries match (``_RANKED``)."""

    def __init__(self, *parts: QuerySet) -> None:
        self._parts = parts  # each annotated with its rank
        self._read: dict[int, tuple[int, list[LibraryEntry], int]] = {}

    def page(self, offset: int, limit: int) -> tuple[list[LibraryEntry], int]:
        """The rows from ``offset`` (at most ``limit``) and the number of matches."""
        read = self._read.get(offset)
        if read is None or read[0] < limit:
            parts, params = [], []
            for part in self._parts:
                sql, part_params = (
                    part.order_by("-published_at", "-id")
                    .values("id", "rank", "published_at")[:CANDIDATES]
                    .query.sql_with_params()
                )
                parts.append(f"({sql})")
                params.extend(part_params)
            rows = list(
                LibraryEntry.objects.raw(
                    _RANKED.format(
                        matches=" UNION ALL ".join(parts), fields=", ".join(_LIST_COLUMNS)
                    ),
                    [*params, limit, offset],
                )
            )
            total = rows[0].total if rows else (0 if offset == 0 else self.page(0, 1)[1])
            read = self._read[offset] = (limit, rows, total)
        return read[1][:limit], read[2]

    def __len__(self) -> int:
        if not self._read:
            self.page(0, PAGE_SIZE)
        return next(iter(self._read.values()))[2]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a page of matches is read as a slice")
        start = index.start or 0
        return self.page(start, (index.stop or start + PAGE_SIZE) - start)[0]


# An entry found by both parts keeps its better rank (holding every word); the page's rows
# come back in rank order with the number of matches. Ties: the most recently published first.
_RANKED = """
WITH found AS (
    SELECT DISTINCT ON (id) id, rank, published_at FROM ({matches}) AS m ORDER BY id, rank DESC
), ranked AS (
    SELECT id, rank, published_at, count(*) OVER () AS total FROM found
    ORDER BY rank DESC, published_at DESC, id DESC LIMIT %s OFFSET %s
)
SELECT {fields}, ranked.total FROM ranked JOIN library_libraryentry e USING (id)
ORDER BY ranked.rank DESC, ranked.published_at DESC, ranked.id DESC
"""
_LIST_COLUMNS = [f"e.{name}" for name in LIST_FIELDS if name != "framework_version_id"] + [
    "e.framework_version_id"
]


def _matches(entries: QuerySet[LibraryEntry], text: str, *, clinic_id: int) -> _RankedMatches:
    """The entries matching ``text``, best first.

    The query is read as a web search (``websearch_to_tsquery``: "quoted phrases", -not,
    or). Typed as plain words, an entry needs only some of them, and one holding every word
    comes first; a short query also searches the library's words most like it (trigrams),
    so "minor" or a misspelt word still finds entries. Ranked by cover density
    (``ts_rank_cd``) among the most recent matches (``CANDIDATES`` of each kind): the cost
    of a search stays bounded however many entries of a large library share a common word.
    """
    strict = SearchQuery(text, search_type="websearch", config="english")
    words = re.findall(r"\w+", text)
    plain = not _OPERATORS.search(text)
    if plain and len(text.split()) <= SHORT_QUERY_WORDS:
        words += words_like(clinic_id=clinic_id, text=text)
    loose = SearchQuery(
        " or ".join(dict.fromkeys(words)), search_type="websearch", config="english"
    )
    if not (plain and len(words) > 1):
        rank = SearchRank(F("search_vector"), strict, cover_density=True)
        return _RankedMatches(entries.filter(search_vector=strict).annotate(rank=rank))
    # Entries holding every word first (their rank + 1), found among as many again.
    rank = SearchRank(F("search_vector"), loose, cover_density=True)
    return _RankedMatches(
        entries.filter(search_vector=strict).annotate(rank=rank + Value(1.0)),
        entries.filter(search_vector=loose).annotate(rank=rank),
    )


def search_page(*, clinic_id: int, text: str, filters: Filters, number) -> Page:
    """One page of the clinic's published entries: best matches first for a query, most
    recently published first without one. Two queries without one (count, then the page);
    one with (the page's rows and the count together), after the similar words of a short
    query."""
    entries = published(clinic_id=clinic_id).only(*LIST_FIELDS)
    if filters.kind:
        entries = entries.filter(kinds__contains=[filters.kind])
    if filters.provision:
        entries = entries.filter(provisions__contains=[filters.provision])
    if filters.principle:
        entries = entries.filter(principles__contains=[filters.principle])
    if filters.framework:
        entries = entries.filter(framework_version__framework_id=filters.framework)
    text = text.strip()[:QUERY_MAX]
    if not text:
        return Paginator(entries.order_by("-published_at", "-id"), PAGE_SIZE).get_page(number)
    matches = _matches(entries.order_by(), text, clinic_id=clinic_id)
    try:
        asked = max(int(number), 1)
    except (TypeError, ValueError):
        asked = 1  # the paginator shows the first page too
    # The page asked for, read with the count (the paginator asks for the count first).
    matches.page((asked - 1) * PAGE_SIZE, PAGE_SIZE)
    page = Paginator(matches, PAGE_SIZE).get_page(number)
    # Fewer than every match was ranked: the page says it shows the most recent ones.
    page.capped = len(matches) >= CANDIDATES
    return page


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

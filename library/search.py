"""Searching and browsing the clinic's case library: the page of entries a reader asked for.

Written as SQL, not through the ORM: a search is one statement (the ranked matches of the
page and how many match), and building the same statement through querysets cost more
Python than the search itself cost PostgreSQL (about 2 ms a search). The filters are written
once (``_where``) for both the search and browsing. tests/library/test_search.py pins the
ranking, the filters, the query count and odd input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection

from library.models import EntryStatus, LibraryEntry
from library.selectors import LIST_FIELDS

PAGE_SIZE = 20
# A query of at most this many words is matched by trigrams too (a word, a typo), to at
# most SIMILAR_WORDS of the library's words.
SHORT_QUERY_WORDS = 2
SIMILAR_WORDS = 4
WORD_CLOSENESS = 0.4  # "minor" ~ "minors", "confidentialty" ~ "confidentiality", not "mine"
# A search ranks at most this many of the most recent matches (twice, for plain words: those
# holding every word and those holding any).
CANDIDATES = 100
QUERY_MAX = 200
# Web-search syntax the reader typed on purpose: then their query is taken as written.
_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
# What a result row shows (library.selectors.LIST_FIELDS: never the source or the author).
_COLUMNS = ", ".join(f"e.{name}" for name in LIST_FIELDS)
_TSQUERY = "websearch_to_tsquery('english', %s)"


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    provision: str = ""
    principle: str = ""
    framework: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.kind or self.provision or self.principle or self.framework)


def _where(clinic_id: int, filters: Filters) -> tuple[str, list]:
    """The clinic's published entries with these tags: the condition on ``e`` and its
    parameters (tag filters use the arrays' own operators)."""
    clauses, params = ["e.clinic_id = %s", "e.status = %s"], [clinic_id, EntryStatus.PUBLISHED]
    for column, value in (
        ("kinds", filters.kind),
        ("provisions", filters.provision),
        ("principles", filters.principle),
    ):
        if value:
            clauses.append(f"e.{column} @> %s::varchar[]")
            params.append([value])
    if filters.framework:
        clauses.append(
            "e.framework_version_id IN"
            " (SELECT id FROM frameworks_frameworkversion WHERE framework_id = %s)"
        )
        params.append(filters.framework)
    return " AND ".join(clauses), params


class _Entries(Sequence):
    """Entries for the paginator, read a page at a time. ``sql`` ends with LIMIT %s OFFSET
    %s; without ``count_sql`` each of its rows carries the number of matches (``total``),
    so a search is one query; browsing counts apart (a bounded index scan)."""

    def __init__(self, sql: str, params: list, count_sql: str = "", count_params=()) -> None:
        self._sql, self._params = sql, params
        self._count_sql, self._count_params = count_sql, list(count_params)
        self._read: dict[int, tuple[int, list[LibraryEntry]]] = {}
        self._total: int | None = None

    def page(self, offset: int, limit: int) -> list[LibraryEntry]:
        """The rows from ``offset``, at most ``limit`` (read once)."""
        read = self._read.get(offset)
        if read is None or read[0] < limit:
            rows = list(LibraryEntry.objects.raw(self._sql, [*self._params, limit, offset]))
            if not self._count_sql and rows:
                self._total = rows[0].total
            read = self._read[offset] = (limit, rows)
        return read[1][:limit]

    def __len__(self) -> int:
        if self._total is None:
            if self._count_sql:
                with connection.cursor() as cursor:
                    cursor.execute(self._count_sql, self._count_params)
                    self._total = cursor.fetchone()[0]
            else:
                rows = self.page(0, PAGE_SIZE)
                self._total = rows[0].total if rows else 0
        return self._total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a page of entries is read as a slice")
        start = index.start or 0
        return self.page(start, (index.stop or start + PAGE_SIZE) - start)


def words_like(*, clinic_id: int, text: str) -> list[str]:
    """The clinic's library words most like each word of a short query (itself, a plural,
    the right spelling of a typo), by trigram similarity on the word list (``pg_trgm``'s
    ``%`` finds them through the trigram index): one query."""
    words = [w.lower() for w in re.findall(r"\w{3,}", text)[:SHORT_QUERY_WORDS]]
    if not words:
        return []
    alike = " OR ".join(["word %% %s"] * len(words))
    closeness = "GREATEST(" + ", ".join(["similarity(word, %s)"] * len(words)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM library_libraryword WHERE clinic_id = %s AND ({alike})"
            f" AND {closeness} >= %s ORDER BY {closeness} DESC, word LIMIT %s",
            [clinic_id, *words, *words, WORD_CLOSENESS, *words, SIMILAR_WORDS],
        )
        return [word for (word,) in cursor.fetchall()]


# The most recent CANDIDATES matches of each part, ranked; an entry found by both keeps its
# better rank (the part holding every word adds 1); the page's rows come back in rank order
# with the number of matches. Ties: the most recently published first.
_PART = (
    f"(SELECT e.id, ts_rank_cd(e.search_vector, {_TSQUERY}) + %s AS rank, e.published_at"
    f" FROM library_libraryentry e WHERE {{where}} AND e.search_vector @@ {_TSQUERY}"
    f" ORDER BY e.published_at DESC, e.id DESC LIMIT {CANDIDATES})"
)
_RANKED = f"""
WITH found AS (
    SELECT DISTINCT ON (id) id, rank, published_at FROM ({{parts}}) AS m ORDER BY id, rank DESC
), ranked AS (
    SELECT id, rank, published_at, count(*) OVER () AS total FROM found
    ORDER BY rank DESC, published_at DESC, id DESC LIMIT %s OFFSET %s
)
SELECT {_COLUMNS}, ranked.total FROM ranked JOIN library_libraryentry e USING (id)
ORDER BY ranked.rank DESC, ranked.published_at DESC, ranked.id DESC
"""


def _matches(text: str, *, clinic_id: int, filters: Filters) -> _Entries:
    """The entries matching ``text``, best first.

    The query is read as a web search (``websearch_to_tsquery``: "quoted phrases", -not,
    or). Typed as plain words, an entry needs only some of them, and one holding every word
    comes first; a short query also searches the library's words most like it (trigrams),
    so "minor" or a misspelt word still finds entries. Ranked by cover density
    (``ts_rank_cd``) among the most recent matches (``CANDIDATES`` of each kind): the cost
    of a search stays bounded however many entries of a large library share a common word.
    """
    where, where_params = _where(clinic_id, filters)
    words = re.findall(r"\w+", text)
    plain = not _OPERATORS.search(text)
    if plain and len(text.split()) <= SHORT_QUERY_WORDS:
        words += words_like(clinic_id=clinic_id, text=text)
    loose = " or ".join(dict.fromkeys(words))
    if plain and len(words) > 1:
        # Ranked by the words (any of them); holding every word adds 1.
        parts = [(loose, 1.0, text), (loose, 0.0, loose)]
    else:
        parts = [(text, 0.0, text)]
    sql = _RANKED.format(parts=" UNION ALL ".join(_PART.format(where=where) for _ in parts))
    params = [p for rank_by, bonus, match in parts for p in (rank_by, bonus, *where_params, match)]
    return _Entries(sql, params)


def search_page(*, clinic_id: int, text: str, filters: Filters, number) -> Page:
    """One page of the clinic's published entries: best matches first for a query (one
    query, after the similar words of a short query), most recently published first
    without one (the count, then the page)."""
    text = text.strip()[:QUERY_MAX]
    if text:
        entries = _matches(text, clinic_id=clinic_id, filters=filters)
    else:
        where, params = _where(clinic_id, filters)
        entries = _Entries(
            f"SELECT {_COLUMNS} FROM library_libraryentry e WHERE {where}"
            " ORDER BY e.published_at DESC, e.id DESC LIMIT %s OFFSET %s",
            params,
            count_sql=f"SELECT count(*) FROM library_libraryentry e WHERE {where}",
            count_params=params,
        )
    if text:
        try:
            asked = max(int(number), 1)
        except (TypeError, ValueError):
            asked = 1  # the paginator shows the first page too
        # The page asked for, read with the count (the paginator asks for the count first).
        entries.page((asked - 1) * PAGE_SIZE, PAGE_SIZE)
    page = Paginator(entries, PAGE_SIZE).get_page(number)
    # Fewer than every match was ranked: the page says it shows the most recent ones.
    page.capped = bool(text) and len(entries) >= CANDIDATES
    return page

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from frameworks.selectors import pinned_clear
from tests.library.cases import CASES
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(world):
    common = {"tests": "Justice: yes.", "residue": "Some trust was lost."}
    return {key: published_entry(world, **text, **common) for key, text in CASES.items()}


def _titles(client, world, **query) -> list[str]:
    client.force_login(world["colleague"])
    response = client.get(reverse("library:search"), query)
    return [e.title for e in response.context["page"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("accept a gift from a client", "gift"),
        ("duty to warn someone a client threatened", "warn"),
        ("teenager self-harm parents", "minor"),
        ("challenge discrimination without imposing values", "hiring"),
        ("small town dual relationship social", "town"),
    ],
)
def test_it_ranks_the_relevant_entry_first(client, world, entries, query, expected):
    assert _titles(client, world, q=query)[0] == CASES[expected]["title"]


def test_it_finds_a_single_word(client, world, entries):
    assert _titles(client, world, q="minor") == [CASES["minor"]["title"]]


def test_it_finds_a_misspelt_word(client, world, entries):
    assert _titles(client, world, q="confidentialty")[0] == CASES["warn"]["title"]


def test_it_filters_by_provision(client, world, entries):
    assert len(_titles(client, world, provision="confidentiality")) == 5
    assert _titles(client, world, provision="duty-to-protect") == []


def test_it_filters_by_kind(client, world, entries):
    assert _titles(client, world, kind="clinical") == []


def test_it_lists_only_the_clinics_published_entries(client, world, entries):
    client.force_login(world["outsider"])
    assert list(client.get(reverse("library:search")).context["page"]) == []


def test_it_records_the_search(client, world, entries):
    _titles(client, world, q="gift")
    assert AuditEvent.objects.filter(action="search", path=reverse("library:search")).exists()


@pytest.mark.parametrize(
    ("query", "count"),
    [
        # session, user, the filters' frameworks, count, page, reviewer?, audit event
        ("", 7),
        # ... the page's matches with their count in one query
        ("duty to warn a partner", 6),
        ("gift", 7),  # a short query also looks up the library's words like it
    ],
)
def test_it_runs_a_fixed_number_of_queries(
    client, world, entries, django_assert_num_queries, query, count
):
    client.force_login(world["colleague"])
    client.get(reverse("library:search"))  # the process keeps the framework versions
    with django_assert_num_queries(count):
        client.get(reverse("library:search"), {"q": query, "page": "1"})


def test_it_loads_each_framework_version_once(client, world, entries, django_assert_num_queries):
    client.force_login(world["colleague"])
    client.get(reverse("library:search"))  # the sign-in's first request writes more
    pinned_clear()
    with django_assert_num_queries(8):  # + the one framework version of every entry
        client.get(reverse("library:search"))


def test_it_keeps_the_search_vector_in_the_row():
    """Ranking reads every candidate's vector: kept in the row (storage MAIN), not fetched
    from TOAST (library/migrations/0002_search_vector_inline.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'library_libraryentry'::regclass"
            " AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


@pytest.mark.parametrize(
    "query",
    ["100%", "%s %(x)s", "'; DROP TABLE x; --", "{fields}", "a:b & c | !d", '"unclosed', "-", "é"],
)
def test_it_answers_any_typed_query(client, world, entries, query):
    client.force_login(world["colleague"])
    response = client.get(reverse("library:search"), {"q": query})
    assert response.status_code == 200
    assert "Search the library" in response.content.decode()

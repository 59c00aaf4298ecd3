"""A withdrawn entry's words leave the clinic's word list (the "did you mean" of short
queries) unless a published entry still holds them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from library import search, services
from tests.library.cases import CASES
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db
ONLY_WITHDRAWN = "Met at the Zanzibar marina, both Quakers."


@pytest.fixture
def entries(world):
    gift = published_entry(world, **CASES["gift"], lessons="Both marinas were full.")
    town = published_entry(world, **CASES["town"], lessons=ONLY_WITHDRAWN)
    return gift, town


def _withdraw(client, world, entry) -> None:
    client.force_login(world["admin"])
    client.post(reverse("library:withdraw", args=[entry.pk]), {"reason": "Recognisable."})


def _like(world, text: str) -> list[str]:
    return search.words_like(clinic_id=world["clinic"].pk, text=text)


def test_it_forgets_a_word_only_the_withdrawn_entry_held(client, world, entries):
    assert "zanzibar" in _like(world, "zanzibar")
    _withdraw(client, world, entries[1])
    assert _like(world, "zanzibar") == [] and _like(world, "quakers") == []


def test_it_keeps_a_word_a_published_entry_still_holds(client, world, entries):
    _withdraw(client, world, entries[1])
    assert "client" in _like(world, "client")


def test_it_keeps_a_stop_word_a_published_entry_still_holds(client, world, entries):
    _withdraw(client, world, entries[1])
    assert "should" in _like(world, "should")


def test_it_forgets_a_word_published_only_inside_another(client, world, entries):
    # "marinas" (published) has the stem of "marina" (withdrawn), not the word itself.
    _withdraw(client, world, entries[1])
    assert _like(world, "marina") == ["marinas"]


def test_it_forgets_in_one_query(world, entries, django_assert_num_queries):
    entry = entries[1]
    with django_assert_num_queries(1):
        services.words_forget(entry)

"""The clinic admin finds the case library's reviewers where they manage people: listed on
People, with the page that changes them in the People area."""

from __future__ import annotations

import pytest
from django.urls import reverse

from library.services import reviewer_add

pytestmark = pytest.mark.django_db


def _section(response) -> str:
    content = response.content.decode()
    start = content.index('id="library-reviewers-heading"')
    return content[start : content.index("</section>", start)]


def test_it_lists_the_library_reviewers_on_people(admin_client, people_world):
    reviewer_add(admin=people_world["admin"], user=people_world["clinician"])
    section = _section(admin_client.get(reverse("people")))
    assert "Dana Reyes" in section and "Alex Kim" in section
    assert "Sam Okafor" not in section


def test_it_links_to_where_they_are_changed(admin_client, people_world):
    section = _section(admin_client.get(reverse("people")))
    assert f'href="{reverse("library:reviewers")}"' in section


def test_the_reviewers_page_is_in_the_people_area(admin_client, people_world):
    response = admin_client.get(reverse("library:reviewers"))
    assert reverse("library:reviewers").startswith(reverse("people"))
    current = [item["label"] for item in response.context["nav_items"] if item["current"]]
    assert current == ["People"]

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from library.models import LibraryEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_users):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_library", verbosity=0)
    return demo_users


def test_it_publishes_two_entries_in_the_demo_clinic(seeded):
    clinic = seeded["clinician"].clinic
    assert LibraryEntry.objects.filter(clinic=clinic, status="published").count() == 2


def test_it_keeps_them_when_run_again(seeded):
    call_command("seed_library", verbosity=0)
    assert LibraryEntry.objects.count() == 2


def test_the_demo_clinician_finds_them(client, seeded):
    client.force_login(seeded["clinician"])
    response = client.get(reverse("library:search"), {"q": "discriminatory hiring"})
    assert response.context["page"][0].title.startswith("A client discloses discriminatory")

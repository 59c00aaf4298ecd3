"""Who finds the rules screen in the main navigation: whoever may read or change the rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import ClinicAdminFactory, UserFactory
from tests.jurisdictions.rules import grant_rule_editing

pytestmark = pytest.mark.django_db

LINK = "Jurisdiction rules</a>"


def nav_of(client, person: User) -> str:
    client.force_login(person)
    # The account page has the layout's navigation for every role.
    return client.get(reverse("account_change_password")).content.decode()


def test_it_shows_the_rules_to_a_clinic_admin(client):
    assert LINK in nav_of(client, ClinicAdminFactory())


def test_it_shows_the_rules_to_the_operator(client):
    operator = User.objects.create_superuser("operator", "operator@example.org", "x-long-pass")
    assert LINK in nav_of(client, operator)


def test_it_shows_the_rules_to_a_content_editor_who_is_not_a_clinic_admin(client):
    editor = grant_rule_editing(UserFactory(is_staff=True))
    html = nav_of(client, editor)
    assert LINK in html
    assert client.get(reverse("jurisdictions:list")).status_code == 200


def test_it_leaves_the_rules_out_for_a_clinician(client):
    assert LINK not in nav_of(client, UserFactory())


def test_it_leaves_the_rules_out_for_staff_without_the_permission(client):
    assert LINK not in nav_of(client, UserFactory(is_staff=True))

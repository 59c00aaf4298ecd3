"""People of the rule editor's tests: the installation's operator (a superuser, no clinic) and
a content editor (a clinic admin given jurisdictions.edit_rules), and the form as posted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from accounts.models import User
from tests.factories import ClinicAdminFactory
from tests.jurisdictions.rules import publish


def grant_rule_editing(person: User) -> User:
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="jurisdictions", codename="edit_rules")
    )
    return person


@pytest.fixture
def editor(db) -> User:
    return grant_rule_editing(ClinicAdminFactory())


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_superuser("operator", "operator@example.org", "x-long-passphrase")


@pytest.fixture
def rule(db):
    """California's duty to warn, published (version 1)."""
    return publish()


def form_data(version=None, **changes) -> dict:
    """The edit form as a browser posts it: ``version``'s content, with ``changes``."""
    from jurisdictions.forms import RuleContentForm

    data = RuleContentForm.initial_for(version) if version is not None else {}
    data = {k: v for k, v in data.items() if v is not None}
    data.update(changes)
    return data

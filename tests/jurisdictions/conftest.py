"""People of the rule editor's tests: the installation's operator (a superuser, no clinic) and
a content editor (a clinic admin given jurisdictions.edit_rules); a published rule."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import ClinicAdminFactory
from tests.jurisdictions.rules import grant_rule_editing, publish


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

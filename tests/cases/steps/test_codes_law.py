"""The codes-and-law step: the provisions that apply, the legal duties or jurisdiction."""

from __future__ import annotations

import pytest

from cases.models import ProvisionNote
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_needs_a_provision_and_the_law_for_codes(deliberation):
    ProvisionNote.objects.create(deliberation=deliberation, provision_key="confidentiality")
    assert state_and_missing(deliberation, "codes_law")[1] == [
        "Note the legal duties and the jurisdiction."
    ]

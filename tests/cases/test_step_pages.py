from __future__ import annotations

import pytest
from django.urls import reverse

from frameworks.definition import STEP_KINDS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", list(STEP_KINDS))
def test_it_renders_every_step_of_the_integrated_worksheet(owner_client, deliberation, key):
    response = owner_client.get(reverse("cases:step", args=[deliberation.pk, key]))
    assert response.status_code == 200

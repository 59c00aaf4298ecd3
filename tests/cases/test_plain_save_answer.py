"""A plain POST (no script) that was stored says so with the time, on every save path."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Stakeholder

pytestmark = pytest.mark.django_db


def test_it_says_when_a_plain_row_save_was_stored(owner_client, deliberation):
    row = Stakeholder.objects.create(deliberation=deliberation, position=1, name="Client")
    url = reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk])
    prefix = f"stakeholders-{row.pk}"
    data = {"revision": "1", "tab": "t", f"{prefix}-name": "The client", f"{prefix}-kind": "client"}
    response = owner_client.post(url, data)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(said) == 1 and re.fullmatch(r"Saved at \d\d:\d\d\.", said[0])

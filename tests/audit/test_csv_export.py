"""The audit CSV export: spreadsheet formulas in any text cell are neutralised (OWASP)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import ClinicAdminFactory

pytestmark = pytest.mark.django_db


def _rows(client, deliberation) -> list[list[str]]:
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    response = client.get(reverse("audit:csv"), {"deliberation": deliberation.pk})
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    "agent",
    ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1+1", "-1+1", "\tcmd", "\r=1"],
)
def test_it_neutralises_formulas_in_the_user_agent(client, owner_client, deliberation, agent):
    owner_client.get(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]), HTTP_USER_AGENT=agent
    )
    header, *rows = _rows(client, deliberation)
    cell = rows[0][header.index("user_agent")]
    assert cell == "'" + agent


def test_it_neutralises_formulas_in_every_text_column(client, deliberation, clinician):
    clinician.username = "-2+3"  # Django allows - + @ . _ in user names
    clinician.save()
    client.force_login(clinician)
    client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]), HTTP_USER_AGENT="@x")
    header, *rows = _rows(client, deliberation)
    assert rows[0][header.index("actor_username")] == "'-2+3"


def test_it_keeps_ordinary_values_as_they_are(client, owner_client, deliberation, clinician):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    header, *rows = _rows(client, deliberation)
    assert rows[0][header.index("actor_username")] == clinician.username

"""A record says which edition of each code it cited: the chart note and the full report,
in HTML, plain text and PDF, and the codes step lists each provision's editions."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import ProvisionNote
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db

EDITIONS = "Code editions cited: ACA 2014; APA 2002 as amended 2010 and 2016; NASW 2021."


@pytest.fixture
def weighed(complete):
    ProvisionNote.objects.update_or_create(
        deliberation=complete,
        provision_key="fees-billing",
        defaults={"note": "The insurer is told only what was provided."},
    )
    return complete


@pytest.mark.parametrize("kind", ["chart-note", "report"])
def test_it_names_the_editions_cited_in_the_html_and_the_text(author_client, weighed, kind):
    client = password_confirmed(author_client)
    html = client.get(reverse("records:rationale", args=[weighed.pk, kind])).content.decode()
    text = client.get(reverse("records:text", args=[weighed.pk, kind])).content.decode()
    assert EDITIONS in html
    assert EDITIONS in text
    assert "Fees, billing and honest reports to payers (ACA A.10; APA 6.04, 6.06;" in text


@pytest.mark.parametrize("kind", ["chart-note", "report"])
def test_it_names_the_editions_cited_in_the_pdf(author_client, weighed, kind):
    client = password_confirmed(author_client)
    content = client.get(reverse("records:pdf", args=[weighed.pk, kind])).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Code editions cited: ACA 2014" in " ".join(text.split())
    assert "NASW 2021" in text


def test_it_shows_the_editions_on_the_codes_step(author_client, weighed):
    page = author_client.get(reverse("cases:step", args=[weighed.pk, "codes_law"]))
    content = page.content.decode()
    assert "Editions cited: ACA 2014; APA 2002 as amended 2010 and 2016; NASW 2021." in content
    # and under each provision's own text
    assert '<p class="edition">Editions: ACA 2014; APA 2002 as amended 2010 and 2016' in content

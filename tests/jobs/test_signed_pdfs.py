"""The PDFs of a newly signed record are rendered and stored by the worker; the record is
complete and verifiable without them, and the download works (and stores the PDF) before the
worker got to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.selectors import Purpose, deliberation_get
from jobs.models import StoredPdf
from records.services import deliberation_sign, deliberation_verify
from tests.jobs_runner import queued, run_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world):
    from cases.examples import examples_ensure

    d = next(
        r.deliberation
        for r in examples_ensure(owner=world["clinician"])
        if r.deliberation.status == "draft"
    )
    run_jobs("notification_email")  # the examples' own review
    d = deliberation_get(pk=d.pk, purpose=Purpose.WORKSHEET)
    deliberation_sign(deliberation=d, user=world["clinician"])
    return d


def _pdf(client, d):
    return client.get(reverse("records:pdf", args=[d.pk, "chart-note"]))


def test_it_queues_the_pdfs_with_the_signature(world, signed):
    assert ("signed_pdfs", {"deliberation_id": signed.pk}) in queued()
    assert not StoredPdf.objects.exists()
    assert deliberation_verify(deliberation=signed).intact


def test_it_downloads_and_stores_the_pdf_before_the_worker_ran(client, world, signed):
    client.force_login(world["clinician"])
    response = _pdf(client, signed)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    stored = StoredPdf.objects.get()
    assert (stored.kind, bytes(stored.pdf)) == ("chart-note", response.content)
    run_jobs("signed_pdfs")  # the worker renders the report only
    assert StoredPdf.objects.filter(kind="chart-note").count() == 1
    assert StoredPdf.objects.filter(kind="report").count() == 1


def test_it_serves_the_pdf_the_worker_stored(client, world, signed):
    assert run_jobs("signed_pdfs") == ["signed_pdfs"]
    assert StoredPdf.objects.count() == 2
    client.force_login(world["clinician"])
    response = _pdf(client, signed)
    stored = StoredPdf.objects.get(kind="chart-note")
    assert response.content == bytes(stored.pdf)
    assert StoredPdf.objects.count() == 2


def test_it_keeps_only_the_pdfs_of_the_record_as_it_reads_now(client, world, signed):
    from records.services import addendum_add

    run_jobs("signed_pdfs")
    before = dict(StoredPdf.objects.values_list("kind", "html_sha256"))
    addendum_add(
        deliberation=signed, user=world["clinician"], reason="A date was wrong.", text="It was May."
    )
    assert run_jobs("signed_pdfs") == ["signed_pdfs"]
    after = dict(StoredPdf.objects.values_list("kind", "html_sha256"))
    assert StoredPdf.objects.count() == 2
    assert set(after) == {"chart-note", "report"}
    assert all(after[kind] != before[kind] for kind in after)
    client.force_login(world["clinician"])
    served = _pdf(client, signed).content
    assert served == bytes(StoredPdf.objects.get(kind="chart-note").pdf)
    assert StoredPdf.objects.count() == 2

"""The PDFs of signed records: rendered once and stored, by the worker after signing or by
the first download, whichever comes first. The record itself (snapshot, signatures, hashes)
is complete and verifiable without them; a stored PDF is a cache of its rendering, keyed by
the SHA-256 of the HTML it was rendered from."""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

from django.utils import timezone

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from jobs.models import StoredPdf
from records import render as output

KINDS = ("chart-note", "report")
LABELS = {"chart-note": "Chart note", "report": "Full deliberation report"}


def rationale_pdf(d: Deliberation, kind: str) -> bytes:
    """The PDF of ``d``'s chart note or report: a signed record's stored one when it matches
    what the record shows now, else rendered (and stored, if signed)."""
    html, _, signed = output.output(d, kind)
    if not signed:
        return output.pdf(html, f"{LABELS[kind]}: {d.title}")
    snapshot = d.snapshots.all()[0]
    key = hashlib.sha256(html.encode()).hexdigest()
    stored = (
        StoredPdf.objects.filter(snapshot=snapshot, kind=kind, html_sha256=key)
        .values_list("pdf", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    pdf = output.pdf(html, f"{LABELS[kind]}: {d.title}")
    # Two renders at once (the worker and a download) store one; both PDFs are the same.
    StoredPdf.objects.bulk_create(
        [StoredPdf(snapshot=snapshot, kind=kind, html_sha256=key, pdf=pdf)],
        ignore_conflicts=True,
    )
    # The record reads differently now (a co-signature, an addendum): the PDF of how it read
    # before can never be served again, so it goes (a cache, not the record).
    StoredPdf.objects.filter(snapshot=snapshot, kind=kind).exclude(html_sha256=key).delete()
    return pdf


def signed_pdfs_store(*, deliberation_id: int) -> int:
    """Render and store both PDFs of a signed deliberation as its record reads now (the
    worker's job after signing, co-signing or an addendum). Returns how many were stored."""
    d = deliberation_get(pk=deliberation_id, purpose=Purpose.WORKSHEET)
    if d is None or not d.is_signed:
        return 0
    # Record times read in the clinic's zone, as the download shows them (the worker has
    # no request to take it from), so the stored PDF matches the download's HTML.
    with timezone.override(ZoneInfo(d.clinic.time_zone)):
        before = StoredPdf.objects.filter(snapshot__deliberation=d).count()
        for kind in KINDS:
            rationale_pdf(d, kind)
        return StoredPdf.objects.filter(snapshot__deliberation=d).count() - before

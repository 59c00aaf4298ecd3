"""Turns a rationale document into HTML, plain text and PDF, and adds the signatures and
addenda beneath it. A signed deliberation is always shown from its snapshot."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import Deliberation
from records import rationale
from records.document import Document

KINDS = {"chart-note": rationale.chart_note, "report": rationale.full_report}
RULE_WIDTH = 78  # the longest underline beneath a heading
DOCUMENT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "document.css"


def document_html(doc: Document) -> str:
    return render_to_string("records/_document.html", {"doc": doc})


def _paragraphs(text: str) -> list[str]:
    """One line per paragraph, never wrapped: an EHR text box reflows the text itself, and
    hard wraps left ragged notes and words split at their hyphens (issue 13)."""
    return [line.rstrip() for line in text.splitlines()] or [""]


def _item(text: str, marker: str = "- ") -> str:
    """A list item or table row is one line with one marker, whatever newlines it holds."""
    return marker + " ".join(text.split())


def document_text(doc: Document) -> str:
    lines = [doc.title.upper()]
    if doc.draft:
        lines.append("DRAFT: NOT SIGNED")
    lines.append("")
    lines += [f"{label}: {value}" for label, value in doc.meta if value]
    for section in doc.sections:
        lines += ["", section.heading.upper(), "-" * min(len(section.heading), RULE_WIDTH)]
        for block in section.blocks:
            if block.kind in ("p", "note") and block.text:
                lines += _paragraphs(block.text)
            elif block.kind == "ul":
                lines += [_item(item) for item in block.items]
            elif block.kind == "dl":
                for label, value in block.pairs:
                    lines += _paragraphs(f"{label}: {value}")
            elif block.kind == "table":
                lines.append(" | ".join(block.headers))
                for row in block.rows:
                    lines.append(_item(" | ".join(cell or "—" for cell in row), "  "))
    return "\n".join(lines).rstrip() + "\n"


def record_parts(d: Deliberation) -> tuple[list, list]:
    """Signatures and addenda, oldest first (prefetched by the caller or fetched here)."""
    snapshot = d.snapshots.all()[0] if d.snapshots.all() else None
    if snapshot is None:
        return [], []
    return list(snapshot.signatures.all()), list(d.addenda.all())


def _confirmed(signed, separator: str) -> str:
    """How the signer proved it was them, when recorded (not for older signatures)."""
    return f"{separator}{signed.identity_confirmed}" if signed.verified_by else ""


def record_text(signatures: list, addenda: list) -> str:
    lines: list[str] = []
    for addendum in addenda:
        lines += ["", f"ADDENDUM, {rationale.record_time(addendum.signed_at)}", "-" * 30]
        lines += _paragraphs(f"Reason: {addendum.reason}")
        lines += _paragraphs(addendum.text)
        lines += _paragraphs(
            f"Signed by {addendum.author_name}, {addendum.author_role}"
            f"{_confirmed(addendum, ', ')}. SHA-256 {addendum.sha256}"
        )
    if signatures:
        lines += ["", "SIGNATURES", "-" * 10]
        for s in signatures:
            lines += _paragraphs(
                f"{s.get_meaning_display()}: {s.signer_name}, {s.signer_role}, "
                f"{rationale.record_time(s.signed_at)}{_confirmed(s, '; ')}. "
                f"SHA-256 of the signed record: {s.content_sha256}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def _snapshot(d: Deliberation):
    """The signed snapshot, which every output of a signed deliberation is shown from."""
    return d.snapshots.all()[0] if d.is_signed and d.snapshots.all() else None


def chart_note_html(d: Deliberation) -> str:
    """The chart note as it reads now: the signed snapshot's, or the draft built from ``d``
    (loaded with everything the worksheet shows). The Review and sign step shows this, so
    what the note says is decided once, by records.rationale.chart_note."""
    snapshot = _snapshot(d)
    return snapshot.chart_note_html if snapshot else document_html(rationale.chart_note(d))


def output(d: Deliberation, kind: str) -> tuple[str, str, bool]:
    """(HTML body, plain text, signed?) of a chart note or report, with its record parts."""
    snapshot = _snapshot(d)
    if snapshot is not None:
        html = snapshot.chart_note_html if kind == "chart-note" else snapshot.report_html
        text = snapshot.chart_note_text if kind == "chart-note" else snapshot.report_text
    else:
        doc = KINDS[kind](d)
        html, text = document_html(doc), document_text(doc)
    if snapshot is not None and kind == "report":
        later = rationale.review_history(
            d, since=snapshot.created_at, heading="Review after signing"
        )
        if not later.empty:
            extra = Document(kind=kind, title="", meta=[], sections=[later], draft=False)
            html += render_to_string("records/_sections.html", {"doc": extra})
            text += "\n" + document_text(extra).split("\n", 2)[-1]
    signatures, addenda = record_parts(d)
    html += render_to_string("records/_record.html", {"signatures": signatures, "addenda": addenda})
    return html, text + record_text(signatures, addenda), snapshot is not None


_FONTS_LOCK = threading.Lock()


@functools.cache
def _fonts():
    """One WeasyPrint font configuration per process."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf(body_html: str, title: str) -> bytes:
    """The PDF of a rationale. Every render shares one font configuration: a new one per
    render (WeasyPrint's default) kept its fonts in memory for good, and a server grew by
    about 0.25 MB per PDF (issue 9's soak). The lock keeps the shared one to one thread."""
    import weasyprint

    page = render_to_string("records/pdf.html", {"body": body_html, "title": title})
    with _FONTS_LOCK:
        fonts = _fonts()
        return weasyprint.HTML(string=page, base_url=str(settings.BASE_DIR)).write_pdf(
            stylesheets=[weasyprint.CSS(filename=str(DOCUMENT_CSS), font_config=fonts)],
            font_config=fonts,
        )


def filename(d: Deliberation, kind: str, extension: str) -> str:
    reference = "".join(c if c.isalnum() or c in "-_" else "-" for c in d.client_reference)
    day = timezone.localtime(d.signed_at or timezone.now()).date().isoformat()
    return f"ethicsdesk-{reference}-{day}-{kind}.{extension}"

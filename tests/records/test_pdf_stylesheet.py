"""The PDF's stylesheet is one WeasyPrint reads whole: no rule of it is dropped with a warning
(a media query there was, on every PDF; the phone's rules live in app.css)."""

from __future__ import annotations

import logging

import weasyprint

from records.render import DOCUMENT_CSS


def test_it_gives_weasyprint_a_stylesheet_it_reads_without_warnings(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        weasyprint.CSS(filename=str(DOCUMENT_CSS))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []

"""The full report's long tables are laid out with fixed column widths (document.css,
``document__table--marks`` and ``--consequences``): WeasyPrint then does not measure every
cell's text first, and the columns keep the widths the automatic layout gave them."""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string

from records import render
from records.render import DOCUMENT_CSS


def _tables(box) -> list:
    if type(box).__name__ == "TableBox":
        return [box]
    return [t for child in getattr(box, "children", ()) for t in _tables(child)]


def test_it_lays_the_report_tables_out_with_fixed_column_widths(complete):
    html, _, _ = render.output(complete, "report")
    assert 'class="document__table document__table--marks"' in html
    assert 'class="document__table document__table--consequences"' in html
    page = render_to_string("records/pdf.html", {"body": html, "title": "report"})
    document = weasyprint.HTML(string=page).render(
        stylesheets=[weasyprint.CSS(filename=str(DOCUMENT_CSS))]
    )
    tables = [t for p in document.pages for t in _tables(p._page_box)]
    assert tables and all(t.style["table_layout"] == "fixed" for t in tables)
    marks, consequences = tables[0], tables[-1]
    widths = marks.column_widths
    assert widths[3] > widths[0] > widths[1] > widths[2]  # "Why" is the widest
    assert consequences.column_widths[1] > consequences.column_widths[2]
    assert abs(sum(widths) - marks.width) < 1  # the columns fill the table, none overflows

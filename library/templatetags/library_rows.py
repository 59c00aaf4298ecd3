"""The result rows of the library's search, written in Python: ``{% load library_rows %}``,
``{% library_rows page %}``. A page shows 20 entries, each with its tags; through the
template's nodes the rows cost about 5 ms a page (tests/library/test_result_rows.py renders
the loop they replaced beside them)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from cases.templatetags.tables import url_with_id
from frameworks.selectors import pinned_version
from library.selectors import summary, tag_names

register = template.Library()

_ROW = (
    '\n  <li class="card library-result">\n'
    '    <h2 class="library-result__title"><a href="{}">{}</a></h2>\n'
    "    {}\n"
    "    {}\n"
    "  </li>\n  "
)


@register.simple_tag
def library_rows(entries) -> SafeString:
    """The ``<li>`` of each entry of a page of results: its title (a link), the start of its
    dilemma and its tags, named from its framework's own lists."""
    return format_html_join("", _ROW, (_row(e) for e in entries))


def _row(entry) -> tuple:
    # Published versions are the process's cache: no query per row.
    tags = tag_names(entry, pinned_version(entry.framework_version_id).spec)
    text = summary(entry.dilemma)
    badges = tags.badges
    return (
        url_with_id("library:entry", pk=entry.pk),
        entry.title,
        format_html("<p>{}</p>", text) if text else "",
        format_html(
            '<ul class="library-tags" aria-label="Tags">{}</ul>',
            format_html_join("", '<li class="badge {}">{}</li>', badges),
        )
        if badges
        else "",
    )

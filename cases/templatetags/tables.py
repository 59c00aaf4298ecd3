"""Helpers for the rows of the long tables (My deliberations, the review queue), loaded by
name: ``{% load tables %}``. A page shows 25 rows, so what one row costs counts 25 times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from django import template
from django.template.defaultfilters import pluralize
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.dates import MONTHS_3
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import TIME_STRINGS, timesince
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

register = template.Library()

# The format characters of Django's ``date`` filter that the tables use, written the same way
# (django.utils.dateformat.DateFormat).
_PARTS: dict[str, Callable[[datetime], str]] = {
    "c": lambda d: d.isoformat(),
    "j": lambda d: str(d.day),
    "M": lambda d: MONTHS_3[d.month].title(),
    "Y": lambda d: f"{d.year:04d}",
    "H": lambda d: f"{d.hour:02d}",
    "i": lambda d: f"{d.minute:02d}",
}


@lru_cache(maxsize=16)
def _compiled(format_string: str) -> tuple[Callable[[datetime], str], ...]:
    pieces: list[Callable[[datetime], str]] = []
    for i, piece in enumerate(re_formatchars.split(format_string)):
        if i % 2:
            if piece not in _PARTS:
                raise ValueError(f"fast_date does not write {piece!r}; use the date filter")
            pieces.append(_PARTS[piece])
        elif piece:
            literal = re_escaped.sub(r"\1", piece)
            pieces.append(lambda d, literal=literal: literal)
    return tuple(pieces)


@register.filter(expects_localtime=True)
def fast_date(value: datetime | None, format_string: str) -> str:
    """``{{ at|fast_date:"j M Y, H:i" }}`` writes what ``{{ at|date:"j M Y, H:i" }}`` does
    (in the current time zone), for the characters in ``_PARTS``. Django's filter looks up
    the language and formats and parses the format on every call, about 40 µs; a table row
    shows two or three times."""
    if not value:
        return ""
    return "".join(piece(value) for piece in _compiled(format_string))


# An id (at most 18 digits, ethicsdesk.converters) whose digits mark where a row's id goes.
_PLACEHOLDER = 987654321987654321


@lru_cache(maxsize=256)
def _url_around_id(name: str, args: tuple, prefix: str, urlconf: str | None) -> tuple[str, str]:
    url = reverse(name, args=[*args, _PLACEHOLDER], urlconf=urlconf)
    before, _, after = url.rpartition(str(_PLACEHOLDER))
    return before, after


def url_with_id(name: str, *args, pk: int) -> str:
    """What ``reverse(name, args=[*args, pk])`` returns, for a URL whose last argument is an
    id: reversed once per ``args`` (and script prefix and URL configuration), the id put in
    its place. ``{% url %}`` resolves the pattern again for each row, about 50 µs."""
    before, after = _url_around_id(name, args, get_script_prefix(), get_urlconf())
    return f"{before}{int(pk)}{after}"


@register.filter
def row_url(pk: int, name: str) -> str:
    """``{{ d.pk|row_url:"cases:detail" }}`` writes what ``{% url "cases:detail" d.pk %}``
    does (``url_with_id``)."""
    return url_with_id(name, pk=pk)


@register.simple_tag
def id_url(name: str, *args) -> str:
    """``{% id_url "cases:row_save" d.pk step.key kind row.pk as save_url %}``: what
    ``{% url %}`` writes with the same arguments, the last one an id (``url_with_id``)."""
    *rest, pk = args
    return url_with_id(name, *rest, pk=pk)


class _TimeString:
    """One of ``timesince``'s strings ("%(num)d day", ...), translated once per language
    and number: resolving the lazy plural on every call was most of the filter's cost."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __mod__(self, values: dict) -> str:
        return _time_string(self.name, values["num"], get_language())


@lru_cache(maxsize=512)
def _time_string(name: str, num: int, language: str | None) -> str:
    return TIME_STRINGS[name] % {"num": num}


_TIME_STRINGS = {name: _TimeString(name) for name in TIME_STRINGS}


@register.filter
def ago(value: datetime | None) -> str:
    """``{{ at|ago }}`` writes what ``{{ at|timesince }}`` writes ("3 days, 2 hours"),
    with its strings translated once per language (``_TimeString``)."""
    if not value:
        return ""
    try:
        return timesince(value, time_strings=_TIME_STRINGS)
    except (ValueError, TypeError):
        return ""


# -- the rows themselves ------------------------------------------------------------------
# Each row written with ``format_html`` (Django's escaping) rather than by the template's
# nodes: about 15 variables, filters and conditions a row, 25 rows a page, and each template
# node cost a few microseconds (about 0.35 ms a row). tests/cases/test_table_rows.py renders
# the template loops they replaced beside them.

_URGENCY_BADGE = {"imminent": " badge--danger", "urgent": " badge--warn"}
_STATUS_BADGE = {
    "signed": " badge--ok",
    "changes_requested": " badge--warn",
    "in_review": " badge--info",
}


def _open_comments(count: int) -> SafeString | str:
    if not count:
        return ""
    return format_html(
        ' <span class="badge badge--warn">{} open comment{}</span>', count, pluralize(count)
    )


@register.simple_tag
def deliberation_rows(deliberations) -> SafeString:
    """``{% deliberation_rows page %}``: the rows of My deliberations."""
    return format_html_join(
        "",
        "\n      <tr>\n"
        '        <th scope="row"><a href="{}">{}</a></th>\n'
        "        <td>{}</td>\n"
        "        <td>{} v{}</td>\n"
        '        <td><span class="badge{}">{}</span></td>\n'
        '        <td><span class="badge{}">{}</span>{}</td>\n'
        "        <td>\n"
        '          <time datetime="{}">{}</time>\n'
        '          <span class="muted nowrap">{} ago</span>\n'
        "        </td>\n"
        '        <td class="progress-cell">\n'
        '          <progress max="100" value="{}" aria-label="Progress of {}">{}%</progress>\n'
        '          <span aria-hidden="true">{}%</span>\n'
        "        </td>\n"
        "      </tr>\n      ",
        (_deliberation_row(d) for d in deliberations),
    )


def _deliberation_row(d) -> tuple:
    version = d.framework_version
    changed = template_localtime(d.updated_at)
    return (
        url_with_id("cases:detail", pk=d.pk),
        d.title,
        d.client_reference,
        version.framework.name,
        version.number,
        _URGENCY_BADGE.get(d.urgency, ""),
        d.get_urgency_display(),
        _STATUS_BADGE.get(d.status, ""),
        d.get_status_display(),
        _open_comments(d.open_threads),
        fast_date(changed, "c"),
        fast_date(changed, "j M Y, H:i"),
        ago(d.updated_at),
        d.progress,
        d.title,
        d.progress,
        d.progress,
    )


_QUEUE_URGENCY = {
    "imminent": mark_safe('<span class="badge badge--danger">Imminent risk</span>'),
    "urgent": mark_safe('<span class="badge badge--warn">Urgent</span>'),
}
_ROUTINE = mark_safe('<span class="badge">Routine</span>')
_SIGNED = mark_safe(' <span class="badge badge--ok">Signed</span>')


@register.simple_tag
def queue_rows(deliberations) -> SafeString:
    """``{% queue_rows page.object_list %}``: the rows of the review queue."""
    return format_html_join(
        "",
        "\n    <tr>\n"
        '      <td><a href="{}">{}</a><br><span class="muted">{}</span></td>\n'
        '      <td data-label="Clinician">{}</td>\n'
        '      <td data-label="Urgency">{}</td>\n'
        '      <td data-label="Waiting">{}</td>\n'
        '      <td data-label="Status"><span class="badge badge--info">{}</span>{}</td>\n'
        '      <td data-label="Open comments">{}</td>\n'
        "    </tr>\n  ",
        (_queue_row(d) for d in deliberations),
    )


def _queue_row(d) -> tuple:
    waiting: SafeString | str = "—"
    if d.pending_since:
        waiting = format_html(
            '{}<br><span class="muted">since {}</span>',
            ago(d.pending_since),
            fast_date(template_localtime(d.pending_since), "j M, H:i"),
        )
    return (
        url_with_id("cases:detail", pk=d.pk),
        d.title,
        d.client_reference,
        d.owner.display_name,
        _QUEUE_URGENCY.get(d.urgency, _ROUTINE),
        waiting,
        d.get_status_display(),
        _SIGNED if d.signed_at else "",
        d.open_threads,
    )

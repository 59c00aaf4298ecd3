"""Helpers for the rows of the long tables (My deliberations, the review queue), loaded by
name: ``{% load tables %}``. A page shows 25 rows, so what one row costs counts 25 times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from django import template
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.dates import MONTHS_3

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

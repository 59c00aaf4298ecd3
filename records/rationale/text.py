"""How every output writes dates, record times and sentences."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format


def day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def record_time(value) -> str:
    """A record time as every output shows it: in the current (the clinic's) zone, with the
    zone's name, e.g. "3 March 2026, 14:05 PST" (accounts.timezones activates the zone)."""
    return date_format(timezone.localtime(value), "j F Y, H:i T") if value else ""


_CLOSERS = ")]”’\"'"
_ENDS = (".", "!", "?", "…")


def sentence(text: str) -> str:
    """``text`` ending with one full stop: none is added after one already there, also when
    a parenthesis or quotation mark closes after it (no "…the same way.).")."""
    text = text.rstrip()
    return text if text.rstrip(_CLOSERS).endswith(_ENDS) else f"{text}."


def aside(text: str) -> str:
    """`` (text)``, without the full stop the person typed: the sentence ends after it."""
    text = text.strip().rstrip(".").rstrip()
    return f" ({text})" if text else ""

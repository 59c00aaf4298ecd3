"""Small template helpers, loaded by name where a template uses them: ``{% load worksheet %}``."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def as_cell(field):
    """``{{ field|as_cell }}``: a field inside a worksheet matrix (``forms/cell.html``)."""
    return field.render("forms/cell.html")


@register.filter
def get_item(mapping: dict, key):
    """``{{ mapping|get_item:key }}``: a dict lookup by a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def duration_text(value) -> str:
    """A timedelta in words: '2 days 3 hours', '4 hours 10 minutes', '12 minutes'."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "under a minute"

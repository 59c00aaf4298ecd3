"""Small template helpers, built into every Django template (settings: TEMPLATES builtins)."""

from __future__ import annotations

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name: str) -> str:
    """``{% jinja "cases/_list_rows.html" %}``: a Jinja2 template from ``templates/jinja2/``
    rendered with this page's context (the rows of a long table; see ethicsdesk/jinja2_env.py).
    """
    template = engines["jinja2"].get_template(template_name)
    return mark_safe(template.render(context.flatten(), context.get("request")))  # noqa: S308 (autoescaped by Jinja2)


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

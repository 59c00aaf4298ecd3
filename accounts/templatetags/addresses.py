"""``{% load addresses %}``: the layout's fixed links without resolving them on every page.

``{% url %}`` resolves its pattern on every use, about 50-100 µs; the layout (templates/
base.html) has six links without arguments on every page, a step page ten ``{% url %}``s in
all, a tenth of its rendering.
"""

from __future__ import annotations

from django import template

from accounts.context_processors import fixed_url as _fixed_url

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% fixed_url "home" %}`` writes what ``{% url "home" %}`` writes, for an address
    without arguments (``accounts.context_processors.fixed_url``)."""
    return _fixed_url(name)

"""The one path converter for record ids in URLs.

Ids are bigints: at most 18 digits always fit, so a longer number never reaches a query (or
the audit trail) to overflow it; the URL simply does not match and the answer is 404.
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import get_converters


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register_id_converter() -> None:
    """Register ``<id:...>`` once (the URL module may be reloaded, e.g. by the bench tests)."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")

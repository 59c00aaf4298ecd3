"""Every named route of the URL configuration and its view, walked once for the route x role
matrix and the audit coverage tests (Django's admin keeps its own login and staff checks; it
is tested apart)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, get_resolver

NOT_IN_TABLE = {"admin"}


def route_views(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, Callable]:
    """``{"namespace:name": view}`` for every route, the view being what the middleware reads."""
    resolver = get_resolver() if resolver is None else resolver
    views: dict[str, Callable] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name in NOT_IN_TABLE:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            views |= route_views(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"unnamed route {entry.pattern} can't be in the table"
            views[f"{namespace}{entry.name}"] = entry.callback
    return views

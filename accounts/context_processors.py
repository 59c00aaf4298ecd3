"""Role-aware navigation for the base layout."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[str, str]] = []
    if user.is_supervisor:
        items.append(("Review queue", reverse("cases:review_queue")))
    if user.is_clinician:
        items.append(("My deliberations", reverse("cases:list")))
    if user.is_clinic_admin:
        items.append(("Frameworks", reverse("frameworks:list")))
    current = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": current.startswith(url)} for label, url in items
        ]
    }

"""Role-aware navigation for the base layout."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def session_timeout(request: HttpRequest) -> dict:
    from django.conf import settings

    return {"session_idle_seconds": settings.SESSION_COOKIE_AGE}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[str, str, str]] = []  # label, url, badge id
    if user.is_supervisor:
        items.append(("Review queue", reverse("review:queue"), "badge-queue"))
        items.append(("Dashboard", reverse("review:dashboard"), ""))
    if user.is_clinician:
        items.append(("My deliberations", reverse("cases:list"), ""))
        items.append(("Shared with me", reverse("review:shared_with_me"), ""))
    if user.is_clinic_admin:
        items.append(("Frameworks", reverse("frameworks:list"), ""))
        items.append(("Supervision", reverse("supervision_list"), ""))
        items.append(("Locked accounts", reverse("lockout_list"), ""))
    if user.is_clinic_admin or user.is_auditor:
        items.append(("Audit trail", reverse("audit:list"), ""))
    # The current item is the one whose address is the longest prefix of this page's.
    matches = [url for _, url, _ in items if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "badge": badge, "current": url == current}
            for label, url, badge in items
        ]
    }

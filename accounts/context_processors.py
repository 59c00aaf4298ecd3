"""Role-aware navigation for the base layout."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.crypto import salted_hmac

from ethicsdesk import access


@lru_cache(maxsize=64)
def _address(name: str, prefix: str) -> str:
    return reverse(name)


def fixed_url(name: str) -> str:
    """``reverse(name)`` for an address without arguments (the navigation's, the layout's
    links), worked out once per process (and per script prefix, part of every address);
    ``{% fixed_url %}`` in templates (accounts/templatetags/addresses.py)."""
    return _address(name, get_script_prefix())


def session_timeout(request: HttpRequest) -> dict:
    """The idle timeout and badge poll for the page's scripts, and the opaque id that keys
    this user's unsaved text in the browser (so another user of it never gets it back)."""
    user = getattr(request, "user", None)
    owner = ""
    if user is not None and user.is_authenticated:
        owner = salted_hmac("ethicsdesk.storage-owner", str(user.pk)).hexdigest()[:16]
    return {
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "badge_poll_seconds": settings.BADGE_POLL_SECONDS,
        "storage_owner": owner,
    }


def _reads_rules(user) -> bool:
    """Clinic admins read the rules, the operator (a superuser) and content editors change
    them. A content editor's permission costs a query, so it is looked up only for staff
    (Django's admin, where the operator grants it, is for staff) and not on every page of
    everyone else."""
    if user.is_clinic_admin or user.is_superuser:
        return True
    return user.is_staff and access.can_edit_rules(user)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[str, str, str]] = []  # label, url, badge id
    if user.is_supervisor:
        items.append(("Review queue", fixed_url("review:queue"), "badge-queue"))
        items.append(("Dashboard", fixed_url("review:dashboard"), ""))
    if user.is_clinician:
        items.append(("My deliberations", fixed_url("cases:list"), ""))
        items.append(("Shared with me", fixed_url("review:shared_with_me"), ""))
        items.append(("Asked of me", fixed_url("consults:asked_of_me"), "badge-asked"))
    if user.is_clinician or user.is_clinic_admin:
        items.append(("Case library", fixed_url("library:search"), ""))
    if user.is_clinic_admin:
        items.append(("Frameworks", fixed_url("frameworks:list"), ""))
        items.append(("People", fixed_url("people"), ""))
        items.append(("Supervision", fixed_url("supervision_list"), ""))
        items.append(("Groups", fixed_url("consults:groups"), ""))
        items.append(("Locked accounts", fixed_url("lockout_list"), ""))
    if user.is_clinic_admin or user.is_auditor:
        items.append(("Audit trail", fixed_url("audit:list"), ""))
    if _reads_rules(user):
        items.append(("Jurisdiction rules", fixed_url("jurisdictions:list"), ""))
    # The current item is the one whose address is the longest prefix of this page's.
    matches = [url for _, url, _ in items if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "badge": badge, "current": url == current}
            for label, url, badge in items
        ]
    }

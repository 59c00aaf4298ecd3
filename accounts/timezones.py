"""Each clinic's time zone: every record time is shown in it, with the zone's name.

The signed-in user's clinic zone is kept in the session at sign-in, so activating it for a
request costs no query (the pages' query budgets stay as they are). A change of a clinic's
zone applies from its members' next sign-in.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "clinic_time_zone"


def default_time_zone() -> str:
    return settings.TIME_ZONE


def validate_time_zone(name: str) -> None:
    """An IANA time zone name this server knows, e.g. "America/Los_Angeles"."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValidationError(
            "%(name)s is not a time zone name (use one like America/Los_Angeles).",
            params={"name": name or "(empty)"},
        ) from exc


def clinic_time_zone(user) -> str:
    """The time zone of ``user``'s clinic (the installation's for users without a clinic)."""
    return user.clinic.time_zone if user.clinic_id else settings.TIME_ZONE


@receiver(user_logged_in)
def remember_clinic_time_zone(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = clinic_time_zone(user)


class ClinicTimeZoneMiddleware:
    """Show the request in the signed-in user's clinic zone (after AuthenticationMiddleware).

    A session that began before clinics had a zone looks it up once and keeps it.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return self.get_response(request)
        name = session.get(SESSION_KEY)
        if name is None:
            name = session[SESSION_KEY] = clinic_time_zone(user)
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None  # a zone removed from the server's database: the installation's
        with timezone.override(zone):
            return self.get_response(request)

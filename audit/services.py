"""Writing audit events. Called by the middleware, the auth signals and a few services."""

from __future__ import annotations

from django.http import HttpRequest

from audit.models import AuditEvent
from ethicsdesk.params import printable


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR is the proxy's address behind one; trust X-Forwarded-For only when
    # BEHIND_TLS_PROXY says a proxy of ours sets it.
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    request: HttpRequest | None,
    action: str,
    user=None,
    username: str = "",
    object_type: str = "",
    object_id: str | int = "",
    deliberation_id: int | None = None,
    detail: str = "",
    status_code: int | None = None,
) -> AuditEvent:
    if user is None and request is not None:
        user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        actor=user if authenticated else None,
        actor_username=user.get_username() if authenticated else printable(username, limit=150),
        clinic_id=user.clinic_id if authenticated else None,
        action=action,
        object_type=object_type,
        object_id=printable(str(object_id), limit=80),
        deliberation_id=deliberation_id,
        detail=printable(detail, limit=200),
        method=(request.method or "") if request is not None else "",
        path=printable(request.path or "", limit=300) if request is not None else "",
        status_code=status_code,
        ip=client_ip(request) if request is not None else None,
        user_agent=printable(request.META.get("HTTP_USER_AGENT", ""), limit=300)
        if request is not None
        else "",
        request_id=getattr(request, "request_id", "") if request is not None else "",
    )

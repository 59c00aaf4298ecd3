"""Writing audit events. Called by the middleware, the auth signals and a few services."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Deliberation
from ethicsdesk.client_ip import client_ip
from ethicsdesk.params import printable

BIGINT_MAX = 2**63 - 1


@dataclass(frozen=True)
class AuditNote:
    """What a view tells the audit middleware about its request (see ``audit_note``)."""

    changed: bool = True
    object_id: str | int | None = None
    grantee: object = None  # the user who gained or lost access
    subject: object = None  # whom it is about (the supervised clinician, the unlocked user)
    change: str = ""  # what changed, from → to, never clinical text (e.g. "role: a → b")

    def details(self) -> list[str]:
        # The change first: a long username must not cut it off (the detail holds 200).
        parts = [self.change] if self.change else []
        for label, person in (("grantee", self.grantee), ("about", self.subject)):
            if person is not None:
                parts.append(f"{label}={person.get_username()} ({label}_id={person.pk})")
        return parts


def audit_note(
    request: HttpRequest,
    *,
    changed: bool = True,
    object_id: str | int | None = None,
    grantee=None,
    subject=None,
    change: str = "",
) -> None:
    """Confirm to the audit middleware that this request changed something (or did not), and
    name the object it created, who gained or lost access and, for a setting of a person,
    what it was and became ("role: clinician → supervisor"). Names, ids and settings only."""
    request.audit_note = AuditNote(
        changed=changed, object_id=object_id, grantee=grantee, subject=subject, change=change
    )


def outside_request_transaction(view):
    """Mark a view whose POST must not run inside the audit middleware's transaction.

    Sign-in: its failures (django-axes counts, audit events) must stay written even when
    something later in the request fails and a transaction would roll them back.
    """
    view.audit_outside_transaction = True
    return view


def clinic_of_username(username: str) -> int | None:
    """The clinic of the account a (failed) sign-in named, so that clinic sees the attempt."""
    return (
        get_user_model()
        .objects.filter(username=username)
        .values_list("clinic_id", flat=True)
        .first()
    )


@functools.cache
def _insert_sql() -> tuple[str, tuple]:
    """The INSERT of one event, written once from the model's table and columns (the ORM
    built and compiled it on every audited request, about 1 ms of CPU, a step page's
    twentieth). ``record_clinic_id`` is the deliberation's clinic, read by the INSERT itself
    (no extra query per request)."""
    meta, qn = AuditEvent._meta, connection.ops.quote_name
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    d = Deliberation._meta
    clinic = (
        f"(SELECT {qn(d.get_field('clinic').column)} FROM {qn(d.db_table)} "
        f"WHERE {qn(d.pk.column)} = %s LIMIT 1)"
    )
    values = [clinic if f.name == "record_clinic_id" else "%s" for f in fields]
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
        f"VALUES ({', '.join(values)})"
    )
    return sql, fields


def bounded_id(value) -> int | None:
    """An id that fits the database's bigint, or None (a URL may carry any digits)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= BIGINT_MAX else None


def audit_record(
    *,
    request: HttpRequest | None,
    action: str,
    user=None,
    username: str = "",
    clinic_id: int | None = None,
    object_type: str = "",
    object_id: str | int = "",
    deliberation_id: int | None = None,
    detail: str = "",
    status_code: int | None = None,
) -> None:
    if user is None and request is not None:
        user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    deliberation_id = bounded_id(deliberation_id)
    values = {
        "at": timezone.now(),
        "actor": user.pk if authenticated else None,
        "actor_username": user.get_username() if authenticated else printable(username, limit=150),
        "clinic_id": user.clinic_id if authenticated else clinic_id,
        "record_clinic_id": deliberation_id,  # the subquery's parameter: its clinic
        "action": action,
        "object_type": object_type,
        "object_id": printable(str(object_id), limit=80),
        "deliberation_id": deliberation_id,
        "detail": printable(detail, limit=200),
        "method": (request.method or "") if request is not None else "",
        "path": printable(request.path or "", limit=300) if request is not None else "",
        "status_code": status_code,
        "ip": client_ip(request) if request is not None else None,
        "user_agent": printable(request.META.get("HTTP_USER_AGENT", ""), limit=300)
        if request is not None
        else "",
        "request_id": getattr(request, "request_id", "") if request is not None else "",
    }
    sql, fields = _insert_sql()
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)

"""Records an audit event for every request that shows or changes clinical content or who may
see it, and for every refusal. A change and its event commit in the same transaction.

What a request records is declared on its view (``@audited(...)``/``@not_clinical(...)``,
audit/declare.py); this middleware reads the declaration of the view the URL resolved to.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from audit.declare import DELIBERATION, Audited, declaration
from audit.models import Action
from audit.services import AuditNote, audit_record, bounded_id

REFUSED = {403, 404, 405, 429}


def _detail(
    request: HttpRequest, name: str, kwargs: dict, spec: Audited | None, note: AuditNote | None
) -> str:
    parts = [name] if name else ["no such page"]
    for key in ("ask", "key", "kind", "row", "comment", "share_id"):
        if key in kwargs:
            parts.append(f"{key}={kwargs[key]}")
    if spec is not None and spec.decision_field and request.method == "POST":
        parts.append(f"decision={request.POST.get(spec.decision_field, '')[:20]}")
    if _is_download(request, spec):
        parts.append("download")
    if note is not None:
        parts.extend(note.details())
    return " ".join(parts)


def _is_download(request: HttpRequest, spec: Audited | None) -> bool:
    return spec is not None and bool(spec.export_on) and bool(request.GET.get(spec.export_on))


class AuditMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # request.request_id: set by ops.request_id.RequestIdMiddleware (first in MIDDLEWARE),
        # which also puts it on the response; the event carries the same id as the logs.
        if request.method == "POST" and not _outside_transaction(request):
            # The view's writes and their audit event commit together, or not at all.
            with transaction.atomic():
                response = self.get_response(request)
                self._record(request, response)
        else:
            response = self.get_response(request)
            self._record(request, response)
        return response

    def _record(self, request: HttpRequest, response: HttpResponse) -> None:
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else ""
        kwargs = match.kwargs if match else {}
        status = response.status_code
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        declared = declaration(match.func) if match else None
        spec = declared if isinstance(declared, Audited) else None
        note: AuditNote | None = getattr(request, "audit_note", None)
        about_deliberation = (
            spec is not None and spec.object_type == DELIBERATION and "pk" in kwargs
        )
        if status in REFUSED:
            # Every refusal of a signed-in user, on any record or on no route at all.
            if signed_in or about_deliberation:
                self._write(request, Action.REFUSED, spec, name, kwargs, note, status)
            return
        if spec is None or status >= 400:
            return  # not audited, or an error: nothing happened, and the error is logged
        if request.method == "POST":
            action = spec.on_post
            unconfirmed = note is None if spec.confirmed else False
            if unconfirmed or (note is not None and not note.changed):
                action = spec.on_get if about_deliberation else None
        else:
            action = Action.EXPORT if _is_download(request, spec) else spec.on_get
        if action is not None:
            self._write(request, action, spec, name, kwargs, note, status)

    def _write(self, request, action, spec, name, kwargs, note, status) -> None:
        deliberation_id = None
        object_id = (note.object_id if note else None) or kwargs.get("pk", "")
        if spec is not None and spec.object_type == DELIBERATION:
            deliberation_id = bounded_id(object_id)
        audit_record(
            request=request,
            action=action,
            object_type=spec.object_type if spec is not None else "",
            object_id=object_id,
            deliberation_id=deliberation_id,
            detail=_detail(request, name, kwargs, spec, note),
            status_code=status,
        )


def _outside_transaction(request: HttpRequest) -> bool:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "audit_outside_transaction", False)

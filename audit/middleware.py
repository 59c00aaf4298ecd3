"""Records an audit event for every request that shows or changes clinical content or who may
see it, and for every refusal. A change and its event commit in the same transaction.

``ROUTES`` declares what each audited route is; tests/security/test_audit_coverage.py checks
that every route of the URL configuration is either declared here or explicitly not clinical.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from audit.models import Action
from audit.services import AuditNote, audit_record, bounded_id


@dataclass(frozen=True)
class Audited:
    """What a route's requests are, for the audit trail.

    ``on_get``/``on_post``: the action a successful GET/POST records (None: not recorded).
    ``confirmed``: the POST action is recorded only when the view confirms the change with
    ``audit_note`` (a form sent back with errors changed nothing). On any route, a view that
    says ``audit_note(request, changed=False)`` (a refused or conflicting save) is recorded as
    a view of the page, not as the change.
    """

    object_type: str
    on_get: str | None
    on_post: str | None
    confirmed: bool = False


D = "deliberation"
ROUTES: dict[str, Audited] = {
    "cases:new": Audited(D, None, Action.CHANGE, confirmed=True),
    "cases:detail": Audited(D, Action.VIEW, Action.CHANGE),
    "cases:step": Audited(D, Action.VIEW, Action.CHANGE),
    "cases:urgent": Audited(D, Action.VIEW, Action.CHANGE),
    "cases:row_add": Audited(D, Action.VIEW, Action.CHANGE),
    "cases:row_save": Audited(D, Action.VIEW, Action.CHANGE),
    "cases:row_remove": Audited(D, Action.VIEW, Action.CHANGE),
    "records:rationale": Audited(D, Action.VIEW, Action.VIEW),
    "records:pdf": Audited(D, Action.EXPORT, Action.EXPORT),
    "records:text": Audited(D, Action.VIEW, Action.EXPORT),  # ?download=1 is an export
    "records:sign": Audited(D, Action.VIEW, Action.SIGN, confirmed=True),
    "records:verify": Audited(D, Action.VERIFY, Action.VERIFY),
    "records:addendum": Audited(D, Action.VIEW, Action.ADDENDUM, confirmed=True),
    "review:submit": Audited(D, Action.VIEW, Action.SUBMIT, confirmed=True),
    "review:actions": Audited(D, Action.VIEW, Action.REVIEW, confirmed=True),
    "review:share": Audited(D, Action.VIEW, Action.SHARE, confirmed=True),
    "review:share_withdraw": Audited(D, Action.VIEW, Action.UNSHARE),
    "review:comment_add": Audited(D, Action.VIEW, Action.COMMENT, confirmed=True),
    "review:comment_resolve": Audited(D, Action.VIEW, Action.COMMENT, confirmed=True),
    "audit:history": Audited(D, Action.VIEW, Action.VIEW),
    "audit:list": Audited("audit_trail", Action.VIEW, None),
    "audit:csv": Audited("audit_trail", Action.EXPORT, None),
    "supervision_add": Audited("supervision_link", None, Action.ADMIN, confirmed=True),
    "supervision_end": Audited("supervision_link", None, Action.ADMIN, confirmed=True),
    "lockout_reset": Audited("user", None, Action.LOCKOUT_RESET, confirmed=True),
    "password_change": Audited("user", None, Action.PASSWORD_CHANGE, confirmed=True),
}
# Every POST under these namespaces is an administrative change (framework definitions).
ADMIN_NAMESPACES = ("frameworks:",)
REFUSED = {403, 404, 405, 429}


def route_audit(name: str) -> Audited | None:
    if name in ROUTES:
        return ROUTES[name]
    if name.startswith(ADMIN_NAMESPACES):
        return Audited(name.split(":")[0], None, Action.ADMIN)
    return None


def _detail(request: HttpRequest, name: str, kwargs: dict, note: AuditNote | None) -> str:
    parts = [name] if name else ["no such page"]
    for key in ("key", "kind", "row", "comment", "share_id"):
        if key in kwargs:
            parts.append(f"{key}={kwargs[key]}")
    if name == "review:actions" and request.method == "POST":
        parts.append(f"decision={request.POST.get('action', '')[:20]}")
    if _is_download(request, name):
        parts.append("download")
    if note is not None:
        parts.extend(note.details())
    return " ".join(parts)


def _is_download(request: HttpRequest, name: str) -> bool:
    return name == "records:text" and bool(request.GET.get("download"))


class AuditMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex
        if request.method == "POST" and not _outside_transaction(request):
            # The view's writes and their audit event commit together, or not at all.
            with transaction.atomic():
                response = self.get_response(request)
                self._record(request, response)
        else:
            response = self.get_response(request)
            self._record(request, response)
        response["X-Request-ID"] = request.request_id
        return response

    def _record(self, request: HttpRequest, response: HttpResponse) -> None:
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else ""
        kwargs = match.kwargs if match else {}
        status = response.status_code
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        spec = route_audit(name)
        note: AuditNote | None = getattr(request, "audit_note", None)
        about_deliberation = spec is not None and spec.object_type == D and "pk" in kwargs
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
            action = Action.EXPORT if _is_download(request, name) else spec.on_get
        if action is not None:
            self._write(request, action, spec, name, kwargs, note, status)

    def _write(self, request, action, spec, name, kwargs, note, status) -> None:
        deliberation_id = None
        object_id = (note.object_id if note else None) or kwargs.get("pk", "")
        if spec is not None and spec.object_type == D:
            deliberation_id = bounded_id(object_id)
        audit_record(
            request=request,
            action=action,
            object_type=spec.object_type if spec is not None else "",
            object_id=object_id,
            deliberation_id=deliberation_id,
            detail=_detail(request, name, kwargs, note),
            status_code=status,
        )


def _outside_transaction(request: HttpRequest) -> bool:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "audit_outside_transaction", False)

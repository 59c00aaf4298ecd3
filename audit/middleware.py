"""Records an audit event for every request that touches clinical content, and for every
refusal. A change and its event commit in the same transaction."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from audit.models import Action
from audit.services import audit_record

# url name -> (action on GET, action on POST). Anything under these namespaces with a
# deliberation ``pk`` is clinical content.
CLINICAL = {
    "cases:detail": (Action.VIEW, Action.CHANGE),
    "cases:step": (Action.VIEW, Action.CHANGE),
    "cases:urgent": (Action.VIEW, Action.CHANGE),
    "cases:row_add": (Action.VIEW, Action.CHANGE),
    "cases:row_save": (Action.VIEW, Action.CHANGE),
    "cases:row_remove": (Action.VIEW, Action.CHANGE),
    "records:rationale": (Action.VIEW, Action.VIEW),
    "records:pdf": (Action.EXPORT, Action.EXPORT),
    "records:text": (Action.VIEW, Action.EXPORT),
    "records:sign": (Action.VIEW, Action.SIGN),
    "records:verify": (Action.VERIFY, Action.VERIFY),
    "records:addendum": (Action.VIEW, Action.ADDENDUM),
    "review:submit": (Action.VIEW, Action.SUBMIT),
    "review:actions": (Action.VIEW, Action.REVIEW),
    "review:share": (Action.VIEW, Action.SHARE),
    "review:share_withdraw": (Action.VIEW, Action.UNSHARE),
    "review:comment_add": (Action.VIEW, Action.COMMENT),
    "review:comment_resolve": (Action.VIEW, Action.COMMENT),
    "audit:history": (Action.VIEW, Action.VIEW),
}
ADMIN_WRITES = {"supervision_add", "supervision_end"}
REFUSED = {403, 404, 405, 429}


def _detail(request: HttpRequest, name: str, kwargs: dict) -> str:
    parts = [name]
    for key in ("key", "kind", "row", "comment", "share_id"):
        if key in kwargs:
            parts.append(f"{key}={kwargs[key]}")
    if name == "review:actions" and request.method == "POST":
        parts.append(f"decision={request.POST.get('action', '')[:20]}")
    if name == "records:text" and request.GET.get("download"):
        parts.append("download")
    return " ".join(parts)


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
        if name in CLINICAL and "pk" in kwargs:
            get_action, post_action = CLINICAL[name]
            action = post_action if request.method == "POST" else get_action
            if status in REFUSED:
                action = Action.REFUSED
            elif request.method == "POST" and status >= 400:
                return  # an error response: nothing happened, and the error is logged
            audit_record(
                request=request,
                action=action,
                object_type="deliberation",
                object_id=kwargs["pk"],
                deliberation_id=kwargs["pk"],
                detail=_detail(request, name, kwargs),
                status_code=status,
            )
        elif status in (403, 429) and user is not None and user.is_authenticated:
            audit_record(request=request, action=Action.REFUSED, detail=name, status_code=status)
        elif request.method == "POST" and status < 400 and _is_admin_write(name):
            audit_record(
                request=request,
                action=Action.ADMIN,
                object_type=name.split(":")[0],
                object_id=kwargs.get("pk", ""),
                detail=name,
                status_code=status,
            )


def _outside_transaction(request: HttpRequest) -> bool:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "audit_outside_transaction", False)


def _is_admin_write(name: str) -> bool:
    return name.startswith("frameworks:") or name in ADMIN_WRITES

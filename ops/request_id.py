"""A request id for every request: in each JSON log line, in the ``X-Request-ID`` response
header, and carried into background jobs; and the one log line each request writes.

The proxy in front may send its own ``X-Request-ID`` (so its access log and ours share one
id); a sane one (8 to 36 letters, digits, ``-``, ``_``, ``.``, ``:``; 36 is what the audit
event's ``request_id`` holds) is kept, anything else is replaced by a fresh one (a UUID's 32
hex digits), so a client can't write arbitrary text into our logs. The audit trail records
the same id (audit/middleware.py reads ``request.request_id``).

Background jobs: the code that enqueues a job passes ``current_request_id()`` with it, and
the job runs inside ``bound_request_id(that_id)``; its log lines then carry the id of the
request that caused it.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import structlog
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from ethicsdesk.client_ip import client_ip

HEADER = "X-Request-ID"
_META = "HTTP_X_REQUEST_ID"
_SANE = re.compile(r"[A-Za-z0-9._:-]{8,36}")


def sane_request_id(incoming: str | None) -> str:
    """``incoming`` when it is a sane id, else a fresh one."""
    if incoming and _SANE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the request (or job) being handled now, or None outside of one."""
    return structlog.contextvars.get_contextvars().get("request_id")


@contextmanager
def bound_request_id(request_id: str | None) -> Iterator[None]:
    """Log with ``request_id`` (e.g. the id of the request that enqueued a job) inside."""
    if not request_id:
        yield
        return
    with structlog.contextvars.bound_contextvars(request_id=sane_request_id(request_id)):
        yield


class RequestIdMiddleware:
    """First in MIDDLEWARE: settles the request's id and binds it, with the client's address
    as ethicsdesk/client_ip.py reads it (behind our proxies), for every line the request
    logs; puts the id on every response."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = sane_request_id(request.META.get(_META))
        request.META[_META] = request_id
        request.request_id = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id, ip=client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            structlog.contextvars.clear_contextvars()
        response[HEADER] = request_id
        return response


_log = structlog.get_logger()


class RequestLogMiddleware:
    """One line per request, when it is answered: ``request_finished`` with the method and the
    route's pattern (``POST /deliberations/<id:pk>/steps/<slug:key>/``), the status, the
    time taken and the user's id (the request id and the address are bound already).

    The pattern, not the path: a path or its query can hold a password-reset or invitation
    key, or a search typed by someone; the pattern never does. An error's traceback is
    Django's own line (``django.request``), with the same request id."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        _log.info(
            "request_finished",
            code=response.status_code,
            request=self.format_request(request),
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
            user_id=_user_id(request),
            logger=__name__,
        )
        return response

    @staticmethod
    def format_request(request: HttpRequest) -> str:
        match = getattr(request, "resolver_match", None)
        if match is None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return f"{request.method} (no route)"
        return f"{request.method} /{match.route}"


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id (None when nobody is signed in, or for a file whitenoise
    served before the user was known)."""
    return getattr(getattr(request, "user", None), "pk", None)

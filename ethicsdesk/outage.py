"""A friendly 503 when the database can't be reached, instead of a traceback.

Django calls this as the 500 handler; when the error is the database being down it answers
503 with a page that needs no database. The next request reconnects by itself
(CONN_HEALTH_CHECKS), so the app recovers without a restart.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import server_error

from ethicsdesk.not_saved import DATABASE_DOWN, htmx_refusal


def database_down() -> bool:
    error = sys.exc_info()[1]
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


# Fields of ours that carry no typed text; the page sends them back unseen.
_HIDDEN = {"csrfmiddlewaretoken", "revision", "overwrite_revision", "tab", "go"}


def handler500(request: HttpRequest) -> HttpResponse:
    if not database_down():
        return server_error(request)
    refusal = DATABASE_DOWN
    if request.headers.get("HX-Request"):
        return htmx_refusal(refusal)
    # A plain POST (an explicit save) comes back with everything typed, ready to send again.
    typed = hidden = ()
    message = refusal.message if request.method == "POST" else ""
    if message:
        pairs = [(name, value) for name in request.POST for value in request.POST.getlist(name)]
        typed = [(n, v) for n, v in pairs if n not in _HIDDEN]
        hidden = [(n, v) for n, v in pairs if n in _HIDDEN]
    page = loader.render_to_string(
        "503.html",
        {"typed": typed, "hidden": hidden, "action": request.path, "message": message},
    )
    response = HttpResponseServerError(page)
    response.status_code = 503
    response["Retry-After"] = str(refusal.retry_after)
    return response

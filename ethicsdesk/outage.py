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


def database_down() -> bool:
    error = sys.exc_info()[1]
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


def handler500(request: HttpRequest) -> HttpResponse:
    if not database_down():
        return server_error(request)
    if request.headers.get("HX-Request"):
        response = HttpResponse(
            "The records database can't be reached. Your text is kept in this browser.",
            status=503,
            content_type="text/plain",
        )
    else:
        response = HttpResponseServerError(loader.render_to_string("503.html"))
        response.status_code = 503
    response["Retry-After"] = "5"
    return response

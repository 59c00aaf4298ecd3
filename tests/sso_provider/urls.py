from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path


def no_icon(request):
    # The browser asks every site for one; a 404 would be a console error in the tests.
    return HttpResponse(status=204)


urlpatterns = [
    path("favicon.ico", no_icon),
    path("accounts/", include("allauth.account.urls")),
    path("", include("allauth.idp.urls")),
]

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from accounts.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("", include("cases.urls")),
    path("deliberations/", include("records.urls")),
    path("", include("review.urls")),
    path("", include("audit.urls")),
    path("django-admin/", admin.site.urls),
]

handler500 = "ethicsdesk.outage.handler500"

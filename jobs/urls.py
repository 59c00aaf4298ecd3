from __future__ import annotations

from django.urls import path

from jobs import views

urlpatterns = [
    path("digest/", views.digest_settings, name="digest_settings"),
]

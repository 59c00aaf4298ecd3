from __future__ import annotations

from django.urls import path

from jurisdictions import views

app_name = "jurisdictions"

urlpatterns = [
    path("", views.rule_list, name="list"),
]

from __future__ import annotations

from django.urls import path

from frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
]

from __future__ import annotations

from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("deliberations/", views.deliberation_list, name="list"),
    path("review/", views.review_queue, name="review_queue"),
]

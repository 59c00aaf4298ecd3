from __future__ import annotations

from django.urls import path

from cases.views import listing, rows, worksheet

app_name = "cases"

urlpatterns = [
    path("deliberations/", listing.deliberation_list, name="list"),
    path("deliberations/new/", listing.deliberation_new, name="new"),
    path("deliberations/<int:pk>/", worksheet.deliberation_open, name="detail"),
    path("deliberations/<int:pk>/urgent/", worksheet.urgent_path, name="urgent"),
    path("deliberations/<int:pk>/steps/<slug:key>/", worksheet.step_page, name="step"),
    path(
        "deliberations/<int:pk>/steps/<slug:key>/<str:kind>/add/",
        rows.row_add,
        name="row_add",
    ),
    path(
        "deliberations/<int:pk>/steps/<slug:key>/<str:kind>/<int:row>/",
        rows.row_save,
        name="row_save",
    ),
    path(
        "deliberations/<int:pk>/steps/<slug:key>/<str:kind>/<int:row>/remove/",
        rows.row_remove,
        name="row_remove",
    ),
]

from __future__ import annotations

from django.urls import path

from cases.views import law, listing, rows, worksheet

app_name = "cases"

urlpatterns = [
    path("deliberations/", listing.deliberation_list, name="list"),
    path("deliberations/new/", listing.deliberation_new, name="new"),
    path("deliberations/<id:pk>/", worksheet.deliberation_open, name="detail"),
    path("deliberations/<id:pk>/urgent/", worksheet.urgent_path, name="urgent"),
    path("deliberations/<id:pk>/steps/<slug:key>/", worksheet.step, name="step"),
    path("deliberations/<id:pk>/law/", law.law_jurisdiction, name="law_jurisdiction"),
    path(
        "deliberations/<id:pk>/law/<id:version>/steps/<id:step>/",
        law.law_tick,
        name="law_tick",
    ),
    path(
        "deliberations/<id:pk>/steps/<slug:key>/<str:kind>/add/",
        rows.row_add,
        name="row_add",
    ),
    path(
        "deliberations/<id:pk>/steps/<slug:key>/<str:kind>/<id:row>/",
        rows.row_save,
        name="row_save",
    ),
    path(
        "deliberations/<id:pk>/steps/<slug:key>/<str:kind>/<id:row>/remove/",
        rows.row_remove,
        name="row_remove",
    ),
]

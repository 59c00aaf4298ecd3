from __future__ import annotations

from django.urls import path

from frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("import/", views.framework_import, name="import"),
    path("<id:pk>/default/", views.framework_set_default, name="set_default"),
    path("<id:pk>/details/", views.framework_details, name="details"),
    path("versions/<id:pk>/", views.version_detail, name="version"),
    path("versions/<id:pk>/preview/", views.version_preview, name="preview"),
    path("versions/<id:pk>/preview/<slug:step_key>/", views.version_preview, name="preview_step"),
    path("versions/<id:pk>/clone/", views.version_clone, name="clone"),
    path("versions/<id:pk>/publish/", views.version_publish, name="publish"),
    path("versions/<id:pk>/retire/", views.version_retire, name="retire"),
    path("versions/<id:pk>/discard/", views.version_discard, name="discard"),
    path("versions/<id:pk>/export/", views.version_export, name="export"),
    path("versions/<id:pk>/steps/add/", views.step_add, name="step_add"),
    path("versions/<id:pk>/steps/<slug:key>/", views.step_save, name="step_save"),
    path("versions/<id:pk>/steps/<slug:key>/move/", views.step_move, name="step_move"),
    path("versions/<id:pk>/steps/<slug:key>/remove/", views.step_remove, name="step_remove"),
    path("versions/<id:pk>/<str:collection>/add/", views.item_add, name="item_add"),
    path("versions/<id:pk>/<str:collection>/<slug:key>/", views.item_save, name="item_save"),
    path(
        "versions/<id:pk>/<str:collection>/<slug:key>/remove/",
        views.item_remove,
        name="item_remove",
    ),
]

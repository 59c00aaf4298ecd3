from __future__ import annotations

from django.urls import path

from frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("import/", views.framework_import, name="import"),
    path("<int:pk>/default/", views.framework_set_default, name="set_default"),
    path("<int:pk>/details/", views.framework_details, name="details"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/preview/", views.version_preview, name="preview"),
    path("versions/<int:pk>/preview/<slug:step_key>/", views.version_preview, name="preview_step"),
    path("versions/<int:pk>/clone/", views.version_clone, name="clone"),
    path("versions/<int:pk>/publish/", views.version_publish, name="publish"),
    path("versions/<int:pk>/retire/", views.version_retire, name="retire"),
    path("versions/<int:pk>/discard/", views.version_discard, name="discard"),
    path("versions/<int:pk>/export/", views.version_export, name="export"),
    path("versions/<int:pk>/steps/add/", views.step_add, name="step_add"),
    path("versions/<int:pk>/steps/<slug:key>/", views.step_save, name="step_save"),
    path("versions/<int:pk>/steps/<slug:key>/move/", views.step_move, name="step_move"),
    path("versions/<int:pk>/steps/<slug:key>/remove/", views.step_remove, name="step_remove"),
    path("versions/<int:pk>/<str:collection>/add/", views.item_add, name="item_add"),
    path("versions/<int:pk>/<str:collection>/<slug:key>/", views.item_save, name="item_save"),
    path(
        "versions/<int:pk>/<str:collection>/<slug:key>/remove/",
        views.item_remove,
        name="item_remove",
    ),
]

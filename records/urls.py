from __future__ import annotations

from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("<int:pk>/rationale/<slug:kind>/", views.rationale_page, name="rationale"),
    path("<int:pk>/rationale/<slug:kind>/pdf/", views.rationale_pdf, name="pdf"),
    path("<int:pk>/rationale/<slug:kind>/text/", views.rationale_text, name="text"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/addenda/new/", views.addendum_new, name="addendum"),
]

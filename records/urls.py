from __future__ import annotations

from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("<id:pk>/rationale/<slug:kind>/", views.rationale_page, name="rationale"),
    path("<id:pk>/rationale/<slug:kind>/pdf/", views.rationale_pdf, name="pdf"),
    path("<id:pk>/rationale/<slug:kind>/text/", views.rationale_text, name="text"),
    path("<id:pk>/sign/", views.sign, name="sign"),
    path("<id:pk>/verify/", views.verify, name="verify"),
    path("<id:pk>/addenda/new/", views.addendum_new, name="addendum"),
]

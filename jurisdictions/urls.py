from __future__ import annotations

from django.urls import path

from jurisdictions.views import drafts, files, rules

app_name = "jurisdictions"

urlpatterns = [
    path("", rules.rule_list, name="list"),
    path("new/", drafts.rule_new, name="rule_new"),
    path("jurisdictions/new/", drafts.jurisdiction_new, name="jurisdiction_new"),
    path("import/", files.rules_import, name="import"),
    path("export/", files.rules_export, name="export"),
    path("<id:pk>/draft/", drafts.rule_draft, name="draft"),
    path("versions/<id:pk>/", drafts.version_edit, name="edit"),
    path("versions/<id:pk>/preview/", drafts.version_preview, name="preview"),
    path("versions/<id:pk>/publish/", drafts.version_publish, name="publish"),
    path("versions/<id:pk>/retire/", drafts.version_retire, name="retire"),
    path("versions/<id:pk>/discard/", drafts.version_discard, name="discard"),
]

"""Rule files through the browser: import a JSON rule set or a CSV table (checked whole:
nothing imported on any error) and export them, for the content editor only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from audit.declare import audited
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access
from jurisdictions import services
from jurisdictions.forms import RuleImportForm
from jurisdictions.kinds import DutyKind
from jurisdictions.rows import RuleDataError
from jurisdictions.transfer import export_text

CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


@audited("jurisdiction_rule", post=Action.ADMIN, confirmed=True)
@require_http_methods(["GET", "POST"])
def rules_import(request: HttpRequest) -> HttpResponse:
    access.require(access.can_edit_rules(request.user))
    form = RuleImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.rules_import(raw=upload.read(), name=upload.name, user=request.user)
        except RuleDataError as exc:
            problems = exc.problems
        else:
            # Recorded even when no rule changed: a JSON file may rename jurisdictions.
            audit_note(
                request, change=f"import {upload.name[:80]}: {len(result.published)} published"
            )
            messages.success(
                request,
                f"Imported {upload.name}: {len(result.published)} new version"
                f"{'' if len(result.published) == 1 else 's'} published, "
                f"{result.unchanged} unchanged.",
            )
            return redirect("jurisdictions:list")
    return render(request, "jurisdictions/import.html", {"form": form, "problems": problems})


@audited("jurisdiction_rule", post=Action.ADMIN, export_on="format")
@require_GET
def rules_export(request: HttpRequest) -> HttpResponse:
    """?format=json (every rule, every published and retired version) or ?format=csv (the
    current version of each rule; &duty= one duty only). Without a format: the choice."""
    access.require(access.can_edit_rules(request.user))
    file_format = request.GET.get("format", "")
    duty = request.GET.get("duty", "")
    if not file_format:
        return render(request, "jurisdictions/export.html", {"duties": DutyKind.choices})
    # A made-up format or duty is no export (the audit would otherwise call it one).
    access.require_visible(file_format in CONTENT_TYPES and (not duty or duty in DutyKind.values))
    text = export_text(file_format=file_format, duty=duty or None)
    name = f"ethicsdesk-rules-{duty or 'all'}-{timezone.localdate().isoformat()}.{file_format}"
    response = HttpResponse(text, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

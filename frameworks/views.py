"""The clinic admin's framework screens, and read-only version pages for everyone else."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.declare import audited
from audit.models import Action
from cases.steps import HANDLERS
from ethicsdesk import access
from ethicsdesk.params import parse_id
from frameworks import services, transfer
from frameworks.definition import STEP_KINDS, DefinitionError
from frameworks.editor import editor_context, render_editor_part
from frameworks.forms import (
    COLLECTION_FORMS,
    AddStepForm,
    FrameworkDetailsForm,
    ImportForm,
    PublishForm,
    StepForm,
)
from frameworks.models import Framework, FrameworkVersion
from frameworks.selectors import clinic_default_framework, frameworks_visible_to
from frameworks.transfer import ImportProblem, parse_import

# Every POST here is an administrative change of a framework, recorded as such. Reading a
# framework is not recorded: a definition is not a client's record.
framework_admin = audited("frameworks", post=Action.ADMIN)


def _version(request: HttpRequest, pk: int) -> FrameworkVersion:
    version = get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=pk)
    access.require_visible(access.framework_visible(request.user, version.framework))
    return version


def _editable_version(request: HttpRequest, pk: int) -> FrameworkVersion:
    version = _version(request, pk)
    access.require(access.can_edit_framework(request.user, version.framework))
    return version


def _back_to(version: FrameworkVersion, anchor: str = "") -> HttpResponse:
    url = reverse("frameworks:version", args=[version.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@framework_admin
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_frameworks(request.user))
    frameworks = list(frameworks_visible_to(clinic=request.user.clinic))
    default = clinic_default_framework(clinic=request.user.clinic)
    return render(
        request,
        "frameworks/list.html",
        {"frameworks": frameworks, "default_id": default.pk if default else None},
    )


@framework_admin
@require_POST
def framework_set_default(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_manage_frameworks(request.user))
    framework = get_object_or_404(Framework, pk=pk)
    access.require_visible(access.framework_visible(request.user, framework))
    if not framework.versions.filter(status="published").exists():
        messages.error(request, f"{framework.name} has no published version to start on yet.")
    else:
        services.clinic_default_framework_set(clinic=request.user.clinic, framework=framework)
        messages.success(request, f"New deliberations now start on {framework.name}.")
    return redirect("frameworks:list")


@framework_admin
@require_POST
def framework_details(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk)
    access.require_visible(access.framework_visible(request.user, framework))
    access.require(access.can_edit_framework(request.user, framework))
    form = FrameworkDetailsForm(request.POST)
    version_pk = request.POST.get("version")
    if form.is_valid():
        services.framework_details_update(framework=framework, **form.cleaned_data)
        messages.success(request, "Name and summary saved.")
    else:
        messages.error(request, "The name is required (at most 120 characters).")
    if parse_id(version_pk) is not None:
        return redirect("frameworks:version", pk=parse_id(version_pk))
    return redirect("frameworks:list")


@framework_admin
@require_http_methods(["GET", "POST"])
def framework_import(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_frameworks(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = parse_import(form.cleaned_data["file"].read())
        except ImportProblem as exc:
            problems = exc.problems
        else:
            version = services.framework_import(
                clinic=request.user.clinic, user=request.user, imported=imported
            )
            messages.success(
                request, f"Imported as a draft: {version}. Review it, preview it, then publish."
            )
            return _back_to(version)
    return render(request, "frameworks/import.html", {"form": form, "problems": problems})


@framework_admin
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    access.require(access.can_read_version(request.user, version))
    return render(request, "frameworks/version.html", editor_context(request, version))


@framework_admin
@require_GET
def version_preview(request: HttpRequest, pk: int, step_key: str | None = None) -> HttpResponse:
    version = _version(request, pk)
    access.require(access.can_read_version(request.user, version))
    definition = version.spec
    steps = definition.steps
    if not steps:
        return _back_to(version)
    step = definition.step(step_key) if step_key else steps[0]
    if step is None:
        return redirect("frameworks:preview", pk=version.pk)
    index = definition.index(step.key)
    glossary = HANDLERS[step.kind].glossary
    return render(
        request,
        "frameworks/preview.html",
        {
            "version": version,
            "steps": steps,
            "step": step,
            "previous": steps[index - 1] if index > 0 else None,
            "next": steps[index + 1] if index + 1 < len(steps) else None,
            "definition": definition,
            # What the step's handler asks the clinician to weigh: principles, virtues.
            "glossary": (glossary[0], getattr(definition, glossary[1])) if glossary else None,
        },
    )


@framework_admin
@require_POST
def version_clone(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    access.require(access.can_manage_frameworks(request.user))
    draft, created = services.framework_version_clone(version=version, user=request.user)
    if created:
        messages.success(request, f"Draft {draft} started from {version}. Edit it, then publish.")
    else:
        messages.info(request, f"{draft.framework} already has a draft; carry on editing it here.")
    return _back_to(draft)


@framework_admin
@require_http_methods(["GET", "POST"])
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    if not version.is_draft:
        messages.info(request, "This version is already published.")
        return _back_to(version)
    form = PublishForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_version_publish(
                version=version, user=request.user, change_note=form.cleaned_data["change_note"]
            )
        except DefinitionError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{version} is published. It can no longer be changed.")
            return _back_to(version)
    return render(
        request,
        "frameworks/publish.html",
        {"version": version, "form": form, "problems": problems},
    )


@framework_admin
@require_POST
def version_retire(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    try:
        services.framework_version_retire(version=version)
    except services.FrameworkLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"{version} is retired: no new deliberations start on it; existing ones keep it.",
        )
    return _back_to(version)


@framework_admin
@require_POST
def version_discard(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    try:
        services.framework_version_discard(version=version)
    except services.FrameworkLocked as exc:
        messages.error(request, str(exc))
        return _back_to(version)
    messages.success(request, f"Draft {version} discarded.")
    return redirect("frameworks:list")


@framework_admin
@require_GET
def version_export(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    access.require(access.can_manage_frameworks(request.user))
    response = JsonResponse(transfer.version_export(version), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{transfer.export_filename(version)}"'
    return response


# -- draft editing: each answers htmx with the part it changed, others with a redirect -----


def _apply(
    request: HttpRequest, version: FrameworkVersion, part: str, anchor: str, edit
) -> HttpResponse:
    """Run one edit; report a refusal in the part (htmx) or as a message (plain POST)."""
    error = ""
    try:
        version = edit()
    except DefinitionError as exc:
        error = "Not saved: " + "; ".join(exc.problems)
    except services.FrameworkLocked as exc:
        error = f"Not saved: {exc} Published versions can't change; clone it to make a new draft."
    if request.htmx:
        return render_editor_part(request, version, part, error=error, anchor=anchor)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Saved.")
    return _back_to(version, anchor)


@framework_admin
@require_POST
def step_save(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    version = _editable_version(request, pk)
    access.require_visible(version.spec.step(key) is not None)
    choices = [(p.key, p.topic) for p in version.spec.provisions]
    form = StepForm(request.POST, provision_choices=choices, auto_id=f"id_{key}_%s")
    if not form.is_valid():
        context = editor_context(request, version, bound_step_forms={key: form})
        return _redisplay(request, version, "step-card", context, anchor=key)
    return _apply(
        request,
        version,
        "step-card",
        key,
        lambda: services.step_update(version=version, key=key, **form.cleaned_data),
    )


@framework_admin
@require_POST
def step_move(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    version = _editable_version(request, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    return _apply(
        request,
        version,
        "steps",
        key,
        lambda: services.step_move(version=version, key=key, offset=offset),
    )


@framework_admin
@require_POST
def step_remove(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    version = _editable_version(request, pk)
    return _apply(
        request, version, "steps", "steps", lambda: services.step_remove(version=version, key=key)
    )


@framework_admin
@require_POST
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _editable_version(request, pk)
    present = version.spec.kinds
    form = AddStepForm(request.POST, present_kinds=present)
    if not form.is_valid():
        kind = request.POST.get("kind", "")
        label = STEP_KINDS.get(kind)
        message = f"{label} is already a step." if label else "Choose a step kind to add."
        return _apply(request, version, "steps", "steps", lambda: _refuse(message))
    kind = form.cleaned_data["kind"]
    return _apply(
        request, version, "steps", kind, lambda: services.step_add(version=version, kind=kind)
    )


def _redisplay(
    request: HttpRequest, version: FrameworkVersion, part: str, context: dict, anchor: str = ""
) -> HttpResponse:
    """An invalid edit comes back with what was typed: the part (htmx) or the whole page."""
    if request.htmx:
        return render_editor_part(request, version, part, anchor=anchor, context=context)
    return render(request, "frameworks/version.html", context)


def _refuse(message: str):
    raise DefinitionError([message])


def _collection(collection: str) -> type:
    access.require_visible(collection in COLLECTION_FORMS)
    return COLLECTION_FORMS[collection]


@framework_admin
@require_POST
def item_add(request: HttpRequest, pk: int, collection: str) -> HttpResponse:
    form_class = _collection(collection)
    version = _editable_version(request, pk)
    form = form_class(request.POST, prefix=f"new-{collection}")
    if not form.is_valid():
        context = editor_context(request, version, bound_item_forms={(collection, None): form})
        return _redisplay(request, version, collection, context)
    return _apply(
        request,
        version,
        collection,
        collection,
        lambda: services.item_add(version=version, collection=collection, values=form.cleaned_data),
    )


@framework_admin
@require_POST
def item_save(request: HttpRequest, pk: int, collection: str, key: str) -> HttpResponse:
    form_class = _collection(collection)
    version = _editable_version(request, pk)
    form = form_class(request.POST, prefix=f"{collection}-{key}")
    if not form.is_valid():
        context = editor_context(request, version, bound_item_forms={(collection, key): form})
        return _redisplay(request, version, collection, context)
    return _apply(
        request,
        version,
        collection,
        f"{collection}-{key}",
        lambda: services.item_update(
            version=version, collection=collection, key=key, values=form.cleaned_data
        ),
    )


@framework_admin
@require_POST
def item_remove(request: HttpRequest, pk: int, collection: str, key: str) -> HttpResponse:
    _collection(collection)
    version = _editable_version(request, pk)
    return _apply(
        request,
        version,
        collection,
        collection,
        lambda: services.item_remove(version=version, collection=collection, key=key),
    )

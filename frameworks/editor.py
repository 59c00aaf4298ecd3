"""Builds what the version page and its htmx parts render: the draft editor's forms."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ethicsdesk import access
from frameworks.forms import (
    COLLECTION_FORMS,
    AddStepForm,
    FrameworkDetailsForm,
    StepForm,
)
from frameworks.models import FrameworkVersion
from frameworks.selectors import current_version
from frameworks.typed import Definition

COLLECTIONS = (
    ("principles", "Principles", "The principles weighed for each option."),
    ("virtues", "Virtues", "The traits of a good practitioner the character step asks about."),
    ("provisions", "Code provisions", "Provisions of the professional codes, in your own words."),
)


def _editions(spec: Definition, collection: str, key: str) -> str:
    """The code editions a provision cites, as the version page shows them."""
    provision = spec.provision(key) if collection == "provisions" else None
    return provision.edition_text if provision is not None else ""


def editor_context(
    request: HttpRequest,
    version: FrameworkVersion,
    *,
    bound_step_forms: dict | None = None,
    bound_item_forms: dict | None = None,
) -> dict:
    definition = version.definition  # the raw JSON the editor's forms change
    spec = version.spec
    can_edit = access.can_edit_version(request.user, version)
    choices = [(p.key, p.topic) for p in spec.provisions]
    bound_step_forms = bound_step_forms or {}
    bound_item_forms = bound_item_forms or {}
    steps = []
    for number, step in enumerate(version.steps, 1):
        form = None
        if can_edit:
            form = bound_step_forms.get(step["key"]) or StepForm(
                initial=StepForm.initial_for(step),
                provision_choices=choices,
                auto_id=f"id_{step['key']}_%s",
            )
        steps.append(
            {
                **step,
                "number": number,
                "form": form,
                "provision_list": spec.step(step["key"]).provision_list,
                "first": number == 1,
                "last": number == len(spec.steps),
            }
        )
    collections = []
    for name, label, help_text in COLLECTIONS:
        form_class = COLLECTION_FORMS[name]
        items = []
        for item in definition.get(name, []):
            prefix = f"{name}-{item['key']}"
            form = None
            if can_edit:
                form = bound_item_forms.get((name, item["key"])) or form_class(
                    initial=item, prefix=prefix
                )
            items.append(
                {
                    **item,
                    "label": item.get("name") or item.get("topic", ""),
                    "description": item.get("definition") or item.get("text", ""),
                    "editions": _editions(spec, name, item["key"]),
                    "form": form,
                }
            )
        add_form = None
        if can_edit:
            add_form = bound_item_forms.get((name, None)) or form_class(prefix=f"new-{name}")
        collections.append(
            {"name": name, "label": label, "help": help_text, "items": items, "add_form": add_form}
        )
    framework = version.framework
    current = current_version(framework)
    return {
        "version": version,
        "framework": framework,
        "definition": definition,
        "can_edit": can_edit,
        "can_manage": access.can_manage_frameworks(request.user),
        "can_edit_framework": access.can_edit_framework(request.user, framework),
        "is_current": current is not None and current.pk == version.pk,
        "steps": steps,
        "add_step_form": AddStepForm(present_kinds=spec.kinds) if can_edit else None,
        "collections": collections,
        "details_form": FrameworkDetailsForm(
            initial={"name": framework.name, "summary": framework.summary}
        ),
    }


def render_editor_part(
    request: HttpRequest,
    version: FrameworkVersion,
    part: str,
    *,
    error: str = "",
    anchor: str = "",
    context: dict | None = None,
) -> HttpResponse:
    """Render one part of the version page: a step card, the step list or a collection."""
    context = context or editor_context(request, version)
    context["part_error"] = error
    context["saved"] = not error
    context["anchor"] = anchor
    if part == "step-card":
        context["step"] = next(s for s in context["steps"] if s["key"] == anchor)
    elif part in COLLECTION_FORMS:
        context["collection"] = next(c for c in context["collections"] if c["name"] == part)
        part = "collection"
    return render(request, f"frameworks/version.html#{part}", context)

"""The content editor's screens: a new draft of a rule, its edit form (checked by the same
validator as imports), its preview as the fast path shows it, publishing, retiring and
discarding; a new rule, a new jurisdiction. Only ``access.can_edit_rules`` people; every
change is an audited administrative event."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.declare import audited
from audit.models import Action
from audit.services import audit_note
from cases.law import Deadline, LawShown, Step
from ethicsdesk import access
from frameworks.forms import PublishForm
from jurisdictions import services
from jurisdictions.forms import JurisdictionForm, NewRuleForm, RuleContentForm
from jurisdictions.models import RuleVersion
from jurisdictions.rows import RuleDataError
from jurisdictions.selectors import rule_overviews

# A POST records an administrative event only when the view confirms it changed something
# (a form sent back with its problems changed nothing).
rule_admin = audited("jurisdiction_rule", post=Action.ADMIN, confirmed=True)


def _version(request: HttpRequest, pk: int) -> RuleVersion:
    access.require(access.can_edit_rules(request.user))
    return get_object_or_404(
        RuleVersion.objects.select_related("rule__jurisdiction", "based_on"), pk=pk
    )


def list_url(version_or_code: RuleVersion | str) -> str:
    code = (
        version_or_code
        if isinstance(version_or_code, str)
        else version_or_code.rule.jurisdiction.code
    )
    return f"{reverse('jurisdictions:list')}?jurisdiction={code}"


def _changed(request: HttpRequest, version: RuleVersion, what: str) -> None:
    """Confirm the change to the audit middleware, naming the rule version (never content)."""
    audit_note(request, object_id=version.pk, change=f"{_name(version)}: {what}")


def _name(version: RuleVersion) -> str:
    return f"{version.rule.jurisdiction.code} {version.rule.duty} v{version.number}"


@rule_admin
@require_POST
def rule_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft of the rule, a copy of its newest version (or the draft it already has)."""
    access.require(access.can_edit_rules(request.user))
    found = rule_overviews(rule_id=pk)
    access.require_visible(bool(found))
    base = found[0].draft or found[0].latest
    draft, created = services.rule_version_draft(version=base, user=request.user)
    if created:
        _changed(request, draft, f"draft started from v{base.number}")
        messages.success(
            request, f"Draft version {draft.number} started from version {base.number}."
        )
    else:
        audit_note(request, changed=False)
        messages.info(request, "This rule already has a draft; carry on editing it here.")
    return redirect("jurisdictions:edit", pk=draft.pk)


@rule_admin
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    if request.method == "GET" and not version.is_draft:
        messages.info(request, "A published version never changes: start a new draft of it.")
        return redirect(list_url(version))
    if request.method == "GET":
        form = RuleContentForm(initial=RuleContentForm.initial_for(version))
    else:
        form = RuleContentForm(request.POST)
        if form.is_valid():
            try:
                services.rule_version_edit(
                    version=version,
                    content=form.content(),
                    change_note=form.cleaned_data["change_note"],
                )
            except RuleDataError as exc:
                form.add_problems(exc)
            except services.RuleLocked as exc:
                form.add_error(
                    None, f"Not saved: {exc} A published version never changes: start a new draft."
                )
            else:
                _changed(request, version, "draft saved")
                messages.success(request, "Saved.")
                if request.POST.get("then") == "preview":
                    return redirect("jurisdictions:preview", pk=version.pk)
                return redirect("jurisdictions:edit", pk=version.pk)
    return render(request, "jurisdictions/rule_edit.html", {"version": version, "form": form})


@rule_admin
@require_http_methods(["GET", "POST"])
def rule_new(request: HttpRequest) -> HttpResponse:
    access.require(access.can_edit_rules(request.user))
    initial = {"jurisdiction": request.GET.get("jurisdiction", ""), "verification": "unverified"}
    form = NewRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.rule_create(
                jurisdiction=form.cleaned_data["jurisdiction"],
                duty=form.cleaned_data["duty"],
                content=form.content(),
                user=request.user,
                change_note=form.cleaned_data["change_note"],
            )
        except RuleDataError as exc:
            form.add_problems(exc)
        except services.RuleLocked as exc:
            form.add_error("duty", str(exc))
        else:
            _changed(request, draft, "new rule drafted")
            messages.success(request, f"Draft of {draft.rule} saved. Preview it, then publish.")
            return redirect("jurisdictions:preview", pk=draft.pk)
    return render(request, "jurisdictions/rule_new.html", {"form": form})


@rule_admin
@require_http_methods(["GET", "POST"])
def jurisdiction_new(request: HttpRequest) -> HttpResponse:
    access.require(access.can_edit_rules(request.user))
    form = JurisdictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            jurisdiction = services.jurisdiction_create(**form.cleaned_data)
        except RuleDataError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            audit_note(
                request, object_id=jurisdiction.pk, change=f"jurisdiction {jurisdiction.code}"
            )
            messages.success(request, f"{jurisdiction} added. Now add its rules.")
            return redirect(f"{reverse('jurisdictions:rule_new')}?jurisdiction={jurisdiction.code}")
    return render(request, "jurisdictions/jurisdiction_new.html", {"form": form})


def preview_law(version: RuleVersion, *, learned_at) -> list[LawShown]:
    """The version as the fast path's panel shows it to a clinician the rule covers, with the
    deadlines counted from ``learned_at``."""
    return [
        LawShown(
            version=version,
            covers_profession=True,
            steps=[
                Step(index=i, text=t, done_at=None) for i, t in enumerate(version.discharge_steps)
            ],
            deadlines=[Deadline(limit=t, due=t.deadline(learned_at)) for t in version.limits],
        )
    ]


@rule_admin
@require_GET
def version_preview(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    learned_at = timezone.now()
    return render(
        request,
        "jurisdictions/rule_preview.html",
        {
            "version": version,
            # What cases/_law.html reads: a deliberation of this jurisdiction, learned of now,
            # that nobody can tick (can_edit False).
            "law": preview_law(version, learned_at=learned_at),
            "jurisdiction": str(version.rule.jurisdiction),
            "deliberation": SimpleNamespace(
                jurisdiction_code=version.rule.jurisdiction.code, urgent_learned_at=learned_at
            ),
            "can_edit": False,
        },
    )


@rule_admin
@require_http_methods(["GET", "POST"])
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    if not version.is_draft:
        messages.info(request, "This version is already published.")
        return redirect(list_url(version))
    form = PublishForm(request.POST or None, initial={"change_note": version.change_note})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_version_publish(
                version=version, user=request.user, change_note=form.cleaned_data["change_note"]
            )
        except RuleDataError as exc:
            problems = exc.problems
        except services.RuleLocked as exc:
            problems = [str(exc)]
        else:
            _changed(request, version, "published")
            messages.success(
                request,
                f"{version.rule} version {version.number} is published. It can no longer be "
                "changed; deliberations that showed an earlier version keep citing it.",
            )
            return redirect(list_url(version))
    return render(
        request,
        "jurisdictions/rule_publish.html",
        {"version": version, "form": form, "problems": problems},
    )


@rule_admin
@require_POST
def version_retire(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    try:
        services.rule_version_retire(version=version)
    except services.RuleLocked as exc:
        audit_note(request, changed=False)
        messages.error(request, f"Not retired: {exc}")
    else:
        _changed(request, version, "retired")
        messages.success(
            request,
            f"{version.rule} version {version.number} is retired: new deliberations no longer "
            "see this rule; those that showed it keep citing it.",
        )
    return redirect(list_url(version))


@rule_admin
@require_POST
def version_discard(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    try:
        services.rule_version_discard(version=version)
    except services.RuleLocked as exc:
        audit_note(request, changed=False)
        messages.error(request, f"Not discarded: {exc}")
    else:
        audit_note(request, object_id=pk, change=f"{_name(version)}: discarded")
        messages.success(request, f"Draft version {version.number} of {version.rule} discarded.")
    return redirect(list_url(version))

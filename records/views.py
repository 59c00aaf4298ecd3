"""The rationale's outputs (page, PDF, plain text), signing, verification and addenda."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.reauth import ask_password, recently_confirmed
from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from cases.steps import readiness
from ethicsdesk import access
from jobs import pdfs
from records import render as output
from records import services
from records.forms import AddendumForm, SignForm

LABELS = {"chart-note": "Chart note", "report": "Full deliberation report"}


def _deliberation(request: HttpRequest, pk: int) -> Deliberation:
    d = deliberation_get(pk=pk, purpose=Purpose.WORKSHEET)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    prefetch_related_objects([d], "snapshots__signatures", "addenda")
    return d


def _kind(request: HttpRequest, d: Deliberation, kind: str) -> str:
    if kind not in LABELS:
        raise Http404
    if kind == "report":
        # The full report holds every step and its review history, the private one too:
        # not for consultants.
        access.require(access.can_read_every_step(request.user, d))
    return kind


def _needs_password(request: HttpRequest, kind: str) -> bool:
    """Every view of the full report (page, text, .txt, PDF) asks for a password confirmed
    in the last REAUTH_MINUTES: it holds the private reflection. Asked after the access
    check, so someone who may not read it is refused without being asked."""
    return kind == "report" and not recently_confirmed(request)


@audited(DELIBERATION, get=Action.VIEW, post=Action.VIEW)
@require_GET
def rationale_page(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    d = _deliberation(request, pk)
    kind = _kind(request, d, kind)
    if _needs_password(request, kind):
        return ask_password(request)
    html, _, signed = output.output(d, kind)
    return render(
        request,
        "records/rationale.html",
        {"deliberation": d, "kind": kind, "label": LABELS[kind], "body": html, "signed": signed},
    )


@audited(DELIBERATION, get=Action.EXPORT, post=Action.EXPORT)
@require_GET
def rationale_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    d = _deliberation(request, pk)
    kind = _kind(request, d, kind)
    if _needs_password(request, kind):
        return ask_password(request)
    # A signed record's PDF is stored once (by the worker after signing, or here if the
    # worker has not got to it yet); a draft's is rendered each time.
    response = HttpResponse(pdfs.rationale_pdf(d, kind), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{output.filename(d, kind, "pdf")}"'
    return response


@audited(DELIBERATION, get=Action.VIEW, post=Action.EXPORT, export_on="download")
@require_GET
def rationale_text(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    d = _deliberation(request, pk)
    kind = _kind(request, d, kind)
    if _needs_password(request, kind):
        return ask_password(request)
    _, text, signed = output.output(d, kind)
    if request.GET.get("download"):
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{output.filename(d, kind, "txt")}"'
        )
        return response
    return render(
        request,
        "records/rationale_text.html",
        {"deliberation": d, "kind": kind, "label": LABELS[kind], "text": text, "signed": signed},
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.SIGN, confirmed=True)
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    if d.is_signed:
        messages.info(request, "This deliberation is already signed.")
        return redirect("records:rationale", pk=d.pk, kind="chart-note")
    missing = readiness(d, d.framework_version.spec)
    form = SignForm(
        request.POST or None, user=request.user, request=request, purpose=f"sign:{d.pk}"
    )
    if not missing and (trip := form.round_trip_response()) is not None:
        return trip  # out to confirm (a passkey), back here with what was typed
    if request.method == "POST" and not missing and form.is_valid():
        try:
            services.deliberation_sign(
                deliberation=d, user=request.user, verified_by=form.signer_verified_by
            )
        except services.SigningRefused as exc:
            messages.error(request, str(exc))
        else:
            audit_note(request)
            messages.success(
                request, "Signed. The deliberation is locked; corrections are addenda."
            )
            return redirect("records:rationale", pk=d.pk, kind="chart-note")
    html, _, _ = output.output(d, "chart-note")
    return render(
        request,
        "records/sign.html",
        {"deliberation": d, "form": form, "missing": missing, "body": html},
    )


@audited(DELIBERATION, get=Action.VERIFY, post=Action.VERIFY)
@require_GET
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    result = services.deliberation_verify(deliberation=d) if d.is_signed else None
    return render(request, "records/verify.html", {"deliberation": d, "result": result})


@audited(DELIBERATION, get=Action.VIEW, post=Action.ADDENDUM, confirmed=True)
@require_http_methods(["GET", "POST"])
def addendum_new(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    if not d.is_signed:
        messages.info(
            request, "Addenda follow a signed deliberation. Until it is signed, edit the worksheet."
        )
        return redirect("cases:detail", pk=d.pk)
    form = AddendumForm(
        request.POST or None, user=request.user, request=request, purpose=f"addendum:{d.pk}"
    )
    if (trip := form.round_trip_response()) is not None:
        return trip  # out to confirm (a passkey); the reason and text come back with the form
    if request.method == "POST" and form.is_valid():
        services.addendum_add(
            deliberation=d,
            user=request.user,
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
            verified_by=form.signer_verified_by,
        )
        audit_note(request)
        messages.success(request, "Addendum signed and added after the original record.")
        return redirect("records:rationale", pk=d.pk, kind="chart-note")
    return render(request, "records/addendum.html", {"deliberation": d, "form": form})

"""Review screens: the queue, the dashboard, review actions, comments, shares, notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from audit.declare import DELIBERATION, audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from cases.models import Deliberation, Status
from cases.selectors import deliberation_get
from consults.selectors import open_asked_count
from ethicsdesk import access, ratelimit
from ethicsdesk.params import parse_id
from frameworks.typed import StepDef
from jobs.followups import supervised_follow_ups_count
from review import selectors, services
from review.chart import month_chart
from review.forms import (
    AddendumRequestForm,
    CommentForm,
    CosignForm,
    RequestChangesForm,
    ReviewedForm,
    ShareForm,
    SubmitForm,
)
from review.models import Comment, Notification, Share

QUEUE_STATUSES = [
    ("in_review", "Waiting for review"),
    ("changes_requested", "Changes requested"),
    ("signed", "Signed"),
    ("", "All submitted"),
]

# As many rows as My deliberations shows: a screenful, imminent risk first.
QUEUE_PAGE_SIZE = 25


def _deliberation(request: HttpRequest, pk: int) -> Deliberation:
    d = deliberation_get(pk=pk)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    return d


@not_clinical("a list of titles and references; opening any of them is audited")
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_supervisor)
    status = request.GET.get("status", "in_review")
    if status not in {value for value, _ in QUEUE_STATUSES}:
        status = "in_review"
    clinician = request.GET.get("clinician", "")
    clinician_id = parse_id(clinician)
    queue = selectors.review_queue(supervisor=request.user, status=status, clinician=clinician_id)
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    supervisees = (
        User.objects.filter(pk__in=selectors.supervisee_ids(request.user))
        .only("first_name", "last_name", "username")  # a name for the filter's options
        .order_by("last_name")
    )
    return render(
        request,
        "review/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": QUEUE_STATUSES,
            "clinician": clinician_id,
            "supervisees": supervisees,
        },
    )


@not_clinical("counts and titles of the supervisor's queue")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_supervisor)
    figures = selectors.dashboard(supervisor=request.user)
    follow_ups = supervised_follow_ups_count(request.user, on=timezone.localdate())
    return render(
        request,
        "review/dashboard.html",
        {
            "figures": figures,
            "follow_ups": follow_ups,
            "statuses": [
                (value, label, figures["by_status"].get(value, 0))
                for value, label in Status.choices
            ],
            "chart": month_chart(figures["per_month"], months=figures["months"]),
        },
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.SUBMIT, confirmed=True)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliberation_submit(
                deliberation=d, user=request.user, message=form.cleaned_data["message"]
            )
        except services.ReviewRefused as exc:
            messages.error(request, str(exc))
        else:
            audit_note(request)
            messages.success(request, "Submitted for review. Your supervisor has been notified.")
        return redirect("cases:detail", pk=d.pk)
    return render(request, "review/submit.html", {"deliberation": d, "form": form})


@audited(DELIBERATION, get=Action.VIEW, post=Action.REVIEW, confirmed=True, decision_field="action")
@require_http_methods(["GET", "POST"])
def review_actions(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_review(request.user, d))
    changes = RequestChangesForm(request.POST if request.POST.get("action") == "changes" else None)
    reviewed = ReviewedForm(request.POST if request.POST.get("action") == "reviewed" else None)
    cosign = CosignForm(
        request.POST if request.POST.get("action") == "cosign" else None,
        user=request.user,
        request=request,
        purpose=f"cosign:{d.pk}",
    )
    if (trip := cosign.round_trip_response()) is not None:
        return trip  # out to confirm (a passkey), back to this page
    addendum = AddendumRequestForm(
        request.POST if request.POST.get("action") == "addendum" else None
    )
    try:
        if addendum.is_bound and addendum.is_valid():
            services.addendum_request(
                deliberation=d, reviewer=request.user, reason=addendum.cleaned_data["reason"]
            )
            audit_note(request)
            messages.success(
                request,
                "Addendum requested. The clinician has been notified; the record stays signed.",
            )
            return redirect("review:queue")
        if changes.is_bound and changes.is_valid():
            services.changes_request(
                deliberation=d, reviewer=request.user, message=changes.cleaned_data["message"]
            )
            audit_note(request)
            messages.success(request, "Changes requested. The clinician has been notified.")
            return redirect("review:queue")
        if reviewed.is_bound and reviewed.is_valid():
            services.review_complete(
                deliberation=d, reviewer=request.user, message=reviewed.cleaned_data["message"]
            )
            audit_note(request)
            messages.success(request, "Marked as reviewed.")
            return redirect("review:queue")
        if cosign.is_bound and cosign.is_valid():
            services.cosign(
                deliberation=d, reviewer=request.user, verified_by=cosign.signer_verified_by
            )
            audit_note(request)
            messages.success(
                request, "Reviewed and co-signed. The chart note now shows both signatures."
            )
            return redirect("records:rationale", pk=d.pk, kind="chart-note")
    except services.ReviewRefused as exc:
        messages.error(request, str(exc))
    return render(
        request,
        "review/actions.html",
        {
            "deliberation": d,
            "changes": changes,
            "reviewed": reviewed,
            "cosign": cosign,
            "addendum": addendum,
            "submissions": d.submissions.select_related("submitted_by", "reviewer"),
        },
    )


def _step(d: Deliberation, key: str) -> StepDef:
    step = d.framework_version.spec.step(key)
    access.require_visible(step is not None)
    return step


def _comment_response(
    request: HttpRequest,
    d: Deliberation,
    step: StepDef,
    form: CommentForm | None = None,
    *,
    refused: str = "",
    parent: Comment | None = None,
) -> HttpResponse:
    """The step's comments again: the threads (htmx) or back to the step page (plain POST).

    Reached only once ``access.can_comment`` allowed this step, so no thread goes to someone
    who may not read it. A form with errors, or a comment refused (``refused`` says why),
    comes back with the typed text: in the reply box of its thread, or in the new-comment box.
    """
    if request.htmx:
        thread = (parent.parent_id or parent.pk) if parent is not None else None
        keep_in_main = form is not None and (form.errors or (refused and thread is None))
        return render(
            request,
            "review/_comments.html",
            {
                "deliberation": d,
                "step": step,
                "comments": selectors.CommentBox(
                    threads=tuple(selectors.comments_for_step(d, step.key)),
                    can_comment=True,
                    form=form if keep_in_main else CommentForm(),
                    refused=refused,
                    refused_thread=thread if refused else None,
                    refused_text=form.cleaned_data["text"] if refused else "",
                ),
            },
        )
    if refused:
        # A plain POST has no thread to re-render in place: a page with the typed text and
        # the reason, whose form sends it again.
        return render(
            request,
            "review/comment_refused.html",
            {"deliberation": d, "step": step, "form": form, "refused": refused},
            status=429,
        )
    if form is not None and form.errors:
        messages.error(request, "The comment was empty; nothing was added.")
    return redirect(reverse("cases:step", args=[d.pk, step.key]) + "#comments")


def _comment_rate_ok(user: User) -> bool:
    """Each comment sends e-mails: COMMENT_RATE comments a minute per person."""
    return ratelimit.allowed(f"comment:{user.pk}", limit=settings.COMMENT_RATE, window=60)


@audited(DELIBERATION, get=Action.VIEW, post=Action.COMMENT, confirmed=True)
@require_POST
def comment_add(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    d = _deliberation(request, pk)
    step = _step(d, key)
    access.require(access.can_comment(request.user, d, step))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _comment_response(request, d, step, form)
    parent = None
    if form.cleaned_data["parent"]:
        parent = get_object_or_404(
            Comment, pk=form.cleaned_data["parent"], deliberation=d, step_key=key
        )
    if not _comment_rate_ok(request.user):
        return _comment_response(
            request,
            d,
            step,
            form,
            parent=parent,
            refused=(
                f"Not added: you have sent {settings.COMMENT_RATE} comments in the last minute. "
                "Your text is kept below; send it again in a minute."
            ),
        )
    services.comment_add(
        deliberation=d,
        author=request.user,
        step=step,
        text=form.cleaned_data["text"],
        parent=parent,
    )
    audit_note(request)
    return _comment_response(request, d, step)


@audited(DELIBERATION, get=Action.VIEW, post=Action.COMMENT, confirmed=True)
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    d = _deliberation(request, pk)
    item = get_object_or_404(Comment, pk=comment, deliberation=d)
    step = _step(d, item.step_key)
    access.require(access.can_comment(request.user, d, step))
    services.comment_resolve(comment=item, user=request.user)
    audit_note(request)
    return _comment_response(request, d, step)


@audited(DELIBERATION, get=Action.VIEW, post=Action.SHARE, confirmed=True)
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    form = ShareForm(request.POST or None, colleagues=selectors.colleagues(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.share_create(
                deliberation=d,
                consultant=form.cleaned_data["consultant"],
                shared_by=request.user,
                message=form.cleaned_data["message"],
            )
        except services.ReviewRefused as exc:
            messages.error(request, str(exc))
        else:
            audit_note(request, grantee=form.cleaned_data["consultant"])
            messages.success(
                request,
                f"Shared with {form.cleaned_data['consultant'].display_name} for consultation.",
            )
            return redirect("review:share", pk=d.pk)
    return render(
        request,
        "review/share.html",
        {"deliberation": d, "form": form, "shares": d.shares.select_related("consultant")},
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.UNSHARE)
@require_POST
def share_withdraw(request: HttpRequest, pk: int, share_id: int) -> HttpResponse:
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    item = get_object_or_404(Share, pk=share_id, deliberation=d)
    services.share_withdraw(share=item)
    audit_note(request, grantee=item.consultant)
    messages.success(
        request, f"{item.consultant.display_name} can no longer see this deliberation."
    )
    return redirect("review:share", pk=d.pk)


@not_clinical("a list of titles and references; opening any of them is audited")
@require_GET
def shared_with_me(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_clinician)
    return render(
        request, "review/shared_with_me.html", {"shares": selectors.shared_with(request.user)}
    )


@not_clinical("a list of titles and links; opening any of them is audited")
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_read(user=request.user)
        messages.success(request, "All notifications marked as read.")
        return redirect("review:notifications")
    items = Notification.objects.filter(recipient=request.user).select_related("deliberation")[:100]
    return render(request, "review/notifications.html", {"items": items})


@not_clinical("unread counts")
@require_GET
def badges(request: HttpRequest) -> HttpResponse:
    """The counts in the navigation, loaded after the page so every page stays cheap."""
    context = {"unread": selectors.unread_count(request.user)}
    if request.user.is_clinician:
        context["asked"] = open_asked_count(request.user)
    if request.user.is_supervisor:
        context["queue"] = selectors.queue_count(request.user)
    return render(request, "review/_badges.html", context)

"""The audit screen (clinic admins and auditors), its CSV export, and a deliberation's
own history tab."""

from __future__ import annotations

import csv
from datetime import datetime, time

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.declare import DELIBERATION, audited
from audit.forms import AuditFilterForm
from audit.models import Action, AuditEvent
from cases.selectors import deliberation_get
from ethicsdesk import access
from ethicsdesk.paging import CappedPaginator

CSV_COLUMNS = [
    "at",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "deliberation_id",
    "detail",
    "method",
    "path",
    "status_code",
    "ip",
    "user_agent",
    "request_id",
]


# The audit screen numbers at most this many events' pages (ethicsdesk/paging.py); the CSV
# export has every event.
COUNT_CAP = 10_000
PER_PAGE = 50


def _filtered(request: HttpRequest, form: AuditFilterForm) -> QuerySet[AuditEvent]:
    # The clinic's people's events, and anyone's events on the clinic's records (a probe
    # from another clinic); each side has its own (clinic, -at) index.
    clinic = request.user.clinic_id
    events = AuditEvent.objects.filter(Q(clinic_id=clinic) | Q(record_clinic_id=clinic))
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if data.get("user"):
        events = events.filter(actor_username__iexact=data["user"])
    if data.get("deliberation"):
        events = events.filter(deliberation_id=data["deliberation"])
    if data.get("action"):
        events = events.filter(action=data["action"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(at__gte=datetime.combine(data["date_from"], time.min, zone))
    if data.get("date_to"):
        events = events.filter(at__lte=datetime.combine(data["date_to"], time.max, zone))
    return events.order_by("-at", "-id")


@audited("audit_trail", get=Action.VIEW)
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_audit(request.user))
    form = AuditFilterForm(request.GET or None)
    events = _filtered(request, form) if form.is_bound else _filtered(request, AuditFilterForm({}))
    page = CappedPaginator(events.only(*CSV_COLUMNS), PER_PAGE, cap=COUNT_CAP).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


@audited("audit_trail", get=Action.EXPORT)
@require_GET
def audit_csv(request: HttpRequest) -> StreamingHttpResponse:
    access.require(access.can_read_audit(request.user))
    events = _filtered(request, AuditFilterForm(request.GET or {}))
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for event in events.values_list(*CSV_COLUMNS).iterator(chunk_size=2000):
            yield writer.writerow([_csv_cell(value) for value in event])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="ethicsdesk-audit-{stamp}.csv"'
    return response


@audited(DELIBERATION, get=Action.VIEW, post=Action.VIEW)
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    d = deliberation_get(pk=pk)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    events = AuditEvent.objects.filter(deliberation_id=d.pk).order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/history.html", {"deliberation": d, "page": page})

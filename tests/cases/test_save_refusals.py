"""Every refusal on every save path says "Not saved" and why, sends no X-Revision (so the
browser keeps its copy), never says "Saved", and keeps the text: htmx answers leave the form
alone, a plain POST comes back with everything typed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Deliberation, Stakeholder

pytestmark = pytest.mark.django_db

TYPED = "Words typed at 3 a.m. that must not be lost"
REASONS = {
    "busy": "others were saving at the same moment",
    "locked": "this deliberation is signed",
    "stale": "this was changed in another window",
    "rate_limited": "too many saves at once",
    "database_down": "the records database can't be reached",
}


@dataclass
class Path:
    name: str
    view_module: str  # where the view finds the deliberation it saves
    loader: str

    def url(self, d, row) -> str:
        if self.name == "step":
            return reverse("cases:step", args=[d.pk, "dilemma"])
        if self.name == "urgent":
            return reverse("cases:urgent", args=[d.pk])
        if self.name == "row_add":
            return reverse("cases:row_add", args=[d.pk, "stakeholders", "stakeholders"])
        args = [d.pk, "stakeholders", "stakeholders", row.pk]
        return reverse(f"cases:{self.name}", args=args)

    def data(self, row, revision: int, tab: str = "tab-a") -> dict:
        base = {"revision": str(revision), "tab": tab}
        if self.name == "step":
            return base | {"question": TYPED}
        if self.name == "urgent":
            acted = timezone.localtime() - timezone.timedelta(minutes=5)
            return {"action": TYPED, "action_at": acted.strftime("%Y-%m-%dT%H:%M")}
        if self.name == "row_add":
            return {"tab": tab}
        return base | {
            f"stakeholders-{row.pk}-name": TYPED,
            f"stakeholders-{row.pk}-kind": "client",
        }

    def stored(self, d) -> bool:
        """Whether anything of the refused save reached the database."""
        fresh = Deliberation.objects.get(pk=d.pk)
        rows = Stakeholder.objects.filter(deliberation=d)
        return {
            "step": lambda: fresh.question == TYPED,
            "urgent": lambda: fresh.urgent_action == TYPED,
            "row_add": lambda: rows.count() != 1,
            "row_save": lambda: rows.filter(name=TYPED).exists(),
            "row_remove": lambda: not rows.exists(),
        }[self.name]()


PATHS = {
    "step": Path("step", "cases.views.worksheet", "deliberation_get"),
    "urgent": Path("urgent", "cases.views.worksheet", "deliberation_get"),
    "row_add": Path("row_add", "cases.views.rows", "deliberation_get"),
    "row_save": Path("row_save", "cases.views.rows", "deliberation_get"),
    "row_remove": Path("row_remove", "cases.views.rows", "deliberation_get"),
}
SERVICE = {
    "step": "step_save",
    "urgent": "urgent_action_record",
    "row_add": "row_add",
    "row_save": "row_save",
    "row_remove": "row_remove",
}
HTMX_PATHS = ["step", "row_add", "row_save", "row_remove"]  # the urgent screen is plain HTML
CASES = [
    (refusal, path, htmx)
    for refusal, paths in {
        "busy": list(PATHS),
        "locked": list(PATHS),
        "stale": ["step", "row_save"],  # the only saves based on a revision
        "rate_limited": ["step", "row_save"],  # autosaves only (see test_explicit_save.py)
        "database_down": list(PATHS),
    }.items()
    for path in paths
    for htmx in ([True, False] if path in HTMX_PATHS else [False])
    if not (refusal == "rate_limited" and not htmx)
]


def _force(refusal: str, path: Path, d, row, client, monkeypatch) -> None:
    if refusal == "busy":
        # Every guarded UPDATE finds the revision moved on: the race loop always loses.
        def lose(*args, **kwargs):
            raise services._Raced

        monkeypatch.setattr(services, "_bump", lose)
    elif refusal == "locked":
        # Signed by the owner in another tab after this save loaded the deliberation.
        original = getattr(__import__(path.view_module, fromlist=["x"]), path.loader)

        def load_then_sign(*args, **kwargs):
            loaded = original(*args, **kwargs)
            unsigned = Deliberation.objects.filter(pk=d.pk, signed_at__isnull=True)
            unsigned.update(status="signed", signed_at=timezone.now())
            return loaded

        monkeypatch.setattr(f"{path.view_module}.{path.loader}", load_then_sign)
    elif refusal == "stale":
        # Another tab saved the same step after this page was loaded (at revision 2).
        other = path.data(row, revision=2, tab="tab-b")
        key = "question" if path.name == "step" else f"stakeholders-{row.pk}-name"
        other[key] = "Their newer words"
        assert client.post(path.url(d, row), other, HTTP_HX_REQUEST="true").status_code == 200
    elif refusal == "rate_limited":
        monkeypatch.setattr("ethicsdesk.ratelimit.allowed", lambda *a, **k: False)
    elif refusal == "database_down":

        def down(*args, **kwargs):
            raise OperationalError("connection to server failed: Connection refused")

        monkeypatch.setattr(services, SERVICE[path.name], down)


@pytest.fixture
def row(deliberation):
    row = Stakeholder.objects.create(deliberation=deliberation, position=1, name="")
    Deliberation.objects.filter(pk=deliberation.pk).update(revision=2)
    return row


@pytest.mark.parametrize(("refusal", "path_name", "htmx"), CASES)
def test_it_answers_not_saved_with_the_reason_and_keeps_the_text(
    refusal, path_name, htmx, deliberation, clinician, row, monkeypatch
):
    client = Client(raise_request_exception=False)
    client.force_login(clinician)
    path = PATHS[path_name]
    _force(refusal, path, deliberation, row, client, monkeypatch)
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = client.post(path.url(deliberation, row), path.data(row, revision=2), **extra)

    content = html.unescape(response.content.decode())
    assert response.status_code in (200, 429, 503)
    assert "X-Revision" not in response
    assert "not saved: " + REASONS[refusal] in content.lower()
    assert "Not saved: Not saved" not in content
    assert not re.search(r"Saved( at)? \d\d?:\d\d|Saved\.", content)
    assert not path.stored(deliberation)
    if not htmx and path_name != "row_add":
        assert TYPED in content  # the form comes back with what was typed
    if htmx:
        assert response.get("HX-Reswap") == "none" or refusal == "stale"


@pytest.mark.parametrize(
    ("refusal", "path_name", "htmx"),
    [(r, p, h) for r, p, h in CASES if r in ("busy", "locked", "stale")],
)
def test_it_does_not_audit_a_refused_save_as_a_change(
    refusal, path_name, htmx, deliberation, clinician, row, monkeypatch
):
    from audit.models import AuditEvent

    client = Client(raise_request_exception=False)
    client.force_login(clinician)
    path = PATHS[path_name]
    _force(refusal, path, deliberation, row, client, monkeypatch)
    before = AuditEvent.objects.filter(deliberation_id=deliberation.pk, action="change").count()
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    client.post(path.url(deliberation, row), path.data(row, revision=2), **extra)

    events = AuditEvent.objects.filter(deliberation_id=deliberation.pk)
    assert events.filter(action="change").count() == before

"""Migration cases 0004 fills the stored review state of the deliberations already there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = ("cases", "0003_stored_step_states")
AFTER = ("cases", "0004_review_state")
WAITING = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _migrate(node: tuple[str, str]):
    """Every app at its latest migration, cases at ``node``; the models as they were then."""
    executor = MigrationExecutor(connection)
    targets = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] != "cases"]
    targets.append(node)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    yield _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("cases")[0])


def _deliberation(apps, title: str):
    Clinic = apps.get_model("accounts", "Clinic")
    User = apps.get_model("accounts", "User")
    Framework = apps.get_model("frameworks", "Framework")
    Version = apps.get_model("frameworks", "FrameworkVersion")
    clinic, _ = Clinic.objects.get_or_create(slug="clinic", defaults={"name": "Clinic"})
    owner, _ = User.objects.get_or_create(username="dana", defaults={"clinic": clinic})
    framework, _ = Framework.objects.get_or_create(slug="f", defaults={"name": "F"})
    version, _ = Version.objects.get_or_create(framework=framework, number=1, definition={})
    return apps.get_model("cases", "Deliberation").objects.create(
        owner=owner, clinic=clinic, framework_version=version, title=title, client_reference="C"
    )


def test_it_fills_since_when_a_submission_waits_and_the_open_threads(old_apps):
    waiting = _deliberation(old_apps, "Waiting")
    _deliberation(old_apps, "Never submitted")
    Submission = old_apps.get_model("review", "Submission")
    Comment = old_apps.get_model("review", "Comment")
    Submission.objects.create(
        deliberation=waiting,
        submitted_by=waiting.owner,
        outcome="reviewed",
        submitted_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    Submission.objects.create(
        deliberation=waiting, submitted_by=waiting.owner, submitted_at=WAITING
    )
    thread = Comment.objects.create(
        deliberation=waiting, step_key="a", author=waiting.owner, text="?"
    )
    Comment.objects.create(
        deliberation=waiting, step_key="a", author=waiting.owner, parent=thread, text="!"
    )
    Comment.objects.create(
        deliberation=waiting, step_key="b", author=waiting.owner, text="?", resolved_at=WAITING
    )

    apps = _migrate(AFTER)

    rows = apps.get_model("cases", "Deliberation").objects.order_by("pk")
    assert list(rows.values_list("title", "pending_since", "open_threads")) == [
        ("Waiting", WAITING, 1),
        ("Never submitted", None, 0),
    ]

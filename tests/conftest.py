from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pgtrigger
import pytest
from _pytest.nodeid import NodeId
from django.core.management import call_command
from django.db.backends.postgresql.operations import DatabaseOperations

from cases.services import deliberation_create
from ethicsdesk.dev import localdb
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# pytest-xdist's worker ("gw0", "gw1", ...) in a parallel run (`make test`), "" otherwise.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_suffix() -> str:
    """Appended to the name of anything one test process makes on the shared PostgreSQL
    server or under test-artifacts/, so parallel workers never share it."""
    return f"_{WORKER}" if WORKER else ""


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep an ``xdist_group`` on one test process under ``--dist loadgroup``.

    pytest-xdist 3.8 names a grouped test's group by appending "@<group>" to
    ``item._nodeid``, which pytest 9 no longer reads (a node's id is ``item._id``): every
    group was silently spread over the workers, so the two-server module built its servers
    twice and a test waiting for another's e-mail waited in the wrong world. This appends
    the group the way pytest 9 reads it; a no-op once pytest-xdist does it (the id already
    ends in the group) and outside a parallel run."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        names = sorted(
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        )
        suffix = "@" + "_".join(dict.fromkeys(names))
        if names and not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)


def pytest_sessionstart(session):
    # Importing the settings starts nothing; without DATABASE_URL the tests run on the
    # private PostgreSQL, started here before pytest-django creates the test database. In a
    # parallel run the controller gets here before it starts the workers, so the server is
    # started once; the workers find it running.
    localdb.ensure_running_unless_configured()
    if not WORKER:
        _empty_playwright_output(session.config)


def _empty_playwright_output(config) -> None:
    """pytest-playwright empties its --output folder (the failures' traces) when each test
    process starts; with parallel workers one would empty it under another's feet, so the
    controller (or the lone process) does it once, before any test runs."""
    output = Path(config.getoption("--output"))
    if output.exists():
        shutil.rmtree(output, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir():
    """Replaces pytest-playwright's own (see _empty_playwright_output)."""


# The append-only tables refuse TRUNCATE (ethicsdesk/triggers.py). Only the test runner's
# flush between transactional (browser) tests may empty them.
APPEND_ONLY_TRUNCATE_TRIGGERS = (
    "audit.AuditEvent:audit_no_truncate",
    "records.Snapshot:snapshot_no_truncate",
    "records.Signature:signature_no_truncate",
    "records.Addendum:addendum_no_truncate",
)


QUEUE_TABLES = (
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
)  # not procrastinate_workers: a worker process running for a test module stays registered


@pytest.fixture(scope="session", autouse=True)
def _flush_may_truncate_append_only_tables():
    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        # procrastinate's tables are not Django-managed, so the flush would keep the jobs a
        # transactional test left queued: empty them too.
        sql_list = [*sql_list, f"TRUNCATE {', '.join(QUEUE_TABLES)} CASCADE"]
        with pgtrigger.ignore(*APPEND_ONLY_TRUNCATE_TRIGGERS, databases=[self.connection.alias]):
            return original(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = original


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def demo_users(db):
    from accounts.services import demo_data_ensure

    return demo_data_ensure(password="demo-pass-123")


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def integrated(db):
    call_command("load_frameworks", verbosity=0)
    return current_version(Framework.objects.get(clinic=None, slug="integrated"))


@pytest.fixture
def builtin_rules(db):
    """The built-in jurisdiction rules (jurisdictions/builtin/*.csv), as `make run` loads them."""
    call_command("load_rules", verbosity=0, stdout=StringIO())


@pytest.fixture
def clinician(db):
    return UserFactory()


@pytest.fixture
def deliberation(integrated, clinician):
    return deliberation_create(
        owner=clinician,
        title="Disclosure of a partner's HIV status",
        client_reference="CR-2291",
        framework_version=integrated,
    )


@pytest.fixture
def owner_client(client, clinician):
    client.force_login(clinician)
    return client


@pytest.fixture(scope="session")
def sso_provider():
    """A real OpenID Connect provider (tests/sso_provider/: django-allauth's own) on
    127.0.0.1 (a free port), one process for the whole session (one per parallel worker),
    with its own database."""
    from django.conf import settings

    from tests.sso_provider import server

    provider = server.start(
        ethicsdesk_database=settings.DATABASES["default"],
        log_path=ARTIFACTS / f"sso-provider{worker_suffix()}.log",
        database_name=server.DATABASE_NAME + worker_suffix(),
    )
    yield provider
    provider.stop()

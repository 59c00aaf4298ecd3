"""The clinic's audit screen shows its people's events and every event on its records,
whoever made them: failed sign-ins on its accounts, probes from other clinics (item 5)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.forms import AuditFilterForm
from audit.models import AuditEvent
from audit.views import _filtered
from tests.factories import ClinicAdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def _screen(client, clinic) -> str:
    client.force_login(ClinicAdminFactory(clinic=clinic))
    return client.get(reverse("audit:list")).content.decode()


def _csv(client, clinic) -> str:
    client.force_login(ClinicAdminFactory(clinic=clinic))
    return b"".join(client.get(reverse("audit:csv")).streaming_content).decode()


def test_it_shows_a_failed_sign_in_to_the_accounts_clinic(client, clinician):
    client.post(reverse("account_login"), {"login": clinician.username, "password": "wrong-guess"})
    content = _screen(client, clinician.clinic)
    assert "Failed sign-in" in content
    assert clinician.username in content


def test_it_keeps_a_failed_sign_in_for_an_unknown_name_in_no_clinic(client):
    client.post(reverse("account_login"), {"login": "nobody-here", "password": "wrong-guess"})
    assert AuditEvent.objects.get(action="login_failed").clinic_id is None


def test_it_shows_another_clinics_probe_of_our_record(client, deliberation):
    outsider = UserFactory()  # another clinic
    client.force_login(outsider)
    client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    content = _screen(client, deliberation.clinic)
    assert outsider.username in content
    assert "Refused" in content


def test_it_exports_another_clinics_probe_of_our_record(client, deliberation):
    outsider = UserFactory()
    client.force_login(outsider)
    client.get(reverse("records:rationale", args=[deliberation.pk, "chart-note"]))
    assert outsider.username in _csv(client, deliberation.clinic)


def test_it_records_the_records_clinic_on_the_event(client, deliberation):
    outsider = UserFactory()
    client.force_login(outsider)
    client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    event = AuditEvent.objects.get(action="refused")
    assert (event.clinic_id, event.record_clinic_id) == (outsider.clinic_id, deliberation.clinic_id)


def test_it_keeps_our_probe_of_their_record_off_their_neighbours_screen(client, deliberation):
    outsider = UserFactory()
    client.force_login(outsider)
    client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    assert outsider.username not in _screen(client, UserFactory().clinic)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("audit:list")).status_code == 200
    return len(queries.captured_queries)


def test_it_reads_the_screen_in_a_fixed_number_of_queries(deliberation, clinician):
    admin, owner, outsider = Client(), Client(), Client()
    admin.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    owner.force_login(clinician)
    outsider.force_login(UserFactory())
    step = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    owner.get(step)
    _queries(admin)  # the first request of a session also touches the session
    few = _queries(admin)
    for _ in range(5):
        owner.get(step)
        outsider.get(step)
    assert _queries(admin) == few


def _plan(sql: str, params) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_it_serves_the_clinics_events_from_indexes(deliberation):
    admin = ClinicAdminFactory(clinic=deliberation.clinic)

    class Request:
        user = admin

    screen = _filtered(Request, AuditFilterForm({})).query.sql_with_params()
    assert "Seq Scan" not in _plan(*screen)
    # Each side of the screen's OR has an index of its own, led by the clinic column and
    # ordered by time, as the screen reads it. Which index the planner picks for the OR or
    # for a small table's ORDER BY ... LIMIT changes with the statistics, so the plan is asked
    # of each side's condition alone and the index's columns are read from the catalog.
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    led_by = {tuple(i["columns"][:2]) for i in indexes.values() if i["index"]}
    for side in ("clinic_id", "record_clinic_id"):
        assert (side, "at") in led_by
        # Unordered: with the ORDER BY, after a long run's statistics the planner may walk the
        # time index backwards and filter by clinic instead (seen in a whole-suite run).
        events = AuditEvent.objects.filter(**{side: admin.clinic_id}).order_by()
        plan = _plan(*events.query.sql_with_params())
        assert f"Index Cond: ({side} = " in plan, plan

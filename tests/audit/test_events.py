"""Every audited action leaves an event: who, what, which record, when, from where."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse

from audit.models import AuditEvent
from review import services as review
from tests.factories import ClinicAdminFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-42"


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_it_records_a_successful_login(client, clinician):
    client.post(reverse("account_login"), {"login": clinician.username, "password": PASSWORD})
    event = _last("login")
    assert (event.actor, event.ip) == (clinician, "127.0.0.1")


def test_it_records_a_failed_login_without_the_password(client, clinician):
    client.post(reverse("account_login"), {"login": clinician.username, "password": "wrong-guess"})
    event = _last("login_failed")
    assert event.actor_username == clinician.username
    assert "wrong-guess" not in str(AuditEvent.objects.values_list())


def test_it_records_a_logout(client, clinician):
    client.force_login(clinician)
    client.post(reverse("account_logout"))
    assert _last("logout").actor == clinician


def test_it_records_a_view_of_clinical_content(owner_client, deliberation, clinician):
    response = owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    event = _last("view")
    assert (event.actor, event.deliberation_id, event.detail) == (
        clinician,
        deliberation.pk,
        "cases:step key=dilemma",
    )
    assert event.request_id == response["X-Request-ID"]


def test_it_records_a_change_in_the_same_transaction(owner_client, deliberation):
    owner_client.post(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]),
        {"question": "Should I?", "revision": "1"},
    )
    event = _last("change")
    assert event.deliberation_id == deliberation.pk
    assert "Should I?" not in event.detail + event.path


def test_it_records_a_text_download_as_an_export(owner_client, deliberation):
    owner_client.get(reverse("records:text", args=[deliberation.pk, "chart-note"]) + "?download=1")
    assert _last("export").detail == "records:text kind=chart-note download"
    assert not AuditEvent.objects.filter(action="view").exists()


def test_it_records_a_pdf_export(owner_client, deliberation):
    owner_client.get(reverse("records:pdf", args=[deliberation.pk, "chart-note"]))
    assert _last("export").deliberation_id == deliberation.pk


def test_it_records_a_submission(owner_client, deliberation, clinician):
    from accounts.services import supervision_link_start
    from tests.factories import SupervisorFactory

    supervision_link_start(
        supervisor=SupervisorFactory(clinic=clinician.clinic), clinician=clinician
    )
    owner_client.post(reverse("review:submit", args=[deliberation.pk]), {"message": ""})
    assert _last("submit").deliberation_id == deliberation.pk


def test_it_records_a_share(owner_client, deliberation, clinician):
    colleague = UserFactory(clinic=clinician.clinic)
    owner_client.post(reverse("review:share", args=[deliberation.pk]), {"consultant": colleague.pk})
    assert _last("share").deliberation_id == deliberation.pk


def test_it_records_a_comment(client, deliberation, clinician):
    colleague = UserFactory(clinic=clinician.clinic)
    review.share_create(
        deliberation=deliberation, consultant=colleague, shared_by=clinician, message=""
    )
    client.force_login(colleague)
    client.post(reverse("review:comment_add", args=[deliberation.pk, "dilemma"]), {"text": "Hm."})
    assert _last("comment").actor == colleague


def test_it_records_a_refusal_of_clinical_content(client, deliberation, clinician):
    intruder = UserFactory(clinic=clinician.clinic)
    client.force_login(intruder)
    client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    event = _last("refused")
    assert (event.actor, event.status_code, event.deliberation_id) == (
        intruder,
        404,
        deliberation.pk,
    )


def test_it_records_a_refused_page(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("frameworks:list"))
    assert (_last("refused").actor, _last("refused").status_code) == (user, 403)


def test_it_records_an_admin_change(client):
    from tests.factories import PublishedVersionFactory

    admin = ClinicAdminFactory()
    version = PublishedVersionFactory(framework__clinic=None)
    client.force_login(admin)
    client.post(reverse("frameworks:clone", args=[version.pk]))
    event = _last("admin")
    assert (event.actor, event.detail, event.status_code) == (admin, "frameworks:clone", 302)


def _raw(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_it_refuses_update_and_delete_of_audit_events(owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw("UPDATE audit_auditevent SET actor_username = 'someone-else'")
    with pytest.raises(ProgrammingError, match="Cannot delete rows"):
        _raw("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.exists()


def test_it_refuses_truncate_of_audit_events(owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    with pytest.raises(ProgrammingError, match="Cannot truncate"):
        _raw("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.exists()

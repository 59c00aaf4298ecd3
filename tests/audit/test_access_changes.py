"""Audit gaps of issue 13, item 10: access changes name who gained or lost access; a refused
form is not a change; lockout resets, the audit trail's own reads and exports and refusals on
records other than deliberations are recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import supervision_link_start
from audit.models import AuditEvent
from review import services as review
from review.models import Comment
from tests.factories import (
    ClinicAdminFactory,
    FrameworkVersionFactory,
    SupervisorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


@pytest.fixture
def admin_client(client, clinician):
    admin = ClinicAdminFactory(clinic=clinician.clinic)
    client.force_login(admin)
    client.admin = admin
    return client


def test_it_names_the_grantee_of_a_supervision_link(admin_client, clinician):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    admin_client.post(
        reverse("supervision_add"), {"supervisor": supervisor.pk, "clinician": clinician.pk}
    )
    event = _only("admin")
    assert f"grantee={supervisor.username} (grantee_id={supervisor.pk})" in event.detail
    assert f"about={clinician.username}" in event.detail
    assert event.object_type == "supervision_link" and event.object_id


def test_it_does_not_record_a_rejected_supervision_form_as_a_change(admin_client, clinician):
    response = admin_client.post(
        reverse("supervision_add"), {"supervisor": "", "clinician": clinician.pk}
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="admin").exists()


def test_it_names_who_loses_access_when_a_link_ends(admin_client, clinician):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    link = supervision_link_start(supervisor=supervisor, clinician=clinician)
    admin_client.post(reverse("supervision_end", args=[link.pk]))  # the first press asks
    assert not AuditEvent.objects.filter(action="admin").exists()
    admin_client.post(reverse("supervision_end", args=[link.pk]), {"confirm": "True"})
    assert f"grantee={supervisor.username}" in _only("admin").detail


def test_it_names_the_grantee_of_a_share(owner_client, deliberation, clinician):
    colleague = UserFactory(clinic=clinician.clinic)
    owner_client.post(reverse("review:share", args=[deliberation.pk]), {"consultant": colleague.pk})
    assert f"grantee={colleague.username} (grantee_id={colleague.pk})" in _only("share").detail


def test_it_does_not_record_a_rejected_share_as_a_share(owner_client, deliberation):
    owner_client.post(reverse("review:share", args=[deliberation.pk]), {"consultant": "nobody"})
    assert not AuditEvent.objects.filter(action="share").exists()


def test_it_names_who_loses_access_when_a_share_is_withdrawn(owner_client, deliberation, clinician):
    colleague = UserFactory(clinic=clinician.clinic)
    share = review.share_create(
        deliberation=deliberation, consultant=colleague, shared_by=clinician, message=""
    )
    owner_client.post(reverse("review:share_withdraw", args=[deliberation.pk, share.pk]))
    assert f"grantee={colleague.username}" in _only("unshare").detail


def test_it_records_a_lockout_reset(admin_client, clinician):
    for _ in range(5):
        admin_client.post(reverse("account_login"), {"login": clinician.username, "password": "no"})
    admin_client.force_login(admin_client.admin)
    admin_client.post(reverse("lockout_reset"), {"username": clinician.username})
    event = _only("lockout_reset")
    assert (event.actor, event.object_id) == (admin_client.admin, str(clinician.pk))


def test_it_records_reading_the_audit_trail(admin_client):
    admin_client.get(reverse("audit:list"))
    assert _only("view").object_type == "audit_trail"


def test_it_records_exporting_the_audit_trail(admin_client):
    response = admin_client.get(reverse("audit:csv"))
    b"".join(response.streaming_content)
    assert _only("export").object_type == "audit_trail"


def test_it_records_a_refusal_of_another_clinics_framework(admin_client):
    draft = FrameworkVersionFactory()  # another clinic's draft
    assert admin_client.get(reverse("frameworks:version", args=[draft.pk])).status_code == 404
    event = _only("refused")
    assert (event.object_type, event.object_id, event.status_code) == (
        "frameworks",
        str(draft.pk),
        404,
    )


def test_it_records_a_refusal_of_another_clinics_supervision_link(client):
    link = supervision_link_start(supervisor=SupervisorFactory(), clinician=UserFactory())
    client.force_login(ClinicAdminFactory())
    client.post(reverse("supervision_end", args=[link.pk]), {"confirm": "True"})
    event = _only("refused")
    assert (event.object_type, event.object_id) == ("supervision_link", str(link.pk))


def test_it_records_a_refusal_of_a_comment_on_another_deliberation(
    owner_client, deliberation, clinician, integrated
):
    from cases.services import deliberation_create

    other = deliberation_create(
        owner=UserFactory(clinic=clinician.clinic),
        title="Theirs",
        client_reference="CR-9",
        framework_version=integrated,
    )
    comment = Comment.objects.create(deliberation=other, step_key="dilemma", author=other.owner)
    url = reverse("review:comment_resolve", args=[deliberation.pk, comment.pk])
    assert owner_client.post(url).status_code == 404
    assert f"comment={comment.pk}" in _only("refused").detail


def test_it_records_a_refusal_of_an_unknown_page(owner_client, clinician):
    owner_client.get("/no/such/page/")
    assert (_only("refused").actor, _only("refused").detail) == (clinician, "no such page")


def test_it_records_a_new_deliberation(owner_client, integrated):
    owner_client.post(
        reverse("cases:new"),
        {
            "title": "A new dilemma",
            "client_reference": "CR-1",
            "urgency": "routine",
            "framework": integrated.pk,
        },
    )
    event = _only("change")
    assert event.deliberation_id and event.detail == "cases:new"

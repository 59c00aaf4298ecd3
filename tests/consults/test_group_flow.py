"""A request to a group: each member answers; the asker records the group's conclusion,
which goes into the record as a consultation entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Consultation
from consults import services
from consults.models import ConsultGroup
from tests.consults.conftest import later
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(clinician, colleague):
    group = ConsultGroup.objects.create(clinic=clinician.clinic, name="Ethics committee")
    group.members.set([colleague, UserFactory(clinic=clinician.clinic, first_name="Bo")])
    return group


@pytest.fixture
def group_request(deliberation, clinician, committee):
    return services.consult_ask(
        deliberation=deliberation,
        asked_by=clinician,
        question="Do you agree?",
        step_keys=["dilemma"],
        answer_by=later(),
        group=committee,
    )


def _conclude(client, consult, **data):
    url = reverse("consults:conclusion", args=[consult.deliberation_id, consult.pk])
    return client.post(url, {"kind": "disagreement", "why": "Split two ways."} | data)


def test_it_collects_each_members_answer_as_an_entry(group_request):
    for r in group_request.recipients.all():
        services.consult_answer(request=group_request, author=r.colleague, advice="Mine.")
    entries = Consultation.objects.filter(deliberation=group_request.deliberation)
    assert entries.count() == 2
    assert {e.kind for e in entries} == {"committee"}


def test_it_records_the_groups_conclusion_as_an_entry(owner_client, group_request, colleague):
    services.consult_answer(request=group_request, author=colleague, advice="Mine.")
    assert _conclude(owner_client, group_request).status_code == 302
    group_request.refresh_from_db()
    entry = group_request.conclusion_consultation
    assert entry.consultant == "Ethics committee: conclusion"
    assert entry.advice == "The group disagrees. Split two ways."


def test_it_says_why_it_refuses_a_conclusion_before_any_answer(owner_client, group_request):
    response = _conclude(owner_client, group_request, why="TYPED-WHY-2")
    body = response.content.decode()
    assert "No member has answered yet." in body and "TYPED-WHY-2" in body


def test_it_keeps_the_request_when_the_group_is_deleted(group_request, committee):
    services.group_delete(group=committee)
    group_request.refresh_from_db()
    assert group_request.group is None and group_request.group_name == "Ethics committee"


def test_it_refuses_the_conclusion_page_to_a_member(colleague_client, group_request):
    url = reverse("consults:conclusion", args=[group_request.deliberation_id, group_request.pk])
    assert colleague_client.get(url).status_code == 404

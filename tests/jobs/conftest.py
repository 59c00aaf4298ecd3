from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.services import supervision_link_start
from cases.models import Deliberation
from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.factories import ClinicFactory, SupervisorFactory, UserFactory

# Clinical text a deliberation holds, which no e-mail may carry.
FACTS = "The client disclosed a plan to confront the partner at work."


@pytest.fixture
def world(db):
    call_command("load_frameworks", verbosity=0)
    clinic = ClinicFactory(time_zone="America/Los_Angeles")
    version = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    clinician = UserFactory(clinic=clinic, email="clinician@example.org")
    supervisor = SupervisorFactory(clinic=clinic, email="supervisor@example.org")
    supervision_link_start(supervisor=supervisor, clinician=clinician)
    return {"clinic": clinic, "version": version, "clinician": clinician, "supervisor": supervisor}


@pytest.fixture
def make_deliberation(world):
    def make(*, title: str = "Gift from a client", follow_up_date=None, **fields) -> Deliberation:
        d = deliberation_create(
            owner=world["clinician"],
            title=title,
            client_reference="CR-31",
            framework_version=world["version"],
        )
        Deliberation.objects.filter(pk=d.pk).update(
            follow_up_date=follow_up_date, facts=[FACTS], **fields
        )
        return Deliberation.objects.get(pk=d.pk)

    return make

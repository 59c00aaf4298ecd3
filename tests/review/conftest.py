from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.services import supervision_link_start
from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version
from tests.factories import ClinicAdminFactory, ClinicFactory, SupervisorFactory, UserFactory


@pytest.fixture
def world(db):
    call_command("load_frameworks", verbosity=0)
    clinic = ClinicFactory()
    version = current_version(Framework.objects.get(clinic=None, slug="integrated"))
    clinician = UserFactory(clinic=clinic, email="clinician@example.org")
    supervisor = SupervisorFactory(clinic=clinic, email="supervisor@example.org")
    link = supervision_link_start(supervisor=supervisor, clinician=clinician)
    deliberation = deliberation_create(
        owner=clinician,
        title="Gift from a client",
        client_reference="CR-31",
        framework_version=version,
    )
    return {
        "clinic": clinic,
        "version": version,
        "clinician": clinician,
        "supervisor": supervisor,
        "link": link,
        "deliberation": deliberation,
        "colleague": UserFactory(clinic=clinic),
        "other_supervisor": SupervisorFactory(clinic=clinic),
        "admin": ClinicAdminFactory(clinic=clinic),
        "outsider": UserFactory(clinic=ClinicFactory()),
    }

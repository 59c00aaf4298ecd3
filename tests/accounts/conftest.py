"""A clinic with its people, shared by the People tests."""

from __future__ import annotations

import pytest

from accounts.invitations import invitation_create
from accounts.models import Role
from accounts.services import supervision_link_start
from tests.accounts.sso_world import northside_sign_on
from tests.factories import ClinicAdminFactory, ClinicFactory, SupervisorFactory, UserFactory
from tests.sso_provider import seed


@pytest.fixture
def people_world(db):
    clinic, other = ClinicFactory(name="Riverside"), ClinicFactory(name="Elsewhere")
    admin = ClinicAdminFactory(
        clinic=clinic, first_name="Alex", last_name="Kim", email="alex@riverside.example"
    )
    supervisor = SupervisorFactory(
        clinic=clinic,
        first_name="Sam",
        last_name="Okafor",
        email="sam@riverside.example",
        professional_title="LPC-S",
    )
    clinician = UserFactory(
        clinic=clinic, first_name="Dana", last_name="Reyes", email="dana@riverside.example"
    )
    supervision_link_start(supervisor=supervisor, clinician=clinician)
    return {
        "clinic": clinic,
        "other_clinic": other,
        "admin": admin,
        "supervisor": supervisor,
        "clinician": clinician,
        "other_admin": ClinicAdminFactory(clinic=other, email="olga@elsewhere.example"),
    }


@pytest.fixture
def noor_invited(people_world):
    """An open invitation of a clinician, Noor Haddad, by the clinic's admin."""
    return invitation_create(
        clinic=people_world["clinic"],
        email="noor@riverside.example",
        first_name="Noor",
        last_name="Haddad",
        role=Role.CLINICIAN,
        invited_by=people_world["admin"],
    )


@pytest.fixture
def northside(db, sso_provider):
    """A clinic whose people may sign in through the tests' provider (switched on)."""
    clinic = ClinicFactory(name="Northside", slug=seed.CLINIC_SLUG)
    northside_sign_on(sso_provider, clinic=clinic)
    return clinic


@pytest.fixture
def sam(northside):
    """A clinician of Northside whose address the provider has verified."""
    return UserFactory(clinic=northside, username="sam", email=seed.SAM.email)


@pytest.fixture
def admin_client(client, people_world):
    """The clinic admin of people_world, signed in (overrides pytest-django's superuser client
    for the People tests; a test module may define its own)."""
    client.force_login(people_world["admin"])
    return client

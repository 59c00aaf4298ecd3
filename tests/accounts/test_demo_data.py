from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import Clinic, Role, SupervisionLink, User

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Clinic.objects.count(), User.objects.count(), SupervisionLink.objects.count()


def test_it_creates_the_demo_clinic_and_accounts(capsys):
    call_command("seed_demo")
    assert _counts() == (1, 3, 1)
    assert {u.username: u.role for u in User.objects.all()} == {
        "clinician": Role.CLINICIAN,
        "supervisor": Role.SUPERVISOR,
        "admin": Role.CLINIC_ADMIN,
    }
    assert "password for all three" in capsys.readouterr().out


def test_it_is_idempotent():
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first


def test_it_makes_the_supervisor_supervise_the_clinician():
    call_command("seed_demo")
    link = SupervisionLink.objects.get()
    assert (link.supervisor.username, link.clinician.username, link.is_active) == (
        "supervisor",
        "clinician",
        True,
    )

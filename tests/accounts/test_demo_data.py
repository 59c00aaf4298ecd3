from __future__ import annotations

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Clinic, Role, SupervisionLink, User
from accounts.second_factor import DEMO_TOTP_SECRET
from cases.models import Deliberation

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


def test_it_gives_the_supervisor_a_deliberation_waiting_for_review(client):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_examples", verbosity=0)
    client.force_login(User.objects.get(username="supervisor"))
    queue = client.get(reverse("review:queue")).content.decode()
    waiting = Deliberation.objects.get(owner__username="clinician", status="in_review")
    assert f'href="{reverse("cases:detail", args=[waiting.pk])}"' in queue


def test_it_shows_the_supervisor_the_review_on_the_dashboard(client):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_examples", verbosity=0)
    client.force_login(User.objects.get(username="supervisor"))
    figures = client.get(reverse("review:dashboard")).context["figures"]
    assert figures["by_status"] == {"in_review": 1}


def test_it_says_how_to_try_an_invitation(capsys):
    call_command("seed_demo")
    assert "People → Invite someone" in capsys.readouterr().out


def test_it_lets_the_demo_admin_invite(client):
    from django.core import mail

    call_command("seed_demo")
    client.force_login(User.objects.get(username="admin"))
    client.post(
        reverse("invite"),
        {
            "first_name": "Noor",
            "last_name": "Haddad",
            "email": "noor@x.example",
            "role": "clinician",
        },
    )
    assert mail.outbox[-1].to == ["noor@x.example"]


def test_it_gives_the_supervisor_and_admin_an_authenticator_app_with_the_demo_key():
    call_command("seed_demo")
    with_one = set(
        Authenticator.objects.filter(type="totp").values_list("user__username", flat=True)
    )
    assert with_one == {"supervisor", "admin"}


def test_it_prints_the_demo_accounts_current_code(capsys):
    call_command("seed_demo")
    capsys.readouterr()
    call_command("demo_code", "supervisor")
    assert capsys.readouterr().out.strip() == pyotp.TOTP(DEMO_TOTP_SECRET).now()


def test_it_prints_no_code_of_an_account_without_the_demo_key():
    call_command("seed_demo")
    with pytest.raises(CommandError):
        call_command("demo_code", "clinician")

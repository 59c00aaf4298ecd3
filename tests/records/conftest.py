from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.reauth import SESSION_KEY
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get

MARKER = "UNIQUE-BIAS-MARKER-7f3a"
PASSWORD = "demo-pass-123"


@pytest.fixture
def author(db):
    """The demo clinician, with a password of the tests' own (signing asks for it)."""
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    author = User.objects.get(username="clinician")
    author.set_password(PASSWORD)
    author.save()
    return author


def sign(client, d, password=PASSWORD, confirm="on"):
    """Press "Sign" on the signing page."""
    return client.post(
        reverse("records:sign", args=[d.pk]), {"password": password, "confirm": confirm}
    )


@pytest.fixture
def complete(author):
    """A complete deliberation (a worked example) with a marker in its private reflection."""
    call_command("seed_examples", verbosity=0)
    d = Deliberation.objects.filter(owner=author).order_by("pk").first()
    d.reflection.values = f"{MARKER} my own history with this kind of work."
    d.reflection.save()
    return deliberation_get(pk=d.pk, purpose=Purpose.WORKSHEET)


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client


def password_confirmed(client):
    """The client's session as if the password was confirmed just now (the full report asks
    for it; tests/records/test_report_reauth.py covers the asking)."""
    session = client.session
    session[SESSION_KEY] = int(time.time())
    session.save()
    return client

"""The person is told by e-mail when their password changes or is reset (allauth's
notifications, our wording): when, from which address and browser; nothing else."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-passphrase-9"


def test_it_e_mails_a_notice_when_the_password_changes(client):
    person = UserFactory(email="kim@clinic.example", first_name="Kim")
    client.force_login(person)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW, "password2": NEW},
        REMOTE_ADDR="198.51.100.23",
    )
    (notice,) = mail.outbox
    assert notice.to == ["kim@clinic.example"]
    assert notice.subject == "EthicsDesk: Password Changed"
    assert notice.body.startswith("Hello Kim,")
    assert "The password of your EthicsDesk account was changed." in notice.body
    assert "198.51.100.23" in notice.body

"""One password-confirm form (accounts.reauth.PasswordConfirmForm): the signing forms extend
it with their own words only, and every one checks the password the same way."""

from __future__ import annotations

import pytest

from accounts.reauth import PasswordConfirmForm
from records.forms import AddendumForm, SignForm
from review.forms import CosignForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SIGNED = "That is not your password. Nothing was signed."


@pytest.mark.parametrize(
    ("form_class", "wrong"),
    [
        (PasswordConfirmForm, "That is not your password."),
        (SignForm, SIGNED),
        (AddendumForm, SIGNED),
        (CosignForm, SIGNED),
    ],
)
def test_it_refuses_a_wrong_password_in_its_own_words(form_class, wrong):
    form = form_class({"password": "not-it"}, user=UserFactory())
    assert not form.is_valid() and form.errors["password"] == [wrong]


@pytest.mark.parametrize("form_class", [SignForm, AddendumForm, CosignForm])
def test_it_says_why_signing_asks_for_the_password(form_class):
    help_text = form_class(user=UserFactory()).fields["password"].help_text
    assert help_text.startswith("Signing is your electronic signature")

"""A clinician who gets in only through their clinic's provider adds an addendum: they type
it, press "Confirm with Northside ID", sign in again at the provider's own page (a real
OpenID Connect provider on 127.0.0.1, asked for a fresh sign-in), come back to the form with
what they typed, and sign; the record says how they were confirmed."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Clinic
from cases.models import Deliberation
from records.models import Addendum
from records.services import deliberation_sign
from tests.accounts.sso_world import northside_sign_on
from tests.sso_provider import seed

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Late information"
TEXT = "The partner was told on Friday, by phone; the client agreed to it."


def _at_provider(page, sso_provider) -> None:
    page.wait_for_url(f"{sso_provider.url}/**")
    page.get_by_label("Username").fill(seed.SAM.username)
    page.get_by_label("Password").fill(seed.PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_it_confirms_an_addendum_with_the_provider_keeping_the_text(
    page, live_server, demo_users, sso_provider, check_page
):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_examples", verbosity=0)
    clinician = demo_users["clinician"]
    Clinic.objects.filter(pk=clinician.clinic_id).update(slug=seed.CLINIC_SLUG)
    clinician.refresh_from_db()
    clinician.email = seed.SAM.email
    clinician.save()
    northside_sign_on(sso_provider, clinic=clinician.clinic, only_way_in=True)
    sso_provider.allow_redirect_uri(
        f"{live_server.url}/accounts/oidc/{seed.CLINIC_SLUG}/login/callback/"
    )
    d = Deliberation.objects.filter(owner=clinician).order_by("pk").first()
    deliberation_sign(deliberation=d, user=clinician)
    page.set_viewport_size({"width": 1366, "height": 768})

    page.goto(live_server.url + reverse("sso_clinic", args=[seed.CLINIC_SLUG]))
    page.get_by_role("button", name="Sign in with Northside ID").click()
    _at_provider(page, sso_provider)
    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")

    page.goto(live_server.url + reverse("records:addendum", args=[d.pk]))
    expect(page.get_by_label("Your password")).to_have_count(0)
    page.get_by_label("Reason for the addendum").fill(REASON)
    page.get_by_label(re.compile("^Addendum")).fill(TEXT)
    check_page(page, "sso-addendum")
    page.get_by_role("button", name="Confirm with Northside ID").click()
    expect(page.get_by_role("heading", name="Confirm it is you with Northside ID")).to_be_visible()
    check_page(page, "sso-addendum-confirm")
    page.get_by_role("button", name="Sign in again with Northside ID").click()
    _at_provider(page, sso_provider)  # prompt=login: the provider asks again

    expect(page.get_by_text("Confirmed with Northside ID.").first).to_be_visible()
    expect(page.get_by_label("Reason for the addendum")).to_have_value(REASON)
    expect(page.get_by_label(re.compile("^Addendum"))).to_have_value(TEXT)
    check_page(page, "sso-addendum-confirmed")
    page.get_by_role("button", name="Sign and add the addendum").click()
    expect(page.get_by_text("identity confirmed by single sign-on").first).to_be_visible()
    check_page(page, "sso-addendum-signed")
    assert Addendum.objects.get(deliberation=d).verified_by == "sso"

"""The clinic admin sets up single sign-on with the clinic's provider (a real OpenID Connect
provider on 127.0.0.1); a clinician then signs in through it: "Sign in with your
organisation" → their work e-mail → "Sign in with Northside ID" → the provider's own sign-in
page → back in EthicsDesk as themselves."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Clinic
from tests.browser.conftest import login
from tests.sso_provider import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_signs_in_through_the_clinics_provider(
    page, live_server, demo_users, sso_provider, check_page
):
    clinician = demo_users["clinician"]
    Clinic.objects.filter(pk=clinician.clinic_id).update(slug=seed.CLINIC_SLUG)
    clinician.refresh_from_db()
    clinician.email = seed.SAM.email
    clinician.save()
    sso_provider.allow_redirect_uri(
        f"{live_server.url}/accounts/oidc/{seed.CLINIC_SLUG}/login/callback/"
    )

    login(page, live_server, "admin", "demo-pass-123")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Clinic settings").click()
    page.get_by_role("link", name="Set up single sign-on").click()
    expect(page.get_by_role("heading", name="Single sign-on", exact=True)).to_be_visible()
    page.get_by_label("Name on the sign-in button").fill("Northside ID")
    page.get_by_label("Issuer URL").fill(sso_provider.url)
    page.get_by_label("Client ID").fill(seed.CLIENT_ID)
    page.get_by_label("Client secret").fill(seed.CLIENT_SECRET)
    page.get_by_label("Work e-mail domains").fill("northside.example")
    page.get_by_label("Offer single sign-on at sign-in").check()
    page.get_by_role("button", name="Check the issuer and save").click()
    expect(page.get_by_text("Saved:")).to_be_visible()
    expect(page.get_by_label("Client secret")).to_have_value("")
    check_page(page, "sso-settings")
    page.get_by_role("button", name="Log out").click()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with your organisation").click()
    expect(page.get_by_role("heading", name="Sign in with your organisation")).to_be_visible()
    page.get_by_label("Your work e-mail address").fill("someone@gmail.example")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("No organisation sign-in is set up for addresses at")).to_be_visible()
    check_page(page, "sso-start-unknown-domain")
    page.get_by_label("Your work e-mail address").fill(seed.SAM.email)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sign in to {clinician.clinic.name}")
    check_page(page, "sso-clinic-sign-in")

    page.get_by_role("button", name="Sign in with Northside ID").click()
    page.wait_for_url(f"{sso_provider.url}/**")
    page.get_by_label("Username").fill(seed.SAM.username)
    page.get_by_label("Password").fill(seed.PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My deliberations")
    expect(page.get_by_text(clinician.display_name).first).to_be_visible()
    check_page(page, "sso-signed-in")

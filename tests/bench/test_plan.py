"""The plan locust works from: its supervisors and admins can sign in as the clinic's policy
requires (password, then their authenticator app's code), as bench/locustfile.py does."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from bench.measure import plan_build
from bench.seed import PASSWORD, Plan, deliberations_create, integrated_version, people_create

pytestmark = pytest.mark.django_db


def test_it_lets_supervisors_and_admins_sign_in_with_a_code(integrated):
    plan = Plan(clinics=1, clinicians=2, supervisors=1, deliberations=4, signed=0, batch=4)
    version = integrated_version()
    people = people_create(plan, framework=version.framework)
    deliberations_create(plan, people, version, 0, plan.deliberations)

    built = plan_build()
    assert plan_build()["supervisors"] == built["supervisors"]  # the key is given once
    pages = {"supervisors": reverse("review:queue"), "admins": reverse("audit:list")}
    for role, page in pages.items():
        client = Client()
        username = built[role][0]["username"]
        signed_in = client.post(reverse("account_login"), {"login": username, "password": PASSWORD})
        assert signed_in["Location"] == "/accounts/2fa/authenticate/"
        code = pyotp.TOTP(built["totp_secret"]).now()
        assert client.post(signed_in["Location"], {"code": code}).status_code == 302
        assert client.get(page).status_code == 200

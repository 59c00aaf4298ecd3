"""Adding a jurisdiction (ISO 3166-2 style code, name, country), then its rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db
URL = reverse("jurisdictions:jurisdiction_new")


def test_it_adds_a_jurisdiction_and_goes_on_to_its_first_rule(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"code": "au-vic", "name": "Victoria", "country": "AU"})
    assert Jurisdiction.objects.filter(code="AU-VIC", name="Victoria", country="AU").exists()
    assert response.url == reverse("jurisdictions:rule_new") + "?jurisdiction=AU-VIC"


def test_it_refuses_a_malformed_code_and_keeps_what_was_typed(client, editor):
    client.force_login(editor)
    html = client.post(URL, {"code": "Victoria", "name": "Victoria", "country": "AU"}).content
    assert b"&quot;VICTORIA&quot; is not a code like US-CA or GB-ENG." in html
    assert b'value="Victoria"' in html and not Jurisdiction.objects.exists()


def test_it_refuses_a_country_that_is_not_the_codes(client, editor):
    client.force_login(editor)
    html = client.post(URL, {"code": "AU-VIC", "name": "Victoria", "country": "NZ"}).content
    assert b"The country of AU-VIC is AU, not NZ." in html


def test_it_refuses_a_known_code(client, editor, rule):
    client.force_login(editor)
    html = client.post(URL, {"code": "US-CA", "name": "California", "country": "US"}).content
    assert b"US-CA is already a jurisdiction." in html

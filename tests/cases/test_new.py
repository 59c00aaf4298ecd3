"""New deliberation: start on a framework the clinic may use, refuse names, fast-path risk."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Deliberation, Status, Urgency
from tests.factories import (
    ClinicAdminFactory,
    ClinicFactory,
    FrameworkFactory,
    FrameworkVersionFactory,
    PublishedVersionFactory,
    SupervisorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("cases:new")


@pytest.fixture
def world():
    clinic = ClinicFactory()
    integrated = FrameworkFactory(
        clinic=None, name="Integrated worksheet", is_builtin_default=True, summary="All four."
    )
    outdated = PublishedVersionFactory(framework=integrated)
    return {
        "clinic": clinic,
        "outdated": outdated,
        "default": PublishedVersionFactory(framework=integrated),
        "principles": PublishedVersionFactory(
            framework__clinic=None,
            framework__name="Principles",
            framework__suggested_for="confusion",
            framework__summary="Kitchener's principles, step by step.",
        ),
        "own": PublishedVersionFactory(framework__clinic=clinic, framework__name="Our own"),
        "draft": FrameworkVersionFactory(framework__clinic=clinic),
        "foreign": PublishedVersionFactory(framework__clinic=ClinicFactory()),
    }


@pytest.fixture
def clinician(client, world):
    user = UserFactory(clinic=world["clinic"])
    client.force_login(user)
    return user


def _data(world, **overrides) -> dict:
    return {
        "title": "Keep a disclosure from the partner?",
        "client_reference": "CR-1042",
        "urgency": "routine",
        "feeling": "",
        "framework": world["default"].pk,
        **overrides,
    }


def _selected(content: str) -> list[str]:
    return re.findall(r'<option value="(\d+)" selected>', content)


def test_it_shows_the_form_to_a_clinician(client, clinician):
    assert client.get(URL).status_code == 200


def test_it_shows_the_form_to_a_supervisor(client, world):
    client.force_login(SupervisorFactory(clinic=world["clinic"]))
    assert client.get(URL).status_code == 200


def test_it_refuses_clinic_admins(client, world):
    client.force_login(ClinicAdminFactory(clinic=world["clinic"]))
    assert client.get(URL).status_code == 403


def test_it_refuses_clinic_admins_posting(client, world):
    client.force_login(ClinicAdminFactory(clinic=world["clinic"]))
    assert client.post(URL, _data(world)).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_refuses_other_methods(client, clinician):
    assert client.put(URL).status_code == 405


def test_it_preselects_the_builtin_default(client, clinician, world):
    assert _selected(client.get(URL).content.decode()) == [str(world["default"].pk)]


def test_it_preselects_the_clinics_own_default(client, clinician, world):
    world["clinic"].default_framework = world["own"].framework
    world["clinic"].save()
    assert _selected(client.get(URL).content.decode()) == [str(world["own"].pk)]


def test_it_offers_only_the_startable_versions(client, clinician, world):
    options = re.findall(r'<option value="(\d+)"', client.get(URL).content.decode())
    assert sorted(options) == sorted(str(world[k].pk) for k in ("default", "principles", "own"))


def test_it_describes_each_framework_and_its_feeling(client, clinician):
    content = client.get(URL).content.decode()
    assert "Kitchener&#x27;s principles, step by step." in content
    assert "Suggested when it feels like confusion." in content


def test_it_groups_the_radios_in_fieldsets(client, clinician):
    content = client.get(URL).content.decode()
    assert "<legend>Urgency" in content
    assert "<legend>How does this dilemma feel right now?</legend>" in content


def test_it_loads_its_script_without_inline_code_or_styles(client, clinician):
    content = client.get(URL).content.decode()
    assert "js/new-deliberation.js" in content
    assert re.findall(r"<script(?![^>]*\bsrc=)", content) == []
    assert " style=" not in content


def test_it_creates_the_deliberation_and_opens_it(client, clinician, world):
    response = client.post(URL, _data(world))
    deliberation = Deliberation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[deliberation.pk])


def test_it_records_what_was_entered(client, clinician, world):
    client.post(URL, _data(world, urgency="urgent", framework=world["own"].pk))
    deliberation = Deliberation.objects.get()
    assert (
        deliberation.owner,
        deliberation.clinic,
        deliberation.framework_version,
        deliberation.title,
        deliberation.client_reference,
        deliberation.urgency,
        deliberation.status,
    ) == (
        clinician,
        world["clinic"],
        world["own"],
        "Keep a disclosure from the partner?",
        "CR-1042",
        Urgency.URGENT,
        Status.DRAFT,
    )


def test_it_opens_the_fast_path_for_imminent_risk(client, clinician, world):
    response = client.post(URL, _data(world, urgency="imminent"))
    deliberation = Deliberation.objects.get()
    assert response["Location"] == reverse("cases:urgent", args=[deliberation.pk])


def test_it_keeps_what_was_typed_when_invalid(client, clinician, world):
    data = _data(world, title="", client_reference="JS 2291", urgency="urgent", feeling="anxiety")
    content = client.post(URL, data).content.decode()
    assert 'value="JS 2291"' in content
    assert re.search(r'value="urgent"[^>]*checked', content)
    assert re.search(r'value="anxiety"[^>]*checked', content)


def test_it_shows_the_error_by_the_field(client, clinician, world):
    response = client.post(URL, _data(world, title=""))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<div class="field__error" id="id_title_error"><p>This field is required.</p>' in content
    assert not Deliberation.objects.exists()


def test_it_shows_a_radio_groups_error_by_the_group(client, clinician, world):
    content = client.post(URL, _data(world, urgency="")).content.decode()
    assert 'id="id_urgency_error"><p>This field is required.</p>' in content


def test_it_refuses_a_name_as_client_reference(client, clinician, world):
    content = client.post(URL, _data(world, client_reference="John Smith")).content.decode()
    assert "This looks like a name. Use a chart number or initials instead." in content
    assert not Deliberation.objects.exists()


@pytest.mark.parametrize("reference", ["CR-1042", "J.S.", "JS 2291"])
def test_it_accepts_chart_numbers_and_initials(client, clinician, world, reference):
    client.post(URL, _data(world, client_reference=reference))
    assert Deliberation.objects.get().client_reference == reference


@pytest.mark.parametrize("version", ["foreign", "draft", "outdated", "unknown", "garbage"])
def test_it_refuses_a_framework_that_cannot_be_started(client, clinician, world, version):
    pk = {"unknown": 999_999, "garbage": "abc"}.get(version) or world[version].pk
    response = client.post(URL, _data(world, framework=pk))
    assert response.status_code == 200
    assert "Choose one of the frameworks listed" in response.content.decode()
    assert not Deliberation.objects.exists()


def test_it_suggests_a_framework_for_the_feeling_when_shown_again(client, clinician, world):
    content = client.post(URL, _data(world, title="", feeling="confusion")).content.decode()
    assert "Suggested: Principles — you can choose any." in content


def test_it_warns_about_identifiers_in_the_title_without_blocking(client, clinician, world):
    response = client.post(URL, _data(world, title="Call back on 555-123-4567?"))
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert Deliberation.objects.exists()
    assert warnings == [
        "Title: Looks like a phone number. Leave contact details out of the deliberation."
    ]


def test_it_explains_when_no_framework_is_published(client):
    client.force_login(UserFactory())
    assert "No framework is published for your clinic yet" in client.get(URL).content.decode()

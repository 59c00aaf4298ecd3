"""Stakeholder, option and consultation rows: added, saved and removed in place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Consequence, Option, Stakeholder
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _add(client, d, key="stakeholders", kind="stakeholders", **extra):
    return client.post(reverse("cases:row_add", args=[d.pk, key, kind]), {"tab": "t"}, **extra)


def test_it_adds_a_row_in_place_for_htmx(owner_client, deliberation):
    response = _add(owner_client, deliberation, **HTMX)
    row = Stakeholder.objects.get(deliberation=deliberation)
    content = response.content.decode()
    assert content.lstrip().startswith(f'<li class="card row-card" id="row-stakeholders-{row.pk}"')
    assert "data-new-row" in content


def test_it_adds_a_row_and_redirects_without_javascript(owner_client, deliberation):
    response = _add(owner_client, deliberation)
    row = Stakeholder.objects.get(deliberation=deliberation)
    assert response["Location"].endswith(f"#row-stakeholders-{row.pk}")


def test_it_saves_a_row(owner_client, deliberation):
    _add(owner_client, deliberation)
    row = Stakeholder.objects.get()
    p = f"stakeholders-{row.pk}"
    data = {"revision": "2", "tab": "t", f"{p}-name": "The client", f"{p}-kind": "client"}
    data |= {f"{p}-involved": "yes", f"{p}-involvement": "Agreed to the plan in session."}
    response = owner_client.post(
        reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk]),
        data,
        **HTMX,
    )
    assert "Saved " in response.content.decode()
    row.refresh_from_db()
    assert (row.name, row.kind, row.involved) == ("The client", "client", "yes")


def test_it_keeps_a_row_blank_name_out_and_says_so(owner_client, deliberation):
    _add(owner_client, deliberation)
    row = Stakeholder.objects.get()
    p = f"stakeholders-{row.pk}"
    response = owner_client.post(
        reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk]),
        {"revision": "2", f"{p}-name": "", f"{p}-interests": "Keep working."},
        **HTMX,
    )
    assert "This field is required." in response.content.decode()
    row.refresh_from_db()
    assert row.interests == "Keep working."


def test_it_removes_a_row_and_what_depended_on_it(owner_client, deliberation):
    option = Option.objects.create(deliberation=deliberation, label="Warn")
    person = Stakeholder.objects.create(deliberation=deliberation, name="Partner")
    Consequence.objects.create(option=option, stakeholder=person, impact=2, likelihood=50)
    url = reverse(
        "cases:row_remove", args=[deliberation.pk, "stakeholders", "stakeholders", person.pk]
    )
    owner_client.post(url, {"tab": "t"}, **HTMX)
    assert not Stakeholder.objects.exists()
    assert not Consequence.objects.exists()


def test_it_refuses_a_row_kind_that_does_not_belong_to_the_step(owner_client, deliberation):
    response = _add(owner_client, deliberation, key="dilemma", kind="stakeholders")
    assert response.status_code == 404


def test_it_refuses_another_deliberations_row(owner_client, deliberation, integrated):
    from cases.services import deliberation_create

    other = deliberation_create(
        owner=UserFactory(), title="t", client_reference="X-1", framework_version=integrated
    )
    row = Stakeholder.objects.create(deliberation=other, name="Not yours")
    url = reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk])
    assert owner_client.post(url, {"revision": "1"}).status_code == 404
    url = reverse("cases:row_remove", args=[other.pk, "stakeholders", "stakeholders", row.pk])
    assert owner_client.post(url).status_code == 404
    assert Stakeholder.objects.filter(pk=row.pk).exists()


def test_it_refuses_get_on_row_urls(owner_client, deliberation):
    url = reverse("cases:row_add", args=[deliberation.pk, "options", "options"])
    assert owner_client.get(url).status_code == 405


def test_it_shows_saved_rows_when_the_page_is_reloaded(owner_client, deliberation):
    Option.objects.create(deliberation=deliberation, label="Refer to a colleague")
    content = owner_client.get(reverse("cases:step", args=[deliberation.pk, "options"])).content
    assert b'value="Refer to a colleague"' in content


def test_it_lists_stakeholders_on_consequences_when_the_framework_has_no_stakeholder_step(
    owner_client, clinician, integrated
):
    from cases.services import deliberation_create
    from frameworks.models import Framework
    from frameworks.selectors import current_version

    version = current_version(Framework.objects.get(clinic=None, slug="principles"))
    d = deliberation_create(
        owner=clinician, title="t", client_reference="CR-9", framework_version=version
    )
    page = owner_client.get(reverse("cases:step", args=[d.pk, "consequences"])).content.decode()
    assert "+ Add stakeholder" in page
    response = _add(owner_client, d, key="consequences", kind="stakeholders")
    assert response.status_code == 302
    assert Stakeholder.objects.filter(deliberation=d).count() == 1

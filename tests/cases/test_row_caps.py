"""A deliberation holds a capped number of rows of each kind, so one user can't tie up a
worker (160 options x 160 stakeholders made the consequences page take 8 s)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import Deliberation

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
STEP_OF = {"stakeholders": "stakeholders", "options": "options", "consultations": "consultation"}


def _fill(d, kind: str) -> None:
    model = getattr(d, ROW_FORMS[kind][1]).model
    model.objects.bulk_create(model(deliberation=d, position=i + 1) for i in range(ROW_CAPS[kind]))


def _add(client, d, kind, **extra):
    url = reverse("cases:row_add", args=[d.pk, STEP_OF[kind], kind])
    return client.post(url, {"tab": "t"}, **extra)


def test_it_caps_rows_at_what_a_real_deliberation_needs():
    assert ROW_CAPS == {"stakeholders": 30, "options": 12, "consultations": 30}


@pytest.mark.parametrize("kind", list(ROW_CAPS))
def test_it_refuses_a_row_beyond_the_cap_with_the_reason(owner_client, deliberation, kind):
    _fill(deliberation, kind)
    revision = Deliberation.objects.get(pk=deliberation.pk).revision

    response = _add(owner_client, deliberation, kind, **HTMX)

    content = html.unescape(response.content.decode())
    assert f"Not saved: a deliberation holds at most {ROW_CAPS[kind]} {kind}" in content
    assert "X-Revision" not in response and response["HX-Reswap"] == "none"
    assert getattr(deliberation, ROW_FORMS[kind][1]).count() == ROW_CAPS[kind]
    assert Deliberation.objects.get(pk=deliberation.pk).revision == revision


def test_it_refuses_a_plain_add_beyond_the_cap_on_the_page(owner_client, deliberation):
    _fill(deliberation, "options")
    response = _add(owner_client, deliberation, "options")
    content = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Not saved: a deliberation holds at most 12 options" in content


def test_it_greys_out_the_add_button_at_the_cap(owner_client, deliberation):
    _fill(deliberation, "options")
    url = reverse("cases:step", args=[deliberation.pk, "options"])
    content = owner_client.get(url).content.decode()
    assert 'type="submit" class="button" disabled' in content
    assert "At most 12 options: remove one to add another." in content


def test_it_greys_out_the_add_button_when_the_last_allowed_row_is_added(owner_client, deliberation):
    _fill(deliberation, "options")
    deliberation.options.last().delete()
    response = _add(owner_client, deliberation, "options", **HTMX)
    content = response.content.decode()
    assert 'id="add-options"' in content and 'hx-swap-oob="true"' in content
    assert "disabled" in content

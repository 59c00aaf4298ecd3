"""A stakeholder's, option's or consultation's card (``{% row_card %}``, the ``row`` partial of
cases/step.html) is the markup of the template it replaced, byte for byte."""

from __future__ import annotations

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory

from cases.forms import ROW_FORMS
from cases.models import Consultation, Option, Stakeholder
from cases.worksheet import row_forms

pytestmark = pytest.mark.django_db

# The partial as it was written in cases/step.html before {% row_card %}.
TEMPLATE = """{% load tables %}
{% id_url 'cases:row_save' deliberation.pk step.key row_kind row.pk as save_url %}{% id_url 'cases:row_remove' deliberation.pk step.key row_kind row.pk as remove_url %}
<li class="card row-card" id="row-{{ row_kind }}-{{ row.pk }}"{% if new_row %} data-new-row{% endif %}>
  <form id="row-form-{{ row_kind }}-{{ row.pk }}" method="post" action="{{ save_url }}" novalidate
        {% if can_edit %}hx-post="{{ save_url }}" hx-trigger="input delay:800ms, change" hx-swap="none" hx-sync="this:queue last" data-autosave="{{ deliberation.pk }}:{{ step.key }}:{{ row_kind }}:{{ row.pk }}"{% endif %}>
    {% csrf_token %}
    <input type="hidden" name="revision" value="{{ deliberation.revision }}">
    <input type="hidden" name="tab" value="{{ tab }}">
    <div class="row-card__fields">{% for field in row_form %}{{ field.as_field_group }}{% endfor %}</div>
    {% if can_edit %}
    <div class="row-card__actions">
      <button type="submit" class="button button--small">Save<span class="visually-hidden"> {{ singular }}</span></button>
      <button type="submit" class="button button--small button--danger" formaction="{{ remove_url }}" hx-post="{{ remove_url }}" hx-target="#row-{{ row_kind }}-{{ row.pk }}" hx-swap="delete" hx-confirm="Remove this {{ singular }}? What you wrote for it is deleted.">Remove<span class="visually-hidden"> {{ singular }} {{ row }}</span></button>
    </div>
    {% endif %}
  </form>
</li>
"""  # noqa: E501


@pytest.fixture
def rows(deliberation):
    tricky = 'Zoë\'s "partner" <b>& co</b>'
    Stakeholder.objects.create(deliberation=deliberation, position=1, name=tricky, kind="client")
    Stakeholder.objects.create(deliberation=deliberation, position=2, name="")
    Option.objects.create(deliberation=deliberation, position=1, label=tricky, description="x")
    Consultation.objects.create(
        deliberation=deliberation, position=1, consultant=tricky, consulted_on="2026-11-02"
    )
    return deliberation


@pytest.mark.parametrize("kind", list(ROW_FORMS))
@pytest.mark.parametrize("can_edit", [True, False])
@pytest.mark.parametrize("new_row", [True, False])
def test_it_writes_a_row_card_as_the_template_did(rows, clinician, kind, can_edit, new_row):
    request = RequestFactory().get("/")
    request.user = clinician
    step = next(s for s in rows.framework_version.spec.steps if s.key in (kind, kind.rstrip("s")))
    old = engines["django"].from_string(TEMPLATE)
    new = get_template("cases/step.html#row")
    cards = row_forms(rows, kind)
    assert cards
    for row, form in cards:
        context = {
            "deliberation": rows,
            "step": step,
            "row_kind": kind,
            "row": row,
            "row_form": form,
            "can_edit": can_edit,
            "new_row": new_row,
            "tab": "tab-1234",
            "singular": ROW_FORMS[kind][2],
            "csrf_token": "token-1234",
        }
        mine = new.render(context, request)
        assert mine == old.render(context, request)
        assert 'name="csrfmiddlewaretoken" value="token-1234"' in mine

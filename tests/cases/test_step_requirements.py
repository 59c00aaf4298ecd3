"""Every step says what signing will need from it: the fields are marked (from the one rule
in cases.steps), a legend explains the mark, and a short list says what the step still lacks.
The comment box is not marked as if the step needed a comment."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cases.forms import ROW_FORMS
from cases.models import Option, Stakeholder
from cases.steps import HANDLERS
from tests.factories import INTEGRATED_STEPS

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NEEDED = (
    ' <span class="required" aria-hidden="true">*</span>'
    '<span class="visually-hidden"> (needed before you can sign)</span>'
)
LEGEND = "needed before you can sign</p>"


def _page(client, d, key) -> str:
    response = client.get(reverse("cases:step", args=[d.pk, key]))
    assert response.status_code == 200
    return response.content.decode()


def _label(content: str, field_id: str) -> str:
    match = re.search(rf'<label for="{field_id}">(.*?)</label>', content, re.S)
    assert match, field_id
    return match.group(1)


def _needs_box(content: str) -> str:
    match = re.search(r'<div id="step-needs"[^>]*>(.*?)</div>', content, re.S)
    assert match
    return match.group(1)


def test_it_marks_the_fields_signing_needs_on_the_dilemma_step(owner_client, deliberation):
    content = _page(owner_client, deliberation, "dilemma")
    assert LEGEND in content
    assert NEEDED in _label(content, "id_facts")
    assert NEEDED in _label(content, "id_question")
    assert "Kind of dilemma" + NEEDED in content  # a group of checkboxes: its legend
    assert NEEDED not in _label(content, "id_assumptions")
    assert NEEDED not in _label(content, "id_title")


def test_it_does_not_mark_the_comment_box_as_needed(owner_client, deliberation):
    content = _page(owner_client, deliberation, "dilemma")
    assert '<label for="id_text">Comment</label>' in content


def test_it_lists_what_the_step_still_lacks(owner_client, deliberation):
    box = _needs_box(_page(owner_client, deliberation, "dilemma"))
    assert "Still needed on this step before you can sign" in box
    assert "List at least one fact." in box
    assert "State the dilemma as “Should I … or …?”." in box


def test_it_says_when_the_step_has_everything_signing_needs(owner_client, deliberation):
    deliberation.facts = ["The client disclosed a diagnosis."]
    deliberation.question = "Should I tell the partner, or keep the confidence?"
    deliberation.kinds = ["ethical"]
    deliberation.save()
    box = _needs_box(_page(owner_client, deliberation, "dilemma"))
    assert "This step has everything signing needs." in box
    assert "<li>" not in box


def test_it_updates_what_the_step_lacks_when_an_autosave_stores_a_field(owner_client, deliberation):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    response = owner_client.post(
        url,
        {"revision": deliberation.revision, "tab": "t", "facts": "The client disclosed it."},
        **HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    match = re.search(r'<div id="step-needs"[^>]*hx-swap-oob="true">(.*?)</div>', content, re.S)
    assert match
    assert "List at least one fact." not in match.group(1)
    assert "State the dilemma" in match.group(1)


def test_it_marks_the_row_fields_signing_needs(owner_client, deliberation):
    option = Option.objects.create(deliberation=deliberation, label="")
    client_row = Stakeholder.objects.create(deliberation=deliberation, name="", kind="client")
    other = Stakeholder.objects.create(deliberation=deliberation, name="", kind="family")
    content = _page(owner_client, deliberation, "options")
    assert NEEDED in _label(content, f"id_options-{option.pk}-label")
    assert NEEDED not in _label(content, f"id_options-{option.pk}-description")
    content = _page(owner_client, deliberation, "stakeholders")
    assert NEEDED in _label(content, f"id_stakeholders-{client_row.pk}-involved")
    assert NEEDED in _label(content, f"id_stakeholders-{other.pk}-name")
    assert NEEDED not in _label(content, f"id_stakeholders-{other.pk}-involved")


def test_it_marks_the_matrix_columns_signing_needs(owner_client, deliberation):
    for i in range(2):
        Option.objects.create(deliberation=deliberation, position=i, label=f"Option {i}")
    content = _page(owner_client, deliberation, "principles")
    assert "Mark" + NEEDED + "</th>" in content
    assert "Why (one line)" + NEEDED + "</th>" in content
    assert NEEDED in _label(content, "id_principle_priority")
    assert NEEDED not in _label(content, "id_principle_conflicts")
    assert "Mark every option against every principle (12 cells open)." in _needs_box(content)


@pytest.mark.parametrize("key", INTEGRATED_STEPS)
def test_it_marks_only_fields_the_step_has(owner_client, deliberation, key):
    """The rule names real fields: each name the handler lists exists on the step's form."""
    for i in range(2):
        Option.objects.create(deliberation=deliberation, position=i, label=f"Option {i}")
    Stakeholder.objects.create(deliberation=deliberation, name="Client", kind="client")
    definition = deliberation.framework_version.spec
    step = definition.step(key)
    handler = HANDLERS[step.kind]
    form = handler.build_form(deliberation, definition, step)
    for name in handler.needed_fields():
        assert any(f == name or (name.endswith("__") and f.startswith(name)) for f in form.fields)
    for kind in handler.row_kinds(definition):
        fields = ROW_FORMS[kind][0].base_fields
        assert set(handler.needed_fields(row=Stakeholder(kind="client"))) <= set(fields)
    content = _page(owner_client, deliberation, key)
    if handler.needed_fields() or handler.row_needs:
        assert LEGEND in content

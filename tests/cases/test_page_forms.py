"""A step page's GET writes its fields without Django forms (ethicsdesk/page_fields.py): the
HTML is the one the bound Django forms render, byte for byte, for every step of every
built-in framework, editable and read-only."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.examples import _build, example_specs
from cases.forms import StakeholderForm
from cases.models import Deliberation, Stakeholder
from ethicsdesk import page_fields
from frameworks.models import Framework
from frameworks.selectors import current_version

pytestmark = pytest.mark.django_db

# What differs between two GETs of one page: the CSRF token, the tab's id.
VARYING = re.compile(
    r'(csrfmiddlewaretoken" value=|worksheet-tab" content=|name="tab" value=|CSRFToken": )"[^"]*"'
)


def _django_form(fields: dict, initial: dict) -> forms.Form:
    form = forms.Form(initial=initial, auto_id="id_%s")
    form.fields.update(fields)
    return form


def _django_model_form(form_class, instance, *, prefix: str) -> forms.ModelForm:
    return form_class(instance=instance, prefix=prefix)


@pytest.fixture
def bound_forms(monkeypatch):
    """Build the Django forms on a GET, as before ethicsdesk.page_fields."""

    def use() -> None:
        monkeypatch.setattr(page_fields, "page_form", _django_form)
        monkeypatch.setattr(page_fields, "page_model_form", _django_model_form)

    return use


@pytest.fixture
def filled(clinician):
    """A deliberation on every built-in framework, every step filled (the first worked
    example's text)."""
    call_command("load_frameworks", verbosity=0)
    spec = example_specs()[0]
    return [
        _build(spec, owner=clinician, version=current_version(f), today=timezone.localdate())
        for f in Framework.objects.filter(clinic=None).order_by("slug")
    ]


def _pages(client, deliberations) -> dict[str, str]:
    pages = {}
    for d in deliberations:
        for step in d.framework_version.spec.steps:
            url = reverse("cases:step", args=[d.pk, step.key])
            response = client.get(url)
            assert response.status_code == 200, url
            pages[url] = VARYING.sub(r"\1", response.content.decode())
    return pages


def test_it_writes_every_step_of_every_builtin_framework_as_the_forms_do(
    owner_client, filled, bound_forms
):
    assert {d.framework_version.framework.slug for d in filled} >= {
        "integrated",
        "principles",
        "stakeholders",
        "utilitarian",
        "virtue",
    }
    written = _pages(owner_client, filled)
    bound_forms()
    rendered = _pages(owner_client, filled)
    assert written == rendered
    assert sum(page.count('class="field') for page in written.values()) > 400


def test_it_writes_a_read_only_step_as_the_forms_do(owner_client, filled, bound_forms):
    Deliberation.objects.filter(pk__in=[d.pk for d in filled]).update(
        status="signed", signed_at=timezone.now()
    )
    written = _pages(owner_client, filled)
    assert all(" disabled" in page for url, page in written.items() if "dilemma" in url)
    bound_forms()
    assert written == _pages(owner_client, filled)


def test_it_builds_no_django_form_for_a_step_page(owner_client, filled, monkeypatch):
    built = []
    original = forms.BaseForm.__init__

    def counting(self, *args, **kwargs):
        built.append(type(self).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(forms.BaseForm, "__init__", counting)
    _pages(owner_client, filled[:1])
    assert built == []


def test_it_keeps_a_row_pages_changes_to_its_own_fields(deliberation):
    """A read-only page disables its rows' fields (the colleague's page of consults): the
    row form's class, and every later form of it, stay editable."""
    row = Stakeholder.objects.create(deliberation=deliberation, position=1, name="Client")
    page = page_fields.page_model_form(StakeholderForm, row, prefix="stakeholders-1")
    for field in page.fields.values():
        field.disabled = True
        field.widget.attrs["data-x"] = "1"
    assert not any(f.disabled for f in StakeholderForm.base_fields.values())
    again = page_fields.page_model_form(StakeholderForm, row, prefix="stakeholders-1")
    assert "disabled" not in str(again["name"]) and "data-x" not in str(again["name"])
    assert StakeholderForm({"name": "Typed"}, instance=row).fields["name"].disabled is False

"""Codes and law: the provisions the framework links to this step come first, the others
fold away unless ticked, a filter box (a small script) narrows the list, and every note box
has a visible label naming its provision."""

from __future__ import annotations

import copy
import re

import pytest
from django.urls import reverse

from cases.models import ProvisionNote
from cases.services import deliberation_create
from tests.factories import PublishedVersionFactory

pytestmark = pytest.mark.django_db
LINKED = ["duty-to-protect", "confidentiality", "informed-consent"]


@pytest.fixture
def focused(integrated, clinician):
    """A clinic's adaptation whose Codes and law step points to three provisions."""
    definition = copy.deepcopy(integrated.definition)
    step = next(s for s in definition["steps"] if s["kind"] == "codes_law")
    step["provisions"] = LINKED
    version = PublishedVersionFactory(framework__clinic=clinician.clinic, definition=definition)
    return deliberation_create(
        owner=clinician, title="Focused codes", client_reference="CR-1", framework_version=version
    )


def _page(client, d) -> str:
    response = client.get(reverse("cases:step", args=[d.pk, "codes_law"]))
    assert response.status_code == 200
    return response.content.decode()


def _split(content: str) -> tuple[str, str]:
    """The part before "Other provisions" and the folded part."""
    start = content.index('<fieldset class="provision-picker"')
    fold = content.index('<details class="provision-more"', start)
    end = content.index("</fieldset>", fold)
    return content[start:fold], content[fold:end]


def test_it_shows_the_provisions_linked_to_the_step_first_and_folds_the_rest(owner_client, focused):
    shown, folded = _split(_page(owner_client, focused))
    ids = re.findall(r'id="id_applies__([\w-]+)"', shown)
    assert ids == LINKED  # in the step's own order
    others = len(focused.framework_version.definition["provisions"]) - len(LINKED)
    assert f"<summary>Other provisions ({others})</summary>" in folded
    assert 'id="id_applies__boundaries"' in folded


def test_it_keeps_ticked_provisions_in_view(owner_client, focused):
    ProvisionNote.objects.create(deliberation=focused, provision_key="boundaries", note="Gifts.")
    shown, folded = _split(_page(owner_client, focused))
    assert 'id="id_applies__boundaries"' in shown
    assert 'id="id_applies__boundaries"' not in folded
    others = len(focused.framework_version.definition["provisions"]) - len(LINKED) - 1
    assert f"<summary>Other provisions ({others})</summary>" in folded


def test_it_labels_every_note_box_visibly_with_its_provision(owner_client, deliberation):
    content = _page(owner_client, deliberation)
    provisions = deliberation.framework_version.definition["provisions"]
    for p in provisions:
        label = f'<label for="id_note__{p["key"]}">How it bears on this case: {p["topic"]}</label>'
        assert label in content
    assert 'class="visually-hidden" for="id_note__' not in content


def test_it_offers_a_filter_box_from_its_own_script(owner_client, deliberation):
    content = _page(owner_client, deliberation)
    assert '<script src="/static/js/provision-filter.js" defer></script>' in content
    assert '<label for="provision-filter">Find a provision</label>' in content
    # No "Other provisions" when the step points to every provision (the built-ins do).
    assert "Other provisions" not in content

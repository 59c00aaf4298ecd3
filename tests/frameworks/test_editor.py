"""The draft editor: each change saves, answers htmx with its part, and keeps bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Clinic
from frameworks.models import Framework, FrameworkVersion
from tests.factories import ClinicAdminFactory, FrameworkVersionFactory, PublishedVersionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft():
    return FrameworkVersionFactory()


@pytest.fixture
def admin(client, draft):
    user = ClinicAdminFactory(clinic=draft.framework.clinic)
    client.force_login(user)
    return user


def _steps(version) -> list[str]:
    version.refresh_from_db()
    return [s["key"] for s in version.definition["steps"]]


def _step_data(**overrides) -> dict:
    return {
        "title": "Name the dilemma",
        "guidance": "First paragraph.\n\nSecond paragraph.",
        "prompts": "What happened?\n\nWho is affected?",
        "questions": "Has the client's safety plan been reviewed?",
        "provisions": ["confidentiality", "duty-to-protect"],
        **overrides,
    }


def test_it_saves_a_step_and_answers_htmx_with_the_step_card(client, admin, draft):
    url = reverse("frameworks:step_save", args=[draft.pk, "dilemma"])
    response = client.post(url, _step_data(), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<li class="card step-card" id="step-dilemma"')
    assert "Saved." in content
    draft.refresh_from_db()
    step = draft.definition["steps"][0]
    assert step["prompts"] == ["What happened?", "Who is affected?"]
    assert step["questions"] == [
        {"key": "q1", "text": "Has the client's safety plan been reviewed?"}
    ]
    assert step["provisions"] == ["confidentiality", "duty-to-protect"]


def test_it_keeps_what_was_typed_when_a_step_is_invalid(client, admin, draft):
    url = reverse("frameworks:step_save", args=[draft.pk, "dilemma"])
    response = client.post(url, _step_data(title="", guidance="My careful guidance."), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content
    assert "My careful guidance." in content
    assert 'aria-invalid="true"' in content
    draft.refresh_from_db()
    assert draft.definition["steps"][0]["title"] == "The dilemma"


def test_it_redisplays_the_whole_page_for_an_invalid_plain_post(client, admin, draft):
    url = reverse("frameworks:step_save", args=[draft.pk, "dilemma"])
    response = client.post(url, _step_data(title="", guidance="Kept without JavaScript."))
    assert response.status_code == 200
    assert "Kept without JavaScript." in response.content.decode()
    assert "<html" in response.content.decode()


def test_it_redirects_a_plain_post_back_to_the_step(client, admin, draft):
    url = reverse("frameworks:step_save", args=[draft.pk, "dilemma"])
    response = client.post(url, _step_data())
    assert response.status_code == 302
    assert response["Location"].endswith("#dilemma")


def test_it_moves_a_step_and_answers_with_the_step_list(client, admin, draft):
    url = reverse("frameworks:step_move", args=[draft.pk, "principles"])
    response = client.post(url, {"direction": "up"}, **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="steps"')
    assert _steps(draft) == ["dilemma", "principles", "options", "decision", "review_sign"]


def test_it_adds_a_step_before_review_and_sign(client, admin, draft):
    client.post(reverse("frameworks:step_add", args=[draft.pk]), {"kind": "stakeholders"}, **HTMX)
    assert _steps(draft) == [
        "dilemma",
        "options",
        "principles",
        "decision",
        "stakeholders",
        "review_sign",
    ]


def test_it_refuses_to_add_a_step_kind_twice(client, admin, draft):
    response = client.post(
        reverse("frameworks:step_add", args=[draft.pk]), {"kind": "options"}, **HTMX
    )
    assert "Options is already a step." in response.content.decode()
    assert len(_steps(draft)) == 5


def test_it_refuses_to_remove_a_step_a_rationale_needs(client, admin, draft):
    url = reverse("frameworks:step_remove", args=[draft.pk, "decision"])
    response = client.post(url, **HTMX)
    assert "needs a &#x27;decision&#x27; step" in response.content.decode()
    assert "decision" in _steps(draft)


def test_it_removes_an_optional_step(client, admin, draft):
    client.post(reverse("frameworks:step_remove", args=[draft.pk, "principles"]), **HTMX)
    assert "principles" not in _steps(draft)


def test_it_adds_edits_and_removes_a_provision(client, admin, draft):
    add = reverse("frameworks:item_add", args=[draft.pk, "provisions"])
    data = {
        "new-provisions-topic": "Informed consent",
        "new-provisions-text": "Explain the work and its limits.",
        "new-provisions-citation": "ACA A.2.a",
    }
    response = client.post(add, data, **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="provisions"')
    draft.refresh_from_db()
    added = draft.definition["provisions"][-1]
    assert (added["key"], added["safety_duty"]) == ("informed_consent", False)

    save = reverse("frameworks:item_save", args=[draft.pk, "provisions", "informed_consent"])
    client.post(
        save,
        {
            "provisions-informed_consent-topic": "Consent",
            "provisions-informed_consent-text": "Explain.",
            "provisions-informed_consent-citation": "ACA A.2",
        },
        **HTMX,
    )
    draft.refresh_from_db()
    assert draft.definition["provisions"][-1]["topic"] == "Consent"

    remove = reverse("frameworks:item_remove", args=[draft.pk, "provisions", "confidentiality"])
    client.post(remove, **HTMX)
    draft.refresh_from_db()
    assert "confidentiality" not in [p["key"] for p in draft.definition["provisions"]]
    assert draft.definition["steps"][0]["provisions"] == []


def test_it_keeps_a_half_filled_new_principle(client, admin, draft):
    add = reverse("frameworks:item_add", args=[draft.pk, "principles"])
    response = client.post(add, {"new-principles-name": "Fidelity"}, **HTMX)
    content = response.content.decode()
    assert 'value="Fidelity"' in content
    assert "This field is required." in content


def test_it_clones_a_builtin_into_the_clinics_own_framework(client, admin):
    builtin = PublishedVersionFactory(framework__clinic=None, framework__name="Integrated")
    response = client.post(reverse("frameworks:clone", args=[builtin.pk]))
    draft = FrameworkVersion.objects.get(framework__clinic=admin.clinic, based_on=builtin)
    assert response["Location"] == reverse("frameworks:version", args=[draft.pk])
    assert (draft.framework.name, draft.number, draft.definition) == (
        "Integrated (adapted)",
        1,
        builtin.definition,
    )


def test_it_returns_the_existing_draft_instead_of_a_second(client, admin, draft):
    published = PublishedVersionFactory(framework=draft.framework)
    client.post(reverse("frameworks:clone", args=[published.pk]))
    assert draft.framework.versions.filter(status="draft").count() == 1


def test_it_publishes_with_a_required_change_note(client, admin, draft):
    url = reverse("frameworks:publish", args=[draft.pk])
    assert "This field is required." in client.post(url, {"change_note": ""}).content.decode()
    client.post(url, {"change_note": "Added a consent question."})
    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == ("published", admin)


def test_it_shows_a_published_version_read_only(client, admin, draft):
    draft.status, draft.published_at = "published", draft.created_at
    draft.save()
    content = client.get(reverse("frameworks:version", args=[draft.pk])).content.decode()
    assert "Clone into a new draft" in content
    assert "Save step" not in content


def test_it_sets_the_clinic_default(client, admin):
    version = PublishedVersionFactory(framework__clinic=admin.clinic)
    client.post(reverse("frameworks:set_default", args=[version.framework.pk]))
    assert Clinic.objects.get(pk=admin.clinic.pk).default_framework == version.framework


def test_it_discards_a_draft_and_its_empty_framework(client, admin, draft):
    client.post(reverse("frameworks:discard", args=[draft.pk]))
    assert not Framework.objects.filter(pk=draft.framework.pk).exists()


def test_it_previews_each_step_read_only(client, admin, draft):
    response = client.get(reverse("frameworks:preview_step", args=[draft.pk, "options"]))
    content = response.content.decode()
    assert "Guidance for Options." in content
    assert 'aria-current="step"' in content


def test_it_previews_the_principles_a_principles_step_weighs(client, admin, draft):
    response = client.get(reverse("frameworks:preview_step", args=[draft.pk, "principles"]))
    content = response.content.decode()
    assert "<h2>Principles weighed for each option</h2>" in content
    assert "<dt>Justice</dt><dd>Treat like cases alike.</dd>" in content


def test_it_previews_no_principles_on_other_steps(client, admin, draft):
    response = client.get(reverse("frameworks:preview_step", args=[draft.pk, "options"]))
    assert "Principles weighed for each option" not in response.content.decode()

"""Saving a step: as the clinician types (htmx) or by plain POST; nothing typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Deliberation, Option, PrincipleMark, Stakeholder
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(d, key):
    return reverse("cases:step", args=[d.pk, key])


def _dilemma(**overrides):
    return {
        "title": "Disclosure of a partner's HIV status",
        "client_reference": "CR-2291",
        "facts": (
            "Client disclosed a positive result on 3 March.\nClient has not told their partner."
        ),
        "assumptions": "The partner may be at risk.",
        "question": "Should I keep the disclosure confidential or warn the partner?",
        "kinds": ["ethical", "legal"],
        "urgency": "urgent",
        "revision": "1",
        "tab": "tab-a",
        **overrides,
    }


def test_it_saves_the_dilemma_and_answers_with_the_status(owner_client, deliberation):
    response = owner_client.post(_url(deliberation, "dilemma"), _dilemma(), **HTMX)
    assert response.status_code == 200
    assert "Saved " in response.content.decode()
    d = Deliberation.objects.get(pk=deliberation.pk)
    assert d.facts == [
        "Client disclosed a positive result on 3 March.",
        "Client has not told their partner.",
    ]
    assert (d.assumptions, d.kinds, d.urgency) == (
        ["The partner may be at risk."],
        ["ethical", "legal"],
        "urgent",
    )
    assert int(response["X-Revision"]) == d.revision == 2


def test_it_saves_valid_fields_and_reports_the_invalid_one(owner_client, deliberation):
    response = owner_client.post(
        _url(deliberation, "dilemma"), _dilemma(title="", question="Should I act?"), **HTMX
    )
    content = response.content.decode()
    assert "except the fields marked in red" in content
    assert 'id="id_title_error" hx-swap-oob="true"><p>This field is required.</p>' in content
    d = Deliberation.objects.get(pk=deliberation.pk)
    assert (d.title, d.question) == ("Disclosure of a partner's HIV status", "Should I act?")


def test_it_redisplays_a_plain_post_with_errors_and_everything_typed(owner_client, deliberation):
    response = owner_client.post(
        _url(deliberation, "dilemma"), _dilemma(title="", question="My exact words, kept.")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "My exact words, kept." in content
    assert "This field is required." in content


def test_it_redirects_a_plain_post_to_the_next_step_on_request(owner_client, deliberation):
    response = owner_client.post(_url(deliberation, "dilemma"), _dilemma(go="values_bias"))
    assert response["Location"] == _url(deliberation, "values_bias")


def test_it_warns_about_identifiers_without_blocking_the_save(owner_client, deliberation):
    response = owner_client.post(
        _url(deliberation, "dilemma"),
        _dilemma(facts="Call back on (555) 123-4567."),
        **HTMX,
    )
    assert 'id="id_facts_warning"' in response.content.decode()
    assert "phone" in response.content.decode().lower()
    assert Deliberation.objects.get(pk=deliberation.pk).facts == ["Call back on (555) 123-4567."]


def test_it_refuses_a_stale_save_from_another_tab_and_shows_both_texts(owner_client, deliberation):
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="Tab A's words."), **HTMX)
    response = owner_client.post(
        _url(deliberation, "dilemma"),
        _dilemma(question="Tab B's words.", tab="tab-b", revision="1"),
        **HTMX,
    )
    content = response.content.decode()
    assert "Not saved: this was changed in another window" in content
    assert "Tab A&#x27;s words." in content and "Tab B&#x27;s words." in content
    assert "X-Revision" not in response
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Tab A's words."


def test_it_lets_the_user_keep_their_text_after_seeing_the_conflict(owner_client, deliberation):
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="Tab A's words."), **HTMX)
    current = Deliberation.objects.get(pk=deliberation.pk).revision
    owner_client.post(
        _url(deliberation, "dilemma"),
        _dilemma(question="Tab B's words.", tab="tab-b", revision="1", overwrite_revision=current),
        **HTMX,
    )
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Tab B's words."


def test_it_does_not_call_saves_from_the_same_tab_a_conflict(owner_client, deliberation):
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="First."), **HTMX)
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="Second."), **HTMX)
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Second."


def test_it_does_not_conflict_across_different_steps(owner_client, deliberation):
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(), **HTMX)
    response = owner_client.post(
        _url(deliberation, "values_bias"),
        {"values": "Raised to keep family secrets.", "revision": "1", "tab": "tab-b"},
        **HTMX,
    )
    assert "Saved " in response.content.decode()


def test_it_conflicts_on_a_plain_post_too_and_keeps_the_text(owner_client, deliberation):
    owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="Tab A's words."), **HTMX)
    response = owner_client.post(
        _url(deliberation, "dilemma"), _dilemma(question="Typed offline.", tab="x", revision="1")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Typed offline." in content and "changed in another window" in content


def test_it_keeps_the_private_reflection_in_its_own_table(owner_client, deliberation):
    owner_client.post(
        _url(deliberation, "values_bias"),
        {"values": "My faith shapes how I see this.", "safeguards": "Consult.", "revision": "1"},
        **HTMX,
    )
    deliberation.reflection.refresh_from_db()
    assert deliberation.reflection.values == "My faith shapes how I see this."


def _options(d, n=2):
    return [
        Option.objects.create(deliberation=d, position=i, label=f"Option {i}") for i in range(n)
    ]


def test_it_saves_the_principles_matrix(owner_client, deliberation):
    a, b = _options(deliberation)
    data = {
        f"mark__{a.pk}__autonomy": "2",
        f"why__{a.pk}__autonomy": "Respects the client's choice.",
        f"mark__{b.pk}__autonomy": "-1",
        "principle_priority": "Non-maleficence first: a third party is at risk.",
        "revision": "1",
    }
    response = owner_client.post(_url(deliberation, "principles"), data, **HTMX)
    assert 'id="side-panel"' in response.content.decode()
    marks = {
        (m.option_id, m.principle_key): (m.strength, m.reason) for m in PrincipleMark.objects.all()
    }
    assert marks[(a.pk, "autonomy")] == (2, "Respects the client's choice.")
    assert marks[(b.pk, "autonomy")] == (-1, "")


def test_it_refuses_a_mark_out_of_range(owner_client, deliberation):
    a, _ = _options(deliberation)
    response = owner_client.post(
        _url(deliberation, "principles"), {f"mark__{a.pk}__autonomy": "7", "revision": "1"}, **HTMX
    )
    assert "Select a valid choice" in response.content.decode()
    assert not PrincipleMark.objects.exists()


def test_it_computes_the_expected_value_in_the_panel(owner_client, deliberation):
    a, b = _options(deliberation)
    client_row = Stakeholder.objects.create(deliberation=deliberation, name="Client", kind="client")
    partner = Stakeholder.objects.create(deliberation=deliberation, name="Partner")
    data = {
        f"impact__{a.pk}__{client_row.pk}": "2",
        f"likely__{a.pk}__{client_row.pk}": "75",
        f"impact__{a.pk}__{partner.pk}": "-3",
        f"likely__{a.pk}__{partner.pk}": "50",
        "revision": "1",
    }
    response = owner_client.post(_url(deliberation, "consequences"), data, **HTMX)
    # 2 × 0.75 + (−3) × 0.50 = 0.00
    assert "Expected value <strong>0.00</strong>" in response.content.decode()


def test_it_refuses_edits_from_another_clinician(client, deliberation):
    client.force_login(UserFactory(clinic=deliberation.clinic))
    response = client.post(_url(deliberation, "dilemma"), _dilemma(question="Not mine."))
    assert response.status_code == 404
    assert client.get(_url(deliberation, "dilemma")).status_code == 404
    assert Deliberation.objects.get(pk=deliberation.pk).question == ""


def test_it_refuses_edits_to_a_signed_deliberation(owner_client, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        status="signed", signed_at=timezone.now()
    )
    response = owner_client.post(_url(deliberation, "dilemma"), _dilemma(question="Late edit."))
    assert response.status_code == 403
    assert Deliberation.objects.get(pk=deliberation.pk).question == ""
    page = owner_client.get(_url(deliberation, "dilemma")).content.decode()
    assert "It can no longer be changed" in page
    assert 'name="question"' in page and "disabled" in page

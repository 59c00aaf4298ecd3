"""The htmx answer to an autosave, written in Python (cases/views/saving.py:
``autosave_fragment``, and ``{% step_needs %}`` in cases/templatetags/worksheet.py), writes
what the template partial and include it replaced wrote: saved, saved but for a field,
a conflict, the side panel, the imminent-risk banner, a row's form."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from cases import forms as case_forms
from cases.models import Option, Stakeholder, Urgency
from cases.selectors import Purpose, deliberation_get, deliberation_load
from cases.steps import HANDLERS
from cases.views import saving
from cases.worksheet import attach_warnings, needs_context, panel, shows_panel

pytestmark = pytest.mark.django_db

# templates/cases/_step_needs.html, which {% step_needs %} replaced.
NEEDS_BEFORE = """{% comment %}What this step still lacks before the deliberation can be signed (cases.steps:
step_missing, the rule Review and sign uses). Refreshed by every autosave (oob).{% endcomment %}
<div id="step-needs" class="step-needs{% if not signing_needs %} step-needs--none{% elif not step_missing %} step-needs--done{% endif %}"{% if oob %} hx-swap-oob="true"{% endif %}>
  {% if signing_needs %}
  {% if step_missing %}
  <p class="step-needs__title">Still needed on this step before you can sign:</p>
  <ul>{% for message in step_missing %}<li>{{ message }}</li>{% endfor %}</ul>
  {% else %}
  <p class="step-needs__title"><span aria-hidden="true">✓</span> This step has everything signing needs.</p>
  {% endif %}
  {% endif %}
</div>
"""  # noqa: E501

# cases/step.html's ``autosave`` partial; its own partials and include as they are now.
ANSWER_BEFORE = (
    """{% load worksheet %}
<p id="save-status" class="save-status{% if not saved %} save-status--error{% elif partial %} save-status--warn{% endif %}" role="status" aria-live="polite" hx-swap-oob="true" data-saved="{{ saved|yesno:'1,0' }}">{% if conflict %}Not saved: this was changed in another window or device. Your text is kept; compare them above.{% elif partial %}Saved {{ saved_at|time:"H:i" }}, except the fields marked in red.{% else %}Saved {{ saved_at|time:"H:i" }}{% endif %}</p>
{% if form %}{% field_messages form %}{% endif %}
{% with oob=True %}{% include "cases/step.html#conflict" %}{% if panel %}{% include "cases/step.html#panel" %}{% endif %}{% if handler.urgent_banner %}{% include "cases/_case_head.html#urgent-banner" %}{% endif %}{% endwith %}
{% state_badge state step.key oob=True %}
{% with oob=True %}"""  # noqa: E501
    + NEEDS_BEFORE
    + "{% endwith %}\n"
)

NOW = timezone.make_aware(datetime(2026, 11, 30, 9, 7))


def _before(request, d, step, form, conflict) -> str:
    """The old ``autosave_fragment``: its context, rendered through the partial."""
    deliberation_load(d, purpose=Purpose.ANSWER, step=step)
    attach_warnings(form)
    context = {
        "deliberation": d,
        "form": form,
        "step": step,
        "handler": HANDLERS[step.kind],
        "saved": conflict is None,
        "partial": bool(form.errors),
        "saved_at": timezone.localtime(NOW),
        "conflict": conflict,
        "panel": panel(d) if shows_panel(d, step) else None,
        "state": HANDLERS[step.kind].state(d, d.framework_version.spec, step),
        **needs_context(d, step),
    }
    return engines["django"].from_string(ANSWER_BEFORE).render(context, request)


def _both(monkeypatch, d, key, data, *, conflict=None, form_for=None) -> tuple[str, str]:
    real = timezone.localtime
    monkeypatch.setattr(
        saving.timezone, "localtime", lambda value=None, tz=None: real(value or NOW, tz)
    )
    request = RequestFactory().post(f"/deliberations/{d.pk}/steps/{key}/", data)
    answers = []
    for _ in range(2):
        fresh = deliberation_get(pk=d.pk)
        step = fresh.framework_version.spec.step(key)
        deliberation_load(fresh, purpose=Purpose.FORM, step=step)
        if form_for is None:
            spec = fresh.framework_version.spec
            form = HANDLERS[step.kind].build_form(fresh, spec, step, data=request.POST)
        else:
            form = form_for(request.POST)
        form.is_valid()
        answers.append((request, fresh, step, form))
    before = _before(*answers[0], conflict)
    after = saving.autosave_fragment(*answers[1], conflict=conflict).content.decode()
    return before, after


def _dilemma(**overrides) -> dict:
    return {
        "title": "Disclosure <of> a partner's status",
        "client_reference": "CR-2291",
        "facts": "One fact\nAnother",
        "assumptions": "",
        "question": "Should I tell or keep it?",
        "kinds": ["legal"],
        "urgency": Urgency.ROUTINE,
        "revision": "1",
    } | overrides


def test_it_writes_the_saved_answer_of_the_dilemma(monkeypatch, deliberation):
    before, after = _both(monkeypatch, deliberation, "dilemma", _dilemma())
    assert after == before and "Saved 09:07</p>" in after and "urgent-banner" in after


def test_it_writes_the_answer_of_a_partly_saved_step(monkeypatch, deliberation):
    data = _dilemma(title="x" * 300, facts="Call 555-123-4567 about it", question="")
    before, after = _both(monkeypatch, deliberation, "dilemma", data)
    assert after == before and "except the fields marked in red" in after


def test_it_writes_the_imminent_risk_banner(monkeypatch, deliberation):
    deliberation.urgency = Urgency.IMMINENT
    deliberation.save(update_fields=["urgency"])
    before, after = _both(monkeypatch, deliberation, "dilemma", _dilemma(urgency="imminent"))
    assert after == before and 'class="urgent-banner" role="alert"' in after


def test_it_writes_the_conflict(monkeypatch, deliberation):
    conflict = {
        "form_id": "step-form",
        "fields": [{"label": "Title <t>", "mine": "Mine & yours", "theirs": ""}],
        "revision": 4,
        "changed_at": NOW,
    }
    before, after = _both(monkeypatch, deliberation, "dilemma", _dilemma(), conflict=conflict)
    assert after == before and "Not saved: this was changed" in after


def test_it_writes_the_side_panel_and_a_step_with_needs(monkeypatch, deliberation):
    options = Option.objects.bulk_create(
        Option(deliberation=deliberation, position=i, label=f"Option <{i}>") for i in range(2)
    )
    data = {"chosen_option_id": str(options[1].pk), "revision": "1"}
    before, after = _both(monkeypatch, deliberation, "decision", data)
    assert after == before and 'id="side-panel"' in after and 'id="step-needs"' in after


def test_it_writes_the_answer_to_a_row_saved(monkeypatch, deliberation):
    row = Stakeholder.objects.create(deliberation=deliberation, position=0, name="Partner")
    form_class = case_forms.ROW_FORMS["stakeholders"][0]
    prefix = f"stakeholders-{row.pk}"

    def form_for(data):
        return form_class(data, instance=row, prefix=prefix)

    data = {f"{prefix}-name": "Partner <P>", f"{prefix}-interests": "", "revision": "1"}
    before, after = _both(monkeypatch, deliberation, "stakeholders", data, form_for=form_for)
    assert after == before and f'id="id_{prefix}-name_error"' in after

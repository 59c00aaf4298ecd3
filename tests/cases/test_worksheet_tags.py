"""The stepper, state badges and side panel's options, written in Python
(cases/templatetags/worksheet.py), write what the templates they replaced wrote."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.template import engines

from cases.scoring import OptionScore

STEPPER_BEFORE = """{% load worksheet %}{% for s in stepper %}
      <li><a href="{{ s.url }}"{% if s.current %} aria-current="step"{% endif %}>
        <span class="stepper__n" aria-hidden="true">{{ s.number }}</span>
        <span class="stepper__title">{{ s.title }}</span>
        {% with open=open_by_step|get_item:s.key %}{% if open %}<span class="badge badge--warn comment-count">{{ open }}<span class="visually-hidden"> open comment{{ open|pluralize }}</span></span>{% endif %}{% endwith %}
        <span id="state-{{ s.key }}" class="state state--{{ s.state }}"{% if oob %} hx-swap-oob="true"{% endif %}>{% if s.state == "complete" %}<span aria-hidden="true">✓</span><span class="visually-hidden">complete</span>{% elif s.state == "started" %}<span aria-hidden="true">◐</span><span class="visually-hidden">started</span>{% else %}<span aria-hidden="true">○</span><span class="visually-hidden">not started</span>{% endif %}</span>

      </a></li>
    {% endfor %}"""  # noqa: E501

PANEL_BEFORE = """{% load worksheet %}{% for score in panel.scores %}
    <section class="panel-option">
      <h3>{{ score.label|default:"(unnamed option)" }}</h3>
      <p class="panel-score">Expected value <strong>{% if score.estimates %}{{ score.expected_value|floatformat:2 }}{% else %}—{% endif %}</strong>{% if score.estimates and score.expected_value == panel.best and panel.scores|length > 1 %} <span class="badge badge--info">highest</span>{% endif %}
        <span class="muted">({{ score.estimates }} of {{ score.cells }} estimates)</span></p>
      <ul class="marks" aria-label="Principle marks for {{ score.label }}">
        {% for p in panel.principles %}{% with m=score.marks|get_item:p.key %}
        <li class="mark mark--{% if m == None %}none{% elif m > 0 %}honour{% elif m < 0 %}breach{% else %}neutral{% endif %}" title="{{ p.name }}">{{ p.name|slice:":3" }} {% if m == None %}·{% elif m > 0 %}+{{ m }}{% else %}{{ m }}{% endif %}<span class="visually-hidden"> ({{ p.name }})</span></li>
        {% endwith %}{% endfor %}
      </ul>
      <p class="muted small">Honours {{ score.honours }}, breaches {{ score.breaches }}, net {{ score.net_principles }}.</p>
    </section>
    {% empty %}
    <p class="muted">Add options to compare them here.</p>
    {% endfor %}"""  # noqa: E501

STEPPER = [
    {
        "key": "dilemma",
        "title": "The <dilemma>",
        "state": "complete",
        "url": "/d/1/",
        "current": False,
        "number": 1,
    },  # noqa: E501
    {
        "key": "options",
        "title": "Options & more",
        "state": "started",
        "url": "/d/?a=1&b=2",
        "current": True,
        "number": 2,
    },  # noqa: E501
    {
        "key": "decision",
        "title": "Decision",
        "state": "empty",
        "url": "/d/3/",
        "current": False,
        "number": 3,
    },  # noqa: E501
]
PRINCIPLES = [
    SimpleNamespace(key=k, name=n)
    for k, n in [("a", "Autonomy"), ("b", "Bene<fit>"), ("j", "Justice"), ("n", "Non-harm")]
]  # noqa: E501


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("open_by_step", [{}, {"dilemma": 1}, {"options": 2, "decision": 0}])
def test_it_writes_the_stepper_the_template_wrote(open_by_step):
    mine = _render(
        "{% load worksheet %}{% stepper_items stepper open_by_step %}",
        stepper=STEPPER,
        open_by_step=open_by_step,
    )
    assert mine == _render(STEPPER_BEFORE, stepper=STEPPER, open_by_step=open_by_step)


@pytest.mark.parametrize("state", ["complete", "started", "empty"])
def test_it_writes_the_swapped_state_badge(state):
    mine = _render("{% load worksheet %}{% state_badge state 'k' oob=True %}", state=state)
    assert mine.startswith('<span id="state-k" class="state state--' + state + '" hx-swap-oob')


def _score(label: str, **kw) -> OptionScore:
    return OptionScore(option_id=1, label=label, **kw)


PANELS = [
    [],
    [_score("", estimates=0, cells=4, marks={})],
    [
        _score(
            "Tell <them>",
            expected_value=1.5,
            estimates=2,
            cells=4,
            honours=1,
            breaches=1,
            net_principles=0,
            marks={"a": 2, "b": -1, "j": 0},
        ),
        _score("Wait", expected_value=-0.25, estimates=4, cells=4, marks={"a": None, "n": 1}),
    ],
    [_score("Only", expected_value=3, estimates=1, cells=1, marks={"a": -2})],
]


@pytest.mark.parametrize("scores", PANELS)
def test_it_writes_the_panel_options_the_template_wrote(scores):
    best = max((s.expected_value for s in scores if s.estimates), default=None)
    panel = {"scores": scores, "principles": PRINCIPLES, "best": best}
    mine = _render("{% load worksheet %}{% panel_options panel %}", panel=panel)
    assert mine == _render(PANEL_BEFORE, panel=panel)


MESSAGES_BEFORE = """{% for field in form %}
{% if field.widget_type != "checkbox" %}<div class="field__error" id="{{ field.auto_id }}_error" hx-swap-oob="true">{% for error in field.errors %}<p>{{ error }}</p>{% endfor %}</div>{% endif %}
{% if field.warnings != None %}<div class="field__warning" id="{{ field.auto_id }}_warning" aria-live="polite" hx-swap-oob="true">{% for warning in field.warnings %}<p>{{ warning }}</p>{% endfor %}</div>{% endif %}
{% endfor %}"""  # noqa: E501


class _Form(forms.Form):
    title = forms.CharField(max_length=3)
    agree = forms.BooleanField()
    when = forms.DateField(required=False)
    note = forms.CharField(required=False)


@pytest.mark.parametrize(
    "data", [{"title": "<too long>", "when": "x"}, {"title": "ok", "agree": "on", "note": "y"}]
)
def test_it_writes_the_field_messages_the_template_wrote(data):
    form = _Form(data)
    form.is_valid()
    form["title"].warnings = ["Looks like a <name>"]
    form["when"].warnings = None
    form["note"].warnings = []  # "agree" has none at all
    mine = _render("{% load worksheet %}{% field_messages form %}", form=form)
    assert mine == _render(MESSAGES_BEFORE, form=form)

"""Bad input to the worksheet: step forms, row forms and the fast path never crash, and a
request whose fields are all invalid leaves the stored deliberation as it was."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cases.forms import ROW_FORMS
from cases.forms.urgent import UrgentForm
from cases.models import (
    Consequence,
    Consultation,
    CustomAnswer,
    Deliberation,
    Option,
    PrincipleMark,
    PrivateReflection,
    ProvisionNote,
    Stakeholder,
    VirtueReflection,
)
from cases.selectors import Purpose, deliberation_get
from cases.steps import HANDLERS
from tests.factories import INTEGRATED_STEPS
from tests.security.strategies import (
    ALLOWED,
    HTMX,
    any_for,
    bad_input_settings,
    extra_fields,
    huge_text,
    invalid_for,
    numberish,
    rolled_back,
    scalar,
    value,
)

pytestmark = pytest.mark.django_db

STEP_KEYS = INTEGRATED_STEPS
# (step key, row kind) of the integrated framework's row steps.
ROW_STEPS = [
    ("stakeholders", "stakeholders"),
    ("options", "options"),
    ("consultation", "consultations"),
]
# Columns no form sets: a request naming them must not reach them.
MASS_ASSIGNMENT = ["status", "owner", "owner_id", "signed_at", "framework_version", "progress"]
# Columns a save bumps whatever it carries; everything else is content.
VOLATILE = {"revision", "step_revisions", "updated_at", "progress"}


def snapshot(d: Deliberation) -> dict:
    """Everything a worksheet save could write, for one deliberation."""
    columns = [f.attname for f in Deliberation._meta.concrete_fields if f.attname not in VOLATILE]
    related = {
        "reflection": PrivateReflection.objects.filter(deliberation=d),
        "provision_notes": ProvisionNote.objects.filter(deliberation=d),
        "marks": PrincipleMark.objects.filter(option__deliberation=d),
        "consequences": Consequence.objects.filter(option__deliberation=d),
        "virtues": VirtueReflection.objects.filter(option__deliberation=d),
        "answers": CustomAnswer.objects.filter(deliberation=d),
        "stakeholders": Stakeholder.objects.filter(deliberation=d),
        "options": Option.objects.filter(deliberation=d),
        "consultations": Consultation.objects.filter(deliberation=d),
    }
    return {
        "deliberation": Deliberation.objects.filter(pk=d.pk).values(*columns).get(),
        **{name: list(qs.order_by("pk").values()) for name, qs in related.items()},
    }


def _step_fields(d: Deliberation, key: str) -> dict[str, forms.Field]:
    step = d.framework_version.spec.step(key)
    loaded = deliberation_get(pk=d.pk, purpose=Purpose.FORM, step=step)
    form = HANDLERS[step.kind].build_form(loaded, d.framework_version.spec, step, {})
    return dict(form.fields)


def _stray_names(d: Deliberation, foreign: Deliberation) -> list[str]:
    """Names the form does not have: other deliberations' cells, made-up keys, columns."""
    mine = d.options.first().pk
    theirs = foreign.options.first().pk
    their_person = foreign.stakeholders.first().pk
    return [
        f"mark__{theirs}__autonomy",
        f"why__{theirs}__autonomy",
        f"mark__{mine}__no-such-principle",
        f"mark__-{mine}__autonomy",
        f"mark__{mine}",
        "mark____",
        f"impact__{theirs}__{their_person}",
        f"likely__{mine}__{their_person}",
        f"impact__{10**20}__1",
        f"expressed__{theirs}",
        f"reflection__{theirs}",
        "q__no-such-question",
        "applies__no-such-provision",
        "note__no-such-provision",
        *MASS_ASSIGNMENT,
    ]


def _send(client, url: str, payload: dict, *, htmx: bool, encoding: str):
    headers = HTMX if htmx else {}
    if encoding == "urlencoded":
        body = urlencode(payload, doseq=True)
        return client.post(url, body, content_type="application/x-www-form-urlencoded", **headers)
    if encoding == "json":
        return client.post(url, json.dumps(payload), content_type="application/json", **headers)
    return client.post(url, payload, **headers)


@st.composite
def _form_posts(draw, fields: dict[str, forms.Field], cells: list[str], prefix: str = ""):
    """Some of the form's fields (any value), names it doesn't have, and the hidden fields."""
    names = draw(st.lists(st.sampled_from(sorted(fields)), unique=True)) if fields else []
    payload = {f"{prefix}{name}": draw(any_for(fields[name])) for name in names}
    for name in draw(st.lists(st.sampled_from(cells), max_size=3, unique=True)):
        payload[name] = draw(st.one_of(st.sampled_from(["1", "-2", "3", "on"]), value))
    # Our forms always send ``revision`` and ``tab``; the view reads these four itself.
    hidden = [
        "revision",
        "tab",
        *sorted(draw(st.sets(st.sampled_from(["overwrite_revision", "go"])))),
    ]
    for name in hidden:
        payload[name] = draw(st.one_of(st.sampled_from(["1", "2", *STEP_KEYS]), numberish, scalar))
    payload |= draw(extra_fields)
    if payload and draw(st.integers(0, 7)) == 0:
        payload[draw(st.sampled_from(sorted(payload)))] = draw(huge_text())
    return payload


# -- step forms -----------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("key", STEP_KEYS)
@bad_input_settings(max_examples=7)
@given(data=st.data())
def test_it_answers_any_step_post_without_crashing(owner_client, filled, foreign, key, htmx, data):
    fields = _step_fields(filled, key)
    payload = data.draw(_form_posts(fields, _stray_names(filled, foreign)), "payload")
    encoding = data.draw(st.sampled_from(["multipart", "urlencoded", "json"]), "encoding")
    url = reverse("cases:step", args=[filled.pk, key])
    with rolled_back():
        before = snapshot(foreign)
        response = _send(owner_client, url, payload, htmx=htmx, encoding=encoding)
        assert response.status_code in ALLOWED
        assert snapshot(foreign) == before
        # Whatever was kept can be shown again.
        assert owner_client.get(url).status_code == 200


@st.composite
def _invalid_posts(draw, fields: dict[str, forms.Field], cells: list[str]):
    invalid = {name: invalid_for(field) for name, field in fields.items()}
    invalid = {name: strategy for name, strategy in invalid.items() if strategy is not None}
    checkboxes = {
        name
        for name in invalid
        if isinstance(fields[name].widget, forms.CheckboxInput | forms.CheckboxSelectMultiple)
    }
    whole_form = draw(st.booleans())
    optional = sorted(set(invalid) - checkboxes) if whole_form else sorted(invalid)
    names = draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    # A whole form (it carries ``revision``) counts an absent checkbox as unticked, which is
    # a valid answer: send every checkbox list, each with a value it refuses.
    names += sorted(checkboxes) if whole_form else []
    payload = {name: draw(invalid[name], name) for name in names}
    for name in draw(st.lists(st.sampled_from(cells), max_size=3, unique=True)):
        payload[name] = draw(st.sampled_from(["1", "-2", "2", "on", "Reason"]))
    if whole_form:
        payload["revision"] = draw(st.one_of(numberish, st.sampled_from(["1", "2", ""])))
    return payload


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("key", STEP_KEYS)
@bad_input_settings(max_examples=5)
@given(data=st.data())
def test_it_changes_nothing_when_every_step_field_is_invalid(
    owner_client, filled, foreign, key, htmx, data
):
    fields = _step_fields(filled, key)
    payload = data.draw(_invalid_posts(fields, _stray_names(filled, foreign)), "payload")
    with rolled_back():
        before = snapshot(filled), snapshot(foreign)
        response = _send(
            owner_client,
            reverse("cases:step", args=[filled.pk, key]),
            payload,
            htmx=htmx,
            encoding="multipart",
        )
        assert response.status_code in ALLOWED
        after = snapshot(filled), snapshot(foreign)
        if "revision" in payload:
            # Unticked "applies" boxes of a whole form validly drop their provision notes.
            before[0].pop("provision_notes")
            after[0].pop("provision_notes")
        assert after == before


# -- rows -----------------------------------------------------------------------------------


def _row_url(d: Deliberation, key: str, kind: str, row: int) -> str:
    # Written out: reverse() refuses ids longer than the URL's id converter allows.
    return f"{reverse('cases:step', args=[d.pk, key])}{kind}/{row}/"


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("key", "kind"), ROW_STEPS)
@bad_input_settings(max_examples=10)
@given(data=st.data())
def test_it_answers_any_row_save_without_crashing(
    owner_client, filled, foreign, key, kind, htmx, data
):
    related = ROW_FORMS[kind][1]
    own = getattr(filled, related).first().pk
    theirs = getattr(foreign, related).first().pk
    row = data.draw(st.sampled_from([own, own, theirs, 0, 2**31, 2**63, 10**30]), "row")
    prefix = f"{kind}-{row}-"
    fields = dict(ROW_FORMS[kind][0]().fields)
    payload = data.draw(_form_posts(fields, [f"{kind}-{theirs}-{n}" for n in fields], prefix))
    encoding = data.draw(st.sampled_from(["multipart", "urlencoded"]), "encoding")
    with rolled_back():
        before = snapshot(foreign)
        response = _send(
            owner_client,
            _row_url(filled, key, kind, row),
            payload,
            htmx=htmx,
            encoding=encoding,
        )
        assert response.status_code in ALLOWED
        if row != own:
            assert response.status_code == 404
        assert snapshot(foreign) == before
        page = owner_client.get(reverse("cases:step", args=[filled.pk, key]))
        assert page.status_code == 200


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("key", "kind"), ROW_STEPS)
@bad_input_settings(max_examples=8)
@given(data=st.data())
def test_it_changes_no_row_when_every_row_field_is_invalid(
    owner_client, filled, key, kind, htmx, data
):
    row = getattr(filled, ROW_FORMS[kind][1]).first()
    fields = {name: invalid_for(field) for name, field in ROW_FORMS[kind][0]().fields.items()}
    names = data.draw(st.lists(st.sampled_from(sorted(fields)), unique=True), "names")
    payload = {f"{kind}-{row.pk}-{name}": data.draw(fields[name], name) for name in names}
    payload["revision"] = data.draw(st.one_of(numberish, st.sampled_from(["1", ""])), "revision")
    with rolled_back():
        before = snapshot(filled)
        response = _send(
            owner_client,
            _row_url(filled, key, kind, row.pk),
            payload,
            htmx=htmx,
            encoding="multipart",
        )
        assert response.status_code in ALLOWED
        assert snapshot(filled) == before


# -- the fast path --------------------------------------------------------------------------

URGENT_COLUMNS = (
    "urgency",
    "urgent_duties",
    "urgent_action",
    "urgent_contacts",
    "urgent_supervisor_notified",
    "urgent_action_at",
    "urgent_recorded_at",
)


@bad_input_settings(max_examples=30)
@given(data=st.data())
def test_it_answers_any_urgent_post_and_keeps_a_refused_one_out(owner_client, filled, data):
    Deliberation.objects.filter(pk=filled.pk).update(urgency="imminent")
    provisions = filled.framework_version.spec.provisions
    fields = dict(UrgentForm(duties=[p for p in provisions if p.safety_duty]).fields)
    stray = ["urgency", "urgent_recorded_at", *MASS_ASSIGNMENT]
    payload = data.draw(_form_posts(fields, stray), "payload")
    url = reverse("cases:urgent", args=[filled.pk])
    stored = Deliberation.objects.filter(pk=filled.pk).values(*URGENT_COLUMNS)
    with rolled_back():
        before = stored.get()
        response = _send(owner_client, url, payload, htmx=False, encoding="multipart")
        assert response.status_code in ALLOWED
        if response.status_code != 302:
            assert stored.get() == before
        assert owner_client.get(url).status_code == 200


# -- long words -----------------------------------------------------------------------------


def test_it_checks_a_long_word_for_identifiers_quickly(owner_client, filled):
    # Four answers at the length the form allows, each one unbroken word. Checking them for
    # identifiers must stay linear: the e-mail pattern once backtracked over the whole word
    # at every position, a second per field on every save and every page view.
    word = "x" * 20_000
    payload = {name: word for name in ("rationale", "moral_residue", "action_plan")}
    payload["residue_reduction"] = word
    url = reverse("cases:step", args=[filled.pk, "decision"])
    started = time.perf_counter()
    response = owner_client.post(url, payload, **HTMX)
    assert response.status_code == 200
    assert time.perf_counter() - started < 2.0

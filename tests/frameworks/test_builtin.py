from __future__ import annotations

import pytest
from django.core.management import call_command

from frameworks.definition import STEP_KINDS
from frameworks.models import Framework, FrameworkVersion
from frameworks.selectors import clinic_default_framework, current_version
from frameworks.services import builtin_definitions

pytestmark = pytest.mark.django_db


def test_it_loads_five_builtin_frameworks_with_the_integrated_one_as_default():
    call_command("load_frameworks")
    assert Framework.objects.filter(clinic=None).count() == 5
    default = clinic_default_framework(clinic=None)
    assert default.slug == "integrated"
    steps = [s["kind"] for s in current_version(default).definition["steps"]]
    assert steps == list(STEP_KINDS)


def test_it_is_idempotent():
    call_command("load_frameworks")
    call_command("load_frameworks")
    assert (Framework.objects.count(), FrameworkVersion.objects.count()) == (5, 5)


def test_it_publishes_changed_builtin_content_as_a_new_version(monkeypatch):
    call_command("load_frameworks")
    original = builtin_definitions()
    changed = [dict(spec) for spec in original]
    changed[0]["definition"] = {**changed[0]["definition"], "sources": ["A new source"]}
    monkeypatch.setattr("frameworks.services.builtin_definitions", lambda: changed)
    call_command("load_frameworks")
    integrated = Framework.objects.get(slug="integrated", clinic=None)
    assert list(integrated.versions.values_list("number", "status")) == [
        (2, "published"),
        (1, "published"),
    ]


def test_it_gives_every_builtin_framework_the_safety_duties_for_the_fast_path():
    for spec in builtin_definitions():
        dilemma = next(s for s in spec["definition"]["steps"] if s["kind"] == "dilemma")
        provisions = {p["key"]: p for p in spec["definition"]["provisions"]}
        assert any(provisions[key]["safety_duty"] for key in dilemma["provisions"]), spec["slug"]


def test_it_suggests_a_model_for_each_feeling_of_seed_003():
    suggested = {spec["slug"]: spec.get("suggested_for") for spec in builtin_definitions()}
    assert suggested == {
        "integrated": None,
        "principles": "confusion",
        "stakeholders": "frustration",
        "utilitarian": "anxiety",
        "virtue": "empowerment",
    }


def test_the_test_suites_list_of_integrated_steps_matches_the_builtin(integrated):
    from tests.factories import INTEGRATED_STEPS

    assert [s["key"] for s in integrated.definition["steps"]] == INTEGRATED_STEPS

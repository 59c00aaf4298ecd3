"""Every save service answers with one SaveResult: stored, a conflict with the values stored
now, or refused with the reason; nothing is stored unless it says so."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases import services
from cases.forms import ROW_CAPS
from cases.models import Deliberation, Stakeholder
from cases.selectors import Purpose, deliberation_get

pytestmark = pytest.mark.django_db


def _dilemma(d):
    return d.framework_version.spec.step("dilemma")


def _loaded(d):
    return deliberation_get(pk=d.pk, purpose=Purpose.FORM, step=_dilemma(d))


def test_it_returns_stored_with_the_new_revision(deliberation):
    result = services.step_save(
        deliberation=_loaded(deliberation),
        step=_dilemma(deliberation),
        data={"question": "Should I tell?"},
        base_revision=1,
        tab="a",
    )
    assert result.stored and result.deliberation.revision == 2
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Should I tell?"


def test_it_returns_a_conflict_with_the_values_stored_now(deliberation):
    step = _dilemma(deliberation)
    save = {"step": step, "base_revision": 1}
    services.step_save(deliberation=_loaded(deliberation), data={"question": "Theirs"}, **save)
    result = services.step_save(
        deliberation=_loaded(deliberation), data={"question": "Mine"}, tab="b", **save
    )
    assert (result.stored, result.refusal, result.current["question"]) == (False, None, "Theirs")
    assert Deliberation.objects.get(pk=deliberation.pk).question == "Theirs"


def test_it_refuses_a_signed_deliberation_with_the_reason(deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        status="signed", signed_at=timezone.now()
    )
    result = services.step_save(
        deliberation=_loaded(deliberation),
        step=_dilemma(deliberation),
        data={"question": "Too late"},
        base_revision=1,
    )
    assert not result.stored
    assert result.refusal.message == (
        "Not saved: this deliberation is signed; add an addendum instead. Your text is kept."
    )


def test_it_returns_the_row_it_added(deliberation):
    step = deliberation.framework_version.spec.step("stakeholders")
    result = services.row_add(
        deliberation=deliberation_get(pk=deliberation.pk), step=step, kind="stakeholders"
    )
    assert result.stored and list(deliberation.stakeholders.all()) == [result.row]


def test_it_refuses_a_row_beyond_the_cap_with_the_reason(deliberation):
    step = deliberation.framework_version.spec.step("stakeholders")
    Stakeholder.objects.bulk_create(
        Stakeholder(deliberation=deliberation, position=i) for i in range(ROW_CAPS["stakeholders"])
    )
    result = services.row_add(
        deliberation=deliberation_get(pk=deliberation.pk), step=step, kind="stakeholders"
    )
    assert (result.stored, result.row) == (False, None)
    assert result.refusal.reason.startswith("a deliberation holds at most 30 stakeholders")

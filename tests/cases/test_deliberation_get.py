"""deliberation_get reads the row through a statement compiled once (raw SQL): every column
comes back as the ORM reads it, and an unknown id is None."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import Deliberation
from cases.selectors import deliberation_get

pytestmark = pytest.mark.django_db


def test_it_reads_every_column_as_the_orm_does(deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        facts=["One", "Two"],
        kinds=["ethical"],
        step_revisions={"dilemma": [2, "tab"]},
        step_states=["complete", "empty"],
        urgent_action_at=timezone.now(),
        code_settles=False,
    )
    orm = Deliberation.objects.get(pk=deliberation.pk)
    mine = deliberation_get(pk=deliberation.pk)
    for field in Deliberation._meta.concrete_fields:
        ours, theirs = getattr(mine, field.attname), getattr(orm, field.attname)
        assert (field.name, ours, type(ours)) == (field.name, theirs, type(theirs))
    assert not mine._state.adding and mine.framework_version.pk == orm.framework_version_id


def test_it_answers_none_for_an_unknown_id(db):
    assert deliberation_get(pk=987654321) is None

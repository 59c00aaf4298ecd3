"""deliberation_get reads the row (and the rows it joins) through a statement compiled once:
every column comes back as the ORM reads it, the joined rows too, and an unknown id is None."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import Deliberation, Option, PrivateReflection
from cases.selectors import WORKSHEET_RELATED, Purpose, deliberation_get

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


def _same_row(mine, theirs) -> None:
    assert type(mine) is type(theirs)
    for field in type(theirs)._meta.concrete_fields:
        ours, orm = getattr(mine, field.attname), getattr(theirs, field.attname)
        assert (field.name, ours, type(ours)) == (field.name, orm, type(orm))
    assert not mine._state.adding


@pytest.mark.parametrize("chosen", [False, True])
def test_it_joins_the_rows_it_is_asked_for_as_the_orm_does(deliberation, chosen):
    if chosen:
        option = Option.objects.create(deliberation=deliberation, label="Tell her", position=1)
        PrivateReflection.objects.filter(deliberation=deliberation).update(values="Mine")
        Deliberation.objects.filter(pk=deliberation.pk).update(chosen_option=option)
    for related in [("owner",), WORKSHEET_RELATED]:
        orm = Deliberation.objects.select_related(*related).get(pk=deliberation.pk)
        mine = deliberation_get(pk=deliberation.pk, related=related)
        _same_row(mine, orm)
        for name in related:
            assert Deliberation._meta.get_field(name).is_cached(mine), name
            joined, expected = getattr(mine, name, None), getattr(orm, name, None)
            if expected is None:
                assert joined is None, name
            else:
                _same_row(joined, expected)


def test_it_reads_the_whole_worksheet_in_the_queries_it_did(
    deliberation, django_assert_num_queries
):
    deliberation_get(pk=deliberation.pk)  # the framework version, cached from here on
    with django_assert_num_queries(1):
        d = deliberation_get(pk=deliberation.pk, related=WORKSHEET_RELATED)
        assert d.owner.pk == deliberation.owner_id
        assert d.chosen_option is None
    assert deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET).pk == deliberation.pk

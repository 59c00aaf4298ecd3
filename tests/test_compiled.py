"""A query compiled once (ethicsdesk/compiled.py) reads the rows its queryset reads, in its
order, with the rows it joins, for each new value; and refuses a wrong number of values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ethicsdesk.compiled import CompiledQuery
from review.models import Comment
from tests.factories import SupervisorFactory

pytestmark = pytest.mark.django_db


def _fields(comment: Comment) -> tuple:
    return tuple(getattr(comment, f.attname) for f in Comment._meta.concrete_fields)


def test_it_reads_the_rows_its_queryset_reads(deliberation, clinician):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    now = timezone.now()
    first = Comment.objects.create(
        deliberation=deliberation,
        step_key="dilemma",
        author=supervisor,
        text="Why <this>?",
        created_at=now,
    )
    Comment.objects.create(
        deliberation=deliberation,
        step_key="dilemma",
        author=clinician,
        text="Because",
        parent=first,
        created_at=now - timedelta(minutes=1),
        resolved_at=now,
        resolved_by=clinician,
    )
    query = CompiledQuery(Comment.objects.filter(deliberation=0).select_related("author"))
    mine = query.rows(deliberation.pk)
    theirs = list(Comment.objects.filter(deliberation=deliberation).select_related("author"))
    assert [_fields(c) for c in mine] == [_fields(c) for c in theirs]
    assert len(mine) == 2 and mine[0].text == "Because"  # the model's order: oldest first
    assert [c.author.username for c in mine] == [clinician.username, supervisor.username]
    assert (
        query.rows(deliberation.pk + 1000) == [] and query.first(deliberation.pk).pk == mine[0].pk
    )


def test_it_refuses_a_wrong_number_of_values(db):
    query = CompiledQuery(Comment.objects.filter(deliberation=0))
    with pytest.raises(TypeError):
        query.rows()

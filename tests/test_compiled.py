"""A query compiled once (ethicsdesk/compiled.py) reads the rows its queryset reads, in its
order, with the rows it joins, for each new value; and refuses a wrong number of values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import sql
from django.utils import timezone

from cases.models import Deliberation
from ethicsdesk.compiled import CompiledQuery, CompiledUpdate
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


def _orm_update(d: Deliberation, values: dict) -> tuple[str, list]:
    query = Deliberation.objects.filter(
        pk=d.pk, revision=d.revision, signed_at__isnull=True
    ).query.chain(sql.UpdateQuery)
    query.add_update_values(values)
    statement, params = query.get_compiler("default").as_sql()
    return statement, _plain(params)


def _plain(params) -> list:
    return [getattr(p, "obj", p) for p in params]  # a Jsonb adapter compares by identity


def test_it_writes_the_update_the_orm_writes(deliberation):
    d = deliberation
    values = {
        "title": "A <title>",
        "facts": ["one", "two"],
        "kinds": ["legal"],
        "chosen_option_id": 7,
        "urgent_action_at": timezone.now(),
        "revision": d.revision + 1,
        "step_revisions": {"dilemma": [d.revision + 1, "tab"]},
        "updated_at": timezone.now(),
    }
    update = CompiledUpdate(
        Deliberation, tuple(values), match=("id", "revision"), null=("signed_at",)
    )
    assert (update.sql, _plain(update.params(values, d.pk, d.revision))) == _orm_update(d, values)


def test_it_changes_only_the_rows_it_matches(deliberation):
    d = deliberation
    update = CompiledUpdate(
        Deliberation,
        ("question", "kinds", "revision"),
        match=("id", "revision"),
        null=("signed_at",),
    )
    values = {"question": "Should I tell?", "kinds": [], "revision": d.revision + 1}
    assert update.run(values, d.pk, d.revision + 5) == 0  # another revision: nothing written
    assert update.run(values, d.pk, d.revision) == 1
    stored = Deliberation.objects.get(pk=d.pk)
    assert (stored.question, stored.kinds, stored.revision) == (
        "Should I tell?",
        [],
        d.revision + 1,
    )
    Deliberation.objects.filter(pk=d.pk).update(signed_at=timezone.now())
    assert update.run({**values, "revision": d.revision + 2}, d.pk, d.revision + 1) == 0

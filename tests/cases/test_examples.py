"""The worked examples: complete, private reflection filled, de-identified, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from cases.examples import example_specs
from cases.models import (
    Consequence,
    Consultation,
    Deliberation,
    Option,
    PrincipleMark,
    ProvisionNote,
    Stakeholder,
    Status,
    VirtueReflection,
)
from cases.phi import WARNINGS, identifier_warnings
from cases.selectors import Purpose, deliberation_get
from cases.steps import COMPLETE, HANDLERS, readiness
from review.models import Comment, Notification, Outcome, Submission

pytestmark = pytest.mark.django_db

ROW_MODELS = (
    Deliberation,
    ProvisionNote,
    Stakeholder,
    Option,
    PrincipleMark,
    Consequence,
    VirtueReflection,
    Consultation,
)


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_examples", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> User:
    call_command("load_frameworks", verbosity=0, stdout=StringIO())
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    return User.objects.get(username="clinician")


@pytest.fixture
def examples(demo) -> list[Deliberation]:
    _seed()
    return [
        deliberation_get(pk=pk, purpose=Purpose.WORKSHEET)
        for pk in demo.deliberations.order_by("client_reference").values_list("pk", flat=True)
    ]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


def _free_text(d: Deliberation) -> list[str]:
    """Every free-text value the examples fill, from every table they write."""
    r = d.reflection
    texts = [d.title, d.client_reference, *d.facts, *d.assumptions, d.question]
    texts += [r.values, r.biases, r.effects, r.safeguards]
    texts += [d.legal_duties, d.jurisdiction, d.principle_conflicts, d.principle_priority]
    texts += [d.character_summary, d.rationale, d.moral_residue, d.residue_reduction]
    texts += [d.justice_reason, d.publicity_reason, d.universality_reason]
    texts += [d.action_plan, d.outcome, d.lessons]
    texts += [n.note for n in d.provision_notes.all()]
    for s in d.stakeholders.all():
        texts += [s.name, s.interests, s.values, s.involvement]
    for o in d.options.all():
        texts += [o.label, o.description, o.virtue.reflection]
        texts += [m.reason for m in o.marks.all()]
    for c in d.consultations.all():
        texts += [c.consultant, c.advice]
    return texts


def test_it_creates_every_example_for_the_demo_clinician(demo, examples):
    assert [d.title for d in examples] == [spec["title"] for spec in example_specs()]


def test_it_creates_two_or_three_examples(examples):
    assert 2 <= len(examples) <= 3


def test_it_puts_two_or_more_on_the_integrated_worksheet(examples):
    integrated = [d for d in examples if d.framework_version.framework.slug == "integrated"]
    assert len(integrated) >= 2


def test_it_leaves_all_but_the_review_example_in_draft(examples):
    assert [d.status for d in examples] == [Status.DRAFT, Status.DRAFT, Status.IN_REVIEW]


def test_it_submits_one_example_for_the_supervisors_review(examples):
    (submission,) = Submission.objects.all()
    assert (submission.deliberation, submission.outcome) == (examples[2], Outcome.PENDING)
    assert submission.submitted_by == examples[2].owner and submission.message


def test_it_gives_the_review_example_a_supervisor_comment_and_a_clinician_reply(examples):
    comment, reply = Comment.objects.order_by("created_at")
    assert comment.author.username == "supervisor" and comment.parent is None
    assert reply.author.username == "clinician" and reply.parent == comment
    assert comment.is_open
    assert comment.created_at < reply.created_at < timezone.now()


def test_it_dates_the_review_after_the_examples_last_change(examples):
    submission = Submission.objects.get()
    assert (
        examples[2].updated_at
        < submission.submitted_at
        < Comment.objects.earliest("created_at").created_at
    )


def test_it_keeps_one_submission_and_thread_when_run_twice(examples):
    before = (Submission.objects.count(), Comment.objects.count(), Notification.objects.count())
    _seed()
    _seed("--reset")
    after = (Submission.objects.count(), Comment.objects.count(), Notification.objects.count())
    assert after == before


def test_it_leaves_a_review_the_supervisor_finished_alone(examples):
    Submission.objects.update(outcome=Outcome.REVIEWED)
    Deliberation.objects.filter(pk=examples[2].pk).update(status=Status.DRAFT)
    _seed("--reset")
    assert Submission.objects.count() == 1
    assert Deliberation.objects.get(pk=examples[2].pk).status == Status.DRAFT


def test_it_submits_an_example_kept_from_before_it_had_a_review(demo):
    _seed()
    Comment.objects.filter(parent__isnull=False).delete()
    Comment.objects.all().delete()
    Submission.objects.all().delete()
    Deliberation.objects.update(status=Status.DRAFT)
    _seed()
    assert Submission.objects.count() == 1 and Comment.objects.count() == 2


def test_it_says_which_example_waits_for_review(demo):
    assert "submitted for review to Sam Okafor" in _seed()


def test_it_makes_each_example_ready_to_sign(examples):
    assert {d.client_reference: readiness(d, d.framework_version.spec) for d in examples} == {
        d.client_reference: [] for d in examples
    }


def test_it_completes_every_step_including_the_follow_up(examples):
    for d in examples:
        definition = d.framework_version.spec
        states = {s.key: HANDLERS[s.kind].state(d, definition, s) for s in definition.steps}
        assert set(states.values()) == {COMPLETE}, (d.client_reference, states)
        assert d.progress == 100


def test_it_fills_the_private_reflection(examples):
    for d in examples:
        r = d.reflection
        assert all(text.strip() for text in (r.values, r.biases, r.effects, r.safeguards))


def test_it_marks_every_option_against_every_principle(examples):
    for d in examples:
        keys = {p["key"] for p in d.framework_version.definition["principles"]}
        for option in d.options.all():
            assert {m.principle_key for m in option.marks.all() if m.reason} == keys


def test_it_keeps_direct_identifiers_out_of_every_text(examples):
    flagged = {
        text: identifier_warnings(text)
        for d in examples
        for text in _free_text(d)
        if identifier_warnings(text)
    }
    assert flagged == {}


def test_it_shows_every_step_of_each_example_without_a_warning(client, demo, examples):
    client.force_login(demo)
    for d in examples:
        for step in d.framework_version.definition["steps"]:
            response = client.get(reverse("cases:step", args=[d.pk, step["key"]]))
            page = response.content.decode()
            assert response.status_code == 200, (d.client_reference, step["key"])
            assert not [w for w in WARNINGS.values() if escape(w) in page], (
                d.client_reference,
                step,
            )


def test_it_dates_the_decision_before_the_follow_up(examples):
    for d in examples:
        assert d.created_at.date() <= d.decided_at.date() <= d.follow_up_date
        assert all(d.created_at.date() <= c.consulted_on for c in d.consultations.all())


def test_it_keeps_the_same_rows_when_run_twice(examples):
    before = _counts()
    _seed()
    assert _counts() == before


def test_it_keeps_what_the_user_changed_in_an_example(examples):
    Deliberation.objects.filter(pk=examples[0].pk).update(lessons="My own notes.")
    _seed()
    assert Deliberation.objects.get(pk=examples[0].pk).lessons == "My own notes."


def test_it_recreates_draft_examples_on_reset(examples):
    before = _counts()
    _seed("--reset")
    assert _counts() == before
    assert not Deliberation.objects.filter(pk=examples[0].pk).exists()


def test_it_never_touches_a_signed_example_even_on_reset(examples):
    signed = examples[0]
    Deliberation.objects.filter(pk=signed.pk).update(status=Status.SIGNED, lessons="Kept.")
    _seed("--reset")
    assert Deliberation.objects.get(pk=signed.pk).lessons == "Kept."
    assert Deliberation.objects.filter(title=signed.title).count() == 1


def test_it_leaves_an_example_under_review_alone_on_reset(examples):
    Deliberation.objects.filter(pk=examples[1].pk).update(status=Status.IN_REVIEW)
    _seed("--reset")
    assert Deliberation.objects.filter(pk=examples[1].pk).exists()


def test_it_prints_one_line_per_example(demo):
    lines = [line for line in _seed().splitlines() if line.strip().startswith("EX-")]
    assert len(lines) == len(example_specs())


def test_it_says_it_kept_the_examples_on_a_second_run(examples):
    assert "created" not in _seed()


def test_it_refuses_without_the_demo_clinician(db):
    call_command("load_frameworks", verbosity=0, stdout=StringIO())
    with pytest.raises(CommandError, match="seed_demo"):
        _seed()


def test_it_refuses_without_the_built_in_frameworks(db):
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    with pytest.raises(CommandError, match="load_frameworks"):
        _seed()

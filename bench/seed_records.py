"""The review and record side of the benchmark's data set: submissions, comment threads,
notifications, audit events, and the signed snapshots with their signatures.

A snapshot is built by ``records.services.snapshot_build``, the one builder signing uses
(the same rationale, the same rendering, a correct SHA-256), only saved in batches; then the
deliberations are marked signed, after which the database keeps them frozen.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.db import connection
from django.db.models import prefetch_related_objects

from audit.models import Action, AuditEvent
from bench.seed import Draft, People, Plan, copy_rows, reviewed_before_signing
from cases.models import Deliberation, Status
from cases.selectors import worksheet_prefetch
from records.models import Meaning, Signature, Snapshot
from records.services import signature_build, snapshot_build
from review.models import Comment, Notification, NotificationKind, Outcome, Submission
from review.services import review_state_store

COMMENTS = [
    "Have you considered how the client would read this option if they saw the chart note?",
    "The facts mix what the client said with your interpretation; keep them apart.",
    "Good weighing of autonomy against non-maleficence. Say a little more on why fidelity ranks "
    "below it here.",
    "Please add the date of the consultation with the ethics committee.",
    "The likelihoods on the third option look optimistic to me; let's discuss on Thursday.",
    "Is there a legal duty in this jurisdiction that you have not listed?",
    "Clear rationale. I would document the client's own words about involvement.",
    "The action plan needs an owner and a date for each step.",
]
REPLIES = [
    "Thanks, updated.",
    "Added the consultation date and the committee's advice.",
    "I checked the statute again: no duty applies, noted under codes and law.",
    "Agreed, I have reworded the facts.",
]
STEP_KEYS = [
    "dilemma",
    "codes_law",
    "stakeholders",
    "options",
    "principles",
    "consequences",
    "character",
    "consultation",
    "decision",
]
AUDITED_STEPS = STEP_KEYS + ["values_bias", "review_sign", "follow_up"]
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) EthicsDesk-bench-seed"


def _event(rng, user, action, d: Draft, when, *, path: str, detail: str, method: str = "GET"):
    return AuditEvent(
        at=when,
        actor=user,
        actor_username=user.username,
        clinic_id=user.clinic_id,
        action=action,
        object_type="deliberation",
        object_id=str(d.row.pk),
        deliberation_id=d.row.pk,
        detail=detail,
        method=method,
        path=path,
        status_code=200 if method == "GET" else 302,
        ip="127.0.0.1",
        user_agent=USER_AGENT,
        request_id=uuid.UUID(int=rng.getrandbits(128)).hex,
    )


def audit_copy(events: list[AuditEvent]) -> int:
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    rows = [tuple(getattr(e, f.attname) for f in fields) for e in events]
    return copy_rows(AuditEvent, [f.name for f in fields], rows)


def _work_events(rng: random.Random, d: Draft, owner) -> list[AuditEvent]:
    """The owner's views and saves of the steps while working on it, 8–14 events."""
    span = (d.updated_at - d.created_at).total_seconds()
    events = []
    for _ in range(rng.randint(8, 14)):
        key = rng.choice(AUDITED_STEPS)
        when = d.created_at + timedelta(seconds=rng.uniform(0, span))
        post = rng.random() < 0.4
        events.append(
            _event(
                rng,
                owner,
                Action.CHANGE if post else Action.VIEW,
                d,
                when,
                path=f"/deliberations/{d.row.pk}/steps/{key}/",
                detail=f"cases:step key={key}",
                method="POST" if post else "GET",
            )
        )
    return events


def review_records_create(drafts: list[Draft], people: People, plan: Plan) -> dict[str, int]:
    """Submissions, comments, notifications and audit events for a batch of deliberations."""
    submissions, threads, replies, notifications, events = [], [], [], [], []
    for d in drafts:
        rng = random.Random(plan.seed * 13 + d.index)
        owner = d.row.owner
        supervisor = people.supervisor_of[owner.pk]
        events += _work_events(rng, d, owner)
        submitted = d.status != Status.DRAFT and (
            d.status != Status.SIGNED or reviewed_before_signing(d.index)
        )
        if not submitted:
            continue
        at = d.decided_at + (d.updated_at - d.decided_at) * rng.uniform(0.1, 0.5)
        outcome = {
            Status.IN_REVIEW: Outcome.PENDING,
            Status.CHANGES_REQUESTED: Outcome.CHANGES_REQUESTED,
            Status.SIGNED: Outcome.COSIGNED,
        }[d.status]
        reviewed = None if outcome == Outcome.PENDING else at + timedelta(hours=rng.uniform(2, 72))
        submissions.append(
            Submission(
                deliberation=d.row,
                submitted_by=owner,
                message="Ready for your review." if rng.random() < 0.5 else "",
                submitted_at=at,
                outcome=outcome,
                reviewer=supervisor if reviewed else None,
                outcome_message="Please tighten the facts." if reviewed else "",
                reviewed_at=reviewed,
            )
        )
        url = f"/deliberations/{d.row.pk}/"
        notifications.append(
            Notification(
                recipient=supervisor,
                kind=NotificationKind.SUBMITTED,
                deliberation=d.row,
                text=f"{owner.display_name} submitted “{d.row.title}” for review.",
                url=url,
                created_at=at,
                read_at=reviewed,
            )
        )
        events.append(
            _event(
                rng,
                owner,
                Action.SUBMIT,
                d,
                at,
                path=f"{url}submit/",
                detail="review:submit",
                method="POST",
            )
        )
        for n in range(rng.randint(1, 3)):
            key = rng.choice(STEP_KEYS)
            when = at + timedelta(hours=1 + n)
            resolved = reviewed if reviewed and rng.random() < 0.6 else None
            thread = Comment(
                deliberation=d.row,
                step_key=key,
                author=supervisor,
                text=rng.choice(COMMENTS),
                created_at=when,
                resolved_at=resolved,
                resolved_by=owner if resolved else None,
            )
            threads.append(thread)
            events.append(
                _event(
                    rng,
                    supervisor,
                    Action.COMMENT,
                    d,
                    when,
                    method="POST",
                    path=f"{url}steps/{key}/comments/",
                    detail=f"review:comment_add key={key}",
                )
            )
            if rng.random() < 0.5:
                replies.append((thread, owner, when + timedelta(hours=3), rng.choice(REPLIES)))
    Submission.objects.bulk_create(submissions)
    Comment.objects.bulk_create(threads)
    Comment.objects.bulk_create(
        Comment(
            deliberation=thread.deliberation,
            step_key=thread.step_key,
            author=author,
            parent=thread,
            text=text,
            created_at=when,
        )
        for thread, author, when, text in replies
    )
    Notification.objects.bulk_create(notifications)
    # The rows carry what the list and the queue show of the review, as the services keep it.
    review_state_store(deliberations=Deliberation.objects.filter(pk__in=[d.row.pk for d in drafts]))
    audit_copy(events)
    return {
        "submissions": len(submissions),
        "comments": len(threads) + len(replies),
        "notifications": len(notifications),
        "audit events": len(events),
    }


def sign_drafts(drafts: list[Draft], people: People) -> int:
    """Snapshot, sign (and co-sign where it was reviewed) the batch's signed deliberations."""
    signed = [d for d in drafts if d.status == Status.SIGNED]
    if not signed:
        return 0
    by_pk = {d.row.pk: d for d in signed}
    loaded = list(
        Deliberation.objects.select_related(
            "framework_version__framework", "owner", "reflection", "chosen_option"
        ).filter(pk__in=by_pk)
    )
    prefetch_related_objects(loaded, *worksheet_prefetch(loaded[0].framework_version.spec))
    snapshots, signatures, events = [], [], []
    rng = random.Random(signed[0].index)
    for d in loaded:
        draft = by_pk[d.pk]
        snapshot = snapshot_build(deliberation=d, at=draft.updated_at)
        snapshots.append(snapshot)
        events.append(
            _event(
                rng,
                d.owner,
                Action.SIGN,
                draft,
                d.signed_at,
                method="POST",
                path=f"/deliberations/{d.pk}/sign/",
                detail="records:sign",
            )
        )
    Snapshot.objects.bulk_create(snapshots)
    for snapshot, d in zip(snapshots, loaded, strict=True):
        signers = [(d.owner, Meaning.AUTHOR, d.signed_at)]
        if reviewed_before_signing(by_pk[d.pk].index):  # submitted, reviewed and co-signed
            signers.append(
                (people.supervisor_of[d.owner_id], Meaning.COSIGN, d.signed_at + timedelta(days=1))
            )
        signatures += [
            signature_build(snapshot=snapshot, user=user, meaning=meaning, at=when)
            for user, meaning, when in signers
        ]
    Signature.objects.bulk_create(signatures)
    audit_copy(events)
    with connection.cursor() as cursor:
        # Last: from here on the database refuses any change to these deliberations' content.
        cursor.execute(
            """
            UPDATE cases_deliberation d SET signed_at = v.at, status = %s
              FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, at) WHERE d.id = v.id
            """,
            [Status.SIGNED, [d.pk for d in loaded], [d.signed_at for d in loaded]],
        )
    return len(signed)

"""Signing, verifying and adding addenda. A signed snapshot is never changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Deliberation, Status
from cases.steps import readiness
from jobs import queue
from records import rationale
from records.models import Addendum, Meaning, Signature, Snapshot
from records.render import document_html, document_text


class SigningRefused(Exception):
    """Signing can't happen (not ready, already signed, wrong person)."""


def signer_role(user: User) -> str:
    return user.professional_title or user.get_role_display()


def snapshot_build(*, deliberation: Deliberation, at: datetime) -> Snapshot:
    """The one way a snapshot's content and hash are computed (unsaved): both outputs and the
    data as they read at ``at``, hashed. Signing and the bench seed both build with it, so a
    seeded record can't drift from a signed one.

    ``deliberation`` must come loaded with everything the worksheet shows; it is marked
    signed at ``at`` in memory, because the outputs show the signing time, not "draft".
    """
    deliberation.signed_at = at
    chart, report = rationale.chart_note(deliberation), rationale.full_report(deliberation)
    snapshot = Snapshot(
        deliberation=deliberation,
        created_at=at,
        chart_note_html=document_html(chart),
        chart_note_text=document_text(chart),
        report_html=document_html(report),
        report_text=document_text(report),
        data=rationale.structured_data(deliberation),
    )
    snapshot.sha256 = snapshot.compute_sha256()
    return snapshot


def signature_build(
    *, snapshot: Snapshot, user: User, meaning: Meaning, at: datetime, verified_by: str = ""
) -> Signature:
    """A signature of ``snapshot`` (unsaved): who signed, as what, on which content hash, and
    how they proved it was them (records.models.VerifiedBy; "" when not recorded)."""
    return Signature(
        verified_by=verified_by,
        snapshot=snapshot,
        signer=user,
        signer_name=user.display_name,
        signer_role=signer_role(user),
        meaning=meaning,
        signed_at=at,
        content_sha256=snapshot.sha256,
    )


@transaction.atomic
def deliberation_sign(
    *, deliberation: Deliberation, user: User, verified_by: str = ""
) -> Signature:
    """Freeze the deliberation: store both outputs and the data, hash them, sign as author.

    ``deliberation`` must come loaded with everything the worksheet shows (the caller uses
    ``cases.selectors.deliberation_get(purpose=Purpose.WORKSHEET)``).
    """
    locked = Deliberation.objects.select_for_update().get(pk=deliberation.pk)
    if locked.signed_at is not None:
        raise SigningRefused("This deliberation is already signed.")
    if locked.revision != deliberation.revision:
        raise SigningRefused("The deliberation changed while you were signing; review it again.")
    if deliberation.owner_id != user.pk:
        raise SigningRefused("Only the author can sign a deliberation.")
    missing = readiness(deliberation, deliberation.framework_version.spec)
    if missing:
        raise SigningRefused(f"{len(missing)} required items are still missing.")
    now = timezone.now()
    snapshot = snapshot_build(deliberation=deliberation, at=now)
    snapshot.save()
    Deliberation.objects.filter(pk=deliberation.pk).update(
        signed_at=now, status=Status.SIGNED, updated_at=now
    )
    deliberation.status = Status.SIGNED
    signature = signature_build(
        snapshot=snapshot, user=user, meaning=Meaning.AUTHOR, at=now, verified_by=verified_by
    )
    signature.save()
    # The worker renders and stores its PDFs (jobs.pdfs); downloads don't wait for it.
    queue.defer("signed_pdfs", deliberation_id=deliberation.pk)
    return signature


def deliberation_cosign(*, snapshot: Snapshot, user: User, verified_by: str = "") -> Signature:
    """A supervisor's second signature on the same snapshot ("reviewed and co-signed")."""
    if Signature.objects.filter(snapshot=snapshot, signer=user, meaning=Meaning.COSIGN).exists():
        raise SigningRefused("You have already co-signed this deliberation.")
    signature = signature_build(
        snapshot=snapshot,
        user=user,
        meaning=Meaning.COSIGN,
        at=timezone.now(),
        verified_by=verified_by,
    )
    signature.save()
    queue.defer("signed_pdfs", deliberation_id=snapshot.deliberation_id)  # with the signature
    return signature


@transaction.atomic
def addendum_add(
    *, deliberation: Deliberation, user: User, reason: str, text: str, verified_by: str = ""
) -> Addendum:
    snapshot = deliberation.snapshots.first()
    if snapshot is None:
        raise SigningRefused("Addenda follow a signed deliberation; sign it first.")
    addendum = Addendum(
        deliberation=deliberation,
        snapshot=snapshot,
        author=user,
        author_name=user.display_name,
        author_role=signer_role(user),
        reason=reason.strip(),
        text=text.strip(),
        signed_at=timezone.now(),
        verified_by=verified_by,
    )
    addendum.sha256 = addendum.compute_sha256()
    addendum.save()
    queue.defer("signed_pdfs", deliberation_id=deliberation.pk)  # the PDFs with the addendum
    return addendum


@dataclass(frozen=True)
class Verification:
    intact: bool
    problems: list[str]
    checked: int


def deliberation_verify(*, deliberation: Deliberation) -> Verification:
    """Recompute every hash of the record and compare it with what was stored."""
    problems: list[str] = []
    checked = 0
    for snapshot in deliberation.snapshots.prefetch_related("signatures"):
        checked += 1
        actual = snapshot.compute_sha256()
        if actual != snapshot.sha256:
            problems.append("The signed snapshot does not match its stored hash.")
        for signature in snapshot.signatures.all():
            checked += 1
            if signature.content_sha256 != actual:
                problems.append(f"The signature of {signature.signer_name} no longer matches.")
    for addendum in deliberation.addenda.select_related("snapshot"):
        checked += 1
        if addendum.compute_sha256() != addendum.sha256:
            when = rationale.record_time(addendum.signed_at)
            problems.append(f"The addendum of {when} was altered.")
    return Verification(intact=not problems and checked > 0, problems=problems, checked=checked)

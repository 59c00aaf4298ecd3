"""Writes for the case library: offer a copy, edit it, resolve its flags, review, publish,
withdraw, designate reviewers, and record that a library entry was consulted."""

from __future__ import annotations

import re

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from cases import services as case_services
from cases.models import ConsultantKind, Deliberation
from cases.selectors import deliberation_get
from cases.steps import HANDLERS
from ethicsdesk import access
from ethicsdesk.not_saved import Refusal
from library import flags as found
from library.copy import copy_of, names_known
from library.models import (
    FIELD_LABELS,
    TEXT_FIELDS,
    UNRESOLVED_MESSAGE,
    EntryFlag,
    EntryStatus,
    FlagResolution,
    LibraryEntry,
    LibraryReviewer,
    LibraryWord,
)
from review.models import NotificationKind
from review.services import notifications_send

TEXT_NAMES = tuple(name for name, _ in TEXT_FIELDS)
REMOVED_MARK = "[removed]"


class LibraryRefused(Exception):
    """The change does not fit the entry's state; the message says why."""


def unresolved_summary(entry: LibraryEntry) -> str:
    """Which flags are still open, by field and kind (never the text itself)."""
    open_flags = [f for f in entry.flags.all() if not f.is_resolved]
    parts = [
        f"{found.KIND_LABELS.get(f.kind, f.kind).lower()} in {FIELD_LABELS[f.field].lower()}"
        for f in open_flags
    ]
    return "; ".join(parts)


def _flags_refresh(entry: LibraryEntry, *, user: User, fields=TEXT_NAMES) -> None:
    """Flag what looks identifying in ``fields``; a flag whose excerpt is gone from its
    field was removed by the editor and is resolved so."""
    source = entry.source
    reference = source.client_reference if source is not None else ""
    names = names_known(source) if source is not None else []
    existing = {(f.field, f.kind, f.excerpt): f for f in entry.flags.filter(field__in=fields)}
    now = timezone.now()
    for name in fields:
        text = getattr(entry, name)
        for kind, excerpt in found.find(text, client_reference=reference, names=names):
            if (name, kind, excerpt) not in existing:
                existing[(name, kind, excerpt)] = EntryFlag.objects.create(
                    entry=entry, field=name, kind=kind, excerpt=excerpt
                )
    for (name, _, excerpt), flag in existing.items():
        if not flag.is_resolved and excerpt not in getattr(entry, name):
            flag.resolution, flag.resolved_by, flag.resolved_at = (
                FlagResolution.REMOVED,
                user,
                now,
            )
            flag.save(update_fields=["resolution", "resolved_by", "resolved_at"])


@transaction.atomic
def entry_offer(*, deliberation: Deliberation, user: User) -> LibraryEntry:
    """A draft copy of a signed deliberation (or the live copy there already is)."""
    if not access.can_offer_to_library(user, deliberation):
        raise LibraryRefused("only the author of a signed deliberation may offer it.")
    live = (
        LibraryEntry.objects.filter(source=deliberation)
        .exclude(status=EntryStatus.WITHDRAWN)
        .first()
    )
    if live is not None:
        return live
    d = deliberation_get(pk=deliberation.pk, related=("chosen_option",))
    entry = LibraryEntry.objects.create(
        clinic_id=d.clinic_id,
        source=d,
        offered_by=user,
        framework_version=d.framework_version,
        **copy_of(d),
    )
    _flags_refresh(entry, user=user)
    return entry


@transaction.atomic
def entry_save(*, entry: LibraryEntry, user: User, data: dict) -> LibraryEntry:
    """Store the edited text and tags; look for identifiers in the text again."""
    if entry.status not in (EntryStatus.DRAFT, EntryStatus.IN_REVIEW):
        raise LibraryRefused("a published or withdrawn entry is no longer edited.")
    changed = [name for name, value in data.items() if getattr(entry, name) != value]
    for name in changed:
        setattr(entry, name, data[name])
    if changed:
        entry.save(update_fields=[*changed, "updated_at"])
        _flags_refresh(entry, user=user, fields=[n for n in changed if n in TEXT_NAMES])
    return entry


@transaction.atomic
def flag_resolve(*, flag: EntryFlag, user: User, resolution: str, reason: str = "") -> EntryFlag:
    """Remove the flagged text from its field (it becomes "[removed]"), or keep it with a
    reason."""
    entry = flag.entry
    if entry.status not in (EntryStatus.DRAFT, EntryStatus.IN_REVIEW):
        raise LibraryRefused("a published or withdrawn entry is no longer edited.")
    if resolution == FlagResolution.KEPT and not reason.strip():
        raise LibraryRefused("say why it may stay: it is kept only with a reason.")
    if resolution == FlagResolution.REMOVED:
        text = getattr(entry, flag.field).replace(flag.excerpt, REMOVED_MARK)
        setattr(entry, flag.field, text)
        entry.save(update_fields=[flag.field, "updated_at"])
        reason = ""
    elif resolution != FlagResolution.KEPT:
        raise LibraryRefused("choose to remove it or to keep it.")
    flag.resolution, flag.reason = resolution, reason.strip()
    flag.resolved_by, flag.resolved_at = user, timezone.now()
    flag.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    return flag


def library_reviewers(clinic_id: int) -> list[User]:
    """Who reviews the clinic's entries: its active admins and the designated clinicians."""
    admins = User.objects.filter(clinic_id=clinic_id, role=Role.CLINIC_ADMIN, is_active=True)
    designated = User.objects.filter(
        library_reviewer__clinic_id=clinic_id, clinic_id=clinic_id, is_active=True
    )
    return list((admins | designated).distinct().order_by("last_name", "first_name"))


@transaction.atomic
def entry_submit(*, entry: LibraryEntry, user: User) -> LibraryEntry:
    """Send the draft for review (every flag resolved first); the reviewers are told."""
    if entry.status != EntryStatus.DRAFT:
        raise LibraryRefused("only a draft is sent for review.")
    still_open = unresolved_summary(entry)
    if still_open:
        raise LibraryRefused(f"resolve every flag first; still open: {still_open}.")
    entry.status, entry.review_note = EntryStatus.IN_REVIEW, ""
    entry.save(update_fields=["status", "review_note", "updated_at"])
    notifications_send(
        recipients=[r for r in library_reviewers(entry.clinic_id) if r.pk != user.pk],
        kind=NotificationKind.LIBRARY_REVIEW,
        text="A library entry awaits your review.",
        url=reverse("library:edit", args=[entry.pk]),
    )
    return entry


def _author_told(entry: LibraryEntry, *, kind: str, text: str, url: str) -> None:
    """The person who offered the entry hears what became of it (title and link only: the
    reviewer's note is on the linked page, never in the notification or its e-mail)."""
    notifications_send(recipients=[entry.offered_by], kind=kind, text=text, url=url)


@transaction.atomic
def entry_approve(*, entry: LibraryEntry, user: User) -> LibraryEntry:
    """Publish: visible to the clinic. Refused while a flag is open (here and in the database)."""
    if not access.can_review_library_entry(user, entry):
        raise LibraryRefused("only a library reviewer other than its author approves an entry.")
    still_open = unresolved_summary(entry)
    if still_open:
        raise LibraryRefused(f"it cannot be published while flags are open: {still_open}.")
    entry.status, entry.reviewed_by = EntryStatus.PUBLISHED, user
    entry.published_at = timezone.now()
    try:
        with transaction.atomic():
            entry.save(update_fields=["status", "reviewed_by", "published_at", "updated_at"])
    except IntegrityError as error:
        if UNRESOLVED_MESSAGE not in str(error):
            raise
        raise LibraryRefused("it cannot be published while flags are open.") from error
    words_store([entry])
    _author_told(
        entry,
        kind=NotificationKind.LIBRARY_PUBLISHED,
        text="Your library entry was approved and published.",
        url=reverse("library:entry", args=[entry.pk]),
    )
    return entry


def _words_of(entry: LibraryEntry) -> set[str]:
    return {
        word
        for name in TEXT_NAMES
        for word in re.findall(r"[^\W\d_]{3,60}", getattr(entry, name).lower())
    }


def words_store(entries: list[LibraryEntry]) -> None:
    """Add the words of published entries to their clinic's word list (for short queries,
    ``library.search.words_like``); ``words_forget`` takes them out again."""
    rows = {(entry.clinic_id, word) for entry in entries for word in _words_of(entry)}
    LibraryWord.objects.bulk_create(
        [LibraryWord(clinic_id=clinic, word=word) for clinic, word in rows],
        ignore_conflicts=True,
        batch_size=2000,
    )


# The words of a withdrawn entry that no published entry of the clinic still holds, whole,
# as words_store finds them (the regular expression). The full-text index first narrows the
# published entries to those with the word's stem, so a rare word costs an index look-up,
# not a pass over every entry; a stop word, which the index leaves out, is looked for in the
# entries themselves (it is in nearly every one, so the first few settle it).
_HOLDS = f"""
    SELECT 1 FROM library_libraryentry e
    WHERE e.clinic_id = w.clinic_id AND e.status = '{EntryStatus.PUBLISHED}'
    AND lower(concat_ws(' ', {", ".join(f"e.{name}" for name in TEXT_NAMES)}))
        ~ ('(^|[^[:alpha:]])' || w.word || '([^[:alpha:]]|$)')
"""
_FORGET_WORDS = f"""
    DELETE FROM library_libraryword w
    WHERE w.clinic_id = %(clinic)s AND w.word = ANY(%(words)s)
    AND NOT EXISTS ({_HOLDS} AND e.search_vector @@ plainto_tsquery('english', w.word))
    AND (
        numnode(plainto_tsquery('english', w.word)) > 0
        OR NOT EXISTS ({_HOLDS})
    )
"""


def words_forget(entry: LibraryEntry) -> None:
    """After ``entry`` left the library, its words that no published entry of the clinic
    holds leave the word list, so a short query is never steered towards (or shows the
    spelling of) something only a withdrawn entry said. One query."""
    words = sorted(_words_of(entry))
    if words:
        with connection.cursor() as cursor:
            cursor.execute(_FORGET_WORDS, {"clinic": entry.clinic_id, "words": words})


@transaction.atomic
def entry_send_back(*, entry: LibraryEntry, user: User, note: str) -> LibraryEntry:
    if not access.can_review_library_entry(user, entry):
        raise LibraryRefused("only a library reviewer other than its author sends it back.")
    if not note.strip():
        raise LibraryRefused("say what should change.")
    entry.status, entry.review_note, entry.reviewed_by = EntryStatus.DRAFT, note.strip(), user
    entry.save(update_fields=["status", "review_note", "reviewed_by", "updated_at"])
    _author_told(
        entry,
        kind=NotificationKind.LIBRARY_SENT_BACK,
        text="Your library entry was sent back: read the reviewer's note and edit it.",
        url=reverse("library:edit", args=[entry.pk]),
    )
    return entry


@transaction.atomic
def entry_withdraw(*, entry: LibraryEntry, user: User, reason: str) -> LibraryEntry:
    """The clinic admin takes a published entry out of the library; the reason is kept."""
    if not access.can_withdraw_library_entry(user, entry):
        raise LibraryRefused("only the clinic admin withdraws a published entry.")
    if not reason.strip():
        raise LibraryRefused("say why it is withdrawn.")
    entry.status, entry.withdrawn_by = EntryStatus.WITHDRAWN, user
    entry.withdrawn_at, entry.withdrawal_reason = timezone.now(), reason.strip()
    entry.save(
        update_fields=[
            "status",
            "withdrawn_by",
            "withdrawn_at",
            "withdrawal_reason",
            "updated_at",
        ]
    )
    words_forget(entry)
    return entry


def reviewer_add(*, admin: User, user: User) -> LibraryReviewer:
    if user.clinic_id != admin.clinic_id or not user.is_clinician or not user.is_active:
        raise LibraryRefused("only an active clinician of the clinic can review the library.")
    reviewer, _ = LibraryReviewer.objects.get_or_create(
        user=user, defaults={"clinic_id": admin.clinic_id, "added_by": admin}
    )
    return reviewer


def reviewer_remove(*, admin: User, user: User) -> None:
    LibraryReviewer.objects.filter(user=user, clinic_id=admin.clinic_id).delete()


def consultation_record(
    *, deliberation: Deliberation, entry: LibraryEntry, user: User
) -> case_services.SaveResult:
    """ "I consulted this": a consultation entry of kind library on the deliberation's
    consultation step, through the worksheet's own row path (refused once signed)."""
    definition = deliberation.framework_version.spec
    step = next(
        (s for s in definition.steps if "consultations" in HANDLERS[s.kind].row_kinds(definition)),
        None,
    )
    if step is None:
        refusal = Refusal("this framework has no consultation step to record it on.")
        return case_services.SaveResult(deliberation=deliberation, refusal=refusal)
    with transaction.atomic():
        added = case_services.row_add(deliberation=deliberation, step=step, kind="consultations")
        if not added.stored:
            return added
        saved = case_services.row_save(
            deliberation=added.deliberation,
            step=step,
            row=added.row,
            data={
                "consultant": ConsultantKind.LIBRARY.label,
                "kind": ConsultantKind.LIBRARY,
                "consulted_on": timezone.localdate(),
                "advice": f"Read the library entry “{entry.title}”.",
            },
            base_revision=None,
        )
        if not saved.stored:
            transaction.set_rollback(True)  # the empty row goes too
        return saved

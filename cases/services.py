"""Writes for deliberations: create, save a step (with conflict detection), rows, fast path."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from cases.models import URGENT_ANSWERS, Deliberation, PrivateReflection, Urgency
from ethicsdesk.not_saved import SaveRefused
from frameworks.models import FrameworkVersion, VersionStatus
from frameworks.typed import StepDef


class DeliberationLocked(SaveRefused):
    """The deliberation is signed (or otherwise closed to edits)."""

    reason = "this deliberation is signed; add an addendum instead."


class DeliberationBusy(SaveRefused):
    """Saves kept racing; the page sends the text again in a moment (it is kept)."""

    reason = "others were saving at the same moment; it is sent again in a moment."
    status = 503
    retry_after = 1


class RowCapReached(SaveRefused):
    """A deliberation holds at most ``ROW_CAPS`` rows of each kind."""


class StaleRevision(SaveRefused):
    """A save was based on an older copy of a step that has changed since."""

    reason = "this was changed in another window or device."

    def __init__(self, deliberation: Deliberation, step_key: str):
        self.deliberation = deliberation
        self.step_key = step_key
        super().__init__()


@transaction.atomic
def deliberation_create(
    *,
    owner: User,
    title: str,
    client_reference: str,
    framework_version: FrameworkVersion,
    urgency: str = Urgency.ROUTINE,
) -> Deliberation:
    if framework_version.status != VersionStatus.PUBLISHED:
        raise ValueError("New deliberations start only on a published framework version.")
    deliberation = Deliberation(
        owner=owner,
        clinic=owner.clinic,
        framework_version=framework_version,
        title=title.strip(),
        client_reference=client_reference.strip(),
        urgency=urgency,
    )
    deliberation.full_clean(exclude=["chosen_option"])
    deliberation.save()
    PrivateReflection.objects.create(deliberation=deliberation)
    return deliberation


class _Raced(Exception):
    """Another save committed between our read and our write; the caller reloads."""


def _check(d: Deliberation, *, step_key: str, base_revision: int | None, tab: str) -> None:
    """Refuse signed or stale saves of a step, judged on the copy the caller loaded.

    A save is stale when the step changed after ``base_revision`` in another tab or device.
    Saves from the same tab (``tab`` is a token each page load gets) never conflict with
    each other, however their requests interleave.
    """
    if d.is_signed:
        raise DeliberationLocked
    changed_at, changed_by = d.step_revisions.get(step_key, [0, ""])
    if base_revision is not None and changed_at > base_revision and changed_by != tab:
        raise StaleRevision(d, step_key)


def _bump(d: Deliberation, step_key: str, fields: list[str], tab: str = "") -> Deliberation:
    """Write ``fields`` and the new revision in one UPDATE guarded by the revision we read.

    If another save got in first, nothing is written and ``_Raced`` rolls the whole step
    save back, so the caller can reload and judge again: no lost update, no lock held.
    """
    step_revisions = {**d.step_revisions, step_key: [d.revision + 1, tab]}
    now = timezone.now()
    values = {name: getattr(d, name) for name in dict.fromkeys(fields)}
    updated = Deliberation.objects.filter(
        pk=d.pk, revision=d.revision, signed_at__isnull=True
    ).update(**values, revision=d.revision + 1, step_revisions=step_revisions, updated_at=now)
    if not updated:
        raise _Raced
    d.revision, d.step_revisions, d.updated_at = d.revision + 1, step_revisions, now
    return d


def _signed_meanwhile(error: IntegrityError) -> bool:
    """The signed-record triggers refused a row write: signed after the caller loaded it."""
    return "ethicsdesk: deliberation is signed" in str(error)


def _with_retry(load, work):
    """Run ``work(deliberation)`` in a transaction; after a race, reload and run again.

    A deliberation signed meanwhile is a race too: the reload finds it signed and ``_check``
    refuses the save with ``DeliberationLocked`` instead of an error page.
    """
    deliberation = load(None)
    for attempt in range(3):
        try:
            with transaction.atomic():
                return work(deliberation)
        except _Raced:
            pass
        except IntegrityError as error:
            if not _signed_meanwhile(error):
                raise
        if attempt == 2:
            raise DeliberationBusy
        deliberation = load(deliberation)
    raise DeliberationBusy


def step_save(
    *,
    deliberation: Deliberation,
    step: StepDef,
    data: dict,
    base_revision: int | None,
    tab: str = "",
    reload=None,
) -> Deliberation:
    """Save the valid fields of one step. Raises a ``SaveRefused``: StaleRevision,
    DeliberationLocked or DeliberationBusy.

    ``deliberation`` comes loaded with what the step's handler needs (options,
    stakeholders); ``reload`` fetches it again the same way after a race.
    """
    from cases.steps import HANDLERS

    handler = HANDLERS[step.kind]

    def work(d: Deliberation) -> Deliberation:
        _check(d, step_key=step.key, base_revision=base_revision, tab=tab)
        changed = handler.save_form(d, d.framework_version.spec, step, data)
        return _bump(d, step.key, changed, tab=tab)

    return _with_retry(lambda old: deliberation if old is None else reload(), work)


def row_add(*, deliberation: Deliberation, step: StepDef, kind: str, tab: str = ""):
    """Add an empty row; refused (``RowCapReached``) beyond the kind's cap."""
    from cases.forms import ROW_CAPS, ROW_FORMS

    _, related, singular = ROW_FORMS[kind]

    def work(d: Deliberation):
        _check(d, step_key=step.key, base_revision=None, tab=tab)
        manager = getattr(d, related)
        if manager.count() >= ROW_CAPS[kind]:
            raise RowCapReached(
                f"a deliberation holds at most {ROW_CAPS[kind]} {kind}; "
                f"remove one to add another {singular}."
            )
        last = manager.order_by("-position").values_list("position", flat=True).first() or 0
        row = manager.create(position=last + 1)
        _bump(d, step.key, [], tab=tab)
        return row

    return _with_retry(lambda old: deliberation if old is None else _fresh(deliberation), work)


def row_save(
    *,
    deliberation: Deliberation,
    step: StepDef,
    row,
    data: dict,
    base_revision: int | None,
    tab: str = "",
) -> Deliberation:
    def work(d: Deliberation) -> Deliberation:
        _check(d, step_key=step.key, base_revision=base_revision, tab=tab)
        for name, value in data.items():
            setattr(row, name, value)
        if data:
            row.save(update_fields=list(data))
        return _bump(d, step.key, [], tab=tab)

    return _with_retry(lambda old: deliberation if old is None else _fresh(deliberation), work)


def row_remove(*, deliberation: Deliberation, step: StepDef, row, tab: str = "") -> Deliberation:
    row_id = row.pk

    def work(d: Deliberation) -> Deliberation:
        _check(d, step_key=step.key, base_revision=None, tab=tab)
        # By id, not ``row.delete()``: that clears ``row.pk`` even when a race rolls it back.
        type(row).objects.filter(pk=row_id).delete()
        return _bump(d, step.key, [], tab=tab)

    return _with_retry(lambda old: deliberation if old is None else _fresh(deliberation), work)


def _fresh(deliberation: Deliberation) -> Deliberation:
    from cases.selectors import deliberation_row

    return deliberation_row(pk=deliberation.pk)


def urgent_action_record(
    *,
    deliberation: Deliberation,
    duties: list[str],
    action: str,
    contacts: str,
    supervisor_notified: bool | None,
    action_at,
) -> Deliberation:
    fields = ["urgency", *(f"urgent_{name}" for name in URGENT_ANSWERS), "urgent_recorded_at"]
    answers = {
        "duties": duties,
        "action": action.strip(),
        "contacts": contacts.strip(),
        "supervisor_notified": supervisor_notified,
        "action_at": action_at,
    }

    def work(d: Deliberation) -> Deliberation:
        _check(d, step_key="urgent", base_revision=None, tab="")
        d.urgency = Urgency.IMMINENT
        for name in URGENT_ANSWERS:
            setattr(d, f"urgent_{name}", answers[name])
        if d.urgent_recorded_at is None:
            d.urgent_recorded_at = timezone.now()
        return _bump(d, "urgent", fields)

    return _with_retry(lambda old: deliberation if old is None else _fresh(deliberation), work)


def progress_update(*, deliberation: Deliberation, states: list[str]) -> None:
    """Store the steps' states (for the next step page) and the share of complete steps (for
    the list page), as the worksheet computed them at this revision.

    One UPDATE, only when something changed, and only if no save came in meanwhile (then the
    states would describe older content; the next page computes them again).
    """
    progress = round(100 * states.count("complete") / len(states)) if states else 0
    if deliberation.is_signed:
        progress = deliberation.progress  # the list shows what it showed when signed
    if deliberation.states_current and progress == deliberation.progress:
        return
    Deliberation.objects.filter(pk=deliberation.pk, revision=deliberation.revision).update(
        progress=progress, step_states=states, states_revision=deliberation.revision
    )
    deliberation.progress = progress
    deliberation.step_states, deliberation.states_revision = states, deliberation.revision

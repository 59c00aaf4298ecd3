"""Writes for deliberations: create, save a step (with conflict detection), rows, fast path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.models import User
from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import (
    URGENT_ANSWERS,
    Deliberation,
    DischargeTick,
    PrivateReflection,
    Urgency,
)
from cases.selectors import Purpose, deliberation_get, deliberation_load
from cases.steps import HANDLERS
from ethicsdesk.compiled import CompiledUpdate
from ethicsdesk.not_saved import Refusal
from frameworks.models import FrameworkVersion, VersionStatus
from frameworks.typed import StepDef

LOCKED = Refusal("this deliberation is signed; add an addendum instead.")
# Saves kept racing; the page sends the text again in a moment (it is kept).
BUSY = Refusal("others were saving at the same moment; it is sent again in a moment.", 503, 1)


@dataclass(frozen=True)
class SaveResult:
    """What became of a save: stored; not stored because the step changed meanwhile in
    another tab or device (``current``: the values stored now, shown beside the typed ones);
    or refused (``refusal`` says why). ``deliberation`` is as stored after it."""

    deliberation: Deliberation
    refusal: Refusal | None = None
    current: dict | None = None
    row: Any = None  # the row a ``row_add`` created

    @property
    def stored(self) -> bool:
        return self.refusal is None and self.current is None


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
        # Whose law applies starts as the clinic's; the clinician may change it.
        jurisdiction_code=owner.clinic.jurisdiction if owner.clinic else "",
    )
    deliberation.full_clean(exclude=["chosen_option"])
    deliberation.save()
    PrivateReflection.objects.create(deliberation=deliberation)
    return deliberation


class _Raced(Exception):
    """Another save committed between our read and our write; the caller reloads."""


def _check(
    d: Deliberation, *, step_key: str, base_revision: int | None, tab: str, current=None
) -> SaveResult | None:
    """Why a save of a step can't be stored, judged on the copy the caller loaded: signed,
    or stale (``current()`` then reads the values stored now).

    A save is stale when the step changed after ``base_revision`` in another tab or device.
    Saves from the same tab (``tab`` is a token each page load gets) never conflict with
    each other, however their requests interleave.
    """
    if d.is_signed:
        return SaveResult(deliberation=d, refusal=LOCKED)
    changed_at, changed_by = d.step_revisions.get(step_key, [0, ""])
    if base_revision is not None and changed_at > base_revision and changed_by != tab:
        return SaveResult(deliberation=d, current=current())
    return None


def _bump(d: Deliberation, step_key: str, fields: list[str], tab: str = "") -> Deliberation:
    """Write ``fields`` and the new revision in one UPDATE guarded by the revision we read.

    If another save got in first, nothing is written and ``_Raced`` rolls the whole step
    save back, so the caller can reload and judge again: no lost update, no lock held.
    """
    step_revisions = {**d.step_revisions, step_key: [d.revision + 1, tab]}
    now = timezone.now()
    values = {name: getattr(d, name) for name in dict.fromkeys(fields)}
    values |= {"revision": d.revision + 1, "step_revisions": step_revisions, "updated_at": now}
    if not _guarded_update(tuple(values)).run(values, d.pk, d.revision):
        raise _Raced
    d.revision, d.step_revisions, d.updated_at = d.revision + 1, step_revisions, now
    return d


@lru_cache(maxsize=64)
def _guarded_update(fields: tuple[str, ...]) -> CompiledUpdate:
    """``_bump``'s UPDATE of these fields, written once (``filter(pk=, revision=,
    signed_at__isnull=True).update(...)`` compiled by the ORM on every save)."""
    return CompiledUpdate(Deliberation, fields, match=("id", "revision"), null=("signed_at",))


def _signed_meanwhile(error: IntegrityError) -> bool:
    """The signed-record triggers refused a row write: signed after the caller loaded it."""
    return "ethicsdesk: deliberation is signed" in str(error)


def _with_retry(
    deliberation: Deliberation,
    work: Callable[[Deliberation], SaveResult],
    reload: Callable[[], Deliberation],
    *,
    one_statement: bool = False,
) -> SaveResult:
    """Run ``work(deliberation)`` in a transaction; after a race, ``reload`` and run again.

    A deliberation signed meanwhile is a race too: the reload finds it signed and ``_check``
    refuses the save (``LOCKED``) instead of an error page. Nothing is stored when work
    returns a refusal or a conflict: ``_check`` comes before any write.

    ``one_statement``: work writes nothing but ``_bump``'s guarded UPDATE. Inside the
    request's transaction (``audit.middleware``) it then needs no savepoint of its own (two
    round trips of an autosave's nine): a lost race updated no row, so there is nothing to
    roll back, and the UPDATE skips a signed row, so the signed-record triggers never fire.
    """
    one_statement = one_statement and transaction.get_connection().in_atomic_block
    for attempt in range(3):
        if attempt:
            deliberation = reload()
        if one_statement:
            try:
                return work(deliberation)
            except _Raced:
                continue
        try:
            with transaction.atomic():
                return work(deliberation)
        except _Raced:
            pass
        except IntegrityError as error:
            if not _signed_meanwhile(error):
                raise
    return SaveResult(deliberation=deliberation, refusal=BUSY)


def step_save(
    *,
    deliberation: Deliberation,
    step: StepDef,
    data: dict,
    base_revision: int | None,
    tab: str = "",
) -> SaveResult:
    """Save the valid fields of one step.

    ``deliberation`` comes loaded for the step's form (``Purpose.FORM``: options,
    stakeholders); after a race it is read again the same way.
    """
    handler = HANDLERS[step.kind]

    def current() -> dict:
        fresh = _reload(deliberation, purpose=Purpose.PAGE, step=step)
        return handler.build_form(fresh, fresh.framework_version.spec, step).initial

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(
            d, step_key=step.key, base_revision=base_revision, tab=tab, current=current
        )
        if not_stored is not None:
            return not_stored
        changed = handler.save_form(d, d.framework_version.spec, step, data)
        return SaveResult(deliberation=_bump(d, step.key, changed, tab=tab))

    return _with_retry(
        deliberation,
        work,
        lambda: _reload(deliberation, purpose=Purpose.FORM, step=step),
        one_statement=handler.saves_only_the_row(deliberation, data),
    )


def row_add(*, deliberation: Deliberation, step: StepDef, kind: str, tab: str = "") -> SaveResult:
    """Add an empty row (``SaveResult.row``); refused beyond the kind's cap."""
    _, related, singular = ROW_FORMS[kind]

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(d, step_key=step.key, base_revision=None, tab=tab)
        if not_stored is not None:
            return not_stored
        manager = getattr(d, related)
        if manager.count() >= ROW_CAPS[kind]:
            reason = (
                f"a deliberation holds at most {ROW_CAPS[kind]} {kind}; "
                f"remove one to add another {singular}."
            )
            return SaveResult(deliberation=d, refusal=Refusal(reason))
        last = manager.order_by("-position").values_list("position", flat=True).first() or 0
        row = manager.create(position=last + 1)
        return SaveResult(deliberation=_bump(d, step.key, [], tab=tab), row=row)

    return _with_retry(deliberation, work, lambda: _reload(deliberation))


def row_save(
    *,
    deliberation: Deliberation,
    step: StepDef,
    row,
    data: dict,
    base_revision: int | None,
    tab: str = "",
) -> SaveResult:
    def current() -> dict:
        row.refresh_from_db()
        return model_to_dict(row)

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(
            d, step_key=step.key, base_revision=base_revision, tab=tab, current=current
        )
        if not_stored is not None:
            return not_stored
        for name, value in data.items():
            setattr(row, name, value)
        if data:
            row.save(update_fields=list(data))
        return SaveResult(deliberation=_bump(d, step.key, [], tab=tab), row=row)

    return _with_retry(deliberation, work, lambda: _reload(deliberation))


def row_remove(*, deliberation: Deliberation, step: StepDef, row, tab: str = "") -> SaveResult:
    row_id = row.pk

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(d, step_key=step.key, base_revision=None, tab=tab)
        if not_stored is not None:
            return not_stored
        # By id, not ``row.delete()``: that clears ``row.pk`` even when a race rolls it back.
        type(row).objects.filter(pk=row_id).delete()
        return SaveResult(deliberation=_bump(d, step.key, [], tab=tab))

    return _with_retry(deliberation, work, lambda: _reload(deliberation))


def _reload(
    deliberation: Deliberation, *, purpose: Purpose | None = None, step: StepDef | None = None
) -> Deliberation:
    """The deliberation as stored now (after a race, or to show a conflict)."""
    fresh = deliberation_get(pk=deliberation.pk)
    return fresh if purpose is None else deliberation_load(fresh, purpose=purpose, step=step)


def urgent_action_record(
    *,
    deliberation: Deliberation,
    duties: list[str],
    action: str,
    contacts: str,
    supervisor_notified: bool | None,
    action_at,
    learned_at=None,
) -> SaveResult:
    fields = ["urgency", *(f"urgent_{name}" for name in URGENT_ANSWERS), "urgent_recorded_at"]
    answers = {
        "learned_at": learned_at,
        "duties": duties,
        "action": action.strip(),
        "contacts": contacts.strip(),
        "supervisor_notified": supervisor_notified,
        "action_at": action_at,
    }

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(d, step_key="urgent", base_revision=None, tab="")
        if not_stored is not None:
            return not_stored
        d.urgency = Urgency.IMMINENT
        for name in URGENT_ANSWERS:
            setattr(d, f"urgent_{name}", answers[name])
        if d.urgent_recorded_at is None:
            d.urgent_recorded_at = timezone.now()
        return SaveResult(deliberation=_bump(d, "urgent", fields))

    return _with_retry(deliberation, work, lambda: _reload(deliberation))


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


def deliberation_jurisdiction_set(*, deliberation: Deliberation, code: str) -> SaveResult:
    """Whose law applies (a known jurisdiction code, or blank for none chosen)."""

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(d, step_key="law", base_revision=None, tab="")
        if not_stored is not None:
            return not_stored
        d.jurisdiction_code = code
        return SaveResult(deliberation=_bump(d, "law", ["jurisdiction_code"]))

    return _with_retry(deliberation, work, lambda: _reload(deliberation))


def discharge_step_record(
    *, deliberation: Deliberation, rule_version, step: int, done_at
) -> SaveResult:
    """Tick one discharge step of a rule version shown on the deliberation, at ``done_at``
    (its own time), or untick it (``done_at`` None). The version must be pinned."""
    if not 0 <= step < len(rule_version.discharge_steps):
        raise ValueError("No such discharge step.")

    def work(d: Deliberation) -> SaveResult:
        not_stored = _check(d, step_key="law", base_revision=None, tab="")
        if not_stored is not None:
            return not_stored
        ticks = DischargeTick.objects.filter(deliberation=d, rule_version=rule_version, step=step)
        if done_at is None:
            ticks.delete()
        else:
            DischargeTick.objects.update_or_create(
                deliberation=d, rule_version=rule_version, step=step, defaults={"done_at": done_at}
            )
        return SaveResult(deliberation=_bump(d, "law", []))

    return _with_retry(deliberation, work, lambda: _reload(deliberation))

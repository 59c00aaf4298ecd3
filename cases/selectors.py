"""Reads for deliberations."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects

from cases.models import Deliberation, Option
from cases.steps import HANDLERS, panel_shown, worksheet_relations
from frameworks.typed import Definition, StepDef

# What each part of the worksheet needs loaded, so a page runs a fixed number of queries.
PANEL_PREFETCH = ("options__marks", "options__consequences", "stakeholders")


def _options_with_virtue() -> Prefetch:
    return Prefetch(
        "options", queryset=Option.objects.select_related("virtue").order_by("position", "id")
    )


def worksheet_prefetch(definition: Definition) -> list:
    """The relations a deliberation on this framework version can show, and no others."""
    needs = [*PANEL_PREFETCH, *worksheet_relations(definition)]
    if any(step.questions for step in definition.steps):
        needs.append("custom_answers")
    return _relations(needs)


def deliberation_row(*, pk: int, related: tuple[str, ...] = ()) -> Deliberation | None:
    """The deliberation and its (cached) framework version; its rows come with
    ``load_for_step``. ``related`` adds rows it points to (the owner, ...) to the query."""
    from frameworks.selectors import pinned_version

    rows = Deliberation.objects.filter(pk=pk)
    deliberation = (rows.select_related(*related) if related else rows).first()
    if deliberation is not None:
        deliberation.framework_version = pinned_version(deliberation.framework_version_id)
    return deliberation


def deliberation_for_worksheet(*, pk: int) -> Deliberation | None:
    """A deliberation with everything the worksheet shows, in a fixed number of queries."""
    deliberation = deliberation_row(pk=pk, related=("owner", "reflection", "chosen_option"))
    if deliberation is not None:
        prefetch_related_objects(
            [deliberation], *worksheet_prefetch(deliberation.framework_version.spec)
        )
    return deliberation


def step_prefetch(deliberation: Deliberation, step: StepDef) -> list:
    """The relations one step page shows: its form, its rows and, after Options, the panel."""
    definition = deliberation.framework_version.spec
    needs = HANDLERS[step.kind].relations("page", definition)
    if panel_shown(definition, step):
        needs += PANEL_PREFETCH
    if step.questions:
        needs.append("custom_answers")
    return _relations(needs)


def _relations(names: list[str]) -> list:
    """Relation names for ``prefetch_related_objects``, each once, with the options (and
    their virtue) first as one Prefetch, so their marks and consequences attach to them."""
    names = list(dict.fromkeys(names))
    if not any(name.split("__")[0] == "options" for name in names):
        return names
    return [_options_with_virtue(), *(n for n in names if n not in ("options", "options__virtue"))]


def load_for_stepper(deliberation: Deliberation) -> Deliberation:
    """Prefetch what computing every step's state needs, unless the stored states are current."""
    if not deliberation.states_current:
        prefetch_related_objects(
            [deliberation], *worksheet_prefetch(deliberation.framework_version.spec)
        )
    return deliberation


def load_for_step(deliberation: Deliberation, step: StepDef) -> Deliberation:
    """Prefetch what a step page needs: its own step's rows while the stored step states are
    current, everything when the stepper's states must be computed again (or for Review and
    sign, which lists what every step still misses)."""
    if deliberation.states_current and not HANDLERS[step.kind].needs_worksheet:
        needs = step_prefetch(deliberation, step)
    else:
        needs = worksheet_prefetch(deliberation.framework_version.spec)
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def deliberation_for_save(*, pk: int) -> Deliberation | None:
    """The row a save starts from; the step's relations are added by ``prefetch_for_form``."""
    return deliberation_row(pk=pk)


def prefetch_for_form(deliberation: Deliberation, step: StepDef) -> Deliberation:
    needs = _relations(list(HANDLERS[step.kind].form_needs))
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def load_after_save(deliberation: Deliberation, step: StepDef, *, panel: bool) -> Deliberation:
    """Load what the answer to an autosave shows: the panel and the step's new state."""
    needs = list(HANDLERS[step.kind].state_needs)
    if panel:
        needs += PANEL_PREFETCH
    if step.questions:
        needs.append("custom_answers")
    # The options Prefetch is a no-op when the form loaded them already.
    prefetch_related_objects([deliberation], *_relations(needs))
    return deliberation

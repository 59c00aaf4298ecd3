"""Reads for deliberations."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects

from cases.models import Deliberation, Option

# What each part of the worksheet needs loaded, so a page runs a fixed number of queries.
PANEL_PREFETCH = ("options__marks", "options__consequences", "stakeholders")


def _options_with_virtue() -> Prefetch:
    return Prefetch(
        "options", queryset=Option.objects.select_related("virtue").order_by("position", "id")
    )


def worksheet_prefetch(definition: dict) -> list:
    """The relations a deliberation on this framework version can show, and no others."""
    kinds = {step["kind"] for step in definition["steps"]}
    needs: list = [_options_with_virtue(), *PANEL_PREFETCH]
    if "consultation" in kinds:
        needs.append("consultations")
    if "codes_law" in kinds:
        needs.append("provision_notes")
    if any(step.get("questions") for step in definition["steps"]):
        needs.append("custom_answers")
    return needs


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
            [deliberation], *worksheet_prefetch(deliberation.framework_version.definition)
        )
    return deliberation


def step_prefetch(deliberation: Deliberation, step: dict) -> list:
    """The relations one step page shows: its form, its rows and, after Options, the panel."""
    from cases.forms import ROW_FORMS
    from cases.steps import HANDLERS
    from cases.worksheet import shows_panel

    handler = HANDLERS[step["kind"]]
    definition = deliberation.framework_version.definition
    needs = [*handler.form_needs, *handler.state_needs]
    needs += [ROW_FORMS[kind][1] for kind in handler.row_kinds(definition)]
    if shows_panel(deliberation, step):
        needs += PANEL_PREFETCH
    if step.get("questions"):
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
            [deliberation], *worksheet_prefetch(deliberation.framework_version.definition)
        )
    return deliberation


def load_for_step(deliberation: Deliberation, step: dict) -> Deliberation:
    """Prefetch what a step page needs: its own step's rows while the stored step states are
    current, everything when the stepper's states must be computed again (or for Review and
    sign, which lists what every step still misses)."""
    if deliberation.states_current and step["kind"] != "review_sign":
        needs = step_prefetch(deliberation, step)
    else:
        needs = worksheet_prefetch(deliberation.framework_version.definition)
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def deliberation_for_save(*, pk: int) -> Deliberation | None:
    """The row a save starts from; the step's relations are added by ``prefetch_for_form``."""
    return deliberation_row(pk=pk)


def prefetch_for_form(deliberation: Deliberation, step: dict) -> Deliberation:
    from cases.steps import HANDLERS

    needs = _relations(list(HANDLERS[step["kind"]].form_needs))
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def load_after_save(deliberation: Deliberation, step: dict, *, panel: bool) -> Deliberation:
    """Load what the answer to an autosave shows: the panel and the step's new state."""
    from cases.steps import HANDLERS

    needs = list(HANDLERS[step["kind"]].state_needs)
    if panel:
        needs += PANEL_PREFETCH
    if step.get("questions"):
        needs.append("custom_answers")
    # The options Prefetch is a no-op when the form loaded them already.
    prefetch_related_objects([deliberation], *_relations(needs))
    return deliberation

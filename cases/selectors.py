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


def deliberation_for_worksheet(*, pk: int) -> Deliberation | None:
    """A deliberation with everything the worksheet shows, in a fixed number of queries."""
    deliberation = (
        Deliberation.objects.select_related(
            "framework_version__framework", "owner", "reflection", "chosen_option"
        )
        .filter(pk=pk)
        .first()
    )
    if deliberation is not None:
        prefetch_related_objects(
            [deliberation], *worksheet_prefetch(deliberation.framework_version.definition)
        )
    return deliberation


def deliberation_for_save(*, pk: int) -> Deliberation | None:
    """The row a save starts from; the step's relations are added by ``prefetch_for_form``."""
    return (
        Deliberation.objects.select_related("framework_version", "reflection", "owner")
        .filter(pk=pk)
        .first()
    )


def prefetch_for_form(deliberation: Deliberation, step: dict) -> Deliberation:
    from cases.steps import HANDLERS

    needs = [
        _options_with_virtue() if need == "options" else need
        for need in HANDLERS[step["kind"]].form_needs
    ]
    prefetch_related_objects([deliberation], *needs)
    return deliberation


def load_after_save(deliberation: Deliberation, step: dict, *, panel: bool) -> Deliberation:
    """Load what the answer to an autosave shows: the panel and the step's new state."""
    from cases.steps import HANDLERS

    needs = list(HANDLERS[step["kind"]].state_needs)
    if panel:
        needs += PANEL_PREFETCH
    if "options__virtue" in needs:
        needs.remove("options__virtue")
        needs.insert(0, _options_with_virtue())  # a no-op when the form loaded options
    if step.get("questions"):
        needs.append("custom_answers")
    prefetch_related_objects([deliberation], *dict.fromkeys(needs))
    return deliberation

"""Reads for deliberations."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects

from cases.models import Deliberation, Option

# What each part of the worksheet needs loaded, so a page runs a fixed number of queries.
PANEL_PREFETCH = ("options__marks", "options__consequences", "stakeholders")
FULL_PREFETCH = (
    Prefetch("options", queryset=Option.objects.order_by("position", "id")),
    "options__virtue",
    "options__marks",
    "options__consequences",
    "stakeholders",
    "consultations",
    "provision_notes",
    "custom_answers",
)


def deliberation_for_worksheet(*, pk: int) -> Deliberation | None:
    """A deliberation with everything the worksheet shows, in a fixed number of queries."""
    return (
        Deliberation.objects.select_related(
            "framework_version__framework", "owner", "reflection", "chosen_option"
        )
        .prefetch_related(*FULL_PREFETCH)
        .filter(pk=pk)
        .first()
    )


def deliberation_for_save(*, pk: int) -> Deliberation | None:
    """The row a save starts from; the step's relations are added by ``prefetch_for_form``."""
    return (
        Deliberation.objects.select_related("framework_version", "reflection", "owner")
        .filter(pk=pk)
        .first()
    )


def prefetch_for_form(deliberation: Deliberation, step: dict) -> Deliberation:
    from cases.steps import HANDLERS

    prefetch_related_objects([deliberation], *HANDLERS[step["kind"]].form_needs)
    return deliberation


def load_after_save(deliberation: Deliberation, step: dict, *, panel: bool) -> Deliberation:
    """Load what the answer to an autosave shows: the panel and the step's new state."""
    from cases.steps import HANDLERS

    needs = list(HANDLERS[step["kind"]].state_needs)
    if panel:
        needs += PANEL_PREFETCH
    if step.get("questions"):
        needs.append("custom_answers")
    prefetch_related_objects([deliberation], *dict.fromkeys(needs))
    return deliberation

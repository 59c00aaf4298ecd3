"""The step kinds of the worksheet: one handler per kind, found through ``HANDLERS``.

Everything a step kind means lives in its module (its fields, how it saves, when it is
complete, its template, its layout, which relations it needs, whether it is private);
nothing outside this package branches on a step's kind. Adding a kind: a module here, its
template under ``templates/cases/steps/``, its entry below and in
``frameworks.definition.STEP_KINDS``, and its test under ``tests/cases/steps/``.
"""

from __future__ import annotations

from cases.models import Deliberation
from cases.steps.base import COMPLETE, EMPTY, STARTED, MatrixNames, RowsStep, Step
from cases.steps.character import CharacterStep
from cases.steps.closing import DecisionStep, FollowUpStep, ReviewSignStep
from cases.steps.codes_law import CodesLawStep
from cases.steps.consequences import ConsequencesStep
from cases.steps.dilemma import DilemmaStep
from cases.steps.principles import PrinciplesStep
from cases.steps.rows import ConsultationStep, OptionsStep, StakeholdersStep
from cases.steps.values_bias import ValuesBiasStep
from frameworks.typed import Definition, StepDef

__all__ = [
    "COMPLETE",
    "EMPTY",
    "HANDLERS",
    "STARTED",
    "MatrixNames",
    "RowsStep",
    "Step",
    "handler_for_rows",
    "panel_shown",
    "readiness",
    "signing_needs",
    "signing_step",
    "step_missing",
    "worksheet_relations",
]

HANDLERS: dict[str, Step] = {
    h.kind: h
    for h in (
        DilemmaStep(),
        ValuesBiasStep(),
        CodesLawStep(),
        StakeholdersStep(),
        OptionsStep(),
        PrinciplesStep(),
        ConsequencesStep(),
        CharacterStep(),
        ConsultationStep(),
        DecisionStep(),
        ReviewSignStep(),
        FollowUpStep(),
    )
}


def handler_for_rows(row_kind: str) -> RowsStep:
    """The step whose rows these are (stakeholders, options, consultations)."""
    return next(h for h in HANDLERS.values() if isinstance(h, RowsStep) and h.row_kind == row_kind)


def worksheet_relations(definition: Definition) -> list[str]:
    """Every relation the steps of a framework version show or compute their state from."""
    return [
        name
        for step in definition.steps
        for name in HANDLERS[step.kind].relations("page", definition)
    ]


def panel_shown(definition: Definition, step: StepDef) -> bool:
    """The side panel (the options compared) shows on the steps from Options on, where the
    step's handler wants it."""
    options = next((s for s in definition.steps if s.kind == OptionsStep.kind), None)
    if options is None or not HANDLERS[step.kind].shows_panel:
        return False
    return definition.index(step.key) >= definition.index(options.key)


def signing_step(definition: Definition) -> StepDef:
    """The step where a deliberation is signed (every framework has one: REQUIRED_KINDS)."""
    return next(s for s in definition.steps if s.kind == ReviewSignStep.kind)


# -- readiness: what is required to sign, in one place ----------------------------------


def signing_needs(step: StepDef) -> bool:
    """Whether signing needs anything from this step."""
    return HANDLERS[step.kind].signing_needs


def step_missing(d: Deliberation, definition: Definition, step: StepDef) -> list[str]:
    """What one step still lacks before signing (nothing for the steps signing skips)."""
    if not signing_needs(step):
        return []
    return HANDLERS[step.kind].missing(d, definition)


def readiness(d: Deliberation, definition: Definition) -> list[tuple[StepDef, str]]:
    """Everything still missing before signing, as (step, message), in step order."""
    return [
        (step, message)
        for step in definition.steps
        for message in step_missing(d, definition, step)
    ]

from __future__ import annotations

from cases.selectors import deliberation_for_worksheet
from cases.steps import HANDLERS


def state_and_missing(d, kind: str) -> tuple[str, list[str]]:
    """One step's state and what it misses, computed from a freshly loaded worksheet."""
    d = deliberation_for_worksheet(pk=d.pk)
    definition = d.framework_version.spec
    step = next(s for s in definition.steps if s.kind == kind)
    return HANDLERS[kind].state(d, definition, step), HANDLERS[kind].missing(d, definition)

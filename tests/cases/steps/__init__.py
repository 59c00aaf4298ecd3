from __future__ import annotations

from cases.selectors import Purpose, deliberation_get
from cases.steps import HANDLERS


def state_and_missing(d, kind: str) -> tuple[str, list[str]]:
    """One step's state and what it misses, computed from a freshly loaded worksheet."""
    d = deliberation_get(pk=d.pk, purpose=Purpose.WORKSHEET)
    definition = d.framework_version.spec
    step = next(s for s in definition.steps if s.kind == kind)
    return HANDLERS[kind].state(d, definition, step), HANDLERS[kind].missing(d, definition)

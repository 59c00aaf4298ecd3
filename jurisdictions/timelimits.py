"""Time limits of a rule: ``<what> :: <when>`` entries, stored as structured dicts.

``<when>`` is ``immediately``, ``<n>h``, ``<n>d`` or free text; only the first three give a
deadline from the moment the clinician learned of the danger or abuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

ENTRY_SEPARATOR = " | "
PART_SEPARATOR = "::"
_AMOUNT = re.compile(r"^(\d{1,4})\s*([hd])$")


class TimeLimitError(ValueError):
    pass


@dataclass(frozen=True)
class TimeLimit:
    label: str
    kind: str  # "immediately" | "hours" | "days" | "text"
    amount: int | None = None
    text: str = ""

    @classmethod
    def parse(cls, entry: str) -> TimeLimit:
        if PART_SEPARATOR not in entry:
            raise TimeLimitError(f'"{entry}" is not "<what> :: <when>".')
        label, when = (part.strip() for part in entry.split(PART_SEPARATOR, 1))
        if not label or not when:
            raise TimeLimitError(f'"{entry}" needs both a <what> and a <when>.')
        if when.lower() == "immediately":
            return cls(label=label, kind="immediately")
        match = _AMOUNT.match(when)
        if match:
            kind = "hours" if match.group(2) == "h" else "days"
            return cls(label=label, kind=kind, amount=int(match.group(1)))
        return cls(label=label, kind="text", text=when)

    @classmethod
    def from_json(cls, data: dict) -> TimeLimit:
        return cls(
            label=data["label"],
            kind=data["kind"],
            amount=data.get("amount"),
            text=data.get("text", ""),
        )

    def to_json(self) -> dict:
        return {"label": self.label, "kind": self.kind, "amount": self.amount, "text": self.text}

    @property
    def when(self) -> str:
        """The ``<when>`` as the data format writes it."""
        if self.kind == "immediately":
            return "immediately"
        if self.kind in ("hours", "days"):
            return f"{self.amount}{self.kind[0]}"
        return self.text

    @property
    def plain(self) -> str:
        """The ``<when>`` in words."""
        if self.kind == "hours":
            return f"within {self.amount} hours"
        if self.kind == "days":
            return f"within {self.amount} days"
        return self.when

    def deadline(self, learned_at: datetime | None) -> datetime | None:
        if learned_at is None or self.kind == "text":
            return None
        if self.kind == "immediately":
            return learned_at
        unit = timedelta(hours=1) if self.kind == "hours" else timedelta(days=1)
        return learned_at + unit * self.amount


def parse_cell(cell: str) -> list[TimeLimit]:
    """A CSV ``time_limits`` cell (may be empty) as TimeLimits."""
    return [TimeLimit.parse(e) for e in cell.split(ENTRY_SEPARATOR) if e.strip()]


def format_cell(limits: list[TimeLimit]) -> str:
    return ENTRY_SEPARATOR.join(f"{limit.label} :: {limit.when}" for limit in limits)

"""A framework definition as frozen types, built once from validated JSON.

``frameworks.definition.validate`` checks the raw JSON (the editor and the import work on it
and report every problem); ``Definition.from_json`` turns JSON that passed into the objects
the worksheet, review and records read. The stored JSON never changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from frameworks.definition import STEP_KINDS


@dataclass(frozen=True)
class Principle:
    key: str
    name: str
    definition: str


@dataclass(frozen=True)
class Virtue:
    key: str
    name: str
    definition: str


@dataclass(frozen=True)
class Provision:
    key: str
    topic: str
    text: str
    citation: str
    safety_duty: bool = False


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class StepDef:
    key: str
    kind: str
    title: str
    guidance: str = ""
    prompts: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()  # keys of the provisions linked to this step
    questions: tuple[Question, ...] = ()
    # The linked provisions themselves, in the step's order (what the guidance box lists).
    provision_list: tuple[Provision, ...] = field(default=(), compare=False, repr=False)

    @property
    def kind_label(self) -> str:
        return STEP_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Definition:
    steps: tuple[StepDef, ...]
    principles: tuple[Principle, ...] = ()
    virtues: tuple[Virtue, ...] = ()
    provisions: tuple[Provision, ...] = ()
    sources: tuple[str, ...] = ()
    schema_version: int = 1

    @classmethod
    def from_json(cls, data: dict) -> Definition:
        """The typed definition of validated JSON (``frameworks.definition.validate``)."""
        provisions = tuple(
            Provision(
                key=p["key"],
                topic=p["topic"],
                text=p["text"],
                citation=p["citation"],
                safety_duty=bool(p.get("safety_duty", False)),
            )
            for p in data.get("provisions", [])
        )
        by_key = {p.key: p for p in provisions}
        steps = tuple(
            StepDef(
                key=s["key"],
                kind=s["kind"],
                title=s["title"],
                guidance=s.get("guidance", ""),
                prompts=tuple(s.get("prompts", [])),
                provisions=tuple(s.get("provisions", [])),
                questions=tuple(
                    Question(key=q["key"], text=q["text"]) for q in s.get("questions", [])
                ),
                provision_list=tuple(by_key[k] for k in s.get("provisions", []) if k in by_key),
            )
            for s in data.get("steps", [])
        )
        return cls(
            steps=steps,
            principles=tuple(
                Principle(key=p["key"], name=p["name"], definition=p["definition"])
                for p in data.get("principles", [])
            ),
            virtues=tuple(
                Virtue(key=v["key"], name=v["name"], definition=v["definition"])
                for v in data.get("virtues", [])
            ),
            provisions=provisions,
            sources=tuple(data.get("sources", [])),
            schema_version=data.get("schema_version", 1),
        )

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(s.kind for s in self.steps)

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    def step(self, key: str) -> StepDef | None:
        return next((s for s in self.steps if s.key == key), None)

    def index(self, key: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.key == key)

    def provisions_for(self, step: StepDef) -> list[Provision]:
        return list(step.provision_list)

    def provision(self, key: str) -> Provision | None:
        return next((p for p in self.provisions if p.key == key), None)

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
class Code:
    """A professional code a framework cites, and the edition its citations refer to."""

    abbr: str  # how citations name it, e.g. "ACA"
    name: str
    edition: str  # e.g. "2014", "2002 as amended 2010 and 2016"
    source: str = ""  # where the text was checked
    checked: str = ""  # when (ISO date)

    @property
    def label(self) -> str:
        return f"{self.abbr} {self.edition}"


@dataclass(frozen=True)
class Provision:
    key: str
    topic: str
    text: str
    citation: str
    safety_duty: bool = False
    # The editions of the codes this provision cites ("ACA 2014", ...), in citation order;
    # empty for versions published before editions were recorded.
    editions: tuple[str, ...] = ()

    @property
    def edition_text(self) -> str:
        return "; ".join(self.editions)


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
    codes: tuple[Code, ...] = ()
    schema_version: int = 1

    @classmethod
    def from_json(cls, data: dict) -> Definition:
        """The typed definition of validated JSON (``frameworks.definition.validate``)."""
        codes = tuple(
            Code(
                abbr=c["abbr"],
                name=c["name"],
                edition=c["edition"],
                source=c.get("source", ""),
                checked=c.get("checked", ""),
            )
            for c in data.get("codes", [])
        )
        provisions = tuple(
            Provision(
                key=p["key"],
                topic=p["topic"],
                text=p["text"],
                citation=p["citation"],
                safety_duty=bool(p.get("safety_duty", False)),
                editions=cited_editions(p["citation"], codes),
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
            codes=codes,
            schema_version=data.get("schema_version", 1),
        )

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(s.kind for s in self.steps)

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    @cached_property
    def provision_labels(self) -> dict[str, str]:
        """Each provision's name as a tag or a choice shows it: "topic (citation)"."""
        return {p.key: f"{p.topic} ({p.citation})" for p in self.provisions}

    @cached_property
    def principle_names(self) -> dict[str, str]:
        return {p.key: p.name for p in self.principles}

    def step(self, key: str) -> StepDef | None:
        return next((s for s in self.steps if s.key == key), None)

    def index(self, key: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.key == key)

    def provisions_for(self, step: StepDef) -> list[Provision]:
        return list(step.provision_list)

    def provision(self, key: str) -> Provision | None:
        return next((p for p in self.provisions if p.key == key), None)

    def editions_cited(self, keys: list[str]) -> list[str]:
        """The code editions the provisions of ``keys`` cite, each once, in the codes' order."""
        cited = {e for p in self.provisions if p.key in keys for e in p.editions}
        return [c.label for c in self.codes if c.label in cited]


def cited_editions(citation: str, codes: tuple[Code, ...]) -> tuple[str, ...]:
    """The editions of the codes a citation names: each part of "ACA B.2.a; APA 4.05" begins
    with the code's abbreviation. Parts naming no listed code (case law, "state law") add none."""
    by_abbr = {c.abbr: c for c in codes}
    labels: list[str] = []
    for part in citation.split(";"):
        words = part.split()
        code = by_abbr.get(words[0]) if words else None
        if code is not None and code.label not in labels:
            labels.append(code.label)
    return tuple(labels)

"""A small document model: what the chart note and the full report say, in order.

``records.rationale`` fills it from a deliberation; ``records.render`` turns it into HTML
(for the page and the PDF) and into plain text. One model, three outputs: they can't drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # "p" | "ul" | "dl" | "table" | "note"
    text: str = ""
    items: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    # A table's column widths, by name: document.css's ``document__table--<columns>``. Fixed
    # widths let WeasyPrint lay a long table out without first measuring every cell's text
    # for its widest and narrowest (a tenth of a full report's PDF).
    columns: str = ""


def p(text: str) -> Block:
    return Block("p", text=text)


def ul(items: list[str]) -> Block:
    return Block("ul", items=[i for i in items if i])


def dl(pairs: list[tuple[str, str]]) -> Block:
    return Block("dl", pairs=[(k, v) for k, v in pairs if v])


def table(
    headers: list[str], rows: list[list[str]], caption: str = "", *, columns: str = ""
) -> Block:
    return Block("table", headers=headers, rows=rows, caption=caption, columns=columns)


def note(text: str) -> Block:
    return Block("note", text=text)


@dataclass
class Section:
    heading: str
    blocks: list[Block]
    private: bool = False

    @property
    def empty(self) -> bool:
        return not any(b.text or b.items or b.pairs or b.rows for b in self.blocks)


@dataclass
class Document:
    kind: str  # "chart-note" | "report"
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    draft: bool = True

    @property
    def label(self) -> str:
        return "Chart note" if self.kind == "chart-note" else "Full deliberation report"

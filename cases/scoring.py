"""The numbers beside the options: principle marks and the expected-value score.

They inform the decision; they never make it. ``explanation`` says in words how the score
is computed, and the pages show it beside the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIKELIHOODS = [
    (10, "Unlikely (10%)"),
    (25, "Low (25%)"),
    (50, "Medium (50%)"),
    (75, "High (75%)"),
    (90, "Very likely (90%)"),
    (100, "Certain (100%)"),
]
IMPACTS = [
    (3, "+3 major benefit"),
    (2, "+2 benefit"),
    (1, "+1 slight benefit"),
    (0, "0 no effect"),
    (-1, "−1 slight harm"),
    (-2, "−2 harm"),
    (-3, "−3 major harm"),
]
STRENGTHS = [
    (2, "+2 strongly honours"),
    (1, "+1 honours"),
    (0, "0 neither"),
    (-1, "−1 breaches"),
    (-2, "−2 strongly breaches"),
]

EXPLANATION = (
    "For each stakeholder, the benefit or harm (−3 to +3) is multiplied by its likelihood "
    "(as a fraction: 75% = 0.75), and the results are added up for the option. A higher score "
    "means more expected benefit across the people affected. It leaves out what numbers can't "
    "hold (rights, duties, who bears the harm), so weigh it with the principles and your "
    "judgement; it never decides on its own."
)


@dataclass
class OptionScore:
    option_id: int
    label: str
    expected_value: float = 0.0
    estimates: int = 0
    cells: int = 0
    honours: int = 0
    breaches: int = 0
    net_principles: int = 0
    marks: dict[str, int | None] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.cells > 0 and self.estimates == self.cells


def score(
    *,
    option_id: int,
    label: str,
    cells: int,
    marks: dict[str, int | None],
    estimates: list[tuple[str, int | None, int | None]],
    principle_keys: list[str],
) -> OptionScore:
    """One option's numbers: ``marks`` by principle key, ``estimates`` as (stakeholder name,
    impact, likelihood) for the stakeholders of its deliberation, ``cells`` how many there are."""
    result = OptionScore(option_id=option_id, label=label, cells=cells)
    for key in principle_keys:
        strength = marks.get(key)
        result.marks[key] = strength
        if strength is None:
            continue
        result.net_principles += strength
        result.honours += strength > 0
        result.breaches += strength < 0
    total = 0.0
    for name, impact, likelihood in estimates:
        if impact is None or likelihood is None:
            continue
        term = impact * likelihood / 100
        total += term
        result.estimates += 1
        result.terms.append(f"{name}: {impact:+d} × {likelihood / 100:.2f} = {term:+.2f}")
    result.expected_value = round(total, 2)
    return result


def score_options(*, options, stakeholders, principle_keys: list[str]) -> list[OptionScore]:
    """Score prefetched options (with ``marks`` and ``consequences``) without more queries."""
    names = {s.pk: s.name for s in stakeholders}
    order = {pk: i for i, pk in enumerate(names)}
    return [
        score(
            option_id=option.pk,
            label=option.label,
            cells=len(names),
            marks={m.principle_key: m.strength for m in option.marks.all()},
            # In the order the stakeholders are listed (the rows come in no set order).
            estimates=[
                (names[c.stakeholder_id], c.impact, c.likelihood)
                for c in sorted(
                    option.consequences.all(), key=lambda c: order.get(c.stakeholder_id, 0)
                )
                if c.stakeholder_id in names
            ],
            principle_keys=principle_keys,
        )
        for option in options
    ]

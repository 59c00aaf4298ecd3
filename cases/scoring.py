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


def score_options(*, options, stakeholders, principle_keys: list[str]) -> list[OptionScore]:
    """Score prefetched options (with ``marks`` and ``consequences``) without more queries."""
    stakeholder_ids = {s.pk for s in stakeholders}
    names = {s.pk: s.name for s in stakeholders}
    scores = []
    for option in options:
        score = OptionScore(option_id=option.pk, label=option.label, cells=len(stakeholder_ids))
        by_key = {m.principle_key: m.strength for m in option.marks.all()}
        for key in principle_keys:
            strength = by_key.get(key)
            score.marks[key] = strength
            if strength is None:
                continue
            score.net_principles += strength
            score.honours += strength > 0
            score.breaches += strength < 0
        total = 0.0
        for estimate in option.consequences.all():
            if estimate.stakeholder_id not in stakeholder_ids:
                continue
            if estimate.impact is None or estimate.likelihood is None:
                continue
            term = estimate.impact * estimate.likelihood / 100
            total += term
            score.estimates += 1
            score.terms.append(
                f"{names[estimate.stakeholder_id]}: {estimate.impact:+d} × "
                f"{estimate.likelihood / 100:.2f} = {term:+.2f}"
            )
        score.expected_value = round(total, 2)
        scores.append(score)
    return scores

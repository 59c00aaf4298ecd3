"""A matrix cell written straight from its field is the markup its bound field renders."""

from __future__ import annotations

import pytest
from django import forms

from cases.forms import choice
from cases.scoring import STRENGTHS
from cases.steps.cells import Cell
from cases.worksheet import attach_warnings

REASON = forms.CharField(
    label="Why (Option <1>, “Autonomy” & 'care')",
    required=False,
    max_length=300,
    widget=forms.Textarea(attrs={"rows": 1, "class": "reason"}),
)
MARK = choice("Option <1>: Autonomy & care", STRENGTHS)


def _bound(field: forms.Field, value, *, disabled: bool) -> str:
    form = forms.Form(initial={} if value is None else {"c__1__a": value}, auto_id="id_%s")
    form.fields["c__1__a"] = field
    attach_warnings(form)
    if disabled:
        form.fields["c__1__a"].disabled = True
    html = form["c__1__a"].render("forms/cell.html")
    field.disabled = False
    return html


@pytest.mark.parametrize("disabled", [False, True])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        (MARK, "1"),
        (MARK, "-2"),
        (MARK, ""),
        (MARK, None),
        (REASON, "Keeps <her> \"trust\" & 'safety'"),
        (REASON, "Call 0412 345 678 or jane@example.org"),  # shows the identifier warnings
        (REASON, ""),
        (REASON, None),
    ],
)
def test_it_renders_a_cell_as_its_bound_field_would(field, value, disabled):
    cell = Cell("c__1__a", field, value, disabled=disabled)
    assert cell.render() == _bound(field, value, disabled=disabled)

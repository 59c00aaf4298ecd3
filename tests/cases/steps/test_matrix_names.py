"""The matrix field names: built, parsed and recognised by one helper."""

from __future__ import annotations

from cases.steps.base import MatrixNames

NAMES = MatrixNames({"mark": "strength", "why": "reason"})


def test_it_builds_a_cell_name_from_its_part_and_key():
    assert NAMES.name("mark", 12, "autonomy") == "mark__12__autonomy"


def test_it_parses_a_name_back_into_its_part_and_key():
    assert NAMES.parse("why__12__autonomy") == ("why", (12, "autonomy"))


def test_it_recognises_only_its_own_cells():
    owned = [n for n in ("mark__1__a", "why__2__b", "mark__", "note__1", "mark") if NAMES.owns(n)]
    assert owned == ["mark__1__a", "why__2__b"]


def test_it_groups_submitted_cells_by_key_under_their_model_fields():
    data = {"mark__1__a": "2", "why__1__a": "Fair.", "other": "x"}
    assert NAMES.cells(data) == {(1, "a"): {"strength": "2", "reason": "Fair."}}

"""Bench results at two scales: files named for their scale, and the side-by-side table."""

from __future__ import annotations

from bench.report import scale_label, side_by_side


def _result(n: int, ratios: dict[str, tuple[float, float]]) -> dict:
    return {
        "scale": {"deliberations": n},
        "floor": {"p50_ms": 10.0, "p95_ms": 15.0},
        "scenarios": [
            {"scenario": name, "ratio": {"p50": p50, "p95": p95}, "figures": {"p50_ms": p50 * 10}}
            for name, (p50, p95) in ratios.items()
        ],
    }


def test_it_names_the_scale_in_thousands():
    assert (scale_label(20_000), scale_label(200_000), scale_label(1_200)) == (
        "20k",
        "200k",
        "1200",
    )


def test_it_marks_a_page_whose_ratio_grew_by_more_than_a_tenth_at_p50_and_p95():
    table = side_by_side(
        _result(20_000, {"list": (2.0, 2.0), "queue": (3.0, 3.0)}),
        _result(200_000, {"list": (2.5, 2.4), "queue": (3.1, 3.5)}),
    )
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines()}
    assert rows["list"].endswith("| yes |")
    assert rows["queue"].endswith("| no |")  # p95 alone grew: one run's slowest 5%


def test_it_counts_the_cpu_of_backends_that_started_during_a_run():
    from bench.driver import cpu_spent

    before = {"app": 1.0, "db": {10: 2.0}, "commits": 5.0}
    after = {"app": 1.5, "db": {10: 2.25, 11: 0.5}, "commits": 7.0}
    assert cpu_spent(before, after) == {"app": 0.5, "db": 0.75, "commits": 2.0}

"""The benchmark's figures: percentiles, warm-up, ratios to the floor, targets, memory."""

from __future__ import annotations

import math

from bench.summary import (
    Figures,
    Sample,
    figures,
    memory_growth,
    percentile,
    ratios,
    table,
    verdict,
)


def _run(times_ms, *, start=100.0, every=0.1, ok=True, name="step"):
    return [Sample(name, start + i * every, ms, ok, 1000) for i, ms in enumerate(times_ms)]


def test_it_interpolates_percentiles():
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([10, 20], 95) == 19.5


def test_it_has_no_percentile_without_samples():
    assert math.isnan(percentile([], 95))


def test_it_leaves_out_the_warm_up():
    samples = _run([500.0] * 10 + [10.0] * 90)  # the first second is slow
    assert figures([samples], warmup=1.0).p95_ms == 10.0


def test_it_counts_failures_and_leaves_them_out_of_the_times():
    samples = _run([10.0] * 9) + _run([9000.0], start=100.5, ok=False)
    result = figures([samples])
    assert (result.count, result.failures, result.p95_ms) == (10, 1, 10.0)


def test_it_computes_requests_per_second_over_the_time_the_runs_took():
    samples = _run([0.0] * 11, every=0.1)  # 11 requests over one second
    assert figures([samples]).rps == 11.0


def test_it_pools_several_runs_without_counting_the_gap_between_them():
    first, second = _run([0.0] * 11), _run([0.0] * 11, start=500.0)
    assert figures([first, second]).rps == 11.0


def test_it_divides_each_figure_by_the_floor():
    floor = Figures(100, 0, 10.0, 20.0, 200.0, 1000)
    scenario = Figures(100, 0, 25.0, 30.0, 50.0, 1000)
    assert ratios(scenario, floor) == {"p50": 2.5, "p95": 1.5, "rps": 0.25}


def test_it_gives_no_ratio_against_an_empty_floor():
    empty = Figures(0, 0, math.nan, math.nan, 0.0, 0)
    assert all(math.isnan(v) for v in ratios(Figures(1, 0, 5.0, 5.0, 1.0, 0), empty).values())


def test_it_judges_a_scenario_against_its_target():
    assert verdict("step", {"p95": 1.9}) == {"target_p95_ratio": 2.0, "met": True}
    assert verdict("queue", {"p95": 3.1})["met"] is False


def test_it_has_no_target_for_the_pages_the_issue_sets_none_for():
    assert verdict("chart-note", {"p95": 9.0}) == {"target_p95_ratio": None, "met": None}


def test_it_prints_a_missed_target():
    row = {
        "scenario": "step",
        "figures": Figures(10, 0, 30.0, 60.0, 5.0, 1000).as_dict(),
        "ratio": {"p50": 3.0, "p95": 3.0, "rps": 0.1},
        "target_p95_ratio": 2.0,
        "met": False,
    }
    assert "p95 ≤ 2× MISSED" in table([row])


def test_it_measures_memory_growth_after_the_warm_up():
    mb = 1024 * 1024
    samples = [(0.0, 50 * mb), (10.0, 100 * mb), (20.0, 100 * mb), (30.0, 105 * mb)]
    growth = memory_growth(samples, warmup=10.0, window=5.0)
    assert (growth["baseline_mb"], growth["end_mb"], growth["growth_pct"]) == (100.0, 105.0, 5.0)

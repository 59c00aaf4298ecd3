"""Turning raw request samples into the benchmark's figures: p50, p95, requests per second,
and each scenario as a ratio to the floor measured in the same run.

Pure functions on plain data, so the tests run them without locust or a server.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

# p95 of a scenario may be at most this many times the floor's p95 (issue 9).
TARGETS = {"step": 2.0, "autosave": 2.0, "list": 3.0, "queue": 3.0, "audit": 3.0, "library": 3.0}
PDF_TARGET_SECONDS = 1.0


@dataclass(frozen=True)
class Sample:
    """One request: when it started (s), how long it took (ms), and whether it succeeded."""

    name: str
    start: float
    ms: float
    ok: bool
    size: int = 0


@dataclass(frozen=True)
class Figures:
    count: int
    failures: int
    p50_ms: float
    p95_ms: float
    rps: float
    mean_bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def figures(runs: list[list[Sample]], *, warmup: float = 0.0) -> Figures:
    """Figures over one or more runs of a scenario, leaving out each run's first ``warmup``
    seconds. Times are pooled; requests per second counts successful requests over the
    time the runs took."""
    kept: list[Sample] = []
    span = 0.0
    for samples in runs:
        if not samples:
            continue
        begin = min(s.start for s in samples) + warmup
        run = [s for s in samples if s.start >= begin]
        kept += run
        span += max((s.start + s.ms / 1000 for s in run), default=begin) - begin
    ok = [s for s in kept if s.ok]
    times = [s.ms for s in ok]
    return Figures(
        count=len(kept),
        failures=len(kept) - len(ok),
        p50_ms=round(percentile(times, 50), 2),
        p95_ms=round(percentile(times, 95), 2),
        rps=round(len(ok) / span, 2) if span > 0 else 0.0,
        mean_bytes=round(sum(s.size for s in ok) / len(ok)) if ok else 0,
    )


def _ratio(value: float, floor: float) -> float:
    if not floor or math.isnan(value) or math.isnan(floor):
        return math.nan
    return round(value / floor, 2)


def ratios(scenario: Figures, floor: Figures) -> dict[str, float]:
    """A scenario against the floor: >1 for times means slower, <1 for rps means fewer."""
    return {
        "p50": _ratio(scenario.p50_ms, floor.p50_ms),
        "p95": _ratio(scenario.p95_ms, floor.p95_ms),
        "rps": _ratio(scenario.rps, floor.rps),
    }


def verdict(name: str, ratio: dict[str, float]) -> dict:
    """The scenario's p95 target (if it has one) and whether this run met it."""
    target = TARGETS.get(name)
    if target is None:
        return {"target_p95_ratio": None, "met": None}
    return {"target_p95_ratio": target, "met": bool(ratio["p95"] <= target)}


def table(rows: list[dict]) -> str:
    """The printed table: one row per scenario with its figures, ratios and target."""
    header = (
        f"{'scenario':<11}{'n':>7}{'err':>5}{'p50 ms':>9}{'p95 ms':>9}{'rps':>8}"
        f"{'p50×':>7}{'p95×':>7}{'rps×':>7}  target"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        f, r = row["figures"], row["ratio"]
        target = row.get("target_p95_ratio")
        verdict_text = "met" if row.get("met") else "MISSED"
        mark = "—" if target is None else f"p95 ≤ {target:g}× {verdict_text}"
        lines.append(
            f"{row['scenario']:<11}{f['count']:>7}{f['failures']:>5}{f['p50_ms']:>9.1f}"
            f"{f['p95_ms']:>9.1f}{f['rps']:>8.1f}{r['p50']:>7.2f}{r['p95']:>7.2f}{r['rps']:>7.2f}"
            f"  {mark}"
        )
    return "\n".join(lines)


def memory_growth(samples: list[tuple[float, int]], *, warmup: float, window: float) -> dict:
    """Growth of the server's memory after warm-up, from (seconds since start, bytes) pairs.

    The baseline is the mean over ``window`` seconds after ``warmup``; the end is the mean
    over the last ``window`` seconds. Averages keep one garbage-collection spike from
    deciding the verdict.
    """
    after = [(t, b) for t, b in samples if t >= warmup]
    if not after:
        return {"baseline_mb": None, "end_mb": None, "peak_mb": None, "growth_pct": None}
    start, end = after[0][0], after[-1][0]
    head = [b for t, b in after if t <= start + window]
    tail = [b for t, b in after if t >= end - window]
    baseline, final = sum(head) / len(head), sum(tail) / len(tail)
    mb = 1024 * 1024
    return {
        "baseline_mb": round(baseline / mb, 1),
        "end_mb": round(final / mb, 1),
        "peak_mb": round(max(b for _, b in after) / mb, 1),
        "growth_pct": round(100 * (final / baseline - 1), 1),
    }

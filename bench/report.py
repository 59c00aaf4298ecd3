"""Writing a bench run down: the JSON, the PNG chart and the printed summary."""

from __future__ import annotations

import json
from pathlib import Path

from bench.summary import table

COLOURS = {True: "#2e7d32", False: "#c62828", None: "#607d8b"}


def before_after(before: dict, rows: list[dict]) -> dict:
    """Each scenario's p95 ratio in an earlier result file beside this run's."""
    earlier = {row["scenario"]: row for row in before.get("scenarios", [])}
    return {
        "file_date": before.get("date"),
        "note": before.get("note", ""),
        "p95_ratio": {
            row["scenario"]: {
                "before": earlier.get(row["scenario"], {}).get("ratio", {}).get("p95"),
                "after": row["ratio"]["p95"],
            }
            for row in rows
        },
    }


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    rows = result["scenarios"]
    soak = result.get("soak")
    fig, axes = plt.subplots(1, 2 if soak else 1, figsize=(10 if soak else 6, 3.6), dpi=90)
    ax = axes[0] if soak else axes
    names = [row["scenario"] for row in rows]
    values = [row["ratio"]["p95"] for row in rows]
    bars = ax.bar(names, values, color=[COLOURS[row["met"]] for row in rows])
    ax.bar_label(bars, labels=[f"{v:.1f}×" for v in values], fontsize=8)
    for x, row in enumerate(rows):
        if row["target_p95_ratio"]:
            ax.hlines(row["target_p95_ratio"], x - 0.4, x + 0.4, colors="black", linestyles="--")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}×"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_yticks([1, 2, 3, 5, 10, 20, 50])
    ax.set_ylim(1, max(values + [4]) * 1.6)
    ax.set_ylabel("p95 ÷ floor's p95 (log scale)")
    ax.set_title(f"p95 ratio to the floor ({result['date'][:10]}); dashes: target", fontsize=9)
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    if soak:
        times = [t / 60 for t, _ in soak["memory_mb"]]
        axes[1].plot(times, [mb for _, mb in soak["memory_mb"]], color="#1565c0")
        axes[1].axvspan(0, soak["warmup_seconds"] / 60, color="#eeeeee", label="warm-up")
        axes[1].set_xlabel("minutes")
        axes[1].set_ylabel("workers' RSS (MB)")
        growth = soak["memory"]["growth_pct"]
        axes[1].set_title(
            f"Soak: {soak['users']} users, {soak['overall']['failures']} errors, "
            f"memory {growth:+.1f}% after warm-up",
            fontsize=9,
        )
        axes[1].set_ylim(bottom=0)
        axes[1].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def scale_label(deliberations: int) -> str:
    """20000 -> "20k": the scale in a result file's name."""
    return f"{deliberations // 1000}k" if deliberations % 1000 == 0 else str(deliberations)


def write(result: dict, directory: Path) -> tuple[Path, Path]:
    """``<date>-<scale>.json`` and ``.png``: two scales measured on one day sit side by side."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date'][:10]}-{scale_label(result['scale']['deliberations'])}"
    json_path, png_path = directory / f"{stem}.json", directory / f"{stem}.png"
    json_path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    chart(result, png_path)
    return json_path, png_path


def summary_text(result: dict) -> str:
    floor = result["floor"]
    lines = [
        f"EthicsDesk bench {result['date']}: {result['data']['deliberations']:,} deliberations, "
        f"gunicorn {result['config']['workers']} workers, {result['config']['users']} users, "
        f"{result['config'].get('rounds', 1)} rounds of {result['config']['seconds']} s per "
        "scenario, each divided by the floor run just before and after it",
        f"floor overall ({floor['bytes']:,} bytes): p50 {floor['p50_ms']:.1f} ms, "
        f"p95 {floor['p95_ms']:.1f} ms, {floor['rps']:.1f} requests/s, {floor['failures']} errors",
        "",
        table(result["scenarios"]),
        "",
    ]
    if result["scenarios"][0].get("cpu"):
        lines.append(
            "CPU ms per request, gunicorn workers / PostgreSQL: "
            + ", ".join(
                f"{row['scenario']} {row['cpu']['app_cpu_ms_per_request']:.1f} / "
                f"{row['cpu']['db_cpu_ms_per_request']:.1f}"
                for row in [{"scenario": "floor", "cpu": floor}, *result["scenarios"]]
            )
        )
    pdf = result["pdf"]
    lines.append(
        f"PDF of a full deliberation ({pdf['options']} options × {pdf['stakeholders']} "
        f"stakeholders), rendered directly: full report {pdf['report']['median_s']:.2f} s, "
        f"chart note {pdf['chart-note']['median_s']:.2f} s (target < {pdf['target_s']:g} s: "
        f"{'met' if pdf['met'] else 'MISSED'})"
    )
    scans = {n: p["seq_scans_on_large_tables"] for n, p in result.get("explain", {}).items()}
    if any(scans.values()):
        lines.append(f"EXPLAIN: sequential scans over large tables: {scans}")
    elif scans:
        lines.append(
            f"EXPLAIN: every SELECT of {len(scans)} pages uses an index on the large tables "
            f"(slowest {max(p['slowest_select_ms'] for p in result['explain'].values()):.1f} ms)"
        )
    soak = result.get("soak")
    if soak:
        memory, overall = soak["memory"], soak["overall"]
        lines.append(
            f"Soak {soak['seconds']} s at {soak['users']} users: {overall['count']:,} requests, "
            f"{overall['failures']} errors, {overall['rps']:.1f} requests/s, p95 "
            f"{overall['p95_ms']:.0f} ms; workers' memory {memory['baseline_mb']} MB after "
            f"warm-up → {memory['end_mb']} MB at the end ({memory['growth_pct']:+.1f}%, "
            f"limit +10%): {'met' if soak['met'] else 'MISSED'}"
        )
    before = result.get("before")
    if before:
        lines.append(f"p95 ratio before ({before['file_date'][:10]}) → now:")
        for name, pair in before["p95_ratio"].items():
            lines.append(
                f"  {name:<11}{pair['before'] or float('nan'):>7.2f} → {pair['after']:.2f}"
            )
    return "\n".join(lines)


def side_by_side(small: dict, large: dict, *, growth_limit: float = 0.10) -> str:
    """Two result files at two scales as a Markdown table: each scenario's p50 and p95 ratio
    to the floor at both, and how much the ratio grew (p95 with p50: a burst of other work
    on a shared machine lands in one run's slowest 5%). A scenario whose ratio grew by more
    than ``growth_limit`` at both percentiles is marked."""
    a, b = (scale_label(r["scale"]["deliberations"]) for r in (small, large))
    lines = [
        f"| scenario | p50 ÷ floor {a} → {b} | growth | p95 ÷ floor {a} → {b} | growth | "
        f"p50 ms {a} → {b} | grew > {growth_limit:.0%} |",
        "|---|---|---|---|---|---|---|",
    ]
    earlier = {row["scenario"]: row for row in small["scenarios"]}
    for row in large["scenarios"]:
        before = earlier.get(row["scenario"])
        if before is None:
            continue
        growth = {
            q: row["ratio"][q] / before["ratio"][q] - 1 if before["ratio"][q] else float("nan")
            for q in ("p50", "p95")
        }
        grew = all(g > growth_limit for g in growth.values())
        lines.append(
            f"| {row['scenario']} | {before['ratio']['p50']:.2f} → {row['ratio']['p50']:.2f} "
            f"| {growth['p50']:+.0%} | {before['ratio']['p95']:.2f} → {row['ratio']['p95']:.2f} "
            f"| {growth['p95']:+.0%} | {before['figures']['p50_ms']:.1f} → "
            f"{row['figures']['p50_ms']:.1f} | {'yes' if grew else 'no'} |"
        )
    floors = [r["floor"] for r in (small, large)]
    lines.append(
        f"| floor | p50 {floors[0]['p50_ms']:.1f} → {floors[1]['p50_ms']:.1f} ms | | "
        f"p95 {floors[0]['p95_ms']:.1f} → {floors[1]['p95_ms']:.1f} ms | | | |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.report SMALL.json LARGE.json``: the side-by-side table."""
    import argparse

    parser = argparse.ArgumentParser(description="Two bench results at two scales, side by side.")
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    args = parser.parse_args(argv)
    print(side_by_side(*(json.loads(p.read_text()) for p in (args.small, args.large))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

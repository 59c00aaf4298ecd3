"""`make bench`: serve EthicsDesk the production way and measure it against its own floor.

    DATABASE_URL=... python -m bench.run [--before bench/results/<earlier>.json] [--note ...]

EXPLAINs the scenarios' queries and times the PDF of a full deliberation directly, then
starts gunicorn (2 workers, ``ethicsdesk.settings_bench``) on 127.0.0.1 and runs locust
headless: each scenario between two runs of the floor, in ``BENCH_ROUNDS`` rounds (2), so a
scenario is divided by the floor measured right beside it (this machine's load from other
work comes and goes within minutes). Then the soak, sampling the workers' memory. Stops
gunicorn, writes ``bench/results/<date>.json`` and ``<date>.png`` and prints the table.
Bounded by ``BENCH_SECONDS`` per run (15) at ``BENCH_USERS`` (4), and
``BENCH_SOAK_SECONDS`` (600; 0 skips the soak) at ``BENCH_SOAK_USERS`` (20).
``BENCH_SCENARIOS`` (e.g. ``list,library``) runs only those scenarios, for a quick
comparison while working on one page; a full run measures them all.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.driver import ROOT, SETTINGS, WORK, WORKERS, env_int

WARMUP = 3.0  # seconds at the start of each run left out of its figures
SCENARIOS = [  # (name, locust user class)
    ("list", "ListUser"),
    ("step", "StepUser"),
    ("autosave", "AutosaveUser"),
    ("chart-note", "ChartNoteUser"),
    ("pdf", "PdfUser"),
    ("queue", "QueueUser"),
    ("audit", "AuditUser"),
    ("library", "LibraryUser"),  # bench/seed_library.py
]


def _machine() -> dict:
    import psutil

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def _cpu_per_request(runs: list) -> dict:
    """CPU milliseconds per successful request on each tier, and the database's WAL bytes,
    commits and blocks read per request, over a scenario's runs (the warm-up included: these
    can't be split by time; a run's first seconds cost no more)."""
    requests = sum(n for _, n in runs)
    if not requests:
        return {}
    per = {tier: sum(s[tier] for s, _ in runs) / requests for tier in runs[0][0]}
    return {
        "app_cpu_ms_per_request": round(1000 * per["app"], 2),
        "db_cpu_ms_per_request": round(1000 * per["db"], 2),
        "wal_bytes_per_request": round(per["wal_bytes"]),
        "commits_per_request": round(per["commits"], 2),
        "blocks_read_per_request": round(per["blocks_read"], 2),
    }


def measure(args: argparse.Namespace) -> dict:
    from django.db import connection

    from bench import driver, explain, measure, summary

    users, seconds = env_int("BENCH_USERS", 4), env_int("BENCH_SECONDS", 15)
    rounds = env_int("BENCH_ROUNDS", 2)
    chosen = [n.strip() for n in os.environ.get("BENCH_SCENARIOS", "").split(",") if n.strip()]
    unknown = set(chosen) - {name for name, _ in SCENARIOS}
    if unknown:
        raise SystemExit(f"BENCH_SCENARIOS: no scenario {', '.join(sorted(unknown))}")
    scenarios = [(n, c) for n, c in SCENARIOS if not chosen or n in chosen]
    plan = measure.plan_build()
    result: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": args.note,
        "machine": _machine(),
        "config": {
            "workers": WORKERS,
            "users": users,
            "seconds": seconds,
            "rounds": rounds,
            "warmup": WARMUP,
            "scenarios": [name for name, _ in scenarios],
        },
        "data": measure.data_counts(),
    }
    result["scale"] = {
        "deliberations": result["data"]["deliberations"],
        "database": connection.settings_dict["NAME"],
    }
    print("EXPLAINing the scenarios' queries…", flush=True)
    result["explain"] = explain.check()
    print("Timing the PDF of a full deliberation…", flush=True)
    result["pdf"] = measure.pdf_timing()
    runs: dict[str, list] = {"floor": []}
    beside: dict[str, list] = {}  # scenario -> the floor runs just before and after it
    cpu: dict[str, list] = {}  # scenario -> (CPU seconds per tier, requests) of each run
    (WORK / "cookies.json").unlink(missing_ok=True)
    with driver.server() as (base, process):
        plan["floor_size"] = driver.floor_size(base, plan)
        plan_path = WORK / "plan.json"
        plan_path.write_text(json.dumps(plan))

        def run(name: str, user_class: str) -> list:
            before = driver.cpu_seconds(process.pid)
            samples = driver.locust(
                base, [user_class], users=users, seconds=seconds, plan_path=plan_path
            )
            after = driver.cpu_seconds(process.pid)
            runs.setdefault(name, []).append(samples)
            # The first round signs every account in (password hashing): CPU from the rest.
            if rounds == 1 or number > 1:
                spent = driver.cpu_spent(before, after)
                cpu.setdefault(name, []).append((spent, sum(1 for s in samples if s.ok)))
            return samples

        for number in range(1, rounds + 1):  # run() reads the round's number
            print(f"  round {number}/{rounds}: {seconds} s per run at {users} users:", end="")
            before = run("floor", "FloorUser")
            for name, user_class in scenarios:
                print(f" {name}", end="", flush=True)
                run(name, user_class)
                after = run("floor", "FloorUser")
                beside.setdefault(name, []).extend([before, after])
                before = after
            print(flush=True)
        if env_int("BENCH_SOAK_SECONDS", 600) > 0:
            print(f"  soak: {env_int('BENCH_SOAK_SECONDS', 600)} s", flush=True)
            result["soak"] = driver.soak(base, process.pid, plan_path)
    floor = summary.figures(runs["floor"], warmup=WARMUP)
    result["floor"] = {
        **floor.as_dict(),
        "bytes": plan["floor_size"],
        **_cpu_per_request(cpu["floor"]),
    }
    rows = []
    for name, _ in scenarios:
        figures = summary.figures(runs[name], warmup=WARMUP)
        floor_beside = summary.figures(beside[name], warmup=WARMUP)
        ratio = summary.ratios(figures, floor_beside)
        rows.append(
            {
                "scenario": name,
                "figures": figures.as_dict(),
                "floor_beside": floor_beside.as_dict(),
                "ratio": ratio,
                "cpu": _cpu_per_request(cpu[name]),
            }
            | summary.verdict(name, ratio)
        )
    result["scenarios"] = rows
    checks = [row["met"] for row in rows if row["met"] is not None] + [result["pdf"]["met"]]
    if "soak" in result:
        checks.append(result["soak"]["met"])
    result["targets_met"] = all(checks)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="an earlier result to compare p95 ratios")
    parser.add_argument("--note", default="", help="what this run is (kept in the JSON)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    # Stopped by Ctrl-C or a TERM (even when started in the background, where a shell
    # ignores SIGINT), the run still stops gunicorn and locust on its way out.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from bench import report

    result = measure(args)
    if args.before:
        result["before"] = report.before_after(
            json.loads(args.before.read_text()), result["scenarios"]
        )
    json_path, png_path = report.write(result, args.out)
    print()
    print(report.summary_text(result))
    print(f"\nWrote {json_path} and {png_path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

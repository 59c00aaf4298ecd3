"""docs/scaling.md's projection, worked out from measured figures and stated assumptions.

    python -m bench.projection --sizes var/sizes-20k.json --bench bench/results/<date>-200k.json

``--sizes`` is ``python -m bench.sizes``'s JSON (bytes per row of every table, the stored
PDFs, the finished jobs); ``--bench`` a ``make bench`` result (CPU per request on the app
servers and on PostgreSQL, WAL bytes per request). Everything else is an assumption, named
in ``Assumptions`` with the reason for its value, so anyone can change one and run it again.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

# The bench's worksheet mix: the soak's traffic (bench/locustfile.py ClinicianMix,
# SupervisorMix, AdminMix: 8 clinicians to 1 supervisor and 1 admin, the same pauses), as
# shares of requests.
MIX = {
    "list": 0.10,
    "step": 0.30,
    "autosave": 0.30,
    "chart-note": 0.05,
    "pdf": 0.05,
    "queue": 0.10,
    "audit": 0.10,
}


@dataclass(frozen=True)
class Assumptions:
    clinics: int = 1_000
    clinicians_per_clinic: int = 20
    deliberations_per_clinician_month: int = 10
    retention_years: int = 7
    # Most deliberations end signed (a draft is the exception); half of the signed ones
    # co-signed after review, as in the bench data.
    signed_share: float = 0.9
    cosigned_share_of_signed: float = 0.5
    # Requests one deliberation causes, each audited but the list: an autosave at each pause
    # in typing (htmx fires 800 ms after the last key) for some 1,500 words, the 12 steps
    # opened two or three times, the list, the chart note and its PDF, the supervisor's
    # queue, the clinic admin's audit screen now and then.
    requests: tuple = (
        ("autosave", 150),
        ("step", 30),
        ("list", 10),
        ("chart-note", 2),
        ("pdf", 1),
        ("queue", 4),
        ("audit", 3),
    )
    audit_events_per_deliberation: int = 190
    # Peak: a working day of one region (8 hours), the busiest hour carrying 20% of the
    # day's requests, and the busiest minute of that hour three times its average.
    working_days_per_month: int = 21
    busiest_hour_share: float = 0.20
    minute_burst: float = 3.0
    # App servers run at most 60% busy at the peak minute (room for a server to fail).
    target_utilisation: float = 0.6
    cores_per_app_server: int = 4
    # Notifications (and their e-mails) per deliberation: submitted, reviewed, comments,
    # the follow-up reminder.
    notifications_per_deliberation: float = 4.0
    jobs_keep_days: int = 30


def _weighted(rows: dict, weights, key: str) -> float:
    """A figure averaged over the scenarios by their weights, leaving out a scenario whose
    figure was not read (missing, not a number, or below zero), the rest weighed up."""
    valid = []
    for name, weight in weights:
        value = rows[name].get("cpu", {}).get(key)
        if value is not None and value == value and value >= 0:
            valid.append((weight, value))
    total = sum(weight for weight, _ in valid)
    return sum(weight * value for weight, value in valid) / total if total else float("nan")


def projection(sizes: dict, bench: dict, a: Assumptions, *, pdf: dict | None = None) -> dict:
    """``pdf``: the PDF timing to use (a result file's ``pdf``), when ``bench``'s was taken
    on a machine too busy for its wall time to stand for CPU."""
    tables = sizes["tables"]

    def per_row(name: str) -> float:
        t = tables.get(name)
        return t["total_bytes"] / t["rows"] if t and t["rows"] else 0.0

    per_month = a.clinics * a.clinicians_per_clinic * a.deliberations_per_clinician_month
    retained = per_month * 12 * a.retention_years
    signed = a.signed_share
    cosigned = signed * a.cosigned_share_of_signed
    pdfs = sizes["stored_pdfs"]["kinds"]
    pdf_pair = sum(k["mean_stored_bytes"] for k in pdfs.values())  # report + chart note
    bytes_per = {
        # The worksheet's own rows, measured on the bench data (every step filled).
        "worksheet rows": sizes["per_deliberation"]["worksheet"]["bytes_per_deliberation"],
        "signed snapshot + signatures": signed * per_row("records_snapshot")
        + (signed + cosigned) * per_row("records_signature"),
        # Co-signing re-renders both PDFs (the record shows the new signature) and the
        # earlier pair is deleted (jobs/pdfs.py): one pair a signed record.
        "stored PDFs": signed * pdf_pair,
        "audit events": a.audit_events_per_deliberation * per_row("audit_auditevent"),
        "review (submission, comments)": per_row("review_submission")
        + 3 * per_row("review_comment"),
        "notifications": a.notifications_per_deliberation * per_row("review_notification"),
    }
    total_per = sum(bytes_per.values())
    # Finished jobs kept JOBS_KEEP_DAYS: per-deliberation e-mails and PDF jobs, plus the
    # periodic ones (stalled-job check every minute, the hourly sweep, the daily clean-up).
    job_bytes = sizes["finished_jobs"]["bytes_per_job"]
    jobs_per_day = (
        per_month / 30 * (a.notifications_per_deliberation + signed + cosigned) + 1440 + 24 + 1
    )
    jobs_kept = jobs_per_day * a.jobs_keep_days
    jobs_forever = jobs_per_day * 365 * a.retention_years

    rows = {row["scenario"]: row for row in bench["scenarios"]}
    keys = (
        "app_cpu_ms_per_request",
        "db_cpu_ms_per_request",
        "wal_bytes_per_request",
        "commits_per_request",
        "blocks_read_per_request",
    )
    soak_mix = {key: _weighted(rows, MIX.items(), key) for key in keys}
    per_deliberation = sum(count for _, count in a.requests)
    mix_cost = {key: _weighted(rows, a.requests, key) for key in keys}
    requests_per_day = per_month / a.working_days_per_month * per_deliberation
    audited_share = sum(count for n, count in a.requests if n != "list") / per_deliberation
    peak_rps = requests_per_day * a.busiest_hour_share / 3600 * a.minute_burst
    # Workers: rendering both PDFs after each signature (the bench's PDF timing, rendered
    # directly); e-mails cost milliseconds. Signatures come in the working day's hours; the
    # queue absorbs a minute's burst (a PDF may wait a minute), not the busiest hour.
    pdf = pdf or bench["pdf"]
    pdf_seconds = pdf["report"]["median_s"] + pdf["chart-note"]["median_s"]
    pdf_jobs_per_day = per_month / a.working_days_per_month * (signed + cosigned)
    peak_pdf_jobs_per_second = pdf_jobs_per_day * a.busiest_hour_share / 3600
    worker_cores = peak_pdf_jobs_per_second * pdf_seconds / a.target_utilisation
    app_cores = peak_rps * mix_cost["app_cpu_ms_per_request"] / 1000 / a.target_utilisation
    db_cores = peak_rps * mix_cost["db_cpu_ms_per_request"] / 1000 / a.target_utilisation
    return {
        "assumptions": asdict(a),
        "deliberations_per_month": per_month,
        "deliberations_retained": retained,
        "bytes_per_deliberation": {k: round(v) for k, v in bytes_per.items()},
        "bytes_per_deliberation_total": round(total_per),
        "database_tb": round(retained * total_per / 1e12, 2),
        "database_tb_by_part": {k: round(retained * v / 1e12, 2) for k, v in bytes_per.items()},
        "finished_jobs": {
            "per_day": round(jobs_per_day),
            "kept_with_cleanup": round(jobs_kept),
            "gb_with_cleanup": round(jobs_kept * job_bytes / 1e9, 2),
            "kept_without_cleanup": round(jobs_forever),
            "gb_without_cleanup": round(jobs_forever * job_bytes / 1e9, 1),
        },
        "soak_mix_per_request": {k: round(v, 2) for k, v in soak_mix.items()},
        "requests_per_second_per_app_core": round(1000 / soak_mix["app_cpu_ms_per_request"], 1),
        "deliberation_mix_per_request": {k: round(v, 2) for k, v in mix_cost.items()},
        "deliberation_requests_per_second_per_app_core": round(
            1000 / mix_cost["app_cpu_ms_per_request"], 1
        ),
        "requests_per_deliberation": per_deliberation,
        "requests_per_day": round(requests_per_day),
        "peak_requests_per_second": round(peak_rps),
        "app_cores_at_peak": round(app_cores, 1),
        "app_servers": max(2, math.ceil(app_cores / a.cores_per_app_server) + 1),
        "db_cores_at_peak": round(db_cores, 1),
        "pdf_seconds_per_signature": round(pdf_seconds, 2),
        "pdf_jobs_per_day": round(pdf_jobs_per_day),
        "worker_cores_at_peak": round(worker_cores, 1),
        "workers": max(2, math.ceil(worker_cores) + 1),
        "peak_write_transactions_per_second": round(peak_rps * audited_share),
        "peak_wal_mb_per_second": round(peak_rps * mix_cost["wal_bytes_per_request"] / 1e6, 2),
        # Disk operations at the peak: a WAL flush for each request that writes (every
        # audited request: all but the list; group commit merges some), the data pages the
        # WAL describes written back by checkpoints (at most one 8 KB page per 8 KB of WAL),
        # and the blocks read from outside shared buffers.
        "peak_write_iops": round(
            peak_rps * (audited_share + mix_cost["wal_bytes_per_request"] / 8192)
        ),
        "peak_read_iops": round(peak_rps * mix_cost["blocks_read_per_request"]),
        "wal_gb_per_day": round(requests_per_day * mix_cost["wal_bytes_per_request"] / 1e9, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=Path, required=True)
    parser.add_argument("--bench", type=Path, required=True)
    parser.add_argument("--pdf", type=Path, help="a result file whose PDF timing to use")
    args = parser.parse_args(argv)
    pdf = json.loads(args.pdf.read_text())["pdf"] if args.pdf else None
    result = projection(
        json.loads(args.sizes.read_text()),
        json.loads(args.bench.read_text()),
        Assumptions(),
        pdf=pdf,
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

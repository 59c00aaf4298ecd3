"""The sizing projection: deliberations retained, bytes per deliberation from measured rows,
and app cores from measured CPU per request, each from the stated assumptions."""

from __future__ import annotations

from bench.projection import MIX, Assumptions, projection

ROW = {"total_bytes": 1_000, "rows": 1}  # 1,000 bytes a row everywhere
SIZES = {
    "tables": {
        name: ROW
        for name in (
            "records_snapshot",
            "records_signature",
            "audit_auditevent",
            "review_submission",
            "review_comment",
            "review_notification",
        )
    },
    "per_deliberation": {"worksheet": {"bytes_per_deliberation": 10_000}},
    "stored_pdfs": {"kinds": {"report": {"mean_stored_bytes": 3_000}}},
    "finished_jobs": {"bytes_per_job": 100},
}
CPU = {
    "app_cpu_ms_per_request": 10.0,
    "db_cpu_ms_per_request": 2.0,
    "wal_bytes_per_request": 5_000,
    "commits_per_request": 1.0,
    "blocks_read_per_request": 0.5,
}
BENCH = {
    "scenarios": [{"scenario": name, "cpu": CPU} for name in MIX],
    "pdf": {"report": {"median_s": 0.8}, "chart-note": {"median_s": 0.2}},
}


def test_it_counts_seven_years_of_deliberations():
    result = projection(SIZES, BENCH, Assumptions())
    assert result["deliberations_retained"] == 1_000 * 20 * 10 * 12 * 7


def test_it_adds_up_a_deliberations_bytes_from_the_measured_rows():
    a = Assumptions(signed_share=1.0, cosigned_share_of_signed=0.0)
    parts = projection(SIZES, BENCH, a)["bytes_per_deliberation"]
    assert parts["signed snapshot + signatures"] == 2_000
    assert parts["stored PDFs"] == 3_000
    assert parts["audit events"] == a.audit_events_per_deliberation * 1_000


def test_it_gives_requests_per_core_from_cpu_per_request():
    assert projection(SIZES, BENCH, Assumptions())["requests_per_second_per_app_core"] == 100.0


def test_it_leaves_out_a_scenario_whose_figure_was_not_read():
    bench = {
        **BENCH,
        "scenarios": [
            {
                "scenario": name,
                "cpu": {**CPU, "db_cpu_ms_per_request": -1.0 if name == "list" else 2.0},
            }
            for name in MIX
        ],
    }
    assert (
        projection(SIZES, bench, Assumptions())["deliberation_mix_per_request"][
            "db_cpu_ms_per_request"
        ]
        == 2.0
    )


def test_it_counts_one_pair_of_pdfs_a_signed_record_even_co_signed():
    a = Assumptions(signed_share=1.0, cosigned_share_of_signed=1.0)
    assert projection(SIZES, BENCH, a)["bytes_per_deliberation"]["stored PDFs"] == 3_000

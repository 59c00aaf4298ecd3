"""What a deliberation costs PostgreSQL: every table's size per row and per deliberation.

    DATABASE_URL=... python -m bench.sizes [--pdfs 20] [--jobs 500]

Reads ``pg_total_relation_size`` (table, TOAST and indexes) and the row count of every
table of a seeded bench database. Two things the seed does not store are measured inside a
transaction that is rolled back, so the bench data is left as it was: the PDFs of signed
records (``jobs.StoredPdf``, rendered by the worker after signing) for ``--pdfs`` signed
deliberations, and ``--jobs`` finished jobs of the queue with their events. Prints JSON;
docs/scaling.md is written from it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

# A deliberation's own rows, and the records, review and audit rows that hang off it.
PER_DELIBERATION = {
    "worksheet": [
        "cases_deliberation",
        "cases_option",
        "cases_stakeholder",
        "cases_principlemark",
        "cases_consequence",
        "cases_virtuereflection",
        "cases_consultation",
        "cases_provisionnote",
        "cases_privatereflection",
        "cases_customanswer",
        "cases_pinnedrule",
        "cases_dischargetick",
    ],
    "signed records": ["records_snapshot", "records_signature", "records_addendum"],
    "review": ["review_submission", "review_comment", "review_notification", "review_share"],
    "audit": ["audit_auditevent"],
}


def _tables(cursor) -> dict[str, dict]:
    cursor.execute(
        """
        SELECT c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid),
               pg_indexes_size(c.oid)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = 'public'
        """
    )
    sizes = {}
    for name, total, heap, indexes in cursor.fetchall():
        cursor.execute(f'SELECT count(*) FROM "{name}"')  # noqa: S608 - names from pg_class
        rows = cursor.fetchone()[0]
        sizes[name] = {
            "rows": rows,
            "total_bytes": total,
            "heap_bytes": heap,
            "index_bytes": indexes,
            "toast_bytes": total - heap - indexes,
            "bytes_per_row": round(total / rows) if rows else None,
        }
    return sizes


def _grow(cursor, before: dict[str, int], tables: list[str]) -> int:
    cursor.execute(
        "SELECT sum(pg_total_relation_size(oid)) FROM pg_class WHERE relname = ANY(%s)",
        [tables],
    )
    return cursor.fetchone()[0] - sum(before[t] for t in tables)


def stored_pdfs(cursor, sizes: dict, count: int) -> dict:
    """Render and store both PDFs of ``count`` signed deliberations as the worker does."""
    from cases.models import Deliberation
    from jobs.pdfs import signed_pdfs_store

    signed = Deliberation.objects.filter(signed_at__isnull=False).order_by("pk")
    ids = list(signed.values_list("pk", flat=True)[:: max(1, signed.count() // count)][:count])
    for pk in ids:
        signed_pdfs_store(deliberation_id=pk)
    cursor.execute(
        "SELECT kind, count(*), avg(octet_length(pdf))::float, avg(pg_column_size(pdf))::float "
        "FROM jobs_storedpdf GROUP BY kind"
    )
    kinds = {
        kind: {"count": n, "mean_pdf_bytes": round(raw), "mean_stored_bytes": round(stored)}
        for kind, n, raw, stored in cursor.fetchall()
    }
    before = {"jobs_storedpdf": sizes["jobs_storedpdf"]["total_bytes"]}
    grown = _grow(cursor, before, ["jobs_storedpdf"])
    return {
        "signed_deliberations": len(ids),
        "kinds": kinds,
        "table_growth_bytes": grown,
        "bytes_per_signed_deliberation": round(grown / len(ids)) if ids else None,
    }


def finished_jobs(cursor, sizes: dict, count: int) -> dict:
    """``count`` notification e-mail jobs deferred, taken and finished as a worker does."""
    from jobs import queue

    ids = [queue.defer("notification_email", notification_id=0) for _ in range(count)]
    cursor.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = ANY(%s)", [ids])
    for job_id in ids:
        cursor.execute("SELECT procrastinate_finish_job_v1(%s, 'succeeded', false)", [job_id])
    tables = ["procrastinate_jobs", "procrastinate_events"]
    grown = _grow(cursor, {t: sizes[t]["total_bytes"] for t in tables}, tables)
    cursor.execute("SELECT count(*) FROM procrastinate_events WHERE job_id = ANY(%s)", [ids])
    return {
        "jobs": count,
        "events_per_job": round(cursor.fetchone()[0] / count, 2),
        "bytes_per_job": round(grown / count),
    }


def measure(*, pdfs: int, jobs: int) -> dict:
    from django.db import connection, transaction

    from bench.measure import data_counts

    with connection.cursor() as cursor:
        sizes = _tables(cursor)
        cursor.execute("SELECT pg_database_size(current_database())")
        database = cursor.fetchone()[0]
    deliberations = data_counts()["deliberations"]
    groups = {
        group: {
            "bytes_per_deliberation": round(
                sum(sizes[t]["total_bytes"] for t in tables if t in sizes) / deliberations
            ),
            "rows_per_deliberation": round(
                sum(sizes[t]["rows"] for t in tables if t in sizes) / deliberations, 2
            ),
        }
        for group, tables in PER_DELIBERATION.items()
    }
    result = {
        "deliberations": deliberations,
        "database_bytes": database,
        "per_deliberation": groups,
        "tables": {
            name: size for name, size in sorted(sizes.items()) if size["total_bytes"] > 65536
        },
    }
    with transaction.atomic(), connection.cursor() as cursor:
        if pdfs:
            result["stored_pdfs"] = stored_pdfs(cursor, sizes, pdfs)
        if jobs:
            result["finished_jobs"] = finished_jobs(cursor, sizes, jobs)
        transaction.set_rollback(True)  # measured, not kept
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=500)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ethicsdesk.settings_bench")
    import django

    django.setup()
    print(json.dumps(measure(pdfs=args.pdfs, jobs=args.jobs), indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())

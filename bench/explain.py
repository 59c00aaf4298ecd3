"""Do the scenarios' queries use indexes? EXPLAIN every SELECT each scenario's page runs.

    DATABASE_URL=... python -m bench.explain

Requests each scenario's page once through Django's test client (as the right role),
captures its queries, and EXPLAIN ANALYZEs each SELECT on the seeded data. A sequential
scan over a table of more than ``LARGE`` rows is reported as a problem (small tables, such
as the five framework versions, are rightly scanned). ``bench.run`` keeps the report.
"""

from __future__ import annotations

import json
import os
import sys

LARGE = 10_000


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _pages() -> dict[str, tuple]:
    from accounts.models import Role, User
    from cases.models import Deliberation

    clinician = User.objects.filter(role=Role.CLINICIAN, username__startswith="bench-").first()
    supervisor = User.objects.filter(role=Role.SUPERVISOR, username__startswith="bench-").first()
    admin = User.objects.filter(role=Role.CLINIC_ADMIN, clinic=clinician.clinic_id).first()
    reader = User.objects.filter(
        role=Role.CLINICIAN, clinic__slug="bench-clinic-1", username__startswith="bench-"
    ).first()
    mine = Deliberation.objects.filter(owner=clinician).order_by("pk")
    draft = mine.filter(signed_at__isnull=True).first()
    signed = mine.filter(signed_at__isnull=False).first() or draft
    return {
        "list": (clinician, "/deliberations/"),
        "step": (clinician, f"/deliberations/{draft.pk}/steps/consequences/"),
        "chart-note": (clinician, f"/deliberations/{draft.pk}/rationale/chart-note/"),
        "chart-note (signed)": (clinician, f"/deliberations/{signed.pk}/rationale/chart-note/"),
        "queue": (supervisor, "/review/"),
        "audit": (admin, f"/audit/?deliberation={draft.pk}"),
        # The library's 20,000 entries are in the first bench clinic (bench/seed_library.py).
        "library": (reader, "/library/?q=should+I+refer+a+client+whose+values+conflict"),
        "library (short)": (reader, "/library/?q=confidentialty"),
    }


def check() -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        rows = dict(cursor.fetchall())
    report: dict = {}
    for name, (user, url) in _pages().items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        selects = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and "FOR UPDATE" not in q["sql"]
        ]
        problems, slowest = [], 0.0
        with connection.cursor() as cursor:
            for sql in selects:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
                slowest = max(slowest, plan["Execution Time"])
                for node in _nodes(plan["Plan"]):
                    table = node.get("Relation Name", "")
                    if node["Node Type"] == "Seq Scan" and rows.get(table, 0) > LARGE:
                        problems.append(f"Seq Scan on {table} ({int(rows[table]):,} rows)")
        report[name] = {
            "status": status,
            "queries": len(captured.captured_queries),
            "selects_explained": len(selects),
            "slowest_select_ms": round(slowest, 2),
            "seq_scans_on_large_tables": sorted(set(problems)),
        }
    return report


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ethicsdesk.settings_bench")
    import django

    django.setup()
    report = check()
    print(json.dumps(report, indent=1))
    return 1 if any(page["seq_scans_on_large_tables"] for page in report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

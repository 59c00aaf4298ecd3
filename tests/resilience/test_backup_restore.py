"""A backup restores into a fresh database, and every signed snapshot still verifies."""

from __future__ import annotations

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from ethicsdesk.dev import backup
from records.models import Snapshot
from records.services import deliberation_sign

pytestmark = pytest.mark.django_db(transaction=True)
RESTORED = "ethicsdesk_restore_check"


def _host(db: dict) -> str:
    return db["HOST"] or db.get("OPTIONS", {}).get("host") or "localhost"


def _drop(db: dict) -> None:
    args = {"host": _host(db), "user": db["USER"], "dbname": "postgres"}
    if db.get("PORT"):
        args["port"] = db["PORT"]
    if db.get("PASSWORD"):
        args["password"] = db["PASSWORD"]
    with psycopg.connect(**args, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')


def test_it_restores_a_backup_and_reverifies_every_signed_snapshot(tmp_path):
    call_command("load_frameworks", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_examples", verbosity=0)
    author = User.objects.get(username="clinician")
    for pk in Deliberation.objects.filter(owner=author).values_list("pk", flat=True):
        deliberation_sign(
            deliberation=deliberation_get(pk=pk, purpose=Purpose.WORKSHEET), user=author
        )
    originals = {s.pk: s.sha256 for s in Snapshot.objects.all()}
    assert len(originals) == 3

    db = settings.DATABASES["default"]
    _drop(db)
    try:
        dump = backup.dump(db, tmp_path / "ethicsdesk.dump")
        backup.restore(db, dump, into=RESTORED)
        conninfo = {"host": _host(db), "user": db["USER"], "dbname": RESTORED}
        if db.get("PORT"):
            conninfo["port"] = db["PORT"]
        if db.get("PASSWORD"):
            conninfo["password"] = db["PASSWORD"]
        with psycopg.connect(**conninfo) as conn, conn.cursor() as cursor:
            cursor.execute(
                "SELECT id, deliberation_id, created_at, chart_note_html, chart_note_text, "
                "report_html, report_text, data, sha256 FROM records_snapshot"
            )
            columns = [c.name for c in cursor.description]
            restored = [Snapshot(**dict(zip(columns, row, strict=True))) for row in cursor]
        assert {s.pk: s.sha256 for s in restored} == originals
        assert all(s.compute_sha256() == s.sha256 for s in restored)
    finally:
        _drop(db)

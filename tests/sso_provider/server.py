"""Start the test provider on 127.0.0.1: its own database (made anew), migrated, seeded, then
Django's development server. The tests start it once per session (tests/conftest.py);
``make sso-provider`` runs it in the foreground to try single sign-on by hand."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATABASE_NAME = "ethicsdesk_sso_provider"
START_TIMEOUT_SECONDS = 60


@dataclass
class RunningProvider:
    url: str  # the issuer: http://127.0.0.1:<port>
    process: subprocess.Popen
    database: dict

    def allow_redirect_uri(self, uri: str) -> None:
        """Register one more redirect URI for EthicsDesk at the provider, as its admin would
        (the browser tests' live server is on http://localhost:<a port of its own>)."""
        from tests.sso_provider.seed import CLIENT_ID

        with _connect(self.database, self.database["NAME"]) as connection:
            connection.execute(
                "UPDATE allauth_idp_oidc_client SET redirect_uris = redirect_uris || %s "
                "WHERE id = %s AND position(%s in redirect_uris) = 0",
                [f"\n{uri}", CLIENT_ID, uri],
            )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def provider_database(ethicsdesk_database: dict, name: str = DATABASE_NAME) -> dict:
    """The provider's connection: EthicsDesk's server and credentials, its own database."""
    keys = ("ENGINE", "HOST", "PORT", "USER", "PASSWORD", "OPTIONS")
    return {
        **{k: ethicsdesk_database[k] for k in keys if k in ethicsdesk_database},
        "NAME": name,
    }


def _connect(database: dict, name: str):
    import psycopg

    return psycopg.connect(
        dbname=name,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        autocommit=True,
    )


def recreate_database(database: dict) -> None:
    name = database["NAME"]
    with _connect(database, "postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def start(
    *,
    ethicsdesk_database: dict,
    log_path: Path,
    port: int | None = None,
    database_name: str = DATABASE_NAME,
) -> RunningProvider:
    """``database_name``: parallel test workers (pytest-xdist) each run a provider of their
    own, on a database of their own (the provider is dropped and made anew at each start)."""
    database = provider_database(ethicsdesk_database, database_name)
    recreate_database(database)
    port = port or free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.sso_provider.settings",
        "SSO_PROVIDER_DATABASE": json.dumps(database),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.sso_provider.server", "serve", str(port)],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    provider = RunningProvider(url=f"http://127.0.0.1:{port}", process=process, database=database)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test provider stopped; see {log_path}")
        try:
            if requests.get(f"{provider.url}/.well-known/openid-configuration", timeout=2).ok:
                return provider
        except requests.RequestException:
            pass
        time.sleep(0.2)
    provider.stop()
    raise RuntimeError(f"The test provider did not start in time; see {log_path}")


def _serve(port: str) -> None:
    """In the provider's own process: migrate, seed, serve (threaded, no reloader)."""
    import django
    from django.core.management import call_command

    django.setup()
    from tests.sso_provider.seed import seed

    call_command("migrate", interactive=False, verbosity=0)
    seed()
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["serve"]:
        _serve(argv[1])
        return
    # By hand (make sso-provider): EthicsDesk's database settings, then the provider in front.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ethicsdesk.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.conf import settings

    from tests.sso_provider import seed

    port = int(argv[0]) if argv else 8001
    provider = start(
        ethicsdesk_database=settings.DATABASES["default"],
        log_path=BASE_DIR / "var" / "sso-provider.log",
        port=port,
    )
    print(f"Test provider on {provider.url} (issuer); its log: var/sso-provider.log")
    print(f"  client id {seed.CLIENT_ID}, secret {seed.CLIENT_SECRET}")
    print(f"  people (password {seed.PASSWORD}):")
    for person in seed.PEOPLE:
        state = "verified" if person.verified else "NOT verified"
        print(f"    {person.username:<9} {person.email} ({state})")
    print("  Ctrl-C stops it.")
    try:
        provider.process.wait()
    except KeyboardInterrupt:
        provider.stop()


if __name__ == "__main__":
    main(sys.argv[1:])

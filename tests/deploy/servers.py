"""Two gunicorn servers on one PostgreSQL database of their own, for
tests/deploy/test_two_servers.py, and a scripted browser (requests, with cookies) that talks
to either.

The database is created on the test run's PostgreSQL server (the private one, or the one
``DATABASE_URL`` names) under a name of its own, ``ethicsdesk_two_servers_<pid>``, never
pytest-django's ``test_…`` database: the servers are other processes and must see committed
data, and pytest-django's database lives inside each test's transaction.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def _admin_connection(db: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        autocommit=True,
    )


@dataclass
class Database:
    name: str
    url: str
    settings: dict

    @classmethod
    def create(cls) -> Database:
        db = settings.DATABASES["default"]
        name = f"ethicsdesk_two_servers_{os.getpid()}"
        with _admin_connection(db) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        auth = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or ""
        if host.startswith("/"):  # a unix socket directory
            url = f"postgres://{auth}@/{name}?host={quote(host, safe='')}"
        else:
            url = f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{name}"
        return cls(name=name, url=url, settings=db)

    def drop(self) -> None:
        with _admin_connection(self.settings) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read what the servers committed, straight from the database."""
        db = self.settings
        with psycopg.connect(
            dbname=self.name,
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
        ) as conn:
            return conn.execute(sql, params).fetchall()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database: Database, mail_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.deploy.server_settings",
        "DATABASE_URL": database.url,
        "TWO_SERVERS_MAIL_DIR": str(mail_dir),
        "PYTHONPATH": str(ROOT),
        "CONN_MAX_AGE": "60",
    }
    return env


def seed(env: dict[str, str]) -> dict:
    """Migrate the database and create the test's people (tests/deploy/seed.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.deploy.seed"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Server:
    name: str
    env: dict[str, str]
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return ARTIFACTS / f"two-servers-{self.name}.log"

    def log_lines(self) -> list[dict]:
        """The JSON lines this server has written (gunicorn's own lines are plain text)."""
        lines = self.log_path.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def start(self) -> Server:
        ARTIFACTS.mkdir(exist_ok=True)
        log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ethicsdesk.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "30",
                # gunicorn's control socket has one default path per machine: two servers
                # (or another test run's) would fight over it.
                "--no-control-socket",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes the workers too
        )
        log.close()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited; see test-artifacts/")
            try:
                if requests.get(f"{self.url}/ready/", timeout=10).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or its first answer slow
                pass
            time.sleep(0.1)
        raise TimeoutError(f"server {self.name} not ready in {timeout} s")

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crashed machine would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Browser:
    """One person's browser: one cookie jar for both servers (cookies name the host, not the
    port, so a session started on A is sent to B, as behind a load balancer)."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def get(self, server: Server, path: str, **kwargs) -> requests.Response:
        return self.session.get(server.url + path, allow_redirects=False, timeout=10, **kwargs)

    def post(
        self, server: Server, path: str, data: dict, *, htmx: bool = False, timeout: float = 10
    ) -> requests.Response:
        if "csrftoken" not in self.session.cookies:
            self.get(server, "/accounts/login/")
        headers = {"X-CSRFToken": self.session.cookies["csrftoken"]}
        if htmx:
            headers["HX-Request"] = "true"
        return self.session.post(
            server.url + path, data=data, headers=headers, allow_redirects=False, timeout=timeout
        )

    def sign_in(self, server: Server, username: str, password: str) -> requests.Response:
        return self.post(server, "/accounts/login/", {"login": username, "password": password})


def revision_on_page(html: str) -> str:
    return re.search(r'name="revision" value="(\d+)"', html)[1]

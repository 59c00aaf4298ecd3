"""A real worker process (`manage.py worker`) on the test database, and a real SMTP server
(aiosmtpd) on 127.0.0.1 that it sends its e-mail to. Started once per test module."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.sso_provider.server import _connect, free_port

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HEARTBEAT_SECONDS = 1
STALLED_SECONDS = 2


@dataclass
class SmtpSink:
    """Every message the SMTP server received: (recipients, the message as text)."""

    messages: list[tuple[list[str], str]] = field(default_factory=list)
    refuse_next: int = 0  # how many messages to refuse, as a mail server that is down

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 Try again later"
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode()))
        return "250 OK"

    def to(self, address: str) -> list[str]:
        return [text for rcpts, text in self.messages if address in rcpts]


def smtp_start() -> tuple[SmtpSink, Controller]:
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return sink, controller


@dataclass
class Worker:
    env: dict
    log_path: Path
    process: subprocess.Popen | None = None
    started_at: datetime | None = None

    def start(self) -> Worker:
        self.started_at = datetime.now(UTC)
        self.log_path.parent.mkdir(exist_ok=True)
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "worker"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_registered(self, database: dict, timeout: float = 120) -> Worker:
        """Until the worker has registered with the queue (procrastinate_workers): on a busy
        machine (the suite runs in parallel) starting it can take longer than a test waits
        for its e-mail."""
        deadline = time.monotonic() + timeout
        with _connect(database, database["NAME"]) as connection:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the worker exited; see {self.log_path}")
                # Its own row: one a killed worker left behind has an older heartbeat.
                row = connection.execute(
                    "SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat >= %s",
                    [self.started_at],
                ).fetchone()
                if row[0]:
                    return self
                time.sleep(0.2)
        raise TimeoutError(f"the worker did not register in {timeout} s")

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, as when a machine is lost."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def worker_env(*, database: dict, smtp_port: int) -> dict:
    host = database.get("HOST") or "localhost"
    url = f"postgres://{database.get('USER') or 'postgres'}@/{database['NAME']}?host={host}"
    if database.get("PORT"):
        url += f"&port={database['PORT']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ethicsdesk.settings",
        "SECRET_KEY": "worker-tests-only-" + "x" * 40,
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "WORKER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "WORKER_STALLED_SECONDS": str(STALLED_SECONDS),
        "SITE_URL": "https://ethicsdesk.example.org",
        "LOG_LEVEL": "INFO",
    }


def wait_for(check, *, timeout: float = 30, what: str = "the worker"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")

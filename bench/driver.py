"""The moving parts of a bench run: gunicorn, locust, and the workers' memory.

gunicorn serves ``ethicsdesk.settings_bench`` with 2 workers on a free port of 127.0.0.1 and
is always stopped; each locust run is bounded by its run time (and a hard timeout).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from bench.summary import Sample, figures, memory_growth

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
# Another settings module (importing this one) can be compared: BENCH_SETTINGS=module.
SETTINGS = os.environ.get("BENCH_SETTINGS", "ethicsdesk.settings_bench")
WORKERS = 2


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server():
    """gunicorn on 127.0.0.1, yielding (base URL, process); always stopped afterwards."""
    port = _free_port()
    WORK.mkdir(parents=True, exist_ok=True)
    log = (WORK / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ethicsdesk.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--error-logfile",
            "-",
        ],  # fmt: skip
        cwd=ROOT,
        # Connections kept through the bench, so each backend's CPU is there to be read.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "CONN_MAX_AGE": "86400"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {WORK / 'gunicorn.log'}")
        try:
            if requests.get(f"{base}/accounts/login/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def floor_size(base: str, plan: dict) -> int:
    """The median size of one deliberation's step pages: the floor's page is this big."""
    import requests

    session = requests.Session()
    session.get(f"{base}/accounts/login/")
    account = plan["clinicians"][0]
    session.post(
        f"{base}/accounts/login/",
        {
            "login": account["username"],
            "password": plan["password"],
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    pk = account["open"][0]
    sizes = []
    for key in plan["steps"]:
        response = session.get(f"{base}/deliberations/{pk}/steps/{key}/", allow_redirects=False)
        response.raise_for_status()
        sizes.append(len(response.content))
    return int(statistics.median(sizes))


def locust(base: str, classes: list[str], *, users: int, seconds: int, plan_path: Path) -> list:
    """One headless locust run; returns its request samples."""
    samples_path = WORK / "samples.json"
    samples_path.unlink(missing_ok=True)
    with (WORK / "locust.log").open("a") as log:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                base,
                "--only-summary",
                "--loglevel",
                "WARNING",
                *classes,
            ],  # fmt: skip
            cwd=ROOT,
            env={
                **os.environ,
                "BENCH_PLAN": str(plan_path),
                "BENCH_SAMPLES": str(samples_path),
                "BENCH_COOKIES": str(WORK / "cookies.json"),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,  # locust exits 1 when any request failed; the figures count them
            timeout=seconds + 120,
        )
    if not samples_path.exists():
        raise RuntimeError(f"locust wrote no samples; see {WORK / 'locust.log'}")
    return [Sample(*row) for row in json.loads(samples_path.read_text())]


def _used(process) -> float:
    """A process's CPU seconds (user + system)."""
    times = process.cpu_times()
    return times.user + times.system


def cpu_seconds(pid: int) -> dict[str, float]:
    """CPU seconds used so far by the gunicorn workers ("app") and by the private PostgreSQL's
    backends serving the bench database ("db"; not autovacuum or the checkpointer, which
    serve the whole server). Read before and after a run, they give each scenario's CPU per
    request on the two tiers: what sizes app servers and the database, and what other work
    on a shared machine barely moves."""
    import psutil
    from django.db import connection

    from ethicsdesk.dev import localdb

    workers = 0.0
    for worker in psutil.Process(pid).children():
        with suppress(psutil.NoSuchProcess):
            workers += _used(worker)
    result = {"app": workers, "db": float("nan")}
    # The backends serving the bench database (the server may be serving tests beside it;
    # gunicorn keeps its connections for CONN_MAX_AGE, so they live through a run).
    database = connection.settings_dict["NAME"]
    lines = localdb._postmaster_lines()
    if lines and lines[0].strip().isdigit():
        result["db"] = {}
        for backend in psutil.Process(int(lines[0])).children():
            with suppress(psutil.Error):
                if f" {database} " in " ".join(backend.cmdline()) + " ":
                    result["db"][backend.pid] = _used(backend)
    return result | database_io()


def cpu_spent(before: dict, after: dict) -> dict[str, float]:
    """What a run spent between two ``cpu_seconds`` readings. A backend that started during
    the run counts whole; one that ended during it is lost, so the bench's gunicorn keeps
    its connections for the whole bench (``server``: CONN_MAX_AGE)."""
    spent = {key: after[key] - before[key] for key in after if key != "db"}
    if isinstance(after["db"], dict):
        spent["db"] = sum(cpu - before["db"].get(pid, 0.0) for pid, cpu in after["db"].items())
    else:
        spent["db"] = float("nan")
    return spent


def database_io() -> dict[str, float]:
    """The write-ahead log written so far (bytes; the whole server's: read it on a server
    doing nothing else), the bench database's commits and the blocks it read from outside
    shared buffers: per request, what sizes the disk."""
    from django.db import OperationalError, connection

    for attempt in (1, 2):
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, xact_commit, blks_read "
                    "FROM pg_stat_database WHERE datname = current_database()"
                )
                wal, commits, reads = cursor.fetchone()
            break
        except OperationalError:
            # A connection ended from outside (a test on the same server may terminate
            # every backend): open a new one once; the bench run carries on.
            connection.close()
            if attempt == 2:
                raise
    return {"wal_bytes": float(wal), "commits": float(commits), "blocks_read": float(reads)}


class MemorySampler(threading.Thread):
    """The gunicorn workers' summed resident memory every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        master, started = psutil.Process(self.pid), time.monotonic()
        while not self.stopped.is_set():
            total = 0
            for worker in master.children():
                with suppress(psutil.NoSuchProcess):  # a worker restarting
                    total += worker.memory_info().rss
            self.samples.append((round(time.monotonic() - started, 1), total))
            self.stopped.wait(self.every)


def soak(base: str, pid: int, plan_path: Path) -> dict:
    seconds = env_int("BENCH_SOAK_SECONDS", 600)
    users = env_int("BENCH_SOAK_USERS", 20)
    warmup = min(120.0, seconds / 5)
    sampler = MemorySampler(pid)
    sampler.start()
    try:
        samples = locust(
            base,
            ["ClinicianMix", "SupervisorMix", "AdminMix"],
            users=users,
            seconds=seconds,
            plan_path=plan_path,
        )
    finally:
        sampler.stopped.set()
        sampler.join()
    memory = memory_growth(sampler.samples, warmup=warmup, window=min(60.0, seconds / 10))
    overall = figures([samples])
    by_name = {
        name: figures([[s for s in samples if s.name == name]]).as_dict()
        for name in sorted({s.name for s in samples})
    }
    growth = memory["growth_pct"]
    return {
        "seconds": seconds,
        "users": users,
        "warmup_seconds": warmup,
        "overall": overall.as_dict(),
        "by_scenario": by_name,
        "memory": memory,
        "memory_mb": [(t, round(b / 1024 / 1024, 1)) for t, b in sampler.samples],
        "met": overall.failures == 0 and growth is not None and growth <= 10.0,
    }

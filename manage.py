#!/usr/bin/env python
"""Django's command-line utility for EthicsDesk."""

from __future__ import annotations

import os
import sys

from django.core import management

from ethicsdesk.dev import localdb


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ethicsdesk.settings")
    # Without DATABASE_URL the commands use the private PostgreSQL: start it here, since
    # importing the settings never does (production always sets DATABASE_URL).
    localdb.ensure_running_unless_configured()
    management.execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

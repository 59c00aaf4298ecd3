"""Settings of the two gunicorn servers (and the seeding) of tests/deploy/test_two_servers.py:
the test settings, the database from DATABASE_URL (the harness's own), e-mail into files the
test reads, and a low autosave limit so the test can reach it."""

from __future__ import annotations

import os

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("TWO_SERVERS_MAIL_DIR", "var/two-servers-mail")
AUTOSAVE_RATE = int(os.environ.get("AUTOSAVE_RATE", "4"))

"""Settings for `make bench`: production settings (DEBUG off, gunicorn, whitenoise's manifest
storage) on plain HTTP at 127.0.0.1, with the floor endpoint and the seed command added.

Only the relaxations a local load test needs differ from production; everything a request
passes through (middleware, sessions in the database, audit, CSP) stays the same.
"""

from __future__ import annotations

import os

# The bench server is throwaway and local; a real deployment sets its own key.
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)

from ethicsdesk.settings import *  # noqa: E402, F403
from ethicsdesk.settings import INSTALLED_APPS, STORAGES  # noqa: E402

DEBUG = False
# The production static storage, whatever DEBUG said in the environment.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "ethicsdesk.static_storage.ManifestStorage"},
}
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# Plain HTTP on 127.0.0.1: no redirect to https, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# The load generator saves far faster than a person types.
AUTOSAVE_RATE = 1_000_000

# /bench/floor/: a static page through the same middleware, and one trivial query.
BENCH_FLOOR = True
# Nothing the scenarios do sends mail; keep any that a stray action would send off stdout.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

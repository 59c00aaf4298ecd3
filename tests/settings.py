"""Test settings: the production settings module with test-only relaxations."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from ethicsdesk.settings import *  # noqa: E402, F403
from ethicsdesk.settings import STORAGES  # noqa: E402

# The test client and the live server speak plain HTTP on localhost.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files straight from static/ (no collectstatic before the tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests post quickly on purpose; tests/security/test_rate_limit.py lowers this.
AUTOSAVE_RATE = 10000
# The tests' OpenID Connect provider (tests/sso_provider/) speaks plain HTTP on 127.0.0.1.
SSO_ALLOW_LOOPBACK_HTTP = True

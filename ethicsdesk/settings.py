"""Settings for EthicsDesk, read from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from ethicsdesk.dev import localdb
from ethicsdesk.env import env_bool, env_int, env_list, env_str
from ops.logs import configure_structlog, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off (set DEBUG=true for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - dev only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    # The one identity layer: sign-in, sign-out, password change and reset, sessions.
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "allauth.mfa",
    # Single sign-on per clinic: one OpenID Connect provider per clinic (accounts/sso*.py).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "template_partials.apps.SimpleAppConfig",
    "pgtrigger",
    "accounts",
    "frameworks",
    "jurisdictions",
    "cases",
    "records",
    "review",
    "consults",
    "audit",
    "ops",
    # Background work: procrastinate's jobs in this PostgreSQL, and ours (jobs/).
    "procrastinate.contrib.django",
    "jobs",
    # The clinic's de-identified case library (issue 18).
    "library",
]

MIDDLEWARE = [
    # The request id first, so every line and every answer (a redirect too) carries it.
    "ops.request_id.RequestIdMiddleware",
    "ops.request_id.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ethicsdesk.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.timezones.ClinicTimeZoneMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.second_factor.SecondFactorRequiredMiddleware",
    "ethicsdesk.headers.NoStoreMiddleware",
    "accounts.middleware.SessionKeepAliveMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ethicsdesk.urls"
WSGI_APPLICATION = "ethicsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "accounts.context_processors.session_timeout",
            ],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    },
]

# Fields and widgets render through Jinja2 (see ethicsdesk/form_renderer.py): a worksheet
# matrix has up to 80 fields. Pages themselves stay Django templates.
FORM_RENDERER = "ethicsdesk.form_renderer.FormRenderer"


def _database_config() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60))
    else:
        # The private server's fixed socket directory. Importing the settings starts nothing:
        # manage.py, the test run and `make db` start the server (ethicsdesk/dev/localdb.py).
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": localdb.DATABASE_NAME,
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": str(localdb.SOCKET_DIR),
            "PORT": "",
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 0),
        }
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {})
    if env_bool("PGBOUNCER", default=False):
        # Behind PgBouncer in transaction mode (README "PgBouncer"): each transaction may run
        # on another server connection, so no cursor may outlive one (QuerySet.iterator()
        # reads everything at once instead). Django binds parameters client-side, so no
        # prepared statements either; nothing of ours sets session state.
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account and address pair is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    # django-allauth's: a username or an e-mail address, then the password.
    "allauth.account.auth_backends.AuthenticationBackend",
]

# How many proxies of ours stand in front of the app and append to X-Forwarded-For (see
# ethicsdesk/client_ip.py): one TLS proxy by default when BEHIND_TLS_PROXY is on.
TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY", default=False) else 0
)

# Lockout after repeated failed sign-ins (django-axes), per account *and* address, so an
# attacker elsewhere can't lock the owner out; accounts/throttle.py slows guessing of one
# account from many addresses without ever refusing the right password outright.
# Failures are rows of axes' AccessAttempt in PostgreSQL (shared by every app server), never
# a cache.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "ethicsdesk.client_ip.client_ip"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
LOGIN_THROTTLE_AFTER = env_int("LOGIN_THROTTLE_AFTER", AXES_FAILURE_LIMIT)
LOGIN_THROTTLE_SECONDS = env_int("LOGIN_THROTTLE_SECONDS", 10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# People sign in with their username or e-mail address: both count against the account.
AXES_USERNAME_CALLABLE = "accounts.throttle.attempted_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth (accounts/adapter.py, accounts/forms.py; our templates in templates/account/).
# Accounts are made by the clinic (invitations), never by signing up.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # every session ends when the browser closes (HIPAA logoff)
# A password reset says the same for known and unknown addresses and writes to no unknown one.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_NOTIFICATIONS = True  # "your password was changed" to the person
ACCOUNT_EMAIL_SUBJECT_PREFIX = "EthicsDesk: "
ACCOUNT_RATE_LIMITS = {
    # Passwords at sign-in are guarded by django-axes and accounts/throttle.py (kept in
    # PostgreSQL); accounts/adapter.py keeps allauth from counting them a second time. What
    # allauth counts here are wrong second-factor codes and keys: five per person in five
    # minutes, ten a minute from one address.
    "login": None,
    "login_failed": env_str("SECOND_FACTOR_RATE", "10/m/ip,5/5m/key"),
    # The current password at a change is limited by accounts/reauth.py, like every re-check.
    "change_password": None,
    # Asking for a reset link: per address of the requester and per e-mail address typed.
    "reset_password": env_str("PASSWORD_RESET_RATE", "10/m/ip,3/h/key"),
    "reset_password_from_key": "20/m/ip",
}
# Second factor (allauth.mfa): an authenticator app (TOTP) or passkeys and security keys
# (WebAuthn), with recovery codes. Setting one up or removing it asks for the password again
# if the last sign-in is older than this. A key is a second step after the password, never a
# way in on its own: passkey sign-in (MFA_PASSKEY_LOGIN_ENABLED) would skip django-axes, the
# clinic's sign-in rules and (to come) single sign-on only clinics, so it stays off.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "EthicsDesk"
MFA_ADAPTER = "accounts.second_factor.MFAAdapter"  # the clinic's policy (who must have one)
MFA_FORMS = {
    "activate_totp": "accounts.forms.ActivateTOTPForm",
    "authenticate": "accounts.forms.AuthenticateForm",
    "add_webauthn": "accounts.passkey_forms.AddWebAuthnForm",
    "edit_webauthn": "accounts.passkey_forms.EditWebAuthnForm",
    "authenticate_webauthn": "accounts.passkey_forms.AuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "accounts.passkey_forms.ReauthenticateWebAuthnForm",
}
# The browser asks for the key's PIN or fingerprint when it has one.
MFA_WEBAUTHN_USER_VERIFICATION = "preferred"
MFA_TOTP_TOLERANCE = 1  # a code typed as the app turns to the next one still counts (RFC 6238)
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# Single sign-on (allauth.socialaccount, openid_connect): one provider per clinic, set up by its
# admin (accounts/sso.py) and kept as allauth's SocialApp. Only the clinic's invited or existing
# people may sign in that way, matched by the provider's verified e-mail; nobody is ever signed
# up by it (accounts/sso_adapter.py).
SOCIALACCOUNT_ADAPTER = "accounts.sso_adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False  # a round trip starts from a form (CSRF), never a link
SOCIALACCOUNT_STORE_TOKENS = False  # the provider's tokens are used once, never kept
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
# A provider's issuer must be https; plain http only on this machine (development, tests).
SSO_ALLOW_LOOPBACK_HTTP = env_bool("SSO_ALLOW_LOOPBACK_HTTP", default=DEBUG)
# How recent the provider's sign-in must be when it confirms a signer (auth_time).
SSO_CONFIRM_MAX_AGE_SECONDS = env_int("SSO_CONFIRM_MAX_AGE_SECONDS", 120)

USERSESSIONS_ADAPTER = "accounts.adapter.UserSessionsAdapter"
# "Last seen" is kept by accounts/middleware.py when it extends the session (at most twice a
# minute), not by allauth's per-request tracking, which would write on every page.
USERSESSIONS_TRACK_ACTIVITY = False

# How long a password reset link works; it also stops working once it has been used.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60) * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Shared by every app server through PostgreSQL (README "Running several app servers"):
# django-allauth's rate limits (second-factor codes, password reset requests) keep their
# attempt times in Django's database cache, table ops_cache (created by ops' migration);
# our own counters (autosave, comments) are rows of ops_counter, bumped atomically
# (ops/counters.py). No local-memory cache: a limit kept per process doubles with each server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ops_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# Sessions live in the database so several app servers can share one Postgres.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 20) * 60
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware touches it, never for background polls
BADGE_POLL_SECONDS = 120  # the navigation's counts; a background poll, not activity
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "ethicsdesk.static_storage.ManifestStorage"
        )
    },
}

# Nothing leaves the machine unless a real e-mail backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "EthicsDesk <ethicsdesk@localhost>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)

X_FRAME_OPTIONS = "DENY"
# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # A load balancer probes the app servers directly over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# JSON lines with a request id (ops/logs.py, ops/request_id.py; README "Logs").
LOGGING = logging_config(env_str("LOG_LEVEL", "WARNING"))
configure_structlog()

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "ethics-demo-2026")

# Autosave requests a user may send per second before getting 429 (the page retries).
AUTOSAVE_RATE = env_int("AUTOSAVE_RATE", 10)
# Comments a user may add per minute (each sends e-mails); beyond it the text comes back.
COMMENT_RATE = env_int("COMMENT_RATE", 10)
# Minutes a password confirmation lasts for exporting the full report.
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 10)
# Wrong passwords at a re-confirmation (signing, co-signing, addenda, exports, password
# change) before it is locked for that user, and for how long (accounts/reauth.py).
REAUTH_FAILURE_LIMIT = env_int("REAUTH_FAILURE_LIMIT", 5)
REAUTH_LOCKOUT_MINUTES = env_int("REAUTH_LOCKOUT_MINUTES", 15)

# /ready/ (ops/health.py): a worker heartbeat older than this many seconds is "stale"; with
# READY_REQUIRES_WORKER a missing or stale worker makes /ready/ answer 503.
READY_REQUIRES_WORKER = env_bool("READY_REQUIRES_WORKER", default=False)
READY_WORKER_MAX_AGE = env_int("READY_WORKER_MAX_AGE", 60)

# Background work (jobs/, README "Background work"): procrastinate keeps its jobs in this
# PostgreSQL. A worker beats every WORKER_HEARTBEAT_SECONDS; a worker silent for
# WORKER_STALLED_SECONDS is taken for dead and its unfinished jobs run again.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_STALLED_SECONDS = env_int("WORKER_STALLED_SECONDS", 60)
# When the follow-up sweep runs (cron, UTC): hourly, so each clinic's reminders come soon
# after midnight in its own time zone; each deliberation is reminded once per date.
FOLLOW_UP_SWEEP_CRON = env_str("FOLLOW_UP_SWEEP_CRON", "5 * * * *")
# The supervisors' weekly digest of their queue (for those who asked for it): Monday 07:00 UTC.
WEEKLY_DIGEST_CRON = env_str("WEEKLY_DIGEST_CRON", "0 7 * * 1")
# Succeeded jobs are removed JOBS_KEEP_DAYS days after they finished (jobs.tasks.remove_old_jobs,
# daily at JOBS_CLEANUP_CRON, UTC); failed ones stay until someone removes them.
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 30)
JOBS_CLEANUP_CRON = env_str("JOBS_CLEANUP_CRON", "30 3 * * *")
# Where links in e-mails sent by the worker point (it has no request to take the host from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

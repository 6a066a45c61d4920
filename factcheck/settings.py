"""Settings for the claim and attribution tracker, all from the environment.

Nothing set → a development setup that runs from a fresh clone: SQLite, eager Celery, console
e-mail. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, DEBUG=False and
ALLOWED_HOSTS; an insecure combination refuses to start (see `_refuse_insecure_production`).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-insecure-secret-key-do-not-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")


def _refuse_insecure_production(*, debug: bool, secret_key: str) -> None:
    if not debug and secret_key == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "DEBUG is False but SECRET_KEY is the development key. "
            "Set SECRET_KEY to a long random value (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))') or set DEBUG=True for development."
        )
    if not debug and len(secret_key) < 32:
        raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters when DEBUG is False.")


_refuse_insecure_production(debug=DEBUG, secret_key=SECRET_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "axes",
    "csp",
    "partners",
    "claims",
    "sources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the rest, so it sees their error answers (CSRF, 405, 413) and shapes them as JSON.
    "partners.api.middleware.APIErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# --- Logins: lockout after repeated failures (django-axes) ------------------------------------
# AxesStandaloneBackend first: it refuses a locked-out username/address pair before any
# password is checked, so a guesser cannot tell a right password once locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
# Per username and address together: one editor mistyping does not lock out the newsroom's
# shared address, and a guesser is stopped on each account it tries.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Content Security Policy (django-csp) -----------------------------------------------------
# No page loads anything from elsewhere and none runs inline script (the Swagger UI is served
# with its initialiser as a separate file). Inline *styles* stay allowed: the admin's widgets and
# the report pages' SVG use style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],  # Redoc renders in a web worker
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A persistent connection is checked before each request reuses it: after a database
        # restart the first request reconnects instead of failing on a dead socket.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Short write transactions from the web process and an eager Celery share one file;
    # a busy timeout turns "database is locked" into a brief wait.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Site-wide CSS (admin and landing page), beside the site-wide templates in `templates/`.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    # HTTPS only: plain HTTP is redirected, and browsers are told to stay on HTTPS for a year.
    # Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=true (the proxy must set
    # X-Forwarded-Proto); a local stack without TLS sets SECURE_SSL_REDIRECT=false.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Cache (throttling counters live here; Redis in production) -------------------------------
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Without a broker the tasks run in-process at enqueue time, so a fresh clone needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only after it finished, and a worker killed mid-task hands it back to
# the broker: every task is written to be harmless when it runs twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "600"))
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "540"))
# Redis redelivers an unacknowledged task after the visibility timeout. A task waiting for its
# retry countdown is held unacknowledged by a worker too, so the timeout must exceed the longest
# countdown plus the hard time limit, or the retry runs twice. The countdown cap is derived from
# it (core/taskbase.py); a worker killed outright (SIGKILL) has its task redelivered after
# the timeout, and the outbox sweep re-queues a stuck extraction after EXTRACTION_STALE_SECONDS.
BROKER_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "1200"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    # With Redis down, a publish from a web request gives up within seconds (the outbox keeps
    # the work) instead of holding the request.
    "socket_connect_timeout": 2,
}
TASK_RETRY_COUNTDOWN_MAX = max(1, BROKER_VISIBILITY_TIMEOUT - CELERY_TASK_TIME_LIMIT - 60)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "factcheck")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "flag-stuck-claims": {"task": "claims.flag_stuck_claims", "schedule": 3600.0},
    "recheck-due-verdicts": {"task": "claims.recheck_due_verdicts", "schedule": 6 * 3600.0},
    "poll-feeds": {"task": "claims.poll_feeds", "schedule": 300.0},
    "refresh-reports": {
        "task": "claims.refresh_reports",
        "schedule": float(os.environ.get("REPORT_REFRESH_SECONDS", "300")),
    },
    "sweep-outbox": {
        "task": "claims.sweep_outbox",
        "schedule": float(os.environ.get("OUTBOX_SWEEP_SECONDS", "60")),
    },
}
# CSV exports on PostgreSQL are written by COPY (claims/exports/copy.py), the same bytes as the
# Python writer at several times its speed; false falls back to the Python writer.
EXPORT_CSV_WITH_COPY = env_bool("EXPORT_CSV_WITH_COPY", True)
# XLSX exports on PostgreSQL: the sheets' XML comes from COPY (claims/exports/xlsx.py), the same
# cells as xlsxwriter's workbook at several times its speed; false falls back to xlsxwriter.
EXPORT_XLSX_WITH_COPY = env_bool("EXPORT_XLSX_WITH_COPY", True)
# Storing claims queues their embedding and matching (claims/services/matching.py); false
# leaves that to `manage.py embed_claims` (e.g. a worker pool dedicated to extraction).
MATCH_ON_STORE = env_bool("MATCH_ON_STORE", True)
# Report pages read figures computed by the refresh task at most this long ago
# (claims/reports/cache.py); a filtered view is computed on first request and kept as long.
REPORT_REFRESH_SECONDS = int(os.environ.get("REPORT_REFRESH_SECONDS", "300"))
# The outbox sweep (claims/services/outbox.py): an event, a webhook delivery or a received
# article still pending this long after it was due is queued again; an article `extracting`
# longer than EXTRACTION_STALE_SECONDS (above the hard time limit) was lost with its worker.
OUTBOX_REDISPATCH_AFTER_SECONDS = int(os.environ.get("OUTBOX_REDISPATCH_AFTER_SECONDS", "120"))
OUTBOX_MAX_AGE_HOURS = int(os.environ.get("OUTBOX_MAX_AGE_HOURS", "48"))
EXTRACTION_STALE_SECONDS = int(
    os.environ.get("EXTRACTION_STALE_SECONDS", str(CELERY_TASK_TIME_LIMIT + 60))
)
# An article whose extraction was started this many times without finishing (a worker killed
# each time, say by the OOM killer) is marked failed instead of being queued forever.
EXTRACTION_MAX_ATTEMPTS = int(os.environ.get("EXTRACTION_MAX_ATTEMPTS", "12"))
# Export jobs and source archives lost the same way: a running export past the hard time limit
# lost its worker; a source whose archive task was queued this often and never ran is failed.
EXPORT_STALE_SECONDS = int(os.environ.get("EXPORT_STALE_SECONDS", str(CELERY_TASK_TIME_LIMIT + 60)))
EXPORT_MAX_ATTEMPTS = int(os.environ.get("EXPORT_MAX_ATTEMPTS", "3"))
SOURCE_ARCHIVE_MAX_PROMPTS = int(os.environ.get("SOURCE_ARCHIVE_MAX_PROMPTS", "5"))

# --- E-mail -----------------------------------------------------------------------------------
# Development logs each e-mail as one line (recipients and subject); set EMAIL_BACKEND (and
# EMAIL_HOST, …) to send them.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "core.mail.OneLineEmailBackend")
# Where the desk's admin is reachable, for the links in e-mails.
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# --- REST API ---------------------------------------------------------------------------------
# Swagger UI and Redoc from local static files (drf-spectacular-sidecar): the docs work offline.
INSTALLED_APPS += ["drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The API key first: its WWW-Authenticate header turns "no credentials" into a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.api.authentication.PartnerAPIKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "partners.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck claim and attribution API",
    "DESCRIPTION": (
        "Attributed claims, verdicts and sources for partner newsrooms. Authenticate with "
        "`Authorization: Api-Key <key>` (scopes: `read` for every GET, `submit` for POST, PUT and "
        "DELETE: submitting articles and changing the webhook). Every "
        'error answers `{"error": {"code", "message", "fields"}}`. Lists are cursor-paginated '
        "(follow `next`); details carry an `ETag` for `If-None-Match`.\n\n"
        "**Webhooks** (`PUT /api/v1/partner/webhook`): each publication, correction and "
        "retraction of a claim you can see is POSTed as JSON, signed in the Standard Webhooks "
        "format (https://www.standardwebhooks.com/): `webhook-id` (a UUID: retries resend the "
        "same one, de-duplicate on it), `webhook-timestamp` (Unix seconds of the attempt: refuse "
        "one more than 5 minutes off, so a captured request cannot be replayed) and "
        "`webhook-signature: v1,<base64>`, the HMAC-SHA256 of `{id}.{timestamp}.{raw body}` "
        "keyed with your secret (a `whsec_<base64>` secret keys with its decoded bytes, as the "
        "Standard Webhooks libraries expect; any other secret with its UTF-8 bytes); compare it "
        "in constant time before trusting the body. `X-Factcheck-Event` names the event. Answer "
        "2xx within 10 s; anything else is retried with jittered exponential backoff (about 1, "
        "2, 4, 8 minutes, then every 5 to 9 minutes: 37 attempts over about 4 hours)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind` field with different choices; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "claims.models.ActorKind",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "SourceKindEnum": "sources.models.SourceKind",
        "ClaimEventKindEnum": "claims.models.ClaimEvent.Kind",
        "SubmissionStatusEnum": "partners.api.serializers.SUBMISSION_STATUSES",
        "ArticleStatusEnum": "claims.models.ArticleStatus",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
    },
}
# Wrong API keys one client address may send per minute before it is answered 429 (key guessing).
API_KEY_FAILURES_PER_MINUTE = int(os.environ.get("API_KEY_FAILURES_PER_MINUTE", "20"))
# Absolute URLs in webhook payloads (no request to build them from in a worker).
API_PUBLIC_BASE_URL = os.environ.get("API_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# URL-only article submissions fetch the page; off for fuzzing runs that must stay offline.
ARTICLE_FETCH_URLS = env_bool("ARTICLE_FETCH_URLS", True)
# Hosts (names, addresses or networks such as 10.0.0.0/8) the server may fetch from although
# they are not public: local test servers and receivers in development. Empty in production:
# every other request to a private, loopback or link-local address is refused
# (core/outbound.py).
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS", "")
# The publisher named in ClaimReview `author`, and the public page of a claim ("{id}"); without
# a page template, ClaimReview `url` is the claim's API URL.
FACTCHECK_ORGANIZATION_NAME = os.environ.get("FACTCHECK_ORGANIZATION_NAME", "Factcheck desk")
FACTCHECK_ORGANIZATION_URL = os.environ.get("FACTCHECK_ORGANIZATION_URL", "")
FACTCHECK_CLAIM_PAGE_URL = os.environ.get("FACTCHECK_CLAIM_PAGE_URL", "")

# --- Extraction -------------------------------------------------------------------------------
# Articles above this size are refused at ingestion with a clear error instead of being parsed.
# Extraction runs at about 6,000-7,000 characters a second on one loaded core (measured: 200,000
# characters of the Czech seed in 27 s, linear in length), so 500,000 characters take 70-90 s,
# well inside the task's soft time limit (540 s) even on a busy worker; a 1.9-million-character
# text would hold a worker for 5 minutes or more and could hit the limit. Such a text is not one
# news article: split it.
ARTICLE_MAX_CHARS = int(os.environ.get("ARTICLE_MAX_CHARS", str(500_000)))
# A request body must be able to carry the largest article the desk accepts, whatever its
# alphabet, so that an article of ARTICLE_MAX_CHARS reaches the API (or the admin form) and
# its clear "too long" error rather than a bare refusal: up to 6 bytes a character as a JSON
# `\uXXXX` escape (4 in UTF-8 form data), plus the other fields. A larger body is refused
# before it is parsed: 413 in the API's error shape.
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_CHARS * 6 + 1_000_000

# --- Exports ----------------------------------------------------------------------------------
# Larger exports run as a Celery job (ExportJob) instead of streaming in the request.
EXPORT_SYNC_MAX_ROWS = int(os.environ.get("EXPORT_SYNC_MAX_ROWS", "5000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Claim matching and monitored feeds (docs/matching.md) --------------------------------
# On `Match.similarity`: join a cluster at or above the first, suggest down to the second.
MATCH_JOIN_SIMILARITY = float(os.environ.get("MATCH_JOIN_SIMILARITY", "0.93"))
MATCH_SUGGEST_SIMILARITY = float(os.environ.get("MATCH_SUGGEST_SIMILARITY", "0.88"))
# At most one request per domain per this many seconds, across workers.
FEED_DOMAIN_INTERVAL_SECONDS = float(os.environ.get("FEED_DOMAIN_INTERVAL_SECONDS", "5"))

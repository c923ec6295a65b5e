"""Settings, read from the environment (and an optional ``.env`` file).

The defaults are a working development setup: SQLite, console email, Celery
tasks run eagerly. Production sets DEBUG=false and real secrets; see
``.env.example`` for every variable.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
FRONTEND_DIST = BASE_DIR / "healthcare-frontend" / "dist"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# Only good enough for development; refused below when DEBUG is off.
_DEV_SECRET_KEY = "dev-insecure-secret-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    # Django admin, asking for the second factor where one is needed (accounts/admin_site.py).
    "accounts.admin_config.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_yasg",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "phonenumber_field",
    "simple_history",
    "accounts",
    "patients",
    "doctors",
    "appointments",
    "records",
    "notifications",
    "reports",
    "fhir_api",
    "privacy",
    "waitlist",
    "profiles",
    "demo",
    # The project package: no models; its management commands (docs_data_model).
    "healthcare_system",
]

MIDDLEWARE = [
    # First, so that every other middleware and view logs with the request's id.
    "healthcare_system.middleware.RequestIdMiddleware",
    # Right inside it: sees every response, so no HTML error page leaves /api/ even with DEBUG on.
    "healthcare_system.api_errors.ApiJsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the admin session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change kept by django-simple-history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns admin-login lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "healthcare_system.urls"
WSGI_APPLICATION = "healthcare_system.wsgi.application"

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

# --- Database ---------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A new connection per request costs ~9 ms here: keep them, and check them before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes SQLite's write lock when a transaction opens, so two bookings
    # serialise instead of both reading "free" and then both writing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A hung or refusing database must cost a request seconds, not gunicorn's 30 s timeout:
# the API answers 503 within 5 s and the next request reconnects (no restart). The server
# gives up on a slow statement or lock wait; healthcare_system/postgres bounds every wait
# on the client side too, for a server that does not answer at all (frozen, SIGSTOP).
# Management commands (migrate, seed_demo …) run without them: they may rightly take
# minutes; the ones that serve (runserver, run_scheduler) keep them.
_MANAGEMENT_COMMAND = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] not in (["runserver"], ["run_scheduler"])
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
DATABASE_STATEMENT_TIMEOUT = 0.0 if _MANAGEMENT_COMMAND else env.float("DATABASE_STATEMENT_TIMEOUT", default=4.0)
DATABASE_LOCK_TIMEOUT = 0.0 if _MANAGEMENT_COMMAND else env.float("DATABASE_LOCK_TIMEOUT", default=3.5)
DATABASE_CLIENT_TIMEOUT = DATABASE_STATEMENT_TIMEOUT + 0.5 if DATABASE_STATEMENT_TIMEOUT else 0
DATABASE_HEALTH_CHECK_TIMEOUT = env.float("DATABASE_HEALTH_CHECK_TIMEOUT", default=1.0)
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)


def _bounded_postgres(database: dict) -> dict:
    """``database`` on the bounded backend, with the timeouts above."""
    if not database["ENGINE"].startswith("django.db.backends.postgresql"):
        return database
    statement_ms, lock_ms = int(DATABASE_STATEMENT_TIMEOUT * 1000), int(DATABASE_LOCK_TIMEOUT * 1000)
    server_options = f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms}"
    options = database.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_PREPARED_STATEMENTS:
        # Parameters bound on the server, and a query run 5 times on a connection is prepared:
        # PostgreSQL then plans it once (the appointment list's 7-table join takes 1.8 ms to
        # plan and 0.2 ms to run). Off behind a transaction-mode PgBouncer.
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", 5)
    options["options"] = f"{options.get('options', '')} {server_options}".strip()
    return {**database, "ENGINE": "healthcare_system.postgres"}


DATABASES["default"] = _bounded_postgres(DATABASES["default"])
# Optional streaming replica for reads that tolerate a little lag (reports, doctor search:
# healthcare_system/db.py, replica_reads). Leave it unset for test runs.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
    }
    DATABASES["replica"] = _bounded_postgres(DATABASES["replica"])
DATABASE_ROUTERS = ["healthcare_system.db.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # Whole answers of private reads (a patient's own appointment list: appointments.list_cache).
    # Health data, so never the shared cache: this process's memory, bounded (a first page of
    # 20 rows is some 6 kB pickled; the least recently used go first).
    "private_answers": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "private-answers",
        "TIMEOUT": 90,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# Doctors' hours, leave and busy time for the slot and search reads, keyed by a per-doctor
# counter that PostgreSQL triggers raise on every change (appointments.availability); 0: off,
# and so are the whole answers kept under such counters (appointments.answer_cache).
AVAILABILITY_CACHE_SECONDS = env.int("AVAILABILITY_CACHE_SECONDS", default=3600)

# --- Auth -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: refuses locked-out credentials before any check.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UsernameOrEmailBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.StrengthValidator"},
]
# zxcvbn score a new password needs (0-4): 3 refuses words with years and padded patterns.
PASSWORD_MIN_STRENGTH = env.int("PASSWORD_MIN_STRENGTH", default=3)

# Password reset and email verification links expire after this many seconds.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 3600)
# Where the SPA lives, for links in emails; empty: the address the request came to.
PUBLIC_URL = env.str("PUBLIC_URL", default="")

RATE_LIMITS_ENABLED = env.bool("RATE_LIMITS_ENABLED", default=True)
# Reverse proxies in front of Django (nginx = 1, plus a load balancer = 2): the client
# address is taken from X-Forwarded-For only that many hops deep (healthcare_system/client_ip.py),
# for the login lockout, the throttles and the access log alike.
TRUSTED_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Login lockout (accounts/lockout.py): counters on the default cache, shared by all workers
# when CACHE_URL is Redis. An account locks after LOGIN_FAILURE_LIMIT failures from anywhere;
# a client address after LOGIN_IP_FAILURE_LIMIT failures against any accounts.
AXES_ENABLED = RATE_LIMITS_ENABLED
AXES_HANDLER = "accounts.lockout.SharedCacheLockoutHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A correct login clears its own account's counter only (never the address's).
AXES_RESET_ON_SUCCESS = True
# Attempts while locked out are refused without extending the lock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "healthcare_system.client_ip.client_ip"

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env.int("ACCESS_TOKEN_LIFETIME", default=15 * 60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(seconds=env.int("REFRESH_TOKEN_LIFETIME", default=7 * 24 * 3600)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,  # the token view sends user_logged_in, which does it
    "SIGNING_KEY": env.str("JWT_SECRET_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Tokens carry a fingerprint of the password hash: a password change or reset ends every
    # access token at once (JWTAuthentication) and every refresh token (accounts.services.session_refresh).
    "CHECK_REVOKE_TOKEN": True,
}

# Two-factor authentication (accounts/mfa.py): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = env.str("MFA_ISSUER", default="Healthcare Clinic")

# --- REST framework ---------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.SetupAwareJWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["healthcare_system.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["healthcare_system.parsers.SafeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "healthcare_system.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "healthcare_system.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": (
        [
            "healthcare_system.throttling.AnonRateThrottle",
            "healthcare_system.throttling.UserRateThrottle",
            "healthcare_system.throttling.ScopedRateThrottle",
        ]
        if RATE_LIMITS_ENABLED
        else []
    ),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="300/min"),
        "user": env.str("THROTTLE_USER", default="1200/min"),
        "login": env.str("THROTTLE_LOGIN", default="10/min"),
        "token_refresh": env.str("THROTTLE_TOKEN_REFRESH", default="120/min"),
        "registration": env.str("THROTTLE_REGISTRATION", default="20/hour"),
        "password_reset": env.str("THROTTLE_PASSWORD_RESET", default="10/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SWAGGER_SETTINGS = {
    "SECURITY_DEFINITIONS": {
        "Bearer": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "description": "JWT access token from /api/token/, as: Bearer <access>",
        }
    },
    "USE_SESSION_AUTH": False,
    "DEFAULT_INFO": "healthcare_system.urls.api_info",
    # Every operation documents its error responses too (400/401/403/404/429/503).
    "DEFAULT_AUTO_SCHEMA_CLASS": "healthcare_system.schema.TruthfulAutoSchema",
    # drf-yasg's defaults, after ours: an inspector sees results only if it is tried first.
    "DEFAULT_FIELD_INSPECTORS": [
        "healthcare_system.schema.NullableNested",
        "healthcare_system.schema.ReadOnlyIsAnswered",
        "healthcare_system.schema.ReadOnlyMayBeBlank",
        "healthcare_system.schema.FieldSchemaFields",
        "drf_yasg.inspectors.CamelCaseJSONFilter",
        "drf_yasg.inspectors.RecursiveFieldInspector",
        "drf_yasg.inspectors.ReferencingSerializerInspector",
        "drf_yasg.inspectors.ChoiceFieldInspector",
        "drf_yasg.inspectors.FileFieldInspector",
        "drf_yasg.inspectors.DictFieldInspector",
        "drf_yasg.inspectors.JSONFieldInspector",
        "drf_yasg.inspectors.HiddenFieldInspector",
        "drf_yasg.inspectors.RelatedFieldInspector",
        "drf_yasg.inspectors.SerializerMethodFieldInspector",
        "drf_yasg.inspectors.SimpleFieldInspector",
        "drf_yasg.inspectors.StringDefaultFieldInspector",
    ],
}

# --- CORS for the SPA's development server -----------------------------------
FRONTEND_URL = env.str("FRONTEND_URL", default="http://localhost:5173")
CORS_ALLOWED_ORIGINS = [FRONTEND_URL]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[FRONTEND_URL])

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en-us"
# Languages patients can get their messages in (notifications/templates/notifications/<lang>/,
# locale/<lang>/LC_MESSAGES); English is the fallback.
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The clinic's own zone: list filters and reports count calendar days in it.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="DE")
PHONENUMBER_DB_FORMAT = "E164"

# --- Static files and the SPA -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The built SPA's files (/assets/..., favicon) are served from the site root.
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
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
# Without collectstatic (tests, a quick start) fall back to unhashed names.
WHITENOISE_MANIFEST_STRICT = False


def _is_hashed_spa_asset(path: str, url: str) -> bool:
    # Vite names every built file under /assets/ by its content hash: cache them for a year.
    return url.startswith("/assets/")


WHITENOISE_IMMUTABLE_FILE_TEST = _is_hashed_spa_asset

# --- Email ----------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="clinic@example.com")

# --- Celery ---------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# No broker configured: run tasks in-process so the embedded setup needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Fail fast when the broker is down: the outbox sweep sends what could not be queued.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "max_retries": 1}
# Workers and beat log through LOGGING too (same format), not Celery's own handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The periodic work (without a broker `manage.py run_scheduler` runs the same tasks).
CELERY_BEAT_SCHEDULE = {
    "notifications-send-due-reminders": {
        "task": "notifications.tasks.send_due_reminders",
        "schedule": env.int("NOTIFICATIONS_REMINDER_INTERVAL_SECONDS", default=60),
    },
    "notifications-sweep-pending": {
        "task": "notifications.tasks.sweep_pending",
        "schedule": env.int("NOTIFICATIONS_SWEEP_INTERVAL_SECONDS", default=20),
    },
    # Waitlist offers not accepted in time expire within a minute; their slots pass on.
    "waitlist-expire-offers": {
        "task": "waitlist.tasks.expire_offers",
        "schedule": env.int("WAITLIST_EXPIRY_INTERVAL_SECONDS", default=60),
    },
}

# --- Security (production) ---------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    # /healthz/ is probed over plain HTTP by load balancers and orchestrators.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    # Whoever knows the JWT key can sign tokens for any user: refuse a short or placeholder one.
    if len(SIMPLE_JWT["SIGNING_KEY"]) < 50:
        raise ImproperlyConfigured(
            "JWT_SECRET_KEY must be a long random value when DEBUG is off (or unset it to use SECRET_KEY)."
        )

# Optional error reporting; sentry-sdk is installed only where SENTRY_DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from healthcare_system.logging import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        release=env.str("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Logging: to stdout; JSON lines with request ids in production --------------------
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "healthcare_system.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "healthcare_system.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Notifications (notifications app) -------------------------------------------
# SMS through a small backend interface: console, file (one file per message in
# SMS_FILE_PATH), locmem (tests), twilio (optional package, credentials below) or a dotted path.
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(BASE_DIR / "var" / "sms"))
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env.str("TWILIO_FROM_NUMBER", default="")
# The address Twilio posts SMS replies to, as Twilio sees it (behind a proxy that rewrites the
# host or scheme); empty: the address the request came to. The signature covers this URL.
TWILIO_WEBHOOK_URL = env.str("TWILIO_WEBHOOK_URL", default="")
# Confirm/cancel/reschedule links in messages work at most this many days (and never after the visit starts).
VISIT_LINK_MAX_AGE_DAYS = env.int("VISIT_LINK_MAX_AGE_DAYS", default=60)
# Base of links in notification messages when PUBLIC_URL is empty (messages have no request to ask).
NOTIFICATIONS_LINK_FALLBACK_URL = "http://localhost:8000"
# The domain part of calendar UIDs (appointment-<id>@<domain>); keep it stable once in use.
ICAL_UID_DOMAIN = env.str("ICAL_UID_DOMAIN", default="healthcare-scheduling.local")
# Delivery: attempts in all (first try + retries with exponential backoff) before a message is failed.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_RETRY_BACKOFF_SECONDS = env.int("NOTIFICATIONS_RETRY_BACKOFF_SECONDS", default=30)
NOTIFICATIONS_RETRY_BACKOFF_MAX_SECONDS = env.int("NOTIFICATIONS_RETRY_BACKOFF_MAX_SECONDS", default=3600)
# The sweep sends pending messages older than this (their on-commit task was lost: broker down).
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env.int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=60)
# A message claimed for sending longer ago than this belongs to a crashed worker: the sweep
# retries it. Longer than any one send can take (EMAIL_TIMEOUT, the SMS provider timeout:
# 10 s), so a live worker's send is never duplicated; with the sweep every 20 s a message
# stuck in "sending" goes out again within a minute.
NOTIFICATIONS_SENDING_LEASE_SECONDS = env.int("NOTIFICATIONS_SENDING_LEASE_SECONDS", default=30)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# How often `manage.py run_scheduler` (make run, no Redis) runs the periodic tasks.
NOTIFICATIONS_SCHEDULER_INTERVAL_SECONDS = env.int("NOTIFICATIONS_SCHEDULER_INTERVAL_SECONDS", default=20)
# Without a broker, send from a thread after the response instead of inside the request that
# booked (notifications/background.py); the sweep sends anything a thread did not.
NOTIFICATIONS_SEND_IN_BACKGROUND = env.bool("NOTIFICATIONS_SEND_IN_BACKGROUND", default=True)

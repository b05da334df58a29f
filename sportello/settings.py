"""Sportello settings: one file, driven by environment variables.

The defaults give the embedded set-up (SQLite in the data folder, local files,
mail printed to the console). Production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and the mail server, and refuses to start with the demo key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("SPORTELLO_DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEMO_SECRET_KEY = "sportello-demo-only-secret-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("SPORTELLO_DEMO", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Production must not run with the published demo key or with DEBUG on.
PRODUCTION = env_bool("SPORTELLO_PRODUCTION")
if PRODUCTION and (SECRET_KEY == DEMO_SECRET_KEY or DEBUG):
    raise ImproperlyConfigured("Set SECRET_KEY and keep DEBUG off in production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "sportello.web.tasks_app.TasksConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "sportello.accounts",
    "sportello.customers",
    "sportello.tickets",
    "sportello.outbox",
    "sportello.mail",
    "sportello.sla",
    "sportello.phone",
    "sportello.scheduler",
    "sportello.portal",
    "sportello.console",
    "sportello.demo",
    "sportello.search",
    "sportello.reports",
    "sportello.ops",
    "sportello.api",
    "sportello.releases",
    "sportello.kb",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "sportello.web.request_id.RequestIdMiddleware",
    "sportello.web.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sportello.accounts.middleware.SecondFactorMiddleware",
    "sportello.accounts.middleware.PresenceMiddleware",
    "sportello.accounts.middleware.LanguageMiddleware",
    "sportello.api.middleware.ApiLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sportello.web.errors.ErrorPagesMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes requires
]
CSRF_FAILURE_VIEW = "sportello.web.errors.csrf_failure"

ROOT_URLCONF = "sportello.urls"
WSGI_APPLICATION = "sportello.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
            # i18n: Django's library with a faster {% translate "constant" %} (see there).
            "libraries": {"page_links": "sportello.web.page_links", "i18n": "sportello.web.i18n_tags"},
            # {% url %} remembering its answers; {% field %} for a form field with its label.
            "builtins": ["sportello.web.url_tag", "sportello.web.field_tag"],
        },
    },
]

# "i18n" names Django's library and ours on purpose (TEMPLATES above): the check warns of
# two modules behind one name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sportello.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE takes the
    # write lock at BEGIN, so two writers queue instead of failing mid-transaction.
    # Connections are kept like PostgreSQL's: opening one runs the PRAGMAs every time.
    # sportello.sqlite_writers lets the next writer in as soon as one is done (see there).
    DATABASES["default"]["ENGINE"] = "sportello.sqlite_writers"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # A file (not memory) test database, so threads in tests see real locking.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-sportello.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Login throttling (django-axes): 5 wrong passwords for one account within 15 minutes lock it
# for 15 minutes; one client address is locked after SPORTELLO_LOGIN_FAILURES_PER_ADDRESS.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("SPORTELLO_LOGIN_FAILURES", "5"))
SPORTELLO_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("SPORTELLO_LOGIN_FAILURES_PER_ADDRESS", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SPORTELLO_LOGIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]   # order matters: see accounts.lockouts
AXES_HANDLER = "sportello.accounts.lockouts.AccountAndAddressHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "sportello.accounts.lockouts.normalised_username"
AXES_CLIENT_IP_CALLABLE = "sportello.web.request_id.client_address"
AXES_LOCKOUT_CALLABLE = "sportello.accounts.lockouts.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True   # successful logins are in our audit trail
AXES_VERBOSE = False
# Two-step verification (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = os.environ.get("SPORTELLO_OTP_ISSUER", "Sportello")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Italian first, English second, Rome time.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sportello.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the source folders when there is no collectstatic (development, tests).
WHITENOISE_USE_FINDERS = True
# Private files (attachments, received mail): a folder outside static and media URLs, or
# S3-compatible object storage when S3_BUCKET is set. Only views that check visibility serve them.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": DATA_DIR / "files"}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ["S3_BUCKET"],
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
    }}

# Files: uploads stream to a temporary file on disk (never whole in memory), then to storage.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
SPORTELLO_MAX_FILE_MB = int(os.environ.get("SPORTELLO_MAX_FILE_MB", "200"))
# Software releases (installers, updates, manuals) published by supervisors.
SPORTELLO_MAX_RELEASE_MB = int(os.environ.get("SPORTELLO_MAX_RELEASE_MB", "4096"))
SPORTELLO_MAX_TICKET_MB = int(os.environ.get("SPORTELLO_MAX_TICKET_MB", "2048"))
# Refused whatever the file is called: content types detected from the bytes, and names.
SPORTELLO_REFUSED_TYPES = env_list("SPORTELLO_REFUSED_TYPES", ",".join([
    "application/x-dosexec", "application/x-msdownload", "application/vnd.microsoft.portable-executable",
    "application/x-executable", "application/x-elf", "application/x-sharedlib", "application/x-pie-executable",
    "application/x-mach-binary", "application/x-msi", "application/x-ms-installer", "text/x-shellscript",
    "application/x-sh", "text/x-msdos-batch", "application/x-bat", "text/x-python", "text/x-perl",
    "application/javascript", "text/javascript", "text/x-php", "application/x-java-applet"]))
SPORTELLO_REFUSED_EXTENSIONS = env_list("SPORTELLO_REFUSED_EXTENSIONS", (
    "exe,com,scr,pif,msi,msp,bat,cmd,vbs,vbe,js,jse,wsf,wsh,ps1,psm1,hta,cpl,jar,sh,py,pl,php,dll,lnk,reg"))
# Optional virus scan by a ClamAV daemon: "host:port" or the path of its Unix socket.
CLAMAV_ADDRESS = os.environ.get("CLAMAV_ADDRESS", "")

# HTTPS and headers. Behind a reverse proxy that terminates TLS, set SPORTELLO_BEHIND_PROXY=1:
# the proxy's X-Forwarded-Proto says the request was HTTPS and X-Forwarded-For names the client
# (for login throttling). Never set it when clients reach gunicorn directly: they could forge both.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_PROXY = env_bool("SPORTELLO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]   # load balancers and Prometheus speak plain HTTP inside
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365) if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every page: scripts only from our own files (or with the
# page's nonce), no inline styles, nothing from other sites, never inside a frame.
# The REST API (/api/v1/, sportello.api): bearer tokens, problem details, cursor pages.
REST_FRAMEWORK = {
    # The session: the documentation page tries calls with the logged-in person's own rights
    # (staff have passed their second step: SecondFactorMiddleware sees to it).
    "DEFAULT_AUTHENTICATION_CLASSES": ["sportello.api.authentication.BearerTokenAuthentication",
                                       "rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["sportello.api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["sportello.api.throttling.PerTokenThrottle"],
    "DEFAULT_PAGINATION_CLASS": "sportello.api.pagination.IdCursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sportello.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}
SPORTELLO_API_RATE = os.environ.get("SPORTELLO_API_RATE", "1200/min")
# Webhooks: seconds a receiver may take to answer (a worker is never held longer), and whether
# they may call the desk's own network (loopback, private addresses): not in production.
SPORTELLO_WEBHOOK_TIMEOUT = float(os.environ.get("SPORTELLO_WEBHOOK_TIMEOUT", "10"))
SPORTELLO_WEBHOOK_ALLOW_PRIVATE = env_bool("SPORTELLO_WEBHOOK_ALLOW_PRIVATE", default=not PRODUCTION)
SPECTACULAR_SETTINGS = {
    "TITLE": "Sportello API",
    "DESCRIPTION": "Tickets, companies, packages and phone support of the Sportello service desk. "
                   "Authenticate with `Authorization: Bearer <token>`; errors are RFC 9457 problem details.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",   # served from our static files: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "sportello.api.schema.problem_responses"],
    "ENUM_NAME_OVERRIDES": {"TicketStatusEnum": "sportello.tickets.models.tickets.Ticket.Status"},
    "AUTHENTICATION_WHITELIST": ["sportello.api.authentication.BearerTokenAuthentication"],
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Background work: Django's Tasks API on the database, no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail: SMTP when SMTP_HOST is set, otherwise printed by the worker.
SMTP_HOST = os.environ.get("SMTP_HOST", "")
if SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": int(os.environ.get("SMTP_PORT", "25")),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_STARTTLS", False),
                "use_ssl": env_bool("SMTP_SSL", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("SPORTELLO_FROM_EMAIL", "Sportello Assistenza <assistenza@sportello.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SPORTELLO_MAIL_DOMAIN = os.environ.get("SPORTELLO_MAIL_DOMAIN", "sportello.example")
# The support mailbox: customers' replies come back to <local part>+t-<ticket token>@<domain>.
SPORTELLO_MAIL_LOCAL_PART = os.environ.get("SPORTELLO_MAIL_LOCAL_PART", "assistenza")
# At most this many automatic answers (confirmations, refusals) to one address per day.
SPORTELLO_AUTO_REPLIES_PER_DAY = int(os.environ.get("SPORTELLO_AUTO_REPLIES_PER_DAY", "10"))
# /metrics: readable with this Bearer token; without one, only from this machine or the private network.
SPORTELLO_METRICS_TOKEN = os.environ.get("SPORTELLO_METRICS_TOKEN", "")
SPORTELLO_VERSION = "0.2.0"
# A worker silent for this many seconds is dead: its tasks and outgoing mail go to the others.
SPORTELLO_WORKER_DEAD_AFTER = int(os.environ.get("SPORTELLO_WORKER_DEAD_AFTER", "60"))
# Incoming mail: the IMAP mailbox polled by the worker (off when IMAP_HOST is empty).
IMAP_HOST = os.environ.get("IMAP_HOST", "")
IMAP_PORT = int(os.environ.get("IMAP_PORT", "993"))
IMAP_SSL = env_bool("IMAP_SSL", True)
IMAP_USER = os.environ.get("IMAP_USER", "")
IMAP_PASSWORD = os.environ.get("IMAP_PASSWORD", "")
IMAP_FOLDER = os.environ.get("IMAP_FOLDER", "INBOX")
# Public address used in links inside e-mails.
SPORTELLO_BASE_URL = os.environ.get("SPORTELLO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logs go to standard error (gunicorn and the worker print them), every line with the
# request id; LOG_FORMAT=json writes one JSON object per line for log collectors.
# Unhandled exceptions (django.request, 5xx) and security events reach the same handler.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sportello.web.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "sportello.web.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "sportello": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django_tasks_db": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},     # 5xx with their traceback; 404s are not news
        "django.security": {"level": "WARNING"},  # CSRF failures, bad Host headers
        "axes": {"level": "WARNING"},
    },
}

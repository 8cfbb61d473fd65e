"""Settings, read from the environment.

Production is the default: DEBUG is off unless DJANGO_DEBUG turns it on, and
with DEBUG off a secret key must be given (DJANGO_SECRET_KEY, or a file named
by DJANGO_SECRET_KEY_FILE). `make run` makes a local key once; `make dev` and
the test suite turn DEBUG on and use a development key. With no DATABASE_URL
the app runs on a SQLite file in the project, with no CELERY_BROKER_URL its
Celery tasks run in-process; with both set it runs on PostgreSQL and real
Celery workers on Redis. Stored files go to local folders, or to an
S3-compatible bucket when STORAGE_S3_BUCKET is set.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# A key that is fine on a developer's laptop and refused in production.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-never-use-in-production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and env.str("DJANGO_SECRET_KEY_FILE", default=""):
    SECRET_KEY = Path(env.str("DJANGO_SECRET_KEY_FILE")).read_text().strip()
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must give a secret key when DEBUG is "
        "off, as it is unless DJANGO_DEBUG=True; `make run` makes one, `make dev` needs none."
    )
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "parties",
    "agreements",
    "meetings",
    "reports",
    "config",
]

MIDDLEWARE = [
    "config.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.csp.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.login.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.login.HtmxLoginMiddleware",
    # Last, as django-axes asks: it turns a locked sign-in into config/login.py's page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every page (django-csp): scripts, styles, fonts and images
# from this site only; no inline <script>, on…= handler, style="" or eval, so that
# text a user typed can never run even if a template slips. Bootstrap draws some
# icons as data: images. The report preview sets a stricter policy of its own
# (reports/views.py); the admin allows style attributes (config/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "parties.context_processors.membership",
            ],
        },
    },
]

# Django's widget templates, but a <select>'s options written directly (config/form_rendering.py).
FORM_RENDERER = "config.form_rendering.Renderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each gunicorn worker keeps its connection between requests: opening one costs every
# request 10–20 ms on a busy 2-core host (a PostgreSQL backend forked, authenticated,
# set up), more than the session, user and membership queries together. A connection
# that broke while idle is noticed before it is used (CONN_HEALTH_CHECKS); 0 closes
# it after each request, as Django does by default.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_DB_CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles a plan when its estimated cost is high, as a province's
    # visibility joins are: seconds of compiling for queries that run in milliseconds
    # (bench/INDEXES.md). No page or report here gains from it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Signing in is throttled per account and address (config/login.py, django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.login.client_address"
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged
# The log names the account and the address, which is what an operator needs to act on.
AXES_SENSITIVE_PARAMETERS = []
# How many reverse proxies stand in front and append to X-Forwarded-For (nginx: 1).
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
# A session ends after this many minutes without a request; requests renew it
# (config/login.py, at most one write a minute).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_MINUTES", default=30) * 60

# Vietnamese first, English available; dates dd/mm/yyyy in both.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Scans and generated reports live outside MEDIA_ROOT: no web server or URL
# serves them, only the views that check who may see them.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")

# Every stored file goes through these storages. Static files: WhiteNoise
# serves them with hashed, compressed names once `collectstatic` has run
# (development serves them as they are). Private files: a local folder, or a
# private S3-compatible bucket shared by every web and worker host.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "agreements.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
STORAGE_S3_BUCKET = env.str("STORAGE_S3_BUCKET", default="")
if STORAGE_S3_BUCKET:
    S3_OPTIONS = {
        "bucket_name": STORAGE_S3_BUCKET,
        "endpoint_url": env.str("STORAGE_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("STORAGE_S3_REGION", default="") or None,
        # Unset: boto3 finds credentials itself (its own variables, an instance role).
        "access_key": env.str("STORAGE_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("STORAGE_S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("STORAGE_S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        # The bucket is private; objects get its default ACL unless one is asked for.
        "default_acl": env.str("STORAGE_S3_DEFAULT_ACL", default="") or None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "media"},
    }
    STORAGES["private"] = {
        "BACKEND": "agreements.storage_s3.PrivateS3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "private"},
    }
WHITENOISE_MAX_AGE = 3600

# Uploaded scans are read into memory only up to this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SCAN_MAX_BYTES = env.int("SCAN_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# The admin's history shows every version; going back to one is not done there
# (agreements/admin.py: a signed text never returns to a draft's words).
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = env.path("DJANGO_EMAIL_FILE_PATH", default=BASE_DIR / "sent-mail")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@localhost")
# The address a printed document's QR code and verification link lead to.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")
# Encrypts the bodies' signing certificates at rest (parties/certificates.py).
CERTIFICATE_KEY = env.str("DJANGO_CERTIFICATE_KEY", default="")
# The PEM bundle of certificate authorities whose signatures /verify/ trusts.
SIGNATURE_TRUST_ROOTS = env.str(
    "DJANGO_SIGNATURE_TRUST_ROOTS",
    default=str(BASE_DIR / "var" / "demo-trust-roots.pem") if DEBUG else "",
)
# Days before a meeting that invited officials get their reminder.
MEETING_REMINDER_DAYS = env.int("MEETING_REMINDER_DAYS", default=2)

# Celery: a real worker on the broker when one is configured, otherwise
# every task runs in-process so a newcomer needs nothing else.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TIMEZONE = TIME_ZONE
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 8 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged only when it ends (acks_late); a message a dead
# worker held goes back to the queue after this many seconds on Redis.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
# Hourly meeting reminders; at the end of each quarter and year, the scheduled
# review reports.
CELERY_BEAT_SCHEDULE = {
    "meeting-reminders": {
        "task": "meetings.tasks.meeting_reminders_send",
        "schedule": crontab(minute=5),
    },
    "reports-quarterly": {
        "task": "reports.tasks.queue_quarterly_reports",
        "schedule": crontab(minute=30, hour=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "reports-year-end": {
        "task": "reports.tasks.queue_year_end_reports",
        "schedule": crontab(minute=45, hour=0, day_of_month=1, month_of_year=1),
    },
    # Reports the broker could not take, or whose build was lost, are queued again.
    "reports-sweep": {
        "task": "reports.tasks.sweep_reports",
        "schedule": env.float("REPORT_SWEEP_INTERVAL", default=60.0),
    },
}

# Review reports: how a build is retried and how long it may take (seconds).
REPORT_MAX_RETRIES = env.int("REPORT_MAX_RETRIES", default=3)
REPORT_RETRY_DELAY = env.float("REPORT_RETRY_DELAY", default=30.0)
REPORT_SOFT_TIME_LIMIT = env.int("REPORT_SOFT_TIME_LIMIT", default=240)
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=300)
# A report still queued or running after this long is queued again by the sweep
# (and may be asked for again from its page).
REPORT_STUCK_AFTER = env.int(
    "REPORT_STUCK_AFTER", default=CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] + 900
)
# The document template; an office may point this at its own letterhead.
REPORT_PDF_TEMPLATE = env.str("REPORT_PDF_TEMPLATE", default="reports/pdf/report.html")

# Logs go to the console (journald, a container's log). DJANGO_LOG_FORMAT=json
# writes one JSON object a line, with a line for each request and each task.
LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint reports every layout step at INFO; its warnings are what matter.
        "weasyprint": {"level": "WARNING"},
        # The request line (config/logs.py) says it once; Django's own would repeat 4xx/5xx.
        "django.request": {"level": "ERROR"},
        # In text, gunicorn's access log is the request line; in JSON, this one.
        "operations.requests": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
# The worker logs through the same handlers instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

if not DEBUG:
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto
    # (docs/deploy.md). `make run` and `make serve` on plain http://127.0.0.1
    # turn the redirect and the secure cookies off.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health pages over plain HTTP on the host itself.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^livez/$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True

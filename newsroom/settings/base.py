"""Settings shared by every environment; values that differ come from the environment.

Environment variables:
    DATABASE_URL   database (default: SQLite file ``db.sqlite3`` in the project folder)
    SECRET_KEY     required when DEBUG is off; development generates one per checkout
    DEBUG          "1"/"true" to turn on debugging
    ALLOWED_HOSTS  comma-separated host names
    REDIS_URL      optional; when set, Django's cache uses Redis
    TIME_ZONE      the newsroom's time zone (default UTC), e.g. Europe/Vilnius
"""

import os
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "simple_history",
    "entities",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages for readers without a session leave here, with the headers above.
    "articles.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the health check of a connection used in the last second skipped.
    DATABASES["default"]["ENGINE"] = "newsroom.db.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; the timeout makes concurrent
    # importers wait for the lock instead of failing with "database is locked". Connections
    # persist like PostgreSQL's: a new SQLite connection re-reads the schema and starts with a
    # cold page cache, which cost a story page more than all of its queries.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The newsroom's own zone: dates are stored in UTC and shown, and day boundaries drawn, in this one.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"TIME_ZONE={TIME_ZONE!r} is not a time zone name such as Europe/Vilnius"
    ) from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "TIMEOUT": 600,
        }
    }
else:
    # Without Redis the cache still has to be shared by every process (gunicorn workers, the
    # task worker, commands): publishing in one must invalidate pages cached by the others.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsroom_cache",
            "TIMEOUT": 600,
        }
    }

# Long jobs (bulk imports, archive relinks) run as tasks. The database backend
# needs no extra service; `manage.py db_worker` runs them (started by `make run`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Security headers on every response. Inline scripts (JSON-LD) carry a nonce.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: its WWW-Authenticate header makes anonymous writes 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "newsroom.api_support.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "600/hour"),
        "user": os.environ.get("API_THROTTLE_USER", "5000/hour"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": "Stories, entities and their links.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc are served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "articles.models.Article.Status",
        "EntityKindEnum": "entities.models.Entity.Kind",
        "AliasKindEnum": "entities.models.Alias.Kind",
        "MentionStatusEnum": "entities.models.Mention.Status",
        "MembershipStatusEnum": "entities.models.Membership.Status",
    },
}

# --- Newsroom settings -------------------------------------------------------
# Largest file the importer accepts, in bytes.
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", 5 * 1024 * 1024))
# Text pasted into the admin's import form may be as large as a file (Django's 2.5 MB default
# refused a 3 MB paste with a bare "Bad Request" and lost it); the form then applies the limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = NEWSROOM_IMPORT_MAX_BYTES + 1024 * 1024
# Zip archives: most members and most uncompressed bytes accepted (zip-bomb guard).
NEWSROOM_ZIP_MAX_MEMBERS = int(os.environ.get("NEWSROOM_ZIP_MAX_MEMBERS", 10_000))
NEWSROOM_ZIP_MAX_BYTES = int(os.environ.get("NEWSROOM_ZIP_MAX_BYTES", 500 * 1024 * 1024))
# Worker processes that extract files while the importing process writes (0: extract in-process).
# Each one costs a core and about 50-90 MB; the default uses a second core when there is one.
NEWSROOM_IMPORT_WORKERS = int(
    os.environ.get("NEWSROOM_IMPORT_WORKERS", 1 if (os.cpu_count() or 1) > 1 else 0)
)
# Admin uploads with more files than this run as a background task.
NEWSROOM_IMPORT_TASK_THRESHOLD = int(os.environ.get("NEWSROOM_IMPORT_TASK_THRESHOLD", 5))
# Hours an admin import preview waits for confirm/cancel before its upload is deleted.
NEWSROOM_IMPORT_PREVIEW_HOURS = int(os.environ.get("NEWSROOM_IMPORT_PREVIEW_HOURS", 24))
# A background import that saved no progress for this long has lost its worker (killed, out of
# memory): its progress page says so instead of waiting for ever. Progress is saved every batch.
NEWSROOM_IMPORT_STALL_MINUTES = int(os.environ.get("NEWSROOM_IMPORT_STALL_MINUTES", 30))
# Linker suggestions at or above this confidence are confirmed automatically.
NEWSROOM_AUTO_CONFIRM_THRESHOLD = float(os.environ.get("NEWSROOM_AUTO_CONFIRM_THRESHOLD", 0.85))
# Seconds public pages stay cached for anonymous readers (invalidated on publish/edit).
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", 300))
# Seconds expensive page parts stay cached (counts, co-occurrence, charts, a story's related
# stories and context), invalidated the same way; they serve staff and cold pages too.
NEWSROOM_FRAGMENT_CACHE_SECONDS = int(os.environ.get("NEWSROOM_FRAGMENT_CACHE_SECONDS", 300))
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The extraction libraries warn about every odd link or date in a page: noise during imports.
    "loggers": {"trafilatura": {"level": "ERROR"}, "htmldate": {"level": "ERROR"}},
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")


# Search results are ranked by relevance up to this many matches; broader searches list the newest.
NEWSROOM_SEARCH_RANK_LIMIT = int(os.environ.get("NEWSROOM_SEARCH_RANK_LIMIT", 1000))

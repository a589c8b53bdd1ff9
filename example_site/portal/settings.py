"""Settings of the example portal: a provincial Department of Justice news site."""

import os
from pathlib import Path

import dj_database_url

from thidua_wagtail.wagtail_vi import LOCALE_PATH as WAGTAIL_VI_LOCALE_PATH

BASE_DIR = Path(__file__).resolve().parent.parent

# A demo site: DEBUG and a development key unless the environment says otherwise.
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-portal-development-key-not-for-production")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "news",
    "thidua_wagtail",
    # Optional: Vietnamese for Wagtail's own admin strings that Wagtail's catalogue lacks (before Wagtail's apps).
    "thidua_wagtail.wagtail_vi",
    "wagtail_localize",
    "wagtail_localize.locales",
    # The database backend of Django's tasks (the package's large imports run there, with `manage.py db_worker`).
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    # The CDN or Varnish in front of a production portal is purged through it (WAGTAILFRONTENDCACHE below).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before anything that renders: the language from the URL prefix, and the
    # default language for addresses without one.
    "portal.middleware.DefaultLanguageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors and the visitors at once on the embedded database: readers never wait for a writer
    # (WAL), a writer waits its turn for up to 20 s instead of failing with "database is locked", and a
    # transaction takes the write lock when it starts, so two of them never deadlock on an upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django disables psycopg's prepared statements, for poolers that cannot keep them (PgBouncer in transaction
    # mode before 1.21). This portal's connections are its own: the queries thidua-wagtail compiles are prepared
    # on their first run on a connection, and PostgreSQL no longer plans them on every request (docs/deployment.md).
    # PG_PREPARE_THRESHOLD=none turns this off.
    threshold = os.environ.get("PG_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"] = {
        "prepare_threshold": None if threshold.lower() == "none" else int(threshold),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: the portal's readers and editors work in Vietnamese. Until the
# portal has English content, visitors get the Vietnamese interface whatever their
# browser asks for, so Vietnamese text is never announced as English.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Vietnamese first, English second: both the interface and the content, edited with wagtail-localize.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
# The portal's own catalogue, then the JavaScript strings of Wagtail's admin in Vietnamese (Django reads an
# app's JavaScript catalogue only from LOCALE_PATHS).
LOCALE_PATHS = [BASE_DIR / "locale", WAGTAIL_VI_LOCALE_PATH]
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

WAGTAIL_SITE_NAME = "Sở Tư pháp tỉnh Đồng Tháp"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Editors write dates the Vietnamese way in the admin's date fields.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# A decision edited in the admin posts about ten fields per honour; Django's default of
# 1,000 fields would refuse decisions of more than about 90 honours.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "txt"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Django's tasks (the django-tasks backport on Django 5.2): Wagtail's own small tasks run at once; the package's
# large imports are queued in the database for a worker (`manage.py db_worker --backend thidua`, which `make demo`
# starts), so that no web process is held by them and any server may run them.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "thidua": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
THIDUA_TASKS_BACKEND = "thidua"

# thidua-wagtail (see docs/settings.md for all THIDUA_* settings)
THIDUA_BASE_TEMPLATE = "base.html"
THIDUA_TIME_ZONE = "Asia/Ho_Chi_Minh"
# The package caches its pages' content and the honour roll's filter lists, until any of it
# changes. runserver is one process, so its local-memory cache will do (a management command run
# beside it is another process: what it changes shows within THIDUA_CACHE_TIMEOUT); a production
# portal of several processes points THIDUA_CACHE at a shared cache (Redis, Memcached, database).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    # Several processes (gunicorn workers, servers): one cache they all see, so that a change made through one
    # is never served stale by another (docs/deployment.md).
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
THIDUA_CACHE = "default"
# The front-end cache in front of the portal, purged of every URL whose content changed. In production: the
# CDN's or Varnish's backend (Wagtail's docs, "Frontend cache invalidator"); here, when THIDUA_PURGE_LOG names
# a file, the package's recording backend writes there what it would purge (staging, tests of several servers).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("THIDUA_PURGE_LOG"):
    WAGTAILFRONTENDCACHE["log"] = {
        "BACKEND": "thidua_wagtail.purge.RecordingBackend",
        "LOCATION": os.environ["THIDUA_PURGE_LOG"],
    }
# The home pages show the package's panels, which no reference index records.
THIDUA_PURGE_PATHS = ["/vi/", "/en/"]

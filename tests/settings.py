"""Settings of the test suite: the example portal's, with a database chosen by DATABASE_URL.

Unset, the suite runs on SQLite; ``DATABASE_URL=postgres://…`` runs it on PostgreSQL.
"""

import atexit
import os
import shutil
import tempfile

import dj_database_url

from portal.settings import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite:///:memory:"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # As the portal runs PostgreSQL: every query the package compiles runs prepared, bound by the server, from its
    # first run, throughout the suite (thidua_wagtail.compiled).
    DATABASES["default"]["OPTIONS"] = {"prepare_threshold": 5}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="thidua-test-media-")
# Each process of the suite (and each benchmark) makes its own; none is left behind in /tmp.
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
DEBUG = False
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

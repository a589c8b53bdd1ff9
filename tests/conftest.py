import os

import pytest
from django.utils import translation

# The tests of a site with its own base page (WAGTAIL_PAGE_MODEL) need settings of their own:
# `make test` runs them after the main suite, which leaves them out.
collect_ignore = []
if os.environ.get("DJANGO_SETTINGS_MODULE") != "tests.settings_custom_page":
    collect_ignore.append("custom_base")
# The browser suite needs Chromium and axe-core: `make test-browser` installs them and runs it.
if not os.environ.get("THIDUA_BROWSER_TESTS"):
    collect_ignore.append("browser")


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    # Each test starts in the portal's default language, whatever an earlier test activated.
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    # The suite runs with the package's cache on, as a portal would: each test starts it empty.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    # A test's locales are rolled back with it, without the signal that makes the process forget their keys.
    from thidua_wagtail.locales import forget_locale_ids

    forget_locale_ids()
    yield


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''}".rstrip()


@pytest.fixture
def editor(client, django_user_model):
    """A test client logged in as an administrator (whose admin speaks Vietnamese, the portal's language)."""
    client.force_login(django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "x"))
    return client

"""Settings of a host that swaps Wagtail's page model for its own base page (WAGTAIL_PAGE_MODEL)."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

# The host's app first: the package builds its pages on the site's base page.
INSTALLED_APPS = ["tests.custom_base", *[app for app in INSTALLED_APPS if app != "news"]]
WAGTAIL_PAGE_MODEL = "custom_base.BasePage"
ROOT_URLCONF = "tests.urls_custom_page"
MIGRATION_MODULES = {"custom_base": "tests.custom_base.migrations"}
# The host's own base template, which its pages (and the package's) extend.
THIDUA_BASE_TEMPLATE = "custom_base/base.html"

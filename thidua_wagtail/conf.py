"""Settings of thidua-wagtail, each with the ``THIDUA_`` prefix and a default here.

Read a setting as ``thidua_settings.BASE_TEMPLATE``; it is looked up on the
Django settings at access time, so ``override_settings`` works in tests.
"""

from django.conf import settings

__all__ = ["DEFAULTS", "thidua_settings"]

#: Every setting of the package, with its default. Documented in docs/settings.md.
DEFAULTS = {
    # Template that the package's page templates extend; the host portal's own
    # base template, which must define the blocks ``title`` and ``content``.
    "BASE_TEMPLATE": "base.html",
    # Time zone that decides what "today" is for phase status and countdowns.
    "TIME_ZONE": "Asia/Ho_Chi_Minh",
    # How many days ahead a phase counts as "ending soon" on the hub page.
    "ENDING_SOON_DAYS": 30,
}


class _Settings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown thidua-wagtail setting: THIDUA_{name}")
        return getattr(settings, f"THIDUA_{name}", DEFAULTS[name])


thidua_settings = _Settings()

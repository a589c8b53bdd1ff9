"""What the package's pages show that the layers above the models compute: the cache of their content, the honour
totals, the news that link to them, the honour roll's filters and exports.

The models call these through ``services`` and import none of those layers: :func:`thidua_wagtail.services.connect`
provides them when the app is ready (``ThiduaWagtailConfig.ready()``), so every import points down (presentation →
services → models → domain).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

__all__ = ["services"]


class _Services:
    """Named callables, provided once by the layers above; reading one that was not provided is a configuration
    error (the app was not made ready), never a silent default."""

    def __init__(self):
        self._provided = {}

    def provide(self, **callables):
        self._provided.update(callables)

    def __getattr__(self, name):
        try:
            return self.__dict__["_provided"][name]
        except KeyError:
            raise ImproperlyConfigured(
                f"thidua-wagtail's service {name!r} is not connected: is 'thidua_wagtail' in INSTALLED_APPS, and "
                "are the apps ready?"
            ) from None


services = _Services()

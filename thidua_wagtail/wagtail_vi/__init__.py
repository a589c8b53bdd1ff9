"""Vietnamese for Wagtail's and wagtail-localize's admin strings that their own catalogues leave untranslated.

Optional: a site adds ``"thidua_wagtail.wagtail_vi"`` to ``INSTALLED_APPS`` before Wagtail's apps
for the admin's server-rendered strings, and :data:`LOCALE_PATH` to ``LOCALE_PATHS`` for the
strings of the admin's JavaScript (autosave notices, the sidebar). See docs/translation.md.
"""

from pathlib import Path

__all__ = ["LOCALE_PATH"]

#: The catalogue's folder, for ``LOCALE_PATHS`` (Django reads the admin's JavaScript strings only from there).
LOCALE_PATH = str(Path(__file__).resolve().parent / "locale")

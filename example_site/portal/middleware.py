"""The example portal's language middleware."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation


class DefaultLanguageLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that an address without a language prefix (an old link, a
    bookmark, the bare domain) leads to the default language rather than to the browser's.

    Pages have other slugs in English, so sending an English-speaking browser from
    /thi-dua-khen-thuong/… to /en/thi-dua-khen-thuong/… would end on a 404; the language
    switcher takes readers to the English page.
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info) is None:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # A 404 from a view outside i18n_patterns (the package's API, documents) is that view's answer. Django would
        # redirect it to /vi/…, which Wagtail's catch-all page route under i18n_patterns always matches.
        if response.status_code == 404 and is_valid_path(request.path_info, getattr(request, "urlconf", None)):
            return response
        return super().process_response(request, response)

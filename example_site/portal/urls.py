from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from thidua_wagtail.api import api_router

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every live, public page in every language, with the honour roll's decisions (wagtail.contrib.sitemaps).
    path("sitemap.xml", sitemap),
    # The package's read-only JSON API (docs/api.md); its language is a parameter (?locale=en), not a prefix.
    path("api/thidua/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page has its language in the address: /vi/… and /en/….
urlpatterns += i18n_patterns(path("", include(wagtail_urls)))

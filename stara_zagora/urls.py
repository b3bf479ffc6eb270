"""Root URLs: the admin, and the public section under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path

from international.ops.health import healthz
from international.public import views
from international.public.caching import public_response
from international.public.documents import document_file
from international.publishing.sitemaps import SITEMAPS, sitemap_index

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    # The sitemap index, and the sitemaps it names: one per section, paged by ?p=.
    path(
        "sitemap.xml",
        public_response(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        public_response(sitemap_view, page_parameter="p"),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # A programme's or project's document (public/documents.py), in any language's page.
    path("documents/<int:pk>/", document_file, name="document"),
    path("robots.txt", public_response(views.robots_txt), name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("", include("international.public.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded images on a single machine without a separate web server; a
    # deployment with object storage or a proxy turns this off.
    urlpatterns += [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media_file),
    ]

handler403 = "international.public.errors.permission_denied"
handler404 = "international.public.errors.page_not_found"
handler500 = "international.public.errors.server_error"

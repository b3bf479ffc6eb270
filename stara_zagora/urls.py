"""Root URLs: the admin, and the public section under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from international import views
from international.health import healthz

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("international.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded images on a single machine without a separate web server; a
    # deployment with object storage or a proxy turns this off.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

handler404 = "international.views.page_not_found"
handler500 = "international.views.server_error"

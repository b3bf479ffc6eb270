"""The site's URLs plus /bench/minimal, the smallest Django view, as the yardstick."""

from django.http import HttpResponse
from django.urls import path

from stara_zagora.urls import handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *site_urlpatterns]

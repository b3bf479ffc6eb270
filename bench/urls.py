"""The site's URLs plus /bench/minimal, the smallest Django view, as the yardstick."""

from django.http import HttpResponse
from django.urls import path

from stara_zagora.urls import handler404, handler500  # noqa: F401
from stara_zagora.urls import urlpatterns as site_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *site_urlpatterns]

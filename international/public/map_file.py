"""The map of the twin cities as its own SVG file (drawn by publishing/map_image.py)."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control

from ..kinds import KINDS_BY_MODEL
from ..models import TwinCity
from ..publishing.map_image import POLICY, SCOPES, YEAR, map_image
from ..publishing.world_map import city_map
from .decorators import read_only
from .views import first_records


def map_cities(scope):
    """Return the twin cities the map of *scope* shows: the section's first ones, or all."""
    if scope == "section":
        return first_records(KINDS_BY_MODEL[TwinCity].pages())[0]
    return list(TwinCity.objects.published())


@read_only
def map_file(request, name):
    """Send the map of the twin cities as its own SVG file, kept by browsers for a year.

    The address names the hash of the map's content: an address of a map since redrawn
    leads to the current one, which is never kept under the old address.
    """
    scope, _dash, digest = name.rpartition("-")
    if scope not in SCOPES:
        raise Http404
    drawn = city_map(map_cities(scope))
    if drawn is None:
        raise Http404
    image = map_image(drawn, scope)
    if digest != image.digest:
        response = HttpResponseRedirect(image.url)
        patch_cache_control(response, no_cache=True)
        return response
    response = HttpResponse(image.svg, content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    response["Content-Security-Policy"] = POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response

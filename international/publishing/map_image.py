"""The map of the twin cities as its own SVG file, drawn once for what it shows, per language.

The page shows it with ``<img>`` and, beside it, the numbered list that says everything
the map does (and links each city): an image with a text alternative next to its
accessible equivalent. An ``<object>`` would keep links inside the map, but as a
separate document that takes the keyboard's focus in and out of a frame; the map had
no links of its own, so nothing is lost.

The file's address names the hash of its content, so browsers may keep it for a year
and never ask again; another content version that draws the same map keeps the same
address. The file carries its own colours (light and dark) and a policy that lets it
run nothing and load nothing: only its one style sheet, by hash.
"""

import base64
import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

TEMPLATE = "international/twin_city_map.svg"
#: What the file may name: the section's first twin cities, or all of them (the map page).
SCOPES = ("section", "all")
YEAR = 365 * 24 * 60 * 60

#: The map's colours, the file's own (page styles do not reach inside an <img>). Contrast:
#: markers 5:1 on land and 3.7:1 on partner countries (graphics need 3:1); numbers are
#: text on a halo of the page background (16:1 light, 15:1 dark); dark markers 4.2:1 on
#: land, 3.0:1 on partner countries; the home star 5:1 on its country.
STYLE = (
    ".city-map__sea{fill:#eaf1f9}"
    ".city-map__country{fill:#d5dde6;stroke:#fff;stroke-width:.75px;stroke-linejoin:round;"
    "vector-effect:non-scaling-stroke}"
    ".city-map__country--partner{fill:#9cc0e6}.city-map__country--home{fill:#f3d98b}"
    ".city-map__marker circle,.city-map__home path{stroke:#fff;stroke-width:1.5px;"
    "vector-effect:non-scaling-stroke}"
    ".city-map__marker circle{fill:#b3261e}.city-map__home path{fill:#0b4a8b}"
    ".city-map__marker text{fill:#1b1f24;stroke:#fff;stroke-linejoin:round;paint-order:stroke;"
    'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",'
    '"Liberation Sans",sans-serif;font-weight:700}'
    "@media (prefers-color-scheme:dark){"
    ".city-map__sea{fill:#17263a}.city-map__country{fill:#3a4656;stroke:#121519}"
    ".city-map__country--partner{fill:#2f5d8a}.city-map__country--home{fill:#6b5a1f}"
    ".city-map__marker circle,.city-map__home path{stroke:#121519}"
    ".city-map__marker circle{fill:#ff8a80}.city-map__home path{fill:#ffd54f}"
    ".city-map__marker text{fill:#e6e9ed;stroke:#121519}}"
    "@media (forced-colors:active){"
    ".city-map__sea,.city-map__country{fill:Canvas}.city-map__country{stroke:CanvasText}"
    ".city-map__country--partner,.city-map__country--home{fill:GrayText}"
    ".city-map__marker circle,.city-map__home path{fill:Highlight;stroke:CanvasText}"
    ".city-map__marker text{fill:CanvasText;stroke:Canvas}}"
)
_DIGEST = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
STYLE_HASH = f"'sha256-{_DIGEST}'"
#: No script, no fetch, no frame: the file's one style element, and nothing else.
POLICY = f"default-src 'none'; style-src {STYLE_HASH}; frame-ancestors 'none'"


@dataclass(frozen=True)
class MapImage:
    scope: str
    digest: str
    svg: bytes

    @property
    def url(self):
        return reverse("international:map_image", kwargs={"name": f"{self.scope}-{self.digest}"})


#: The maps drawn by this process, by everything they show: the same map is drawn once,
#: whichever content version or request asks for it, and no change can find an old one.
_drawn = {}
KEEP = 16


def fingerprint(city_map):
    """Return everything the file of *city_map* shows, in the current language."""
    return (
        get_language(),
        str(city_map.view),
        tuple(city_map.countries),
        str(city_map.home.label),
        city_map.home_path,
        city_map.radius,
        city_map.font_size,
        tuple(_marker(marker) for marker in city_map.markers),
    )


def _marker(marker):
    place = (marker.x, marker.y, marker.label_x, marker.label_y, marker.anchor)
    return (marker.number, str(marker.label), str(marker.city.country.name), *place)


def map_image(city_map, scope):
    """Return the SVG file of *city_map* in the current language, drawn once per process."""
    key = fingerprint(city_map)
    drawn = _drawn.get(key)
    if drawn is None:
        svg = render_to_string(TEMPLATE, {"city_map": city_map, "style": STYLE}).encode()
        drawn = (hashlib.sha256(svg).hexdigest()[:20], svg)
        while len(_drawn) >= KEEP:
            _drawn.pop(next(iter(_drawn)), None)
        _drawn[key] = drawn
    return MapImage(scope, *drawn)


def with_image(city_map, scope):
    """Return *city_map* (or None) with the address of its file as ``image_url``."""
    if city_map is not None:
        city_map.image_url = map_image(city_map, scope).url
    return city_map

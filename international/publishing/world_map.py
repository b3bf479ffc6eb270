"""The map of the twin cities: an SVG drawn on the server, with no tiles and no JavaScript.

Country outlines are Natural Earth's 1:110m countries (public domain), shipped in
data/world.json (see data/make_world.py). Places are drawn in the Robinson projection
on a view cropped to the cities on the map. Each city is a numbered marker; the list
beside the map carries the same numbers and every fact, so the map adds nothing a
screen reader user misses. Cities without coordinates are listed, not drawn.
"""

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

WORLD_FILE = Path(__file__).with_name("data") / "world.json"

#: The municipality itself, drawn as the "home" marker (city centre, 2 decimal places).
HOME_NAME = _("Stara Zagora")
HOME_COUNTRY = "BG"
HOME_LATITUDE = Decimal("42.43")
HOME_LONGITUDE = Decimal("25.64")

# Robinson's table: for every 5° of latitude, the length of the parallel (X) and its
# distance from the equator (Y), both relative.
_ROBINSON = [
    (1.0000, 0.0000), (0.9986, 0.0620), (0.9954, 0.1240), (0.9900, 0.1860),
    (0.9822, 0.2480), (0.9730, 0.3100), (0.9600, 0.3720), (0.9427, 0.4340),
    (0.9216, 0.4958), (0.8962, 0.5571), (0.8679, 0.6176), (0.8350, 0.6769),
    (0.7986, 0.7346), (0.7597, 0.7903), (0.7186, 0.8435), (0.6732, 0.8936),
    (0.6213, 0.9394), (0.5722, 0.9761), (0.5322, 1.0000),
]  # fmt: skip
#: Scale: the world is 2000 units wide along the equator.
_RADIUS = 1000 / (0.8487 * math.pi)
WORLD_HALF_WIDTH = 1000.0
WORLD_HALF_HEIGHT = 1.3523 * _RADIUS

# The view: at least this large (units), padded around the places, never narrower
# than MIN_ASPECT nor wider than MAX_ASPECT (width / height).
MIN_WIDTH, MIN_HEIGHT = 520.0, 300.0
MIN_ASPECT, MAX_ASPECT = 1.4, 2.2
PADDING = 0.1


def project(longitude, latitude):
    """Return the Robinson projection of a place as SVG coordinates (y grows southward)."""
    longitude, latitude = float(longitude), float(latitude)
    position = min(abs(latitude), 90.0) / 5
    index = min(int(position), len(_ROBINSON) - 2)
    fraction = position - index
    (x0, y0), (x1, y1) = _ROBINSON[index], _ROBINSON[index + 1]
    parallel = x0 + (x1 - x0) * fraction
    distance = y0 + (y1 - y0) * fraction
    x = 0.8487 * _RADIUS * parallel * math.radians(longitude)
    y = 1.3523 * _RADIUS * distance * (1 if latitude >= 0 else -1)
    return x, -y


@cache
def world():
    """Return every country as (ISO code, [rings of projected points], bounding box)."""
    data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    countries = []
    for country in data["countries"]:
        rings = []
        for flat in country["rings"]:
            rings.append([project(flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2)])
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        countries.append((country["country"], rings, (min(xs), min(ys), max(xs), max(ys))))
    return countries


@dataclass(frozen=True)
class ViewBox:
    x: float
    y: float
    width: float
    height: float

    def __str__(self):
        return f"{self.x:.0f} {self.y:.0f} {self.width:.0f} {self.height:.0f}"

    def overlaps(self, box):
        left, top, right, bottom = box
        return not (
            right < self.x
            or left > self.x + self.width
            or bottom < self.y
            or top > self.y + self.height
        )


def fit_view(points):
    """Return a view around *points*, padded, within the world and of a readable shape."""
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    width = max(max(xs) - min(xs), MIN_WIDTH)
    height = max(max(ys) - min(ys), MIN_HEIGHT)
    width, height = width * (1 + 2 * PADDING), height * (1 + 2 * PADDING)
    height = max(height, width / MAX_ASPECT)
    width = max(width, height * MIN_ASPECT)
    width, height = min(width, 2 * WORLD_HALF_WIDTH), min(height, 2 * WORLD_HALF_HEIGHT)
    centre_x = (max(xs) + min(xs)) / 2
    centre_y = (max(ys) + min(ys)) / 2
    x = min(max(centre_x - width / 2, -WORLD_HALF_WIDTH), WORLD_HALF_WIDTH - width)
    y = min(max(centre_y - height / 2, -WORLD_HALF_HEIGHT), WORLD_HALF_HEIGHT - height)
    return ViewBox(round(x), round(y), round(width), round(height))


def ring_path(ring):
    """Return a ring as compact SVG path data in whole units, relative moves after the first."""
    points = []
    for x, y in ring:
        point = (round(x), round(y))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    (start_x, start_y), parts = points[0], []
    previous = points[0]
    for point in points[1:]:
        parts.append(f"{point[0] - previous[0]} {point[1] - previous[1]}")
        previous = point
    return f"M{start_x} {start_y}l" + " ".join(parts) + "z"


@lru_cache(maxsize=16)
def country_paths(view):
    """Return (ISO code, path data) of every country inside *view*."""
    paths = []
    for code, rings, box in world():
        if not view.overlaps(box):
            continue
        data = "".join(ring_path(ring) for ring in rings)
        if data:
            paths.append((code, data))
    return tuple(paths)


@dataclass
class Marker:
    number: int
    label: str
    x: float
    y: float
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    city: object = None


@dataclass
class CityMap:
    view: ViewBox
    countries: list  # [(css class, path data)]
    markers: list  # [Marker]
    home: Marker
    radius: float
    font_size: float
    unmapped: list = field(default_factory=list)  # cities without coordinates
    image_url: str = ""  # the map as its own file (publishing/map_image.py)

    @property
    def home_path(self):
        return star_path(self.home.x, self.home.y, self.radius * 1.6)

    @property
    def label_halo(self):
        return round(self.font_size / 4, 1)


def rounded(point):
    """Return a point to one decimal place: finer than any screen shows."""
    return round(point[0], 1), round(point[1], 1)


def has_coordinates(city):
    return city.latitude is not None and city.longitude is not None


def place_labels(markers, home, radius, font_size):
    """Put each marker's number beside it where it covers no marker and no other number."""
    obstacles = [(m.x - radius, m.y - radius, m.x + radius, m.y + radius) for m in [*markers, home]]
    gap = radius * 0.6
    for marker in markers:
        width = font_size * 0.6 * len(str(marker.number))
        height = font_size * 0.8
        candidates = [
            (radius + gap, height / 2, "start"),  # right
            (-(radius + gap), height / 2, "end"),  # left
            (0, -(radius + gap), "middle"),  # above
            (0, radius + gap + height, "middle"),  # below
            (radius, -radius, "start"),  # upper right
            (radius, radius + height, "start"),  # lower right
            (-radius, -radius, "end"),  # upper left
            (-radius, radius + height, "end"),  # lower left
        ]
        chosen = None
        for dx, dy, anchor in candidates:
            left = {"start": 0, "middle": -width / 2, "end": -width}[anchor]
            box = (
                marker.x + dx + left,
                marker.y + dy - height,
                marker.x + dx + left + width,
                marker.y + dy,
            )
            if not any(_boxes_overlap(box, other) for other in obstacles):
                chosen = (dx, dy, anchor, box)
                break
        if chosen is None:  # Crowded: the first choice, the list beside tells all.
            dx, dy, anchor = candidates[0]
            chosen = (dx, dy, anchor, None)
        dx, dy, anchor, box = chosen
        marker.label_x, marker.label_y = rounded((marker.x + dx, marker.y + dy))
        marker.anchor = anchor
        if box:
            obstacles.append(box)


def _boxes_overlap(a, b):
    return not (a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3])


def city_map(cities):
    """Return the map of *cities* (already fetched, in display order), or None if none has a place.

    Cities without coordinates are kept in ``unmapped`` for the list beside the map.
    """
    mapped = [city for city in cities if has_coordinates(city)]
    if not mapped:
        return None
    home = Marker(0, str(HOME_NAME), *rounded(project(HOME_LONGITUDE, HOME_LATITUDE)))
    markers = [
        Marker(number, city.name, *rounded(project(city.longitude, city.latitude)), city=city)
        for number, city in enumerate(mapped, start=1)
    ]
    view = fit_view([(m.x, m.y) for m in [home, *markers]])
    radius = round(view.width / 120, 1)
    font_size = round(view.width / 40, 1)
    place_labels(markers, home, radius, font_size)
    partner_countries = {str(city.country.code) for city in mapped}
    countries = []
    for code, data in country_paths(view):
        css_class = "city-map__country"
        if code == HOME_COUNTRY:
            css_class += " city-map__country--home"
        elif code in partner_countries:
            css_class += " city-map__country--partner"
        countries.append((css_class, data))
    return CityMap(
        view=view,
        countries=countries,
        markers=markers,
        home=home,
        radius=radius,
        font_size=font_size,
        unmapped=[city for city in cities if not has_coordinates(city)],
    )


def star_path(x, y, radius):
    """Return the path data of a five-pointed star centred on (x, y): the home marker."""
    points = []
    for index in range(10):
        length = radius if index % 2 == 0 else radius * 0.45
        angle = math.pi / 5 * index - math.pi / 2
        points.append(f"{x + length * math.cos(angle):.1f} {y + length * math.sin(angle):.1f}")
    return "M" + "L".join(points) + "Z"

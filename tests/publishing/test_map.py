"""The map of the twin cities: drawn on the server, readable without it, in both languages."""

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from international.models import TwinCity
from international.publishing import world_map as maps
from tests.factories import SectionPageFactory, SiteContactFactory, TwinCityFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

LANGUAGES = ("bg", "en")
SVG = "{http://www.w3.org/2000/svg}"
SEED_CITIES = {
    "bg": ["Лариса", "Крушевац", "Радом", "Самара", "Барейро", "Юеян", "Дърам", "Даунпатрик"],
    "en": [
        "Larissa",
        "Kruševac",
        "Radom",
        "Samara",
        "Barreiro",
        "Yueyang",
        "Durham",
        "Downpatrick",
    ],
}


def url(name, language):
    with translation.override(language):
        return reverse(name)


def map_file(client, response):
    """Return the response of the map file the page shows with <img>."""
    image = parse(response).find("img", class_="city-map__svg")
    assert image is not None, "the page has no map"
    return client.get(image.attrs["src"])


def svg_of(client, response):
    """Return the page's map as an XML tree, parsed as an SVG viewer would."""
    return ET.fromstring(map_file(client, response).content)  # noqa: S314 - the site's own output


def view_box(svg):
    x, y, width, height = (float(n) for n in svg.get("viewBox").split())
    return x, y, width, height


def markers(svg):
    """Return [(title, cx, cy, number)] of the city markers."""
    found = []
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") != "city-map__marker":
            continue
        circle = group.find(f"{SVG}circle")
        found.append(
            (
                group.find(f"{SVG}title").text,
                float(circle.get("cx")),
                float(circle.get("cy")),
                group.find(f"{SVG}text").text,
            )
        )
    return found


# The projection and the data ------------------------------------------------------------------


def test_the_projection_puts_north_up_and_east_right():
    assert maps.project(0, 0) == (0.0, 0.0)
    north_x, north_y = maps.project(0, 50)
    east_x, east_y = maps.project(30, 0)
    assert north_y < 0 and north_x == 0
    assert east_x > 0 and east_y == 0
    # Robinson: parallels shorten towards the poles.
    assert maps.project(30, 60)[0] < maps.project(30, 0)[0]
    assert maps.project(-180, 0)[0] == pytest.approx(-maps.WORLD_HALF_WIDTH)


def test_the_shipped_world_outlines_are_small_public_domain_data():
    assert maps.WORLD_FILE.stat().st_size < 150 * 1024
    data = json.loads(maps.WORLD_FILE.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"]
    assert "Public domain" in data["licence"]
    codes = {country["country"] for country in data["countries"]}
    assert {"BG", "GR", "RS", "PL", "RU", "PT", "CN", "US", "GB", "FR"} <= codes


def test_a_view_fits_every_place_with_room_around_it():
    points = [maps.project(25.64, 42.43), maps.project(-78.9, 35.99), maps.project(113.13, 29.36)]
    view = maps.fit_view(points)
    for x, y in points:
        assert view.x < x < view.x + view.width
        assert view.y < y < view.y + view.height
    assert maps.MIN_ASPECT <= view.width / view.height <= maps.MAX_ASPECT + 0.01


def test_no_map_is_drawn_when_no_city_has_coordinates(db):
    city = TwinCityFactory()
    assert maps.city_map([city]) is None


# The section page ----------------------------------------------------------------------------


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_shows_the_twin_cities_on_a_labelled_map(client, language):
    response = client.get(url("international:section", language))
    root = parse(response)
    part = root.find("section", id="twin-cities")
    heading = part.find("h3", id="twin-cities-map-heading")
    assert (
        heading.text
        == {"bg": "Побратимените градове на картата", "en": "Twin cities on the map"}[language]
    )
    title = {
        "bg": "Карта на побратимените и партньорските градове на Стара Загора",
        "en": "Map of the twin and partner cities of Stara Zagora",
    }[language]
    # On the page: an image whose text alternative names the map and says how to read it.
    image = part.find("img", class_="city-map__svg")
    assert image.attrs["alt"].startswith(f"{title}. 9 ")
    assert "★" not in image.attrs["alt"] and len(image.attrs["alt"]) > len(title) + 40
    # The wrapper that scrolls it sideways has a short name, not the image's text again.
    figure = image.parent
    assert figure.attrs["tabindex"] == "0" and "aria-labelledby" not in figure.attrs
    short_name = {
        "bg": "Карта на побратимените градове; на тесен екран се превърта настрани",
        "en": "Map of the twin cities, scrolls sideways on a narrow screen",
    }
    assert figure.attrs["aria-label"] == short_name[language]
    assert b"<svg" not in response.content
    # The file itself: an image with the same title and description, in the page's language.
    svg = svg_of(client, response)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "title desc"
    assert svg.find(f"{SVG}title").text == title
    assert svg.find(f"{SVG}desc").text.startswith("9 ")


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_seeded_city_is_a_numbered_marker_and_the_list_beside_says_the_same(client, language):
    response = client.get(url("international:map", language))
    svg = svg_of(client, response)
    drawn = markers(svg)
    cities = list(TwinCity.objects.published())
    assert len(drawn) == len(cities) == 9
    legend = parse(response).find("ol", class_="city-map__list")
    items = legend.find_all("li")
    x, y, width, height = view_box(svg)
    for (title, cx, cy, number), item, city in zip(drawn, items, cities, strict=True):
        with translation.override(language):
            name, country = city.name, str(city.country.name)
        assert title == f"{number}. {name}, {country}"
        assert item.attrs["value"] == number
        assert item.find("a").text == name
        assert country in item.text
        assert x < cx < x + width and y < cy < y + height
    names = [item.find("a").text for item in items]
    assert names[:8] == SEED_CITIES[language]


@pytest.mark.usefixtures("seed")
def test_stara_zagora_is_the_home_marker_and_its_country_is_marked(client):
    response = client.get(url("international:map", "bg"))
    svg = svg_of(client, response)
    home = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "city-map__home")
    assert home.find(f"{SVG}title").text == "Стара Загора"
    classes = [path.get("class") for path in svg.iter(f"{SVG}path")]
    assert "city-map__country city-map__country--home" in classes
    assert classes.count("city-map__country city-map__country--partner") >= 8
    assert "Стара Загора, седалището на общината" in parse(response).find("main").text


@pytest.mark.usefixtures("seed")
def test_the_numbers_on_the_seed_map_do_not_cover_each_other(client):
    city_map = maps.city_map(list(TwinCity.objects.published()))
    boxes = []
    for marker in city_map.markers:
        width = city_map.font_size * 0.6 * len(str(marker.number))
        left = {"start": 0, "middle": -width / 2, "end": -width}[marker.anchor]
        boxes.append(
            (
                marker.label_x + left,
                marker.label_y - city_map.font_size * 0.8,
                marker.label_x + left + width,
                marker.label_y,
            )
        )
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert maps._boxes_overlap(box, other) is False


@pytest.mark.usefixtures("seed")
def test_a_city_without_coordinates_is_listed_but_not_drawn(client):
    TwinCityFactory(name_bg="Град без място", name_en="City with no place", order=1000)
    response = client.get(url("international:map", "en"))
    titles = [title for title, *_rest in markers(svg_of(client, response))]
    assert not any("City with no place" in title for title in titles)
    unmapped = parse(response).find("ul", class_="city-map__unmapped")
    assert [a.text for a in unmapped.find_all("a")] == ["City with no place"]
    assert "City with no place" not in parse(response).find("ol", class_="city-map__list").text


def test_with_no_coordinates_at_all_the_map_page_lists_the_cities(client, db):
    SectionPageFactory()
    SiteContactFactory()
    TwinCityFactory(name_en="Lonely city")
    response = client.get(url("international:map", "en"))
    assert response.status_code == 200
    assert b"city-map__svg" not in response.content
    main = parse(response).find("main")
    assert "No twin city has a recorded location yet." in main.text
    assert "Lonely city" in main.text
    section = client.get(url("international:section", "en"))
    assert b"city-map__svg" not in section.content


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("name", ["international:section", "international:map"])
def test_the_map_file_can_run_nothing_and_load_nothing_from_elsewhere(client, name):
    page = client.get(url(name, "en"))
    response = map_file(client, page)
    svg = response.content.decode()
    assert "<script" not in svg
    assert " on" not in re.sub(r"<(title|desc)>.*?</\1>", "", svg)  # no event handler
    assert " style=" not in svg
    assert "foreignObject" not in svg
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    # Its own policy: no script, no fetch, only its one style sheet, by hash.
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy and "unsafe" not in policy
    [style] = re.findall(r"<style>(.*?)</style>", svg, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/svg+xml"
    html = page.content.decode()
    assert ' style="' not in html


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_file_is_kept_for_a_year_at_an_address_named_by_its_content(client, language):
    page = client.get(url("international:section", language))
    src = parse(page).find("img", class_="city-map__svg").attrs["src"]
    response = client.get(src)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=31536000", "immutable"}
    digest = re.search(r"-([0-9a-f]{20})\.svg$", src)[1]
    assert hashlib.sha256(response.content).hexdigest()[:20] == digest
    # Drawn in the page's language: the city names on the markers are the page's own.
    titles = [title for title, *_rest in markers(ET.fromstring(response.content))]  # noqa: S314
    assert titles[0].startswith(f"1. {SEED_CITIES[language][0]}, ")


@pytest.mark.usefixtures("seed")
def test_a_change_to_the_map_gives_it_a_new_address_and_the_old_one_leads_to_it(client):
    section = url("international:section", "en")
    before = parse(client.get(section)).find("img", class_="city-map__svg").attrs["src"]
    city = TwinCity.objects.published().first()
    city.name_en = "Renamed city"
    city.save()
    after = parse(client.get(section)).find("img", class_="city-map__svg").attrs["src"]
    assert after != before
    assert "1. Renamed city, " in client.get(after).content.decode()
    redirect = client.get(before)
    assert redirect.status_code == 302
    assert redirect["Location"] == after
    assert "immutable" not in redirect["Cache-Control"]
    assert (
        client.get(
            section.replace("/international-activity/", "/international-activity/map/")
            + "nowhere-0.svg"
        ).status_code
        == 404
    )


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_page_has_one_heading_and_its_own_address_in_each_language(client, language):
    response = client.get(url("international:map", language))
    assert response.status_code == 200
    assert response["Content-Language"] == language
    root = parse(response)
    [h1] = root.find("main").find_all("h1")
    assert (
        h1.text
        == {"bg": "Побратимените градове на картата", "en": "Twin cities on the map"}[language]
    )
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in root.find("head").find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }
    assert alternates == {
        "bg": "http://testserver/bg/mezhdunarodna-deynost/karta/",
        "en": "http://testserver/en/international-activity/map/",
        "x-default": "http://testserver/bg/mezhdunarodna-deynost/karta/",
    }


@pytest.mark.usefixtures("seed")
def test_numbers_in_the_map_are_never_written_with_a_decimal_comma(client):
    svg = svg_of(client, client.get(url("international:map", "bg")))
    for circle in svg.iter(f"{SVG}circle"):
        for attribute in ("cx", "cy", "r"):
            float(circle.get(attribute))
    assert "," not in svg.get("viewBox")


def count_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["international:section", "international:map"])
def test_the_map_adds_no_query_per_city(client, db, name):
    SectionPageFactory()
    SiteContactFactory()
    for number in range(3):
        TwinCityFactory(latitude=Decimal(40 + number), longitude=Decimal(20 + number))
    few = count_queries(client, url(name, "en"))
    for number in range(20):
        TwinCityFactory(latitude=Decimal(30 + number), longitude=Decimal(number * 5))
    many = count_queries(client, url(name, "en"))
    assert many == few


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_links_to_the_map_page(client, language):
    part = parse(client.get(url("international:section", language))).find(
        "section", id="twin-cities"
    )
    assert part.find("a", href=url("international:map", language)) is not None

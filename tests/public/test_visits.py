"""Visits and news: newest first on the section and its list, a gallery, both ways linked."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from international.models import Organization, TwinCity, Visit, VisitPhoto
from tests.factories import VisitFactory, VisitPhotoFactory
from tests.pages import parse

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"international:{name}", kwargs=kwargs or None)


def page_of(record, language):
    with translation.override(language):
        return record.get_absolute_url()


def graph(response):
    [block] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    return json.loads(block)["@graph"]


def test_the_section_shows_the_three_newest_and_links_to_all_of_them(client):
    for day in (3, 1, 4, 2):
        VisitFactory(date=datetime.date(2025, 6, day), title_en=f"Visit of June {day}")

    with translation.override("en"):
        response = client.get(url("section", "en"))
    block = parse(response).find("section", id="visits")

    titles = [heading.text for heading in block.find_all("h3")]
    assert titles == ["Visit of June 4", "Visit of June 3", "Visit of June 2"]
    more = block.find("p", class_="more-link").find("a")
    assert (more.text, more.attrs["href"]) == ("All visits and news", url("visit_list", "en"))


def test_the_list_page_has_every_visit_newest_first_a_page_at_a_time(client):
    Visit.objects.bulk_create(
        Visit(
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            title_bg=f"Новина {n}", title_en=f"News {n}", slug_bg=f"novina-{n}",
            slug_en=f"news-{n}", kind=Visit.Kind.NEWS,
        )
        for n in range(50)
    )  # fmt: skip

    first = parse(client.get(url("visit_list", "bg")))
    second = parse(client.get(url("visit_list", "bg") + "?page=2"))

    titles = [heading.text for heading in first.find("main").find_all("h2", class_="card__title")]
    assert titles[:2] == ["Новина 49", "Новина 48"] and len(titles) == 48
    assert first.find("nav", class_="pagination").find("a", rel="next").text == "Следваща страница"
    rest = [heading.text for heading in second.find("main").find_all("h2", class_="card__title")]
    assert rest == ["Новина 1", "Новина 0"]


def test_a_visit_page_shows_its_photos_as_links_to_the_large_photo(client):
    visit = VisitFactory(kind=Visit.Kind.VISIT, title_en="Delegation from Larissa")
    photo = VisitPhotoFactory(
        visit=visit, image_alt_en="The mayors at the town hall", caption_en="At the town hall"
    )
    picture = photo.picture()

    response = client.get(page_of(visit, "en"))
    gallery = parse(response).find("section", class_="gallery")

    [item] = gallery.find_all("figure")
    link = item.find("a")
    # A plain link to the widest rendition: it opens with no script at all.
    assert link.attrs["href"] == picture.large
    assert picture.large.endswith(f"/{photo.image_hash}/800.png")
    assert link.find("img").attrs["alt"] == "The mayors at the town hall"
    assert "(large photo)" in link.text
    assert item.find("figcaption").text == "At the town hall"
    assert parse(response).find_all("script", src=True) == []


def test_a_photo_must_say_what_it_shows_in_bulgarian():
    photo = VisitPhoto(visit=VisitFactory(), image="international/visits/x.png", image_alt_bg="")
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "image_alt_bg" in refused.value.message_dict


def test_a_twin_city_and_an_organisation_list_their_published_visits(client):
    city, organization = TwinCity.objects.first(), Organization.objects.first()
    VisitFactory(twin_city=city, organization=organization, title_bg="Делегация в Стара Загора")
    VisitFactory(twin_city=city, organization=organization, title_bg="Чернова", is_published=False)

    for record in (city, organization):
        main = parse(client.get(page_of(record, "bg"))).find("main")
        links = [link.text for link in main.find_all("a") if "/poseshteniya/" in link.attrs["href"]]
        assert links == ["Делегация в Стара Загора"], record
    visit = Visit.objects.get(title_bg="Делегация в Стара Загора")
    facts = parse(client.get(page_of(visit, "bg"))).find("dl", class_="facts")
    assert facts.find("a", href=page_of(city, "bg")).text == city.name_bg
    assert facts.find("a", href=page_of(organization, "bg")).text == organization.name_bg


def test_a_news_item_is_a_news_article_and_a_visit_an_event_about_its_twin_city(client):
    city = TwinCity.objects.first()
    news = VisitFactory(kind=Visit.Kind.NEWS, title_en="An award", date=datetime.date(2025, 3, 2))
    visit = VisitFactory(kind=Visit.Kind.VISIT, twin_city=city, date=datetime.date(2025, 4, 5))
    VisitPhotoFactory(visit=visit)

    [article] = [n for n in graph(client.get(page_of(news, "en"))) if n["@type"] == "NewsArticle"]
    assert (article["headline"], article["datePublished"]) == ("An award", "2025-03-02")
    assert "about" not in article

    [event] = [n for n in graph(client.get(page_of(visit, "en"))) if n["@type"] == "Event"]
    assert (event["startDate"], event["endDate"]) == ("2025-04-05", "2025-04-05")
    assert [place["name"] for place in event["about"]] == [city.name_en]
    assert len(event["image"]) == 1 and event["image"][0].startswith("http")


def test_the_open_data_lists_each_visits_photos_with_their_text_alternatives(client):
    visit = VisitFactory(twin_city=TwinCity.objects.first())
    VisitPhotoFactory(visit=visit, image_alt_bg="Кметовете", image_alt_en="The mayors")

    response = client.get(url("open_data_json", "en"))
    data = json.loads(b"".join(response.streaming_content))
    [row] = [row for row in data["visits"] if row["id"] == f"visit-{visit.pk}"]

    [photo] = row["photos"]
    assert (photo["alt_bg"], photo["alt_en"], photo["caption_bg"]) == (
        "Кметовете",
        "The mayors",
        None,
    )
    assert photo["url"].startswith("http") and photo["url"].endswith(".png")
    assert row["twin_city_id"] == f"twin-city-{visit.twin_city_id}"
    assert row["kind"] == "visit" and row["date"] == "2024-05-14"


def test_a_visits_link_preview_shows_its_first_photo(client):
    photo = VisitPhotoFactory(image_alt_en="The mayors")
    VisitPhotoFactory(visit=photo.visit)

    head = parse(client.get(page_of(photo.visit, "en"))).find("head")
    tags = {tag.attrs.get("property"): tag.attrs.get("content") for tag in head.find_all("meta")}

    assert tags["og:image"].endswith(photo.picture().large)
    assert tags["og:image:alt"] == "The mayors"

"""The public pages make the same few queries however many records there are."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from international.media import renditions as images
from international.media.validation import check_upload
from international.models import (
    Call,
    Event,
    Organization,
    Participation,
    Programme,
    TwinCity,
    Visit,
    VisitPhoto,
)
from tests.factories import SectionPageFactory, SiteContactFactory, TwinCityFactory, uploaded_image
from tests.pages import parse

pytestmark = pytest.mark.django_db

MOST_QUERIES = 15
SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}


def add_records(start, stop):
    """Create published records numbered start..stop-1 of every kind, in bulk.

    bulk_create skips save(), so the slugs are given here.
    """
    numbers = range(start, stop)
    organizations = Organization.objects.bulk_create(
        Organization(
            name_bg=f"Организация {n}", name_en=f"Organisation {n}",
            slug_bg=f"organizatsiya-{n}", slug_en=f"organisation-{n}", order=n,
        )
        for n in numbers
    )  # fmt: skip
    Event.objects.bulk_create(
        Event(
            name_bg=f"Събитие {n}", name_en=f"Event {n}", slug_bg=f"sabitie-{n}",
            slug_en=f"event-{n}", organization=organization, order=n,
        )
        for n, organization in zip(numbers, organizations, strict=True)
    )  # fmt: skip
    programmes = Programme.objects.bulk_create(
        Programme(
            name_bg=f"Програма {n}", name_en=f"Programme {n}", slug_bg=f"programa-{n}",
            slug_en=f"programme-{n}", order=n,
        )
        for n in numbers
    )  # fmt: skip
    Participation.objects.bulk_create(
        Participation(
            programme=programme, title_bg=f"Проект {n}-{k}", title_en=f"Project {n}-{k}",
            slug_bg=f"proekt-{n}-{k}", slug_en=f"project-{n}-{k}",
            role=Participation.Role.PARTNER, start_year=2014, order=k,
        )
        for n, programme in zip(numbers, programmes, strict=True)
        for k in (1, 2)
    )  # fmt: skip
    TwinCity.objects.bulk_create(
        TwinCity(
            name_bg=f"Град {n}", name_en=f"City {n}", slug_bg=f"grad-{n}", slug_en=f"city-{n}",
            country="GR", order=n,
        )
        for n in numbers
    )  # fmt: skip
    # An open call under each programme (the first due soonest) and a closed one.
    now = timezone.now()
    Call.objects.bulk_create(
        Call(
            title_bg=f"Покана {n}", title_en=f"Call {n}", slug_bg=f"pokana-{n}",
            slug_en=f"call-{n}", audience=Call.Audience.PROJECTS, programme=programme,
            deadline=now + datetime.timedelta(days=n + 1), order=n,
        )
        for n, programme in zip(numbers, programmes, strict=True)
    )  # fmt: skip
    Call.objects.bulk_create(
        Call(
            title_bg=f"Закрита покана {n}", title_en=f"Closed call {n}",
            slug_bg=f"zakrita-{n}", slug_en=f"closed-{n}", audience=Call.Audience.CITIZENS,
            deadline=now - datetime.timedelta(days=n + 1), order=n,
        )
        for n in numbers
    )  # fmt: skip


def count_queries(client, path):
    """Return the queries of one request for *path*, rendered afresh (no cached page)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


@pytest.fixture
def singletons(db):
    SectionPageFactory()
    SiteContactFactory()


FIRST_NAMES = {
    "bg": ["Организация 0", "Събитие 0", "Програма 0", "Проект 0-2", "Град 0", "Покана 0"],
    "en": ["Organisation 0", "Event 0", "Programme 0", "Project 0-2", "City 0", "Call 0"],
}
LIST_PAGES = ["organization_list", "event_list", "programme_list", "twin_city_list", "call_list"]


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize(("language", "more"), [("en", 200), ("bg", 50)])
def test_the_section_page_makes_the_same_few_queries_for_5_or_many_records(client, language, more):
    add_records(0, 5)
    few, _response = count_queries(client, SECTION[language])

    add_records(5, more)
    many, response = count_queries(client, SECTION[language])

    # A full render of every kind of record, not an empty or cached page.
    html = response.content.decode()
    assert [name for name in FIRST_NAMES[language] if name not in html] == []
    assert many == few
    assert few <= MOST_QUERIES


def give_every_record_an_image():
    """Give every record with an image field one small real image, with its renditions."""
    cleaned = images.clean_upload(check_upload(uploaded_image(size=(40, 30))))
    name = default_storage.save(f"international/organisations/{cleaned.name}", cleaned.content)
    image_fields = {
        "image": name,
        "image_hash": cleaned.content_hash,
        "image_width": cleaned.width,
        "image_height": cleaned.height,
        "image_alt_bg": "Лого",
    }
    records = 0
    for model in (Organization, Event, TwinCity):
        records += model.objects.update(**image_fields)
    images.make_renditions(Organization.objects.first().image.name, cleaned.content_hash)
    return records


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_makes_the_same_queries_with_an_image_on_every_record(client, language):
    add_records(0, 20)
    without, response = count_queries(client, SECTION[language])
    assert parse(response).find_all("picture") == []

    records = give_every_record_an_image()
    with_images, response = count_queries(client, SECTION[language])

    pictures = parse(response).find_all("picture")
    assert records == len(pictures) == 60  # 20 organisations, events and twin cities each.
    assert all(picture.find("img", alt="Лого", width="40") for picture in pictures)
    assert with_images == without


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("url_name", LIST_PAGES)
def test_each_list_page_makes_the_same_few_queries_for_5_or_200_records(client, url_name):
    with translation.override("en"):
        path = reverse(f"international:{url_name}")
    add_records(0, 5)
    few, _response = count_queries(client, path)

    add_records(5, 200)
    many, response = count_queries(client, path)

    html = response.content.decode()
    assert any(name in html for name in FIRST_NAMES["en"])
    assert many == few
    assert few <= MOST_QUERIES


@pytest.mark.usefixtures("singletons")
def test_a_programme_page_makes_the_same_queries_for_2_or_100_projects(client):
    add_records(0, 1)
    programme = Programme.objects.get()
    with translation.override("en"):
        path = programme.get_absolute_url()
    few, _response = count_queries(client, path)

    Participation.objects.bulk_create(
        Participation(
            programme=programme, title_bg=f"Проект {k}", title_en=f"Project {k}",
            slug_bg=f"proekt-{k}", slug_en=f"project-{k}", role=Participation.Role.LEAD,
            order=k,
        )
        for k in range(3, 101)
    )  # fmt: skip
    many, response = count_queries(client, path)

    assert "Project 100" in parse(response).find("main").text
    assert many == few
    assert few <= MOST_QUERIES


@pytest.mark.usefixtures("singletons")
def test_an_organization_page_makes_the_same_queries_for_1_or_50_events(client):
    add_records(0, 1)
    organization = Organization.objects.get()
    with translation.override("bg"):
        path = organization.get_absolute_url()
    few, _response = count_queries(client, path)

    Event.objects.bulk_create(
        Event(
            name_bg=f"Събитие {k}", slug_bg=f"sabitie-{k}", slug_en=f"event-{k}",
            organization=organization, order=k,
        )
        for k in range(1, 51)
    )  # fmt: skip
    many, response = count_queries(client, path)

    assert "Събитие 50" in parse(response).find("main").text
    assert many == few
    assert few <= MOST_QUERIES


@pytest.mark.usefixtures("singletons")
def test_a_twin_city_page_makes_a_few_queries(client):
    city = TwinCityFactory()
    with translation.override("en"):
        path = city.get_absolute_url()

    queries, _response = count_queries(client, path)

    assert queries <= MOST_QUERIES


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_section_page_makes_the_same_queries_when_every_record_is_scheduled(client, language):
    add_records(0, 20)
    plain, _response = count_queries(client, SECTION[language])

    now = timezone.now()
    for model in (Organization, Event, Programme, Participation, TwinCity):
        model.objects.update(
            publish_from=now - datetime.timedelta(days=1),
            publish_until=now + datetime.timedelta(days=model.objects.count()),
        )
    scheduled, response = count_queries(client, SECTION[language])

    html = response.content.decode()
    assert [name for name in FIRST_NAMES[language] if name not in html] == []
    assert scheduled == plain


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("url_name", ["section", "event_list"])
def test_dated_and_yearly_events_make_no_query_of_their_own(client, url_name):
    """Past, upcoming and yearly events are told apart with no query per event."""
    add_records(0, 5)
    plain, _response = count_queries(client, reverse(f"international:{url_name}"))

    today = timezone.localdate()
    for number, event in enumerate(Event.objects.order_by("pk")):
        event.start_date = today + datetime.timedelta(days=number * 40 - 100)
        event.repeats = "yearly" if number % 2 else ""
        event.save()
    dated, response = count_queries(client, reverse(f"international:{url_name}"))

    html = response.content.decode()
    assert "Минали прояви" in html or "Предстоящи прояви" in html
    assert dated == plain


def add_visits(twin_city, start, stop):
    """Create published visits of *twin_city* numbered start..stop-1, each with a photo."""
    visits = Visit.objects.bulk_create(
        Visit(
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n), title_bg=f"Посещение {n}",
            title_en=f"Visit {n}", slug_bg=f"poseshtenie-{n}", slug_en=f"visit-{n}",
            twin_city=twin_city,
        )
        for n in range(start, stop)
    )  # fmt: skip
    cleaned = images.clean_upload(check_upload(uploaded_image(size=(40, 30))))
    name = default_storage.save(f"international/visits/{cleaned.name}", cleaned.content)
    VisitPhoto.objects.bulk_create(
        VisitPhoto(
            visit=visit, image=name, image_hash=cleaned.content_hash, image_width=cleaned.width,
            image_height=cleaned.height, image_alt_bg="Снимка", image_alt_en="Photo",
        )
        for visit in visits
    )  # fmt: skip


@pytest.mark.usefixtures("singletons")
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_visits_pages_make_the_same_queries_for_3_or_60_visits_with_photos(client, language):
    """The section's latest visits, their list and a twin city's page that lists them."""
    add_records(0, 1)
    city = TwinCity.objects.get()
    with translation.override(language):
        paths = [SECTION[language], reverse("international:visit_list"), city.get_absolute_url()]
    add_visits(city, 0, 3)
    few = [count_queries(client, path)[0] for path in paths]

    add_visits(city, 3, 60)
    many, pages = zip(*(count_queries(client, path) for path in paths), strict=True)

    newest = {"bg": "Посещение 59", "en": "Visit 59"}[language]
    assert newest in parse(pages[2]).find("main").text
    assert len(parse(pages[1]).find("main").find_all("picture")) == 48
    assert list(many) == few
    assert max(few) <= MOST_QUERIES


@pytest.mark.usefixtures("singletons")
def test_a_programme_page_lists_its_open_calls_with_the_same_queries_for_1_or_50(client):
    add_records(0, 1)
    programme = Programme.objects.get()
    with translation.override("en"):
        path = programme.get_absolute_url()
    few, _response = count_queries(client, path)

    now = timezone.now()
    Call.objects.bulk_create(
        Call(
            title_bg=f"Покана {k}", title_en=f"Call {k}", slug_bg=f"pokana-{k}",
            slug_en=f"call-{k}", audience=Call.Audience.PARTNERS, programme=programme,
            deadline=now + datetime.timedelta(days=k), order=k,
        )
        for k in range(2, 51)
    )  # fmt: skip
    many, response = count_queries(client, path)

    main = parse(response).find("main").text
    assert "Call 0" in main and "Call 50" in main
    assert many == few

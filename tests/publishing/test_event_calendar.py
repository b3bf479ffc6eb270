"""The calendar's dated events as two independent readers see them: icalendar's parser and
recurring-ical-events' expansion of the yearly rules (RFC 5545)."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from tests.factories import EventFactory, SectionPageFactory, SiteContactFactory

pytestmark = pytest.mark.django_db

D = datetime.date
SOFIA = ZoneInfo("Europe/Sofia")


@pytest.fixture
def events(db):
    return {
        "single": EventFactory(
            organization=None, name_en="Europe Day", start_date=D(2027, 5, 9), place_en="Sofia"
        ),
        "range": EventFactory(
            organization=None,
            name_en="Meeting of the cities",
            start_date=D(2027, 10, 8),
            end_date=D(2027, 10, 11),
        ),
        "yearly": EventFactory(
            organization=None,
            name_en="Week of the cities",
            start_date=D(2024, 10, 7),
            end_date=D(2024, 10, 10),
            repeats="yearly",
        ),
        "until": EventFactory(
            organization=None,
            name_en="Summer school",
            start_date=D(2025, 7, 1),
            repeats="yearly",
            repeat_until_year=2027,
        ),
    }


def calendar(client, language="en"):
    with translation.override(language):
        path = reverse("international:events_calendar")
    return Calendar.from_ical(client.get(path).content)


def occurrences(client, start, end):
    """Return (summary, first day, day after the last) of each edition from *start* to *end*."""
    found = recurring_ical_events.of(calendar(client)).between(start, end)
    return sorted(
        (str(entry["SUMMARY"]), entry["DTSTART"].dt, entry["DTEND"].dt) for entry in found
    )


def test_icalendar_reads_all_day_dates_with_an_exclusive_end_and_the_yearly_rules(client, events):
    entries = {str(entry["SUMMARY"]): entry for entry in calendar(client).walk("VEVENT")}
    single, ranged = entries["Europe Day"], entries["Meeting of the cities"]
    assert single["DTSTART"].params["VALUE"] == "DATE"
    assert single.decoded("DTSTART") == D(2027, 5, 9)
    assert single.decoded("DTEND") == D(2027, 5, 10)
    assert ranged.decoded("DTEND") == D(2027, 10, 12)
    assert "RRULE" not in single and "RRULE" not in ranged
    assert entries["Week of the cities"]["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert entries["Summer school"]["RRULE"].to_ical() == b"FREQ=YEARLY;UNTIL=20270701"
    assert str(single["UID"]) == f"event-{events['single'].pk}@testserver"
    assert str(single["LOCATION"]) == "Sofia"


def test_a_yearly_event_takes_place_every_year_in_a_window(client, events):
    found = occurrences(client, D(2030, 1, 1), D(2032, 1, 1))
    assert found == [
        ("Week of the cities", D(2030, 10, 7), D(2030, 10, 11)),
        ("Week of the cities", D(2031, 10, 7), D(2031, 10, 11)),
    ]


def test_a_yearly_event_with_a_last_year_stops_after_it(client, events):
    found = [
        o for o in occurrences(client, D(2024, 1, 1), D(2030, 1, 1)) if o[0] == "Summer school"
    ]
    assert [o[1] for o in found] == [D(2025, 7, 1), D(2026, 7, 1), D(2027, 7, 1)]


def test_a_range_and_a_single_day_take_place_once(client, events):
    found = occurrences(client, D(2027, 1, 1), D(2028, 1, 1))
    assert ("Europe Day", D(2027, 5, 9), D(2027, 5, 10)) in found
    assert ("Meeting of the cities", D(2027, 10, 8), D(2027, 10, 12)) in found
    assert [o for o in found if o[0] in ("Europe Day", "Meeting of the cities")] == [
        ("Europe Day", D(2027, 5, 9), D(2027, 5, 10)),
        ("Meeting of the cities", D(2027, 10, 8), D(2027, 10, 12)),
    ]
    assert occurrences(client, D(2028, 1, 1), D(2029, 1, 1)) == [
        ("Week of the cities", D(2028, 10, 7), D(2028, 10, 11))
    ]


def test_the_calendar_speaks_the_pages_language(client, events):
    entry = calendar(client, "bg").walk("VEVENT")[0]
    assert str(entry["SUMMARY"]).startswith("Събитие номер")
    assert "/bg/mezhdunarodna-deynost/" in str(entry["URL"])


def json_ld_event(client, event):
    with translation.override("en"):
        path = event.get_absolute_url()
    html = client.get(path).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    [node] = [node for node in json.loads(block)["@graph"] if node["@type"] == "Event"]
    return node


def test_a_yearly_events_json_ld_is_its_next_edition_with_a_yearly_schedule(
    client, events, time_machine
):
    SectionPageFactory()
    SiteContactFactory()
    time_machine.move_to(datetime.datetime(2027, 11, 1, 12, tzinfo=SOFIA), tick=False)
    node = json_ld_event(client, events["yearly"])
    assert (node["startDate"], node["endDate"]) == ("2028-10-07", "2028-10-10")
    assert node["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1Y",
        "startDate": "2024-10-07",
        "duration": "P4D",
        "scheduleTimezone": "Europe/Sofia",
    }
    until = json_ld_event(client, events["until"])
    assert until["eventSchedule"]["endDate"] == "2027-07-01"
    assert (until["startDate"], until["endDate"]) == ("2027-07-01", "2027-07-01")  # The last.
    assert "eventSchedule" not in json_ld_event(client, events["range"])

"""Scheduled publishing: a record shows from its "publish from" and until its "publish until".

The clock is frozen (time-machine) and moved past each moment; the page cache stays on
throughout, so a page cached before a moment must not be served after it.
"""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from international.kinds import KINDS, SECTION_KINDS
from international.models import Call, Event, Organization, Participation
from international.models.content import current_version, scheduled_moments
from international.publishing.open_data import DATASETS_BY_KEY
from tests import factories
from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
#: Ten o'clock in Sofia on a Monday: when each test starts.
START = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=SOFIA)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def clock(time_machine):
    """The frozen clock, at START."""
    time_machine.move_to(START, tick=False)
    return time_machine


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def places(client, kind, record):
    """Return the public places, in English, where *record* of *kind* shows."""
    with translation.override("en"):
        # Every address first: a request leaves its own language active in this thread.
        url = record.get_absolute_url()
        lists = reverse(f"international:{kind.list_name}") if kind.title else None
        section = reverse("international:section")
        feed = reverse("international:changes_feed")
        calendar = reverse("international:events_calendar")
        document = reverse("international:open_data_json")
        dataset = reverse(DATASETS_BY_KEY[kind.plural].url_name)
    found = {"detail": client.get(url).status_code == 200}
    if lists:
        found["list"] = url in body(client.get(lists))
    if kind in SECTION_KINDS:
        found["section"] = url in body(client.get(section))
    found["sitemap"] = "http://testserver" + url in {
        entry.find(f"{SITEMAP}loc").text for entry in sitemap_urls(client)
    }
    atom = ET.fromstring(body(client.get(feed)))  # noqa: S314 - the site's own
    found["feed"] = "http://testserver" + url in {
        link.get("href") for link in atom.iter(f"{ATOM}link")
    }
    rows = json.loads(body(client.get(document)))[kind.plural]
    found["json"] = record.identifier in [row["id"] for row in rows]
    table = csv.DictReader(io.StringIO(body(client.get(dataset))))
    found["csv"] = record.identifier in [row["id"] for row in table]
    if isinstance(record, Event | Call):
        found["calendar"] = record.identifier in body(client.get(calendar))
    return found


def make(kind, **schedule):
    factory = getattr(factories, f"{kind.model.__name__}Factory")
    extra = {"start_date": datetime.date(2027, 5, 10)} if kind.model is Event else {}
    return factory(**schedule, **extra)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.slug)
def test_a_record_shows_nowhere_before_its_publish_from_and_everywhere_a_minute_after(
    client, clock, kind
):
    record = make(kind, publish_from=START + HOUR)

    before = places(client, kind, record)
    assert before and not any(before.values()), before

    clock.move_to(START + HOUR + MINUTE, tick=False)
    after = places(client, kind, record)
    assert all(after.values()), after
    assert after.keys() == before.keys()


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.slug)
def test_a_record_shows_everywhere_before_its_publish_until_and_nowhere_after(client, clock, kind):
    record = make(kind, publish_until=START + HOUR)

    before = places(client, kind, record)
    assert all(before.values()), before

    clock.move_to(START + HOUR, tick=False)
    after = places(client, kind, record)
    assert not any(after.values()), after


def test_the_moment_itself_counts_to_the_minute(clock):
    Organization.objects.all().delete()
    record = factories.OrganizationFactory(
        publish_from=START + MINUTE, publish_until=START + 3 * MINUTE
    )
    seen = []
    for minutes in range(5):
        clock.move_to(START + minutes * MINUTE, tick=False)
        seen.append(Organization.objects.published().filter(pk=record.pk).exists())
    assert seen == [False, True, True, False, False]


def test_a_project_is_hidden_while_its_programme_is_scheduled(clock):
    project = factories.ParticipationFactory(
        programme=factories.ProgrammeFactory(publish_from=START + HOUR)
    )
    assert not Participation.objects.published().filter(pk=project.pk).exists()
    clock.move_to(START + HOUR, tick=False)
    assert Participation.objects.published().filter(pk=project.pk).exists()


def test_a_cached_page_is_kept_no_longer_than_the_next_scheduled_change(client, clock):
    factories.SectionPageFactory()
    factories.SiteContactFactory()
    factories.OrganizationFactory(publish_from=START + 10 * MINUTE)
    with translation.override("en"):
        url = reverse("international:section")

    first = client.get(url)
    version = current_version()
    assert version.upcoming == START + 10 * MINUTE
    assert version.seconds_left(60 * 60 * 24) == 600

    clock.move_to(START + 10 * MINUTE, tick=False)
    later = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    # The page changed with no save: a new ETag and Last-Modified, not a 304.
    assert later.status_code == 200
    assert later["ETag"] != first["ETag"]
    assert later["Last-Modified"] != first["Last-Modified"]
    assert current_version().upcoming is None


def test_browsers_keep_a_page_no_longer_than_the_next_scheduled_change(client, clock, settings):
    settings.PUBLIC_CACHE_SECONDS = 3600
    factories.SectionPageFactory()
    factories.SiteContactFactory()
    factories.OrganizationFactory(publish_until=START + 5 * MINUTE)
    with translation.override("en"):
        url = reverse("international:section")

    assert "max-age=300" in client.get(url)["Cache-Control"]
    assert "max-age=300" in client.get(url)["Cache-Control"]  # The cached copy too.
    clock.move_to(START + 4 * MINUTE, tick=False)
    assert "max-age=60" in client.get(url)["Cache-Control"]
    clock.move_to(START + 5 * MINUTE, tick=False)
    assert "max-age=3600" in client.get(url)["Cache-Control"]


def test_publish_until_must_be_after_publish_from():
    record = factories.OrganizationFactory.build(
        publish_from=START + HOUR, publish_until=START + HOUR
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert error.value.message_dict == {
            "publish_until": ["“Publish until” must be after “publish from”."]
        }
    with translation.override("bg"):
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert error.value.message_dict["publish_until"] == [
            "„Публикуване до“ трябва да е след „Публикуване от“."
        ]


def test_the_sitemap_dates_a_record_that_went_live_by_its_publish_from(client, clock):
    day = datetime.timedelta(days=1)
    record = factories.OrganizationFactory(publish_from=START + 2 * day)
    clock.move_to(START + 3 * day, tick=False)
    with translation.override("en"):
        url = "http://testserver" + record.get_absolute_url()
    dates = {
        entry.find(f"{SITEMAP}loc").text: entry.find(f"{SITEMAP}lastmod").text
        for entry in sitemap_urls(client)
    }
    assert dates[url] == "2026-12-09"  # Not the 7th, when it was saved.


@pytest.mark.parametrize("owner", ["programme", "participation"])
def test_a_document_is_served_only_while_its_record_is_live(client, clock, owner):
    from tests.factories import DocumentFactory

    record = getattr(factories, f"{owner.capitalize()}Factory")(publish_from=START + HOUR)
    other = "participation" if owner == "programme" else "programme"
    document = DocumentFactory(**{owner: record, other: None})
    url = document.get_absolute_url()

    assert client.get(url).status_code == 404
    clock.move_to(START + HOUR + MINUTE, tick=False)
    assert client.get(url).status_code == 200


def test_a_kinds_schedule_fields_are_the_moments_the_pages_follow(clock, monkeypatch):
    """A kind names the fields whose moments change its public pages (e.g. a deadline)."""
    organization = factories.OrganizationFactory(publish_from=START + 10 * MINUTE)
    factories.EventFactory(organization=None, publish_until=START + 20 * MINUTE)
    assert scheduled_moments(START)[:2] == (None, START + 10 * MINUTE)

    # Organisations follow no field: the event's "publish until" is the next moment.
    monkeypatch.setattr(Organization, "schedule_fields", ())
    assert scheduled_moments(START)[:2] == (None, START + 20 * MINUTE)
    # A field of the kind's own counts as its schedule does, passed or to come.
    monkeypatch.setattr(Organization, "schedule_fields", ("publish_from", "created_at"))
    assert scheduled_moments(START)[:2] == (organization.created_at, START + 10 * MINUTE)

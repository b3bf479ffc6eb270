"""Open calls: open ones first with the days left, closed ones in the archive by themselves.

The clock is frozen (time-machine): a call's page, its list and the section change at the
deadline's minute and the days left at each midnight in Sofia, through the page cache,
the ETag and Last-Modified and the browsers' max-age, with no save and no cron.
"""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from international.models import Call
from international.models.content import current_version
from tests import factories
from tests.admin.roles import APPROVERS, EDITORS, logged_in, member
from tests.pages import parse

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
#: Ten o'clock in Sofia on Monday 7 December 2026: when each test starts.
START = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=SOFIA)
#: Thursday 10 December 2026, 17:00 in Sofia: the deadline of the call of most tests.
DEADLINE = datetime.datetime(2026, 12, 10, 17, 0, tzinfo=SOFIA)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def site(db):
    factories.SectionPageFactory()
    factories.SiteContactFactory()


def address(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"international:{name}", kwargs=kwargs or None)


def page_of(call, language="en"):
    with translation.override(language):
        return call.get_absolute_url()


def status(response):
    """Return what the page's first call says of its state: the days left, or closed."""
    return parse(response).find("p", class_="call-status").text


@pytest.mark.usefixtures("site")
def test_the_list_shows_open_calls_soonest_first_then_the_archive_newest_first(client, clock):
    factories.CallFactory(title_en="Later call", deadline=DEADLINE + 20 * MINUTE)
    factories.CallFactory(title_en="Sooner call", deadline=DEADLINE)
    old = factories.CallFactory(title_en="Old call", deadline=START - datetime.timedelta(days=40))
    factories.CallFactory(title_en="Recent call", deadline=START - MINUTE)

    main = parse(client.get(address("call_list"))).find("main")

    open_part, archive = main.find_all("section")
    assert open_part.find("h2").text == "Open calls"
    assert [h.text for h in open_part.find_all("h3")] == ["Sooner call", "Later call"]
    assert archive.attrs["id"] == "archive"
    assert archive.find("h2").text == "Archive: closed calls"
    assert [h.text for h in archive.find_all("h3")] == ["Recent call", "Old call"]
    assert "Closed on 7 December 2026, 09:59" in archive.text
    # A closed call's own page stays public and says so.
    assert status(client.get(page_of(old))) == "Closed on 28 October 2026, 10:00"


@pytest.mark.usefixtures("site")
def test_the_section_shows_the_open_calls_only_and_says_so_when_there_are_none(client, clock):
    factories.CallFactory(title_en="Open call", deadline=DEADLINE)
    factories.CallFactory(title_en="Closed call", deadline=START - MINUTE)
    section = address("section")

    block = parse(client.get(section)).find("section", id="calls")
    assert [h.text for h in block.find_all("h3")] == ["Open call"]
    # The closed one is on the list page: the block links there.
    assert block.find("a", href=address("call_list"))

    clock.move_to(DEADLINE, tick=False)
    block = parse(client.get(section)).find("section", id="calls")
    assert block.find_all("h3") == []
    assert "There are no open calls at the moment." in block.text
    assert block.find("p", class_="more-link").find("a", href=address("call_list"))


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("name", ["call", "call_list", "section"])
def test_a_call_closes_at_its_deadline_minute_through_the_cache(client, clock, settings, name):
    settings.PUBLIC_CACHE_SECONDS = 60 * 60 * 24 * 7
    call = factories.CallFactory(deadline=DEADLINE)
    url = page_of(call) if name == "call" else address(name)

    clock.move_to(DEADLINE - MINUTE, tick=False)
    first = client.get(url)
    assert status(first) == "Last day"
    assert "max-age=60" in first["Cache-Control"]
    cached = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304

    clock.move_to(DEADLINE, tick=False)
    closed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert closed.status_code == 200
    assert closed["ETag"] != first["ETag"]
    assert closed["Last-Modified"] == "Thu, 10 Dec 2026 15:00:00 GMT"
    if name == "section":
        assert "There are no open calls at the moment." in closed.content.decode()
    else:
        assert status(closed) == "Closed on 10 December 2026, 17:00"


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_days_left_turn_at_midnight_in_sofia_through_the_cache(
    client, clock, settings, language
):
    settings.PUBLIC_CACHE_SECONDS = 60 * 60 * 24 * 7
    call = factories.CallFactory(deadline=DEADLINE)
    url = page_of(call, language)
    words = {
        "en": ["3 days left", "2 days left", "1 day left", "Last day"],
        "bg": ["Остават 3 дни", "Остават 2 дни", "Остава 1 ден", "Последен ден"],
    }[language]

    first = client.get(url)
    assert status(first) == words[0]
    # Kept until midnight, Sofia time (14 hours from ten o'clock), not a week.
    assert f"max-age={14 * 60 * 60}" in first["Cache-Control"]
    assert current_version().upcoming == datetime.datetime(2026, 12, 8, tzinfo=SOFIA)

    clock.move_to(datetime.datetime(2026, 12, 7, 23, 59, 59, tzinfo=SOFIA), tick=False)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert status(client.get(url)) == words[0]  # The cached copy, still true.

    etag = first["ETag"]
    for day, expected in zip((8, 9, 10), words[1:], strict=True):
        clock.move_to(datetime.datetime(2026, 12, day, tzinfo=SOFIA), tick=False)
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert status(response) == expected
        assert response["ETag"] != etag
        etag = response["ETag"]


@pytest.mark.usefixtures("site")
def test_no_midnight_is_a_moment_once_every_call_has_closed(clock):
    factories.CallFactory(deadline=START - MINUTE)
    version = current_version()
    assert version.passed == START - MINUTE
    assert version.upcoming is None


@pytest.mark.usefixtures("site")
def test_a_programmes_page_lists_its_open_calls_only(client, clock):
    programme = factories.ProgrammeFactory()
    factories.CallFactory(programme=programme, title_en="Open call", deadline=DEADLINE)
    factories.CallFactory(programme=programme, title_en="Closed call", deadline=START - MINUTE)

    main = parse(client.get(page_of(programme))).find("main").text
    assert "Open call (3 days left)" in main
    assert "Closed call" not in main


@pytest.mark.usefixtures("site")
def test_the_calendar_has_each_open_calls_deadline_in_sofia_time(client, clock):
    call = factories.CallFactory(title_en="Twinning partners", deadline=DEADLINE)
    factories.CallFactory(title_en="Past call", deadline=START - MINUTE)

    raw = client.get(address("events_calendar")).content
    calendar = Calendar.from_ical(raw)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Deadline: Twinning partners"
    assert str(entry["uid"]) == f"{call.identifier}-deadline@testserver"
    assert entry.decoded("dtstart") == DEADLINE
    assert b"DTSTART;TZID=Europe/Sofia:20261210T170000" in raw
    assert str(entry["url"]) == "http://testserver" + page_of(call)

    clock.move_to(DEADLINE, tick=False)
    assert Calendar.from_ical(client.get(address("events_calendar")).content).walk("VEVENT") == []


@pytest.mark.usefixtures("site")
def test_a_calls_page_describes_it_as_a_creative_work_that_expires_at_the_deadline(client, clock):
    programme = factories.ProgrammeFactory(name_en="Interreg Europe")
    call = factories.CallFactory(
        programme=programme, audience=Call.Audience.PROJECTS, deadline=DEADLINE
    )
    html = client.get(page_of(call)).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    graph = json.loads(block)["@graph"]
    [node] = [node for node in graph if node["@type"] == "CreativeWork"]
    assert node["name"] == call.title_en
    assert node["expires"] == "2026-12-10T17:00:00+02:00"
    assert node["audience"]["audienceType"] == "Call for projects"
    assert node["about"]["name"] == "Interreg Europe"
    assert graph[0]["mainEntity"] == {"@id": node["@id"]}


@pytest.mark.parametrize("group", [EDITORS, APPROVERS])
def test_both_roles_see_calls_open_or_closed_in_the_admin(clock, group):
    factories.CallFactory(title_bg="Отворена покана", deadline=DEADLINE)
    factories.CallFactory(title_bg="Минала покана", deadline=START - MINUTE)
    client = logged_in(member(group, "potrebitel"))
    changes = reverse("admin:international_call_changelist")

    opened = client.get(changes, {"applications": "open"}).content.decode()
    closed = client.get(changes, {"applications": "closed"}).content.decode()
    assert "Отворена покана" in opened and "Минала покана" not in opened
    assert "Минала покана" in closed and "Отворена покана" not in closed


def test_an_approver_enters_a_deadline_in_sofia_time_in_the_admin(clock):
    from tests.admin.test_admin import form_errors, submit

    client = logged_in(member(APPROVERS, "odobryavashta"))
    response = submit(
        client,
        reverse("admin:international_call_add"),
        Call,
        audience=Call.Audience.CITIZENS,
        title_bg="Покана към гражданите",
        eligibility_bg="<p>Всички жители на общината.</p>",
        deadline_0="2027-01-15",
        deadline_1="17:00",
    )
    assert response.status_code == 302, form_errors(response)
    call = Call.objects.get()
    assert call.deadline == datetime.datetime(2027, 1, 15, 17, 0, tzinfo=SOFIA)
    changes = client.get(reverse("admin:international_call_changelist"))
    # The list's date hierarchy goes by the deadline: the year of this one.
    assert "2027" in parse(changes).find("nav", class_="toplinks").text


@pytest.mark.usefixtures("site")
def test_a_deadline_at_midnight_makes_the_day_before_the_last_day(client, clock):
    call = factories.CallFactory(deadline=datetime.datetime(2026, 12, 10, tzinfo=SOFIA))
    assert call.days_left() == 2  # the 7th: the 8th and the 9th are left, the 9th the last
    clock.move_to(datetime.datetime(2026, 12, 9, 12, tzinfo=SOFIA), tick=False)
    assert status(client.get(page_of(call))) == "Last day"


@pytest.mark.usefixtures("site")
def test_a_client_asking_with_if_modified_since_alone_gets_the_new_count_after_midnight(
    client, clock
):
    call = factories.CallFactory(deadline=DEADLINE)
    url = page_of(call)
    first = client.get(url)
    assert status(first) == "3 days left"

    clock.move_to(datetime.datetime(2026, 12, 8, 0, 0, 1, tzinfo=SOFIA), tick=False)
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert status(response) == "2 days left"


@pytest.mark.usefixtures("site")
def test_a_closed_calls_sitemap_entry_is_dated_by_its_deadline(client, clock):
    """The page changed at the deadline (closed, in the archive) with no save: crawlers
    are told so."""
    from tests.sitemaps import SITEMAP, sitemaps

    call = factories.CallFactory(deadline=DEADLINE)
    clock.move_to(DEADLINE + datetime.timedelta(hours=1), tick=False)
    urlset = sitemaps(client)["/sitemap-calls-en.xml"]
    [entry] = [
        url for url in urlset.findall(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc").endswith(page_of(call))
    ]  # fmt: skip
    # A sitemap's entries are dated by the day (Django's template): the deadline's, not the
    # day the call was saved (START, three days before).
    assert entry.findtext(f"{SITEMAP}lastmod") == DEADLINE.date().isoformat()

"""The timeline of milestones on the section page, built from the years records hold."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from international.kinds import programmes_with_participations
from international.models import Organization, Participation, Programme, TwinCity
from international.public.timeline import build_timeline, plain_sentences
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    SectionPageFactory,
    SiteContactFactory,
    TwinCityFactory,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}


def timeline_of(client, language="en"):
    """Return the years and the texts of the page's timeline, as a screen reader lists them."""
    root = parse(client.get(SECTION[language]))
    timeline = root.find("ol", class_="timeline")
    if timeline is None:
        return root, None
    years = []
    for year in timeline.find_all("li", class_="timeline__year"):
        time = year.find("time")
        events = [event.text for event in year.find_all("li", class_="timeline__event")]
        years.append((time.attrs["datetime"], time.text, events))
    return root, years


@pytest.fixture
def singletons(db):
    SectionPageFactory()
    SiteContactFactory()


def test_the_seed_gives_the_milestones_of_the_municipalitys_international_activity(client, seed):
    _root, years = timeline_of(client, "en")

    assert [year for year, _text, _events in years] == ["2003", "2007", "2008", "2009", "2014"]
    events = dict((year, events) for year, _text, events in years)
    assert events["2003"] == ["Founding: Strasbourg Club"]
    assert events["2007"] == ["Member since its founding: European network “Cities for Children”"]
    assert events["2009"][0].startswith("Highlight: European network “Cities for Children”")
    assert "moderated one of the working groups, “Traffic and Safety”" in events["2009"][0]
    assert events["2014"] == ["Project: European Regions Develop European Citizenship Partner"]


def test_the_bulgarian_timeline_is_in_bulgarian(client, seed):
    _root, years = timeline_of(client, "bg")

    events = dict((year, events) for year, _text, events in years)
    assert events["2003"] == ["Основаване: Страсбургски клуб"]
    assert "модератор на една от работните групи" in events["2009"][0]


def test_the_timeline_is_an_ordered_list_of_years_with_links_in_the_table_of_contents(client, seed):
    root, _years = timeline_of(client, "en")
    section = root.find("section", id="timeline")

    assert section.find("h2").text == "Milestones"
    timeline = section.find("ol", class_="timeline")
    # Each year is a heading one level below the section's, so readers can jump by year.
    assert all(
        year.find("h3").find("time") for year in timeline.find_all("li", class_="timeline__year")
    )
    assert root.find("nav", class_="toc").find("a", href="#timeline") is not None
    links = [a.attrs["href"] for a in timeline.find_all("a")]
    assert "/en/international-activity/organisations/strasbourg-club/" in links
    assert "style" not in str(timeline.attrs)


def test_founding_and_joining_in_different_years_are_two_milestones(client, singletons):
    OrganizationFactory(name_en="Eurocities", founded_year=1986, member_since=2011)

    _root, years = timeline_of(client)

    assert [(year, events) for year, _text, events in years] == [
        ("1986", ["Founding: Eurocities"]),
        ("2011", ["Membership: Eurocities"]),
    ]


def test_twin_cities_events_and_projects_of_one_year_come_in_a_fixed_order(client, singletons):
    TwinCityFactory(name_en="Larissa", country="GR", since_year=2010)
    EventFactory(
        name_en="Open Days 2010",
        start_date=datetime.date(2010, 10, 4),
        organization=OrganizationFactory(founded_year=None),
    )
    ParticipationFactory(title_en="Green Cities", start_year=2010, role=Participation.Role.LEAD)
    OrganizationFactory(name_en="Network of Rose Cities", founded_year=None, member_since=2010)

    _root, years = timeline_of(client)

    assert years == [
        (
            "2010",
            "2010",
            [
                "Membership: Network of Rose Cities",
                "Project: Green Cities Lead partner",
                "European event: Open Days 2010",
                "Twin city: Larissa Greece",
            ],
        )
    ]


def test_unpublished_records_make_no_milestone(client, singletons):
    OrganizationFactory(founded_year=1999, is_published=False)
    programme = Programme.objects.create(name_bg="Програма", is_published=False)
    ParticipationFactory(programme=programme, start_year=2001)
    ParticipationFactory(start_year=2002, is_published=False)
    TwinCityFactory(since_year=2003, is_published=False)

    root, years = timeline_of(client)

    assert years is None
    assert root.find("section", id="timeline") is None
    assert root.find("nav", class_="toc").find("a", href="#timeline") is None


def test_a_bulgarian_name_on_the_english_timeline_is_marked_as_bulgarian(client, singletons):
    OrganizationFactory(name_bg="Мрежа на розите", name_en="", founded_year=2005)

    root, _years = timeline_of(client, "en")

    link = root.find("ol", class_="timeline").find("a")
    assert link.text == "Мрежа на розите"
    assert link.attrs["lang"] == "bg"


def test_every_year_named_in_the_highlights_is_a_milestone_of_its_own():
    organization = Organization(
        name_en="Network",
        highlights_en=(
            "<p>In 2009 the municipality moderated a working group.</p>"
            "<p>It hosted the annual meeting in 2012. It spoke at it too.</p>"
        ),
    )

    with translation.override("en"):
        [first, second] = build_timeline(organizations=[organization])

    assert (first.year, first.milestones[0].detail) == (
        2009,
        "In 2009 the municipality moderated a working group.",
    )
    assert (second.year, second.milestones[0].detail) == (
        2012,
        "It hosted the annual meeting in 2012.",
    )


def test_highlights_read_as_plain_sentences():
    assert plain_sentences("<p>First &amp; one</p><p>Second <b>two</b>! Third.</p>") == [
        "First & one",
        "Second two!",
        "Third.",
    ]


def test_building_the_timeline_from_loaded_records_makes_no_query(singletons):
    OrganizationFactory(founded_year=2003, member_since=2004)
    ParticipationFactory(start_year=2014)
    TwinCityFactory(since_year=1967)
    organizations = list(Organization.objects.published())
    programmes = list(programmes_with_participations())
    cities = list(TwinCity.objects.published())

    with CaptureQueriesContext(connection) as queries:
        timeline = build_timeline(organizations, [], programmes, cities)

    assert len(queries) == 0
    assert [entry.year for entry in timeline] == [1967, 2003, 2004, 2014]


def count_section_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SECTION["en"])
    assert response.status_code == 200
    return len(queries)


def test_the_timeline_adds_no_query_to_the_section_page(client, singletons):
    OrganizationFactory(founded_year=None)
    ParticipationFactory(start_year=None)
    TwinCityFactory()
    without_years = count_section_queries(client)

    for number in range(30):
        OrganizationFactory(founded_year=1990 + number % 30, member_since=2000 + number % 20)
        ParticipationFactory(start_year=2000 + number % 20)
        TwinCityFactory(since_year=1960 + number)
    with_years = count_section_queries(client)

    assert with_years == without_years

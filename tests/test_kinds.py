"""The registry of kinds (kinds.py): every kind it names is published everywhere, in both languages.

Walks KINDS, so a kind added to the registry is checked here without a line of this
module changing: its records' pages, its list page and its block on the section page
(where it has them), its sitemap entries, its rows in the JSON and CSV files and its
entries in the Atom feed.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from international.kinds import KINDS, SECTION_KINDS, kind_of
from international.models import InfoPage, Record
from international.publishing.open_data import DATASETS_BY_KEY
from tests import factories
from tests.sitemaps import sitemaps

pytestmark = pytest.mark.django_db

LANGUAGES = ("bg", "en")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def make_record(kind):
    """Create one published record of *kind* with its factory (tests/factories.py)."""
    factory = getattr(factories, f"{kind.model.__name__}Factory")
    return factory()


def in_language(language, function):
    with translation.override(language):
        return function()


@pytest.fixture(params=KINDS, ids=lambda kind: kind.slug)
def kind_and_record(request, db):
    kind = request.param
    return kind, make_record(kind)


@pytest.fixture(params=[kind for kind in KINDS if kind.title], ids=lambda kind: kind.slug)
def listed_kind_and_record(request, db):
    """A kind with a list page of its own (a project has none: its programme shows it)."""
    kind = request.param
    return kind, make_record(kind)


def test_every_model_of_a_kind_of_record_is_in_the_registry():
    records = {
        model
        for model in apps.get_app_config("international").get_models()
        if issubclass(model, Record) and model is not InfoPage
    }
    assert records == {kind.model for kind in KINDS}


def test_each_kind_has_its_own_address_segment_and_names():
    for attribute in ("plural", "slug", "name"):
        values = [getattr(kind, attribute) for kind in KINDS]
        assert len(set(values)) == len(values), attribute
    for language in LANGUAGES:
        segments = in_language(language, lambda: [str(kind.segment) for kind in KINDS])
        assert len(set(segments)) == len(segments), language


def test_every_kind_on_the_section_page_has_a_list_page_and_the_section_order_is_set():
    assert [kind.slug for kind in SECTION_KINDS] == [
        "twin-cities",
        "calls",
        "organisations",
        "events",
        "programmes",
        "visits",
    ]
    assert all(kind.title for kind in SECTION_KINDS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_of_every_kind_has_its_page_in_both_languages(client, kind_and_record, language):
    kind, record = kind_and_record
    assert kind_of(record) is kind
    url = in_language(language, record.get_absolute_url)
    response = client.get(url)
    assert response.status_code == 200
    assert response.templates[0].name == kind.detail_template
    assert response.context["record"] == record
    with translation.override(language):
        assert str(record) in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_of_every_kind_with_a_list_is_on_its_list_and_the_section_page(
    client, listed_kind_and_record, language
):
    kind, record = listed_kind_and_record
    with translation.override(language):
        record_url = record.get_absolute_url()
        list_page = client.get(reverse(f"international:{kind.list_name}"))
        section_page = client.get(reverse("international:section"))
    assert list_page.status_code == 200
    assert record_url in list_page.content.decode()
    assert section_page.status_code == 200
    section = section_page.content.decode()
    assert f'id="{kind.slug}"' in section
    assert record_url in section


def test_a_record_of_every_kind_is_in_the_sitemap_in_both_languages(client, kind_and_record):
    kind, record = kind_and_record
    found = sitemaps(client)  # The index, then every sitemap it names.
    locations = {element.text for root in found.values() for element in root.iter(f"{SITEMAP}loc")}
    for language in LANGUAGES:
        url = "http://testserver" + in_language(language, record.get_absolute_url)
        assert url in locations
        # In the kind's own sitemap in that language.
        own = found[f"/sitemap-{kind.slug}-{language}.xml"]
        assert url in {element.text for element in own.iter(f"{SITEMAP}loc")}
        if kind.title:
            list_url = in_language(language, lambda: reverse(f"international:{kind.list_name}"))
            assert "http://testserver" + list_url in locations


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_of_every_kind_is_in_the_open_data(client, kind_and_record, language):
    kind, record = kind_and_record
    dataset = DATASETS_BY_KEY[kind.plural]
    with translation.override(language):
        document = json.loads(
            b"".join(client.get(reverse("international:open_data_json")).streaming_content)
        )
        csv_response = client.get(reverse(dataset.url_name))
    assert [row["id"] for row in document[kind.plural]] == [record.identifier]
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == [record.identifier]
    assert list(rows[0]) == [column.name for column in kind.columns]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_of_every_kind_is_in_the_feed_of_changes(client, kind_and_record, language):
    _kind, record = kind_and_record
    with translation.override(language):
        response = client.get(reverse("international:changes_feed"))
        feed = ET.fromstring(response.content)  # noqa: S314 - the site's own
        url = record.get_absolute_url()
    links = {
        link.get("href")
        for entry in feed.iter(f"{ATOM}entry")
        for link in entry.iter(f"{ATOM}link")
    }
    assert "http://testserver" + url in links

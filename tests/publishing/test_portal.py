"""The dataset as the national open data portal (data.egov.bg) registers it."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from international.models import SectionPage
from international.publishing.open_data import DATASETS

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

DOCS = Path(settings.BASE_DIR) / "docs" / "open-data.md"


def portal_file(client, language="bg"):
    with translation.override(language):
        path = reverse("international:open_data_portal")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_portal_file_gives_every_field_the_portal_asks_for(client):
    data = portal_file(client)
    assert data["portal"] == "https://data.egov.bg/"
    assert data["software"] == "https://github.com/governmentbg/data-gov-bg"
    dataset = data["dataset"]
    assert dataset["organisation"] == {
        "bg": "Община Стара Загора",
        "en": "Stara Zagora Municipality",
    }
    assert dataset["name"] == {
        "bg": "Международна дейност на Община Стара Загора",
        "en": "International activity of Stara Zagora Municipality",
    }
    assert dataset["description"]["bg"] and dataset["description"]["en"]
    assert dataset["category"]["code"] == "INTR"
    assert dataset["category"]["name"] == {
        "bg": "Международни въпроси",
        "en": "International issues",
    }
    assert "twin cities" in dataset["tags"]["en"]
    assert "побратимени градове" in dataset["tags"]["bg"]
    assert dataset["terms_of_use"]["id"] == "CC-BY-4.0"
    assert dataset["author_name"]["bg"] and dataset["support_name"]["en"]
    # The seed has no e-mail address: none is made up.
    assert dataset["author_email"] is None and dataset["support_email"] is None
    assert dataset["languages"] == ["bg", "en"]
    assert dataset["update_frequency"] == {"unit": "day", "every": 1}
    assert data["modified"]


def test_the_portal_file_names_the_responsible_units_email_for_author_and_support(client):
    page = SectionPage.objects.current()
    page.email = "europe@starazagora.bg"
    page.save()
    dataset = portal_file(client)["dataset"]
    assert dataset["author_email"] == dataset["support_email"] == "europe@starazagora.bg"
    assert dataset["author_name"]["bg"] == page.responsible_unit_bg


def test_the_portal_file_has_one_resource_per_file_and_each_is_there(client):
    data = portal_file(client)
    resources = data["resources"]
    assert len(resources) == 1 + len(DATASETS)
    assert [resource["file_format"] for resource in resources] == ["JSON"] + ["CSV"] * len(DATASETS)
    for resource in resources:
        assert resource["name"]["bg"] and resource["name"]["en"]
        assert resource["type"] == 2
        address = resource["resource_url"]
        assert address.startswith("http://testserver/bg/")
        assert client.get(address.removeprefix("http://testserver")).status_code == 200
        assert (
            resource["schema_url"] == "http://testserver/bg/mezhdunarodna-deynost/otvoreni-danni/"
        )


def test_the_portal_file_is_the_same_at_both_addresses(client):
    assert portal_file(client, "bg") == portal_file(client, "en")


def test_the_open_data_page_links_the_portal_file(client):
    with translation.override("en"):
        page = client.get(reverse("international:open_data")).content.decode()
        assert reverse("international:open_data_portal") in page


def test_the_documentation_says_how_to_register_on_data_egov_bg():
    text = DOCS.read_text()
    section = text.split("## Registering on data.egov.bg", 1)[1].split("\n## ", 1)[0]
    assert "governmentbg/data-gov-bg" in section
    assert "not CKAN" in section
    for field in (
        "org_id", "name", "category_id", "tags", "terms_of_use_id", "author_name",
        "author_email", "support_name", "support_email", "update frequency", "resource",
    ):  # fmt: skip
        assert field in section, field

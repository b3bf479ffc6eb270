"""datapackage.json: the open data described as a Frictionless Data Package, and valid.

The served descriptor and the served files are written into a folder, each resource's
address replaced by its file's name there, and the Frictionless tools validate the
package and every file's data against it: no error, with the seed content and with
records of every kind (so that a value not of its field's type shows).
"""

import datetime
import json
from decimal import Decimal
from urllib.parse import urlsplit

import frictionless
import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from international.kinds import KINDS
from international.models import Document, Participation, TwinCity
from international.publishing.open_data import DATASETS
from tests.factories import (
    CallFactory,
    DocumentFactory,
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgrammeFactory,
    TwinCityFactory,
    VisitFactory,
    VisitPhotoFactory,
    uploaded_image,
)

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def descriptor(client, language="en"):
    with translation.override(language):
        path = reverse("international:open_data_datapackage")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def validated(client, folder, language="en"):
    """Write the descriptor and the files it names into *folder*; return the report."""
    package = descriptor(client, language)
    for resource in package["resources"]:
        address = urlsplit(resource["path"])
        assert f"{address.scheme}://{address.netloc}" == "http://testserver"
        name = f"{resource['name']}.{resource['format']}"
        (folder / name).write_bytes(get(client, address.path))
        resource["path"] = name
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return frictionless.validate(str(folder / "datapackage.json"))


def errors(report):
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


@pytest.fixture
def records_of_every_kind(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organization = OrganizationFactory(
            name_en="",
            founded_year=1985,
            member_since=2009,
            size_bg="-38 града, „в кавички“",
            image=uploaded_image("logo.png"),
            image_alt_bg="Лого",
        )
        TwinCityFactory(
            latitude=Decimal("-33.868800"),
            longitude=Decimal("151.209300"),
            since_year=1996,
            website="https://example.org/city",
            image=uploaded_image("arms.png"),
        )
    EventFactory(
        organization=organization,
        start_date=datetime.date(2027, 10, 7),
        end_date=datetime.date(2027, 10, 10),
        website="https://example.org/event",
    )
    EventFactory(organization=None)
    programme = ProgrammeFactory(period_start=2021, period_end=2027)
    project = ParticipationFactory(programme=programme, role=Participation.Role.LEAD, end_year=2016)
    DocumentFactory(participation=project, date=datetime.date(2016, 5, 9))
    DocumentFactory(participation=None, programme=programme, language=Document.Language.OTHER)
    visit = VisitFactory(twin_city=TwinCity.objects.first(), organization=organization)
    VisitPhotoFactory(visit=visit, caption_bg="Подпис, „в кавички“")
    CallFactory(programme=programme, email="calls@example.org", website="https://example.org/call")


def test_the_package_and_its_files_of_the_seed_content_are_valid(client, tmp_path):
    report = validated(client, tmp_path)
    assert errors(report) == []
    assert report.valid
    assert len(report.tasks) == 1 + len(DATASETS)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_package_and_its_files_are_valid_with_records_of_every_kind(
    client, tmp_path, records_of_every_kind, language
):
    report = validated(client, tmp_path, language)
    assert errors(report) == []
    assert report.valid
    rows = {task.name: task.stats["rows"] for task in report.tasks if task.type == "table"}
    for dataset in DATASETS:
        expected = dataset.kind.exported_queryset().count()
        assert rows[dataset.key.replace("_", "-")] == expected > 0


def test_the_package_describes_every_kind_and_field_in_both_languages(client):
    package = descriptor(client)
    tables = {resource["name"]: resource for resource in package["resources"][1:]}
    assert list(tables) == [dataset.key.replace("_", "-") for dataset in DATASETS]
    assert len(KINDS) == len(tables)
    organizations = tables["organizations"]
    assert organizations["profile"] == "tabular-data-resource"
    assert organizations["path"] == (
        "http://testserver/en/international-activity/open-data/organisations.csv"
    )
    assert organizations["title"] == "Organisations"
    assert organizations["title_bg"] == "Организации"
    fields = {field["name"]: field for field in organizations["schema"]["fields"]}
    assert list(fields) == [column.name for column in DATASETS[0].columns]
    assert fields["name_bg"]["title"] == "Name, in Bulgarian"
    assert fields["name_bg"]["title_bg"] == "Наименование, на български"
    assert fields["website"] | {"title": "", "title_bg": ""} == {
        "name": "website",
        "type": "string",
        "format": "uri",
        "title": "",
        "title_bg": "",
        "description": "Web address",
        "description_bg": "Уеб адрес",
    }
    assert fields["description_en"]["type"] == "string"
    assert fields["founded_year"]["type"] == "integer"
    assert fields["updated"]["type"] == "datetime"
    latitude = next(f for f in tables["twin-cities"]["schema"]["fields"] if f["name"] == "latitude")
    assert latitude["type"] == "number"
    documents = next(
        f for f in tables["programmes"]["schema"]["fields"] if f["name"] == "documents"
    )
    assert documents["type"] == "array"
    assert tables["events"]["schema"]["foreignKeys"] == [
        {
            "fields": ["organization_id"],
            "reference": {"resource": "organizations", "fields": ["id"]},
        }
    ]
    assert tables["participations"]["schema"]["foreignKeys"] == [
        {"fields": ["programme_id"], "reference": {"resource": "programmes", "fields": ["id"]}}
    ]
    assert tables["organizations"]["schema"]["foreignKeys"] == []
    whole = package["resources"][0]
    assert whole["format"] == "json"
    assert whole["path"] == (
        "http://testserver/en/international-activity/open-data/international-activity.json"
    )


def test_the_package_names_the_licence_the_publisher_and_the_last_change(client):
    package = descriptor(client, "bg")
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    ]
    assert package["title"] == "International activity of Stara Zagora Municipality"
    assert package["title_bg"] == "Международна дейност на Община Стара Загора"
    publisher = package["contributors"][0]
    assert publisher["role"] == "publisher"
    assert publisher["title"] == "Stara Zagora Municipality"
    assert publisher["title_bg"] == "Община Стара Загора"
    data = json.loads(get(client, reverse("international:open_data_json")))
    assert package["created"] == data["modified"]
    assert package["homepage"] == "http://testserver/bg/mezhdunarodna-deynost/otvoreni-danni/"
    assert package["resources"][1]["path"].startswith(
        "http://testserver/bg/mezhdunarodna-deynost/otvoreni-danni/"
    )


@override_settings(SITE_URL="https://www.starazagora.bg")
def test_the_package_names_the_files_by_the_site_address(client):
    package = descriptor(client)
    assert {urlsplit(resource["path"]).netloc for resource in package["resources"]} == {
        "www.starazagora.bg"
    }


def test_the_package_is_cached_and_follows_a_change_on_the_next_request(client):
    with translation.override("en"):
        path = reverse("international:open_data_datapackage")
    first = client.get(path)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    OrganizationFactory()
    second = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert json.loads(second.content)["created"] != json.loads(first.content)["created"]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_open_data_page_links_the_package(client, language):
    with translation.override(language):
        page = client.get(reverse("international:open_data")).content.decode()
        assert f'href="{reverse("international:open_data_datapackage")}"' in page

"""The open data lists each programme's and project's documents, in JSON and in CSV."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from international.models import Document
from tests.documents import pdf_bytes
from tests.factories import DocumentFactory, ParticipationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

JSON_NAME = "international:open_data_json"


def read(client, name):
    with translation.override("en"):
        response = client.get(reverse(name))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_json_gives_each_document_with_its_absolute_address_title_language_date_size_type(
    client,
):
    project = ParticipationFactory()
    document = DocumentFactory(
        participation=project,
        title_bg="Доклад",
        title_en="",
        language=Document.Language.OTHER,
        date=datetime.date(2016, 5, 9),
    )
    DocumentFactory(programme=project.programme, participation=None, title_en="Agreement")

    data = json.loads(read(client, JSON_NAME))
    [row] = [row for row in data["participations"] if row["id"] == project.identifier]
    assert row["documents"] == [
        {
            "url": f"http://testserver/documents/{document.pk}/",
            "title_bg": "Доклад",
            "title_en": None,
            "language": "other",
            "date": "2016-05-09",
            "size": len(pdf_bytes()),
            "content_type": "application/pdf",
        }
    ]
    [programme] = [row for row in data["programmes"] if row["id"] == project.programme.identifier]
    assert [entry["title_en"] for entry in programme["documents"]] == ["Agreement"]


def test_the_csv_gives_the_documents_as_json_text(client):
    project = ParticipationFactory()
    DocumentFactory(participation=project, title_en="Final report")
    rows = csv.DictReader(io.StringIO(read(client, "international:open_data_participations_csv")))
    [row] = [row for row in rows if row["id"] == project.identifier]
    assert [entry["title_en"] for entry in json.loads(row["documents"])] == ["Final report"]


def test_the_export_reads_the_documents_in_one_query_however_many_records(client):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            read(client, JSON_NAME)
        return len(queries)

    DocumentFactory()
    read(client, JSON_NAME)  # the first request makes the content version's row
    few = count()
    for _number in range(5):
        DocumentFactory(programme=ProgrammeFactory(), participation=None)
        DocumentFactory()
    assert count() == few

"""The exports read values() rows, not model instances: they must say what the records say.

The reference below reads each column from the model instance, through the model's own
API (get_absolute_url, get_FOO_display, the country's name, the image's url, the
documents' prefetch), as the exports did before they were rewritten for speed; the
served JSON must give exactly that, for records of every kind.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from international.kinds import KINDS
from international.models import Document, Organization, Participation, TwinCity
from international.models.documents import approved_documents
from international.publishing import open_data
from international.publishing.columns import address_builder
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

LANGUAGES = ("bg", "en")


def empty_to_none(value):
    return None if value in ("", None) else value


def reference_value(record, name):
    """Return what column *name* of *record* holds, read from the model instance."""
    if name == "id":
        return record.identifier
    language = name.rpartition("_")[2]
    if name.startswith("url_"):
        with translation.override(language):
            return "http://testserver" + record.get_absolute_url()
    if "_label_" in name:
        field = name.split("_label_")[0]
        with translation.override(language):
            return str(getattr(record, f"get_{field}_display")())
    if name == "country":
        return str(record.country.code)
    if name.startswith("country_name_"):
        with translation.override(language):
            return str(record.country.name)
    if name == "image_url":
        return "http://testserver" + record.image.url if record.image else None
    if name.startswith("image_alt_"):
        if not record.image or record.image_decorative:
            return None
        return empty_to_none(getattr(record, name))
    if name in ("organization_id", "programme_id", "twin_city_id"):
        related = getattr(record, name.removesuffix("_id"))
        return related.identifier if related is not None and related.is_public else None
    if name in ("created", "updated"):
        return getattr(record, f"{name}_at").isoformat()
    if name in ("latitude", "longitude"):
        value = getattr(record, name)
        return None if value is None else float(value)
    if name == "documents":
        return [
            {
                "url": "http://testserver" + reverse("document", args=[document.pk]),
                "title_bg": empty_to_none(document.title_bg),
                "title_en": empty_to_none(document.title_en),
                "language": document.language,
                "date": document.date.isoformat() if document.date else None,
                "size": document.size,
                "content_type": document.content_type,
            }
            for document in record.documents.all()
        ]
    if name == "photos":
        return [
            {
                "url": "http://testserver" + photo.image.url,
                "alt_bg": empty_to_none(photo.image_alt_bg),
                "alt_en": empty_to_none(photo.image_alt_en),
                "caption_bg": empty_to_none(photo.caption_bg),
                "caption_en": empty_to_none(photo.caption_en),
            }
            for photo in record.photos.all()
        ]
    value = getattr(record, name)
    if isinstance(value, datetime.datetime):
        # A moment of the record's own (a call's deadline): in Sofia time, with its offset.
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return empty_to_none(value)


def reference_export(kind):
    queryset = kind.exported_queryset()
    if hasattr(kind.model, "documents"):
        queryset = queryset.prefetch_related(None).prefetch_related(approved_documents())
    return [
        {column.name: reference_value(record, column.name) for column in kind.columns}
        for record in queryset
    ]


@pytest.fixture
def records_of_every_kind(django_capture_on_commit_callbacks):
    hidden = OrganizationFactory(is_published=False)
    with django_capture_on_commit_callbacks(execute=True):
        organization = OrganizationFactory(
            kind=Organization.Kind.ASSOCIATION,
            name_en="",
            original_name="Assemblée des régions",
            original_name_language="fr",
            size_bg="=1+1 града",
            highlights_bg="<p>Модератор, <strong>2009</strong></p>",
            image=uploaded_image("logo.png"),
            image_alt_bg="Логото на мрежата",
            image_alt_en="The network's logo",
        )
        city = TwinCityFactory(
            country="UA",
            kind=TwinCity.Kind.COOPERATION,
            latitude=Decimal("-33.868800"),
            longitude=Decimal("151.209300"),
            since_year=1996,
            image=uploaded_image("arms.png"),
            image_decorative=True,
        )
    EventFactory(
        organization=organization,
        start_date=datetime.date(2027, 10, 7),
        end_date=datetime.date(2027, 10, 10),
        recurrence_bg="всяка година",
    )
    EventFactory(organization=hidden, name_en="")
    programme = ProgrammeFactory(website="https://example.eu/programme")
    project = ParticipationFactory(
        programme=programme, role=Participation.Role.LEAD, partners_bg="Солун, Кавала"
    )
    DocumentFactory(participation=project, date=datetime.date(2016, 5, 9), title_en="")
    DocumentFactory(participation=project, is_approved=False)
    DocumentFactory(
        participation=None, programme=programme, language=Document.Language.ENGLISH, order=2
    )
    DocumentFactory(participation=None, programme=programme, order=1)
    ParticipationFactory(programme=ProgrammeFactory(is_published=False))
    visit = VisitFactory(organization=organization, twin_city=city, title_en="")
    VisitPhotoFactory(visit=visit, order=2, caption_bg="Подпис")
    VisitPhotoFactory(visit=visit, order=1, image_alt_en="")
    VisitFactory(is_published=False)
    # A visit of a city the public does not see: its reference is empty, as for the others.
    VisitFactory(twin_city=TwinCityFactory(is_published=False))
    CallFactory(programme=programme, funder_bg="Фонд", email="calls@example.org")
    CallFactory(programme=None, deadline=datetime.datetime(2024, 1, 15, 15, tzinfo=datetime.UTC))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_json_export_says_what_the_records_say_for_every_kind(
    client, records_of_every_kind, language
):
    with translation.override(language):
        response = client.get(reverse("international:open_data_json"))
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    for kind in KINDS:
        expected = reference_export(kind)
        assert data[kind.plural] == expected, kind.plural
        assert expected, kind.plural  # the check has records of every kind to compare
    programmes = data["programmes"] + data["participations"]
    assert sum(len(item["documents"]) for item in programmes) == 3  # approved ones only


def test_an_address_built_from_its_prefix_is_the_one_reverse_gives(records_of_every_kind):
    for kind in KINDS:
        for record in kind.exported_queryset():
            for language in LANGUAGES:
                with translation.override(language):
                    built = address_builder(kind.model.url_name, "slug")(record.slug)
                    assert built == record.get_absolute_url()
                    assert built == reverse(kind.model.url_name, kwargs={"slug": record.slug})
    for document in Document.objects.all():
        built = address_builder("document", "pk", sentinel="999999999")(document.pk)
        assert built == reverse("document", args=[document.pk])


def test_every_dataset_reads_only_the_fields_its_columns_name():
    for dataset in DATASETS:
        names = {field.attname for field in dataset.model._meta.concrete_fields} | {"pk"}
        assert set(dataset.fields) <= names, dataset.key


def test_the_exports_count_queries_independent_of_the_records_and_their_documents(
    client, monkeypatch
):
    """Also across the batches the records are read in: not a query per batch."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with translation.override("en"):
        paths = [reverse("international:open_data_json")] + [
            reverse(dataset.url_name) for dataset in DATASETS
        ]

    def count():
        counts = {}
        for path in paths:
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                b"".join(client.get(path).streaming_content)
            counts[path] = len(queries)
        return counts

    monkeypatch.setattr(open_data, "ROWS_PER_QUERY", 4)
    few = count()
    for _number in range(12):
        project = ParticipationFactory()
        DocumentFactory(participation=project)
        DocumentFactory(participation=None, programme=project.programme)
        EventFactory()
    assert count() == few

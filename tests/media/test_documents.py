"""Documents of programmes and projects: only plain PDFs are taken, and only public ones served."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from international.media.documents import check_document
from international.models import Document
from tests.documents import pdf_bytes, uploaded_pdf
from tests.factories import DocumentFactory, ParticipationFactory, ProgrammeFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


# What is accepted and what is refused ------------------------------------------------


def test_a_plain_pdf_is_accepted():
    check_document(uploaded_pdf())


@pytest.mark.parametrize(
    ("problem", "code", "words"),
    [
        ("javascript", "javascript", "JavaScript"),
        ("open_action", "javascript", "JavaScript"),
        ("annotation_action", "javascript", "JavaScript"),
        ("launch", "launch", "opens other programs"),
        ("embedded_file", "embedded_file", "attached or embedded files"),
        ("file_attachment", "embedded_file", "attached or embedded files"),
        ("encrypted", "encrypted", "password"),
    ],
)
def test_a_pdf_that_could_run_or_hide_something_is_refused_with_its_reason(problem, code, words):
    with pytest.raises(ValidationError) as refused:
        check_document(uploaded_pdf(problem=problem))
    assert refused.value.code == code
    with translation.override("en"):
        assert words in str(refused.value.message)


def test_a_file_that_only_claims_to_be_a_pdf_is_refused():
    for content in (b"<html><script>alert(1)</script></html>", b"%PDF-1.7 and then nothing"):
        with pytest.raises(ValidationError) as refused:
            check_document(uploaded_pdf(content=content))
        assert refused.value.code == "not_a_pdf"


def test_a_pdf_under_another_extension_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_document(uploaded_pdf(name="report.html"))
    assert refused.value.code == "extension"


def test_a_document_over_the_limit_is_refused_before_it_is_read(settings, monkeypatch):
    settings.MAX_DOCUMENT_MB = 1
    upload = uploaded_pdf(padding=1024 * 1024)

    def unread(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(upload.file, "read", unread)
    monkeypatch.setattr("international.media.documents.PdfReader", unread)
    with pytest.raises(ValidationError) as refused:
        check_document(upload)
    assert refused.value.code == "too_large"
    assert "1 МБ" in str(refused.value.message % refused.value.params)


def test_the_messages_are_translated_into_bulgarian():
    with pytest.raises(ValidationError) as refused:
        check_document(uploaded_pdf(problem="javascript"))
    with translation.override("bg"):
        assert str(refused.value.message).startswith("PDF файлът съдържа JavaScript")


# Storing -------------------------------------------------------------------------------


def test_a_stored_document_gets_a_generated_name_and_keeps_size_type_and_its_own_name():
    document = DocumentFactory(file=uploaded_pdf("../../Доклад за 2014 г.pdf"))
    assert document.file.name.startswith("international/documents/")
    assert "Доклад" not in document.file.name and ".." not in document.file.name
    assert document.original_name == "Доклад_за_2014_г.pdf"
    assert document.size == len(pdf_bytes())
    assert document.content_type == "application/pdf"


def test_a_document_belongs_to_exactly_one_record():
    programme = ProgrammeFactory()
    document = DocumentFactory.build(participation=ParticipationFactory(), programme=programme)
    with pytest.raises(ValidationError):
        document.validate_constraints()


# Serving -------------------------------------------------------------------------------


def test_a_published_projects_document_is_served_as_a_pdf_attachment_under_its_name(client):
    document = DocumentFactory(file=uploaded_pdf("Доклад 2014.pdf"))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%D0%94%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4_2014.pdf" in disposition
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_programmes_document_is_served_too(client):
    document = DocumentFactory(programme=ProgrammeFactory(), participation=None)
    assert client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("draft", ["participation", "programme"])
def test_the_document_of_a_draft_project_or_programme_is_not_found(client, draft):
    document = DocumentFactory()
    record = getattr(document.participation, draft) if draft == "programme" else None
    record = record or document.participation
    record.is_published = False
    record.save()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_the_document_of_a_draft_programme_itself_is_not_found(client):
    document = DocumentFactory(programme=ProgrammeFactory(is_published=False), participation=None)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_documents_are_not_served_from_the_media_address(client, settings):
    document = DocumentFactory()
    for path in (document.file.name, document.file.name.replace("/", "//", 1)):
        assert client.get(f"{settings.MEDIA_URL}{path}").status_code == 404


# Listing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "size", "document_language"),
    [("bg", "PDF, 1,2 МБ", "английски"), ("en", "PDF, 1.2 MB", "English")],
)
def test_a_projects_page_lists_its_documents_with_type_size_language_and_date(
    client, language, size, document_language
):
    document = DocumentFactory(
        file=uploaded_pdf(padding=1_250_000),
        language=Document.Language.ENGLISH,
        date=datetime.date(2015, 3, 12),
    )
    with translation.override(language):
        page = parse(client.get(document.participation.get_absolute_url()))
    item = page.find("ul", class_="document-list").find("li")
    link = item.find("a")
    assert link.attrs["href"] == f"/documents/{document.pk}/"
    assert link.text == getattr(document, f"title_{language}")
    # The document is in English: only the Bulgarian page says so in hreflang.
    assert link.attrs.get("hreflang") == ("en" if language == "bg" else None)
    meta = item.find("span", class_="document-list__meta").text
    assert size in meta and document_language in meta
    assert item.find("time").attrs["datetime"] == "2015-03-12"


def test_an_english_page_marks_a_title_given_only_in_bulgarian(client):
    document = DocumentFactory(title_en="")
    with translation.override("en"):
        page = parse(client.get(document.participation.get_absolute_url()))
    link = page.find("ul", class_="document-list").find("a")
    assert link.text == document.title_bg
    assert link.attrs["lang"] == "bg"


def test_a_programmes_page_lists_its_documents(client):
    programme = ProgrammeFactory()
    DocumentFactory(programme=programme, participation=None, title_bg="Споразумение")
    with translation.override("bg"):
        page = parse(client.get(programme.get_absolute_url()))
    assert page.find("ul", class_="document-list").find("a").text == "Споразумение"

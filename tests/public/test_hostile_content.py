"""Nothing an editor types can run script on the public site, and the site says so to browsers."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from international.models import Organization
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    SectionPageFactory,
    SiteContactFactory,
)
from tests.pages import parse

pytestmark = pytest.mark.django_db

SECTION = {"bg": "/bg/mezhdunarodna-deynost/", "en": "/en/international-activity/"}
HOSTILE_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)>'
HOSTILE_RICH_TEXT = (
    '<p onclick="alert(1)">Текст</p><script>alert("rich")</script>'
    '<a href="javascript:alert(1)">връзка</a><iframe src="https://evil.example/"></iframe>'
    '<p style="background:url(javascript:alert(1))">стил</p>'
)


@pytest.fixture
def hostile_records(db):
    """Records whose text was stored without validation (e.g. by a script or an old import)."""
    SectionPageFactory()
    SiteContactFactory()
    organization = OrganizationFactory(
        name_bg=HOSTILE_NAME,
        name_en=HOSTILE_NAME,
        description_bg=HOSTILE_RICH_TEXT,
        description_en=HOSTILE_RICH_TEXT,
        highlights_en=HOSTILE_RICH_TEXT,
    )
    EventFactory(organization=organization, description_en=HOSTILE_RICH_TEXT)
    return organization


def is_executable(script):
    """Return True for a script a browser runs (not data such as JSON-LD)."""
    kind = script.attrs.get("type", "").strip().lower()
    return kind in ("", "module", "text/javascript", "application/javascript")


def pages_of(record):
    for language in ("bg", "en"):
        with translation.override(language):
            yield SECTION[language]
            yield record.get_absolute_url()


def test_public_pages_carry_no_script_from_stored_text(client, hostile_records):
    for path in pages_of(hostile_records):
        response = client.get(path)
        assert response.status_code == 200, path
        document = parse(response)

        scripts = [s for s in document.find_all("script") if is_executable(s)]
        handlers = [
            (element.tag, name)
            for element in document.iter()
            for name in element.attrs
            if name.startswith("on")
        ]
        links = [a.attrs.get("href", "") for a in document.find_all("a")]

        assert [s for s in scripts if "alert" in s.text] == [], path
        for data in document.find_all("script", type="application/ld+json"):
            json.loads(data.text)  # Whole: the stored text did not end the element early.
        assert handlers == [], path
        assert [href for href in links if href.lower().startswith("javascript:")] == [], path
        assert document.find_all("iframe") == [], path
        assert [e.tag for e in document.iter() if "style" in e.attrs] == [], path


def test_a_hostile_name_is_shown_as_text(client, hostile_records):
    response = client.get(SECTION["en"])

    assert HOSTILE_NAME in parse(response).find("main").text
    assert "&lt;script&gt;" in response.content.decode()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_public_pages_have_no_inline_script_or_style(client, hostile_records, language):
    response = client.get(SECTION[language])
    document = parse(response)

    inline_scripts = [
        s for s in document.find_all("script") if "src" not in s.attrs and is_executable(s)
    ]
    assert inline_scripts == []
    assert document.find_all("style") == []


@pytest.mark.parametrize("language", ["bg", "en"])
def test_public_pages_send_a_strict_content_security_policy(client, hostile_records, language):
    response = client.get(SECTION[language])

    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _space, value = part.strip().partition(" ")
        if name:
            directives[name] = value
    assert "'unsafe-inline'" not in directives.get("script-src", directives.get("default-src"))
    assert "'unsafe-inline'" not in directives.get("style-src", directives.get("default-src"))
    assert directives.get("object-src") == "'none'"
    assert "'none'" in directives.get("frame-ancestors", "")


def test_stored_hostile_text_is_cleaned_when_staff_next_validate_the_record(hostile_records):
    record = Organization.objects.get(pk=hostile_records.pk)

    # Its javascript: link is refused, by name, until staff give it an address...
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "„javascript:alert(1)“" in refused.value.message_dict["description_en"][0]

    # ...and the rest is cleaned.
    for field in ("description_bg", "description_en", "highlights_en"):
        setattr(record, field, getattr(record, field).replace("javascript:alert(1)", "/bg/"))
    record.full_clean()

    assert "<script" not in record.description_en
    assert "javascript:" not in record.description_en

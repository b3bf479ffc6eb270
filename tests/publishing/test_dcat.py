"""The open data page describes its dataset in DCAT-AP terms, for harvesters of catalogues."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pyld import jsonld

from international.models import SectionPage, SiteContact
from international.models.content import current_version
from international.publishing.open_data import DATASETS

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

SCHEMA = "https://schema.org/"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SITE = "http://testserver"
OPEN_DATA = f"{SITE}/bg/mezhdunarodna-deynost/otvoreni-danni/"


def offline_loader(url, options=None):
    """Give schema.org's context as its vocabulary, without the network; refuse any other."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA}},
    }


def page_json_ld(client, language):
    with translation.override(language):
        path = reverse("international:open_data")
    return page_json_ld_of(client, path)


def page_json_ld_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    [block] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    return json.loads(block)


def nodes_by_type(document):
    """Return the document's nodes, flattened to full IRIs, by each of their types."""
    flat = jsonld.flatten(document, None, {"documentLoader": offline_loader})
    by_type = {}
    for node in flat:
        for type_ in node.get("@type", ()):
            by_type.setdefault(type_, []).append(node)
    return by_type, {node["@id"]: node for node in flat}


def values(node, iri):
    return {(item.get("@value"), item.get("@language")) for item in node.get(iri, ())}


def ids(node, iri):
    return {item["@id"] for item in node.get(iri, ())}


def test_the_open_data_page_path_is_the_one_the_tests_name(client):
    assert reverse("international:open_data") == OPEN_DATA.removeprefix(SITE)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_open_data_page_has_a_dcat_catalog_of_its_dataset_in_both_languages(client, language):
    document = page_json_ld(client, language)
    by_type, by_id = nodes_by_type(document)

    [catalog] = by_type[f"{DCAT}Catalog"]
    [dataset] = by_type[f"{DCAT}Dataset"]
    assert ids(catalog, f"{DCAT}dataset") == {dataset["@id"]}
    assert dataset["@id"] == f"{OPEN_DATA}#dataset"  # the same in both languages
    assert values(dataset, f"{DCT}title") == {
        ("Международна дейност на Община Стара Загора", "bg"),
        ("International activity of Stara Zagora Municipality", "en"),
    }
    assert {language for _text, language in values(dataset, f"{DCT}description")} == {"bg", "en"}
    assert {language for _text, language in values(catalog, f"{DCT}title")} == {"bg", "en"}
    keywords = values(dataset, f"{DCAT}keyword")
    assert ("twin cities", "en") in keywords
    assert ("побратимени градове", "bg") in keywords
    assert ids(dataset, f"{DCT}license") == {"https://creativecommons.org/licenses/by/4.0/"}
    assert ids(dataset, f"{DCT}language") == {
        "http://publications.europa.eu/resource/authority/language/BUL",
        "http://publications.europa.eu/resource/authority/language/ENG",
    }
    [modified] = dataset[f"{DCT}modified"]
    assert modified["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
    assert modified["@value"] == current_version().changed_at.isoformat()

    # The publisher is the page's own node of the municipality, a foaf:Organization too.
    [publisher_id] = ids(dataset, f"{DCT}publisher")
    assert ids(catalog, f"{DCT}publisher") == {publisher_id}
    publisher = by_id[publisher_id]
    assert {f"{FOAF}Organization", f"{SCHEMA}GovernmentOrganization"} <= set(publisher["@type"])
    assert values(publisher, f"{FOAF}name") == {
        ("Община Стара Загора", "bg"),
        ("Stara Zagora Municipality", "en"),
    }
    [web_page] = by_type[f"{SCHEMA}WebPage"]
    assert ids(web_page, f"{SCHEMA}mainEntity") == {catalog["@id"]}
    assert ids(web_page, f"{SCHEMA}publisher") == {publisher_id}


def test_each_file_is_a_distribution_with_its_address_media_type_and_format(client):
    by_type, by_id = nodes_by_type(page_json_ld(client, "en"))
    [dataset] = by_type[f"{DCAT}Dataset"]
    distributions = [by_id[item] for item in ids(dataset, f"{DCAT}distribution")]
    with translation.override("bg"):
        files = {
            f"{SITE}{reverse('international:open_data_json')}": "JSON",
            **{f"{SITE}{reverse(item.url_name)}": "CSV" for item in DATASETS},
        }
    media_types = {"JSON": "application/json", "CSV": "text/csv"}
    assert len(distributions) == len(files) == len(DATASETS) + 1
    for node in distributions:
        [url] = ids(node, f"{DCAT}downloadURL")
        file_format = files[url]
        assert ids(node, f"{DCAT}accessURL") == {url}
        assert ids(node, f"{DCAT}mediaType") == {
            f"http://www.iana.org/assignments/media-types/{media_types[file_format]}"
        }
        assert ids(node, f"{DCT}format") == {
            f"http://publications.europa.eu/resource/authority/file-type/{file_format}"
        }
        assert {language for _text, language in values(node, f"{DCT}title")} == {"bg", "en"}
        assert client.get(url.removeprefix(SITE)).status_code == 200


def test_the_contact_point_is_a_vcard_of_the_responsible_unit(client):
    section = SectionPage.objects.current()
    section.responsible_unit_bg = "Отдел „Тест“"
    section.responsible_unit_en = "Test Department"
    section.email = "international@example.org"
    section.save()
    by_type, by_id = nodes_by_type(page_json_ld(client, "bg"))
    [dataset] = by_type[f"{DCAT}Dataset"]
    [contact_id] = ids(dataset, f"{DCAT}contactPoint")
    contact = by_id[contact_id]
    assert contact["@type"] == [f"{VCARD}Organization"]
    assert values(contact, f"{VCARD}fn") == {("Отдел „Тест“", "bg"), ("Test Department", "en")}
    assert ids(contact, f"{VCARD}hasEmail") == {"mailto:international@example.org"}


def test_no_other_page_has_the_catalog(client):
    document = page_json_ld_of(client, reverse("international:section"))
    assert document["@context"] == "https://schema.org"
    assert "dcat:Dataset" not in json.dumps(document)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_name_without_english_is_tagged_bulgarian_only_never_as_english(client, language):
    """A name the editors wrote only in Bulgarian is not passed off as English."""
    section = SectionPage.objects.current()
    section.responsible_unit_bg, section.responsible_unit_en = "Отдел „Тест“", ""
    section.save()
    contact = SiteContact.objects.current()
    contact.organisation_name_en = ""
    contact.save()
    by_type, by_id = nodes_by_type(page_json_ld(client, language))
    [dataset] = by_type[f"{DCAT}Dataset"]
    [contact_id] = ids(dataset, f"{DCAT}contactPoint")
    assert values(by_id[contact_id], f"{VCARD}fn") == {("Отдел „Тест“", "bg")}
    [publisher_id] = ids(dataset, f"{DCT}publisher")
    names = values(by_id[publisher_id], f"{FOAF}name")
    assert names == {(contact.organisation_name_bg, "bg")}

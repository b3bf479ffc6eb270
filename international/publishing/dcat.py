"""The open data described in DCAT-AP terms, as JSON-LD on the "Open data" page.

A harvester that reads DCAT (CKAN's ckanext-dcat, data.europa.eu) finds on the page a
dcat:Catalog with one dcat:Dataset and a dcat:Distribution per file (the JSON and each
CSV), with the title, description and keywords in Bulgarian and English, the publisher,
licence, languages, contact point and the time of the content's last change. The nodes
join the page's schema.org graph (structured_data.page_graph): the publisher is the
same node as the page's, the municipality, typed as a foaf:Organization too.

Built from what the page already has (the footer's contacts, the content version read
once a request) and the section page's contacts: the same few queries for any number
of records.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..models import SectionPage
from ..models.content import request_version
from .columns import LANGUAGES
from .open_data import DATASETS, LICENCE
from .portal import DATASET_DESCRIPTION, DATASET_TITLE, TAGS, THEME, in_bulgarian, in_languages

#: The prefixes the DCAT nodes use, beside schema.org's vocabulary of the rest of the page.
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: The EU's authority table of languages (publications.europa.eu), as DCAT-AP asks.
LANGUAGE_URIS = {
    "bg": "http://publications.europa.eu/resource/authority/language/BUL",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
CATALOG_TITLE = _("Open data of the International activity section")
OPEN_DATA_DESCRIPTION = _(
    "The content of the International activity section as open data: every "
    "published record in Bulgarian and English, free to reuse under the CC BY 4.0 "
    "licence."
)


def tagged(function):
    """Return what *function* gives in each language as language-tagged JSON-LD values."""
    return [
        {"@value": str(value), "@language": language}
        for language, value in in_languages(function).items()
        if value
    ]


def tagged_fields(*sources):
    """Return the text of the first of *sources* ((record, field) pairs) that has its own
    in each language, language-tagged: never a fallback under another language's tag."""
    values = []
    for language in LANGUAGES:
        for record, field in sources:
            value = getattr(record, f"{field}_{language}", "")
            if value:
                values.append({"@value": str(value), "@language": language})
                break
    return values


def tagged_list(function):
    return [
        {"@value": str(item), "@language": language}
        for language, items in in_languages(function).items()
        for item in items
    ]


def reference(url):
    return {"@id": url}


def distribution(title, path_name, file_format, media_type):
    """Return one file as a dcat:Distribution: its title in each language and its address."""
    url = in_bulgarian(lambda: absolute_url(reverse(path_name)))
    return {
        "@type": "dcat:Distribution",
        "@id": f"{url}#distribution",
        "dct:title": tagged(lambda: str(title)),
        "dcat:accessURL": reference(url),
        "dcat:downloadURL": reference(url),
        "dcat:mediaType": reference(f"{MEDIA_TYPE}{media_type}"),
        "dct:format": reference(f"{FILE_TYPE}{file_format}"),
        "dct:license": reference(LICENCE["url"]),
    }


def distributions():
    """Return a distribution per file: the JSON of every record, then a CSV per kind."""
    files = [
        distribution(
            _("Every published record (JSON)"),
            "international:open_data_json",
            "JSON",
            "application/json",
        )
    ]
    for dataset in DATASETS:
        files.append(
            distribution(
                capfirst(dataset.kind.model._meta.verbose_name_plural),
                dataset.url_name,
                "CSV",
                "text/csv",
            )
        )
    return files


def contact_point(site_contact):
    """Return the section's contact as a vCard: the responsible unit and its e-mail."""
    section_page = SectionPage.objects.current()
    node = {
        "@type": "vcard:Organization",
        "vcard:fn": tagged_fields(
            (section_page, "responsible_unit"), (site_contact, "organisation_name")
        ),
    }
    email = section_page.email or site_contact.email
    if email:
        node["vcard:hasEmail"] = reference(f"mailto:{email}")
    return node


def catalog_graph(request, site_contact, municipality_node):
    """Return the dcat:Catalog and its dcat:Dataset, published by *municipality_node*, as
    JSON-LD to join the page's graph: {"@context": the prefixes, "@graph": the nodes}.

    *municipality_node* (the page's schema.org GovernmentOrganization) is typed as the
    foaf:Organization DCAT-AP's publisher is, with its foaf:name in each language.
    """
    municipality_node["@type"] = [municipality_node["@type"], "foaf:Organization"]
    municipality_node["foaf:name"] = tagged_fields((site_contact, "organisation_name"))
    page_url = in_bulgarian(lambda: absolute_url(reverse("international:open_data")))
    publisher = reference(municipality_node["@id"])
    licence = reference(LICENCE["url"])
    languages = [reference(LANGUAGE_URIS[language]) for language in LANGUAGES]
    modified = {
        "@value": request_version(request).changed_at.isoformat(),
        "@type": "xsd:dateTime",
    }
    dataset = {
        "@type": "dcat:Dataset",
        "@id": f"{page_url}#dataset",
        "dct:title": tagged(lambda: str(DATASET_TITLE)),
        "dct:description": tagged(lambda: str(DATASET_DESCRIPTION)),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dcat:keyword": tagged_list(lambda: [str(tag) for tag in TAGS]),
        "dcat:theme": reference(THEME["uri"]),
        "dct:language": languages,
        "dct:modified": modified,
        "dcat:landingPage": reference(page_url),
        "dcat:contactPoint": contact_point(site_contact),
        "dcat:distribution": distributions(),
    }
    catalog = {
        "@type": "dcat:Catalog",
        "@id": f"{page_url}#catalog",
        "dct:title": tagged(lambda: str(CATALOG_TITLE)),
        "dct:description": tagged(lambda: str(OPEN_DATA_DESCRIPTION)),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": languages,
        "dct:modified": modified,
        "foaf:homepage": reference(page_url),
        "dcat:dataset": reference(dataset["@id"]),
    }
    return {"@context": PREFIXES, "@graph": [catalog, dataset]}

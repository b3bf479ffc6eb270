"""The section's open data described as the national open data portal registers it.

data.egov.bg runs its own application (github.com/governmentbg/data-gov-bg, Laravel), not
CKAN. There a dataset belongs to an organisation's profile and has a name and a
description in each language, one category, tags, terms of use (the licence), a source,
an author and a support contact (name and e-mail) and one resource per file; a resource
given by its address can be read again by the portal at an update frequency.

portal_metadata() gives each of those values from the content, under the names of the
portal's API (addDataset, addResourceMetadata), for the person who registers the dataset
(docs/open-data.md, "Registering on data.egov.bg"). Served beside the exports as
.../open-data/data-egov-bg.json, cached under the content version like them.
"""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..models import SectionPage, SiteContact
from ..models.content import request_version
from .columns import LANGUAGES
from .open_data import DATASETS, LICENCE

PORTAL = "https://data.egov.bg/"
SOFTWARE = "https://github.com/governmentbg/data-gov-bg"
#: The EU's data theme of the content (publications.europa.eu authority table
#: "data-theme"): the portal's category is chosen to match it.
THEME = {
    "code": "INTR",
    "uri": "http://publications.europa.eu/resource/authority/data-theme/INTR",
    "name": _("International issues"),
}
TAGS = (
    _("Stara Zagora"),
    _("international activity"),
    _("twin cities"),
    _("international organisations"),
    _("European events"),
    _("European programmes"),
)
#: The files are made from the current content on every request: the portal may read
#: them daily and gets 304 Not Modified until something changes.
UPDATE_FREQUENCY = {"unit": "day", "every": 1}
#: The portal's resource types (Resource::TYPE_*): 2 a link to a file elsewhere.
RESOURCE_TYPE_HYPERLINK = 2


#: The dataset's title and description: the portal's, the DCAT-AP's and the Data Package's.
DATASET_TITLE = _("International activity of Stara Zagora Municipality")
DATASET_DESCRIPTION = _(
    "The twin and partner cities of Stara Zagora, the municipality's "
    "memberships in international organisations and European networks, "
    "the European events and the EU programmes and projects it takes part "
    "in, its delegation visits and international news, and its open calls: "
    "every published record of the International activity section, "
    "in Bulgarian and English."
)


def in_languages(function):
    """Return what *function* gives in each language: {"bg": ..., "en": ...}."""
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = function()
    return values


def in_bulgarian(function):
    with translation.override(LANGUAGES[0]):
        return function()


def resource(name, path_name, file_format, **kwargs):
    """Return one file as a portal resource: its name in each language and its address."""
    return {
        "name": in_languages(lambda: str(name)),
        "type": RESOURCE_TYPE_HYPERLINK,
        "file_format": file_format,
        # The same content at both addresses: the portal names the Bulgarian one.
        "resource_url": in_bulgarian(lambda: absolute_url(reverse(path_name, kwargs=kwargs))),
        "schema_url": in_bulgarian(lambda: absolute_url(reverse("international:open_data"))),
    }


def resources():
    """Return a resource per file: the JSON, one CSV per kind, the calendar."""
    files = [resource(_("Every published record (JSON)"), "international:open_data_json", "JSON")]
    for dataset in DATASETS:
        files.append(
            resource(
                dataset.kind.model._meta.verbose_name_plural,
                f"international:open_data_{dataset.key}_csv",
                "CSV",
            )
        )
    return files


def contact_name(section_page, site_contact):
    return section_page.responsible_unit or site_contact.organisation_name


def portal_metadata(request):
    """Return the dataset and its resources as data.egov.bg asks for them."""
    section_page = SectionPage.objects.current()
    site_contact = SiteContact.objects.current()
    email = section_page.email or site_contact.email or None
    return {
        "portal": PORTAL,
        "software": SOFTWARE,
        "modified": request_version(request).changed_at.isoformat(),
        "dataset": {
            "organisation": in_languages(lambda: site_contact.organisation_name),
            "name": in_languages(lambda: str(DATASET_TITLE)),
            "description": in_languages(lambda: str(DATASET_DESCRIPTION)),
            "category": {**THEME, "name": in_languages(lambda: str(THEME["name"]))},
            "tags": in_languages(lambda: [str(tag) for tag in TAGS]),
            "terms_of_use": LICENCE,
            "source": in_languages(lambda: absolute_url(reverse("international:section"))),
            "author_name": in_languages(lambda: contact_name(section_page, site_contact)),
            "author_email": email,
            "support_name": in_languages(lambda: contact_name(section_page, site_contact)),
            "support_email": email,
            "languages": LANGUAGES,
            "update_frequency": UPDATE_FREQUENCY,
        },
        "resources": resources(),
    }


def portal_metadata_file(request):
    """The dataset's description for data.egov.bg, as JSON."""
    text = json.dumps(portal_metadata(request), ensure_ascii=False, indent=2)
    return HttpResponse(text + "\n", content_type="application/json; charset=utf-8")

"""Link previews (Open Graph, Twitter cards) and schema.org JSON-LD for the public pages.

Everything is built from what the page already has in its context (the records its
view fetched and the footer's contacts), so no page makes an extra query for it.
Pages are cached under the content version, so the data is never staler than the page.
"""

import json
import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..media import renditions
from ..models import SectionPage, TwinCity
from ..text import plain_text

SCHEMA = "https://schema.org"
#: Open Graph wants a territory with the language.
OPEN_GRAPH_LOCALES = {"bg": "bg_BG", "en": "en_GB"}
#: Search engines show about this many characters of a page's description.
DESCRIPTION_LENGTH = 160


def summary(rich_text, limit=DESCRIPTION_LENGTH):
    """Return the beginning of *rich_text* as plain text of at most *limit* characters.

    Cut at the end of a word, with "…" where something was left out.
    """
    text = " ".join(plain_text(str(rich_text or "")).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


#: The fields that describe a record, best first: a summary takes the first one filled.
SUMMARY_FIELDS = ("description", "cooperation_areas", "lead", "body", "highlights")


def record_summary(record):
    """Return what describes *record* in a sentence or two, for previews, feeds and search.

    Its own text where it has one; else what its facts say, so it is never empty.
    """
    for field in SUMMARY_FIELDS:
        text = summary(getattr(record, field, ""))
        if text:
            return text
    return summary(record_facts(record))


def kind_name(record):
    """Return what the record is, as readers know it: "Twin city", "EU programme"."""
    if hasattr(record, "get_kind_display"):
        return str(record.get_kind_display())
    # capfirst, not capitalize(): "EU programme" stays "EU", not "Eu".
    return capfirst(str(type(record)._meta.verbose_name))


TWIN_CITY_FACTS = {
    TwinCity.Kind.TWIN: _("%(city)s (%(country)s) is a twin city of Stara Zagora."),
    TwinCity.Kind.PARTNER: _("%(city)s (%(country)s) is a partner city of Stara Zagora."),
    TwinCity.Kind.COOPERATION: _(
        "Stara Zagora Municipality cooperates with %(city)s (%(country)s)."
    ),
}


def record_facts(record):
    """Return a sentence on *record* made of its facts, for a record with no text of its own."""
    if isinstance(record, TwinCity):
        facts = TWIN_CITY_FACTS.get(record.kind, TWIN_CITY_FACTS[TwinCity.Kind.TWIN])
        return str(facts) % {"city": record.name, "country": record.country.name}
    if isinstance(record, SectionPage):
        return gettext(
            "The twin cities of Stara Zagora, its memberships in international organisations, "
            "the European events and programmes it takes part in."
        )
    return gettext("%(name)s – %(kind)s. International activity of Stara Zagora Municipality.") % {
        "name": record,
        "kind": kind_name(record),
    }


def absolute(request, path):
    """Return *path* as an absolute address on the site (settings.SITE_URL, not the request's)."""
    return absolute_url(path)


def site_root(request):
    return absolute_url("/")


def preview_image(record, request):
    """Return the record's picture for a link preview (the widest JPEG/PNG rendition), or None."""
    if not (getattr(record, "image", None) and record.image_hash and record.image_width):
        return None
    width = renditions.rendition_widths(record.image_width)[-1]
    height = round(record.image_height * width / record.image_width)
    extension = renditions.fallback_extension(record.image.name)
    path = renditions.rendition_path(record.image_hash, width, extension)
    alt = "" if record.image_decorative else record.image_alt
    return {
        "url": absolute(request, default_storage.url(path)),
        "type": "image/png" if extension == "png" else "image/jpeg",
        "width": width,
        "height": height,
        "alt": alt or str(record),
    }


#: The picture of a link preview for a page without one of its own: the section's title on
#: its colours, 1200 × 630 (scripts/make_preview_image.py draws it), one per language.
DEFAULT_IMAGE = "img/preview-{language}.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def default_image():
    """Return the section's own picture for link previews, in the page's language."""
    language = translation.get_language()
    width, height = DEFAULT_IMAGE_SIZE
    return {
        "url": absolute_url(static(DEFAULT_IMAGE.format(language=language))),
        "type": "image/png",
        "width": width,
        "height": height,
        # The image is text: its alternative says the same.
        "alt": gettext("International activity – Stara Zagora Municipality"),
    }


def page_title(context):
    """Return the title of the page being rendered, as its <h1> says it.

    Every public view names its page: a record, the section page, or page_title
    (public/views.py, PublicPageMixin).
    """
    for name in ("record", "page"):
        if context.get(name) is not None:
            return str(context[name])
    return str(context.get("page_title") or context.get("title") or "")


def page_description(context):
    """Return what the page is about, in at most DESCRIPTION_LENGTH characters of plain text.

    The one source of the meta description, og:description, twitter:description and
    the JSON-LD description: a record's own text (or its facts), the section page's
    lead, or the view's page_description.
    """
    record = context.get("record")
    if record is not None:
        return record_summary(record)
    if context.get("page") is not None:
        return record_summary(context["page"])
    return summary(context.get("page_description") or "")


def social_meta(context):
    """Return what the Open Graph and Twitter card tags of the page say."""
    request = context["request"]
    language = translation.get_language()
    record = context.get("record")
    image = preview_image(record, request) if record is not None else None
    return {
        "title": page_title(context),
        "description": page_description(context),
        "url": context["canonical_url"],
        "type": "article" if record is not None else "website",
        "site_name": context["site_contact"].organisation_name,
        "locale": OPEN_GRAPH_LOCALES.get(language, language),
        "alternate_locales": [
            OPEN_GRAPH_LOCALES.get(code, code)
            for code, _name in settings.LANGUAGES
            if code != language
        ],
        # A page without a picture of its own is shown with the section's.
        "image": image or default_image(),
        "card": "summary" if image else "summary_large_image",
    }


# JSON-LD ---------------------------------------------------------------------------------


def municipality_id(request):
    return f"{site_root(request)}#municipality"


def municipality(request, site_contact, organizations=(), events=()):
    """Return the municipality as a schema.org GovernmentOrganization."""
    node = {
        "@type": "GovernmentOrganization",
        "@id": municipality_id(request),
        "name": site_contact.organisation_name,
        "url": site_contact.website or absolute(request, reverse("international:section")),
    }
    if site_contact.address:
        node["address"] = site_contact.address
    if site_contact.email:
        node["email"] = site_contact.email
    if site_contact.hotline_number:
        node["contactPoint"] = {
            "@type": "ContactPoint",
            "telephone": site_contact.hotline_number,
            "contactType": gettext("Hotline for reports"),
        }
    if organizations:
        node["memberOf"] = [organization_node(item, request) for item in organizations]
    dated = [item for item in events if item.start_date]
    if dated:
        node["event"] = [event_node(item, request) for item in dated]
    return node


def record_url(record, request):
    return absolute(request, record.get_absolute_url())


def organization_node(organization, request):
    """Return an organisation the municipality is a member of as a schema.org Organization."""
    node = {
        "@type": "Organization",
        "@id": f"{record_url(organization, request)}#organization",
        "name": organization.name,
        "url": organization.website or record_url(organization, request),
        "mainEntityOfPage": record_url(organization, request),
    }
    if organization.original_name:
        node["alternateName"] = organization.original_name
    if organization.founded_year:
        node["foundingDate"] = str(organization.founded_year)
    description = plain_text(organization.description)
    if description:
        node["description"] = description
    return node


def event_node(event, request):
    """Return an event as a schema.org Event, with its dates and place where known.

    schema.org's Event is one occurrence, and Google's event results require its startDate.
    An event whose dates are not published (the Open Days "every year") is no such
    occurrence, and a made-up date would mislead: it is a Thing, with its name, page,
    description and website, until staff enter its dates.
    """
    if not event.start_date:
        return undated_event_node(event, request)
    node = {
        "@type": "Event",
        "@id": f"{record_url(event, request)}#event",
        "name": event.name,
        "url": record_url(event, request),
        "startDate": event.start_date.isoformat(),
        "endDate": (event.end_date or event.start_date).isoformat(),
    }
    if event.place:
        node["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    if event.organiser:
        node["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.recurrence:
        node["eventSchedule"] = {"@type": "Schedule", "description": event.recurrence}
    if event.website:
        node["sameAs"] = event.website
    description = plain_text(event.description)
    if description:
        node["description"] = description
    return node


def undated_event_node(event, request):
    node = {
        "@type": "Thing",
        "@id": f"{record_url(event, request)}#event",
        "name": event.name,
        "url": record_url(event, request),
    }
    if event.website:
        node["sameAs"] = event.website
    description = plain_text(event.description)
    if description:
        node["description"] = description
    return node


def place_node(city, request):
    """Return a twin or partner city as a schema.org City (or Place, for a region)."""
    node = {
        "@type": "Place" if city.kind == TwinCity.Kind.COOPERATION else "City",
        "@id": f"{record_url(city, request)}#place",
        "name": city.name,
        "url": record_url(city, request),
        "address": {
            "@type": "PostalAddress",
            "addressCountry": str(city.country.code),
            **({"addressRegion": city.region} if city.region else {}),
        },
    }
    if city.latitude is not None and city.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.website:
        node["sameAs"] = city.website
    return node


def with_image(node, record, request):
    image = preview_image(record, request)
    if image:
        node["image"] = image["url"]
    return node


# What a record's page is about, by kind (kinds.py names one per kind; a kind that
# schema.org has no type for names none).


def event_entity(event, request, municipality_node):
    node = event_node(event, request)
    if node["@type"] == "Event":
        # The municipality takes part in (or hosts) the events the section lists.
        node["attendee"] = {"@id": municipality_node["@id"]}
    return with_image(node, event, request)


def organization_entity(organization, request, municipality_node):
    node = organization_node(organization, request)
    municipality_node["memberOf"] = [{"@id": node["@id"]}]
    return with_image(node, organization, request)


def place_entity(city, request, municipality_node):
    return with_image(place_node(city, request), city, request)


def page_graph(context):
    """Return the JSON-LD graph of a public page (templatetags/open_data.py decides which).

    A record's page names its kind in the context (record_kind), whose main_entity says
    what the page is about.
    """
    request = context["request"]
    site_contact = context["site_contact"]
    language = translation.get_language()
    is_section = context.get("page") is not None and "organizations" in context
    municipality_node = municipality(
        request,
        site_contact,
        organizations=context.get("organizations", ()) if is_section else (),
        events=context.get("events", ()) if is_section else (),
    )
    web_page = {
        "@type": "WebPage",
        "@id": context["canonical_url"],
        "url": context["canonical_url"],
        "name": page_title(context),
        "inLanguage": language,
        "isPartOf": {
            "@type": "WebSite",
            "@id": f"{site_root(request)}#website",
            "name": site_contact.organisation_name,
            "url": site_root(request),
            "publisher": {"@id": municipality_node["@id"]},
        },
        "publisher": {"@id": municipality_node["@id"]},
    }
    description = page_description(context)
    if description:
        web_page["description"] = description
    modified = context.get("last_updated")
    record = context.get("record")
    if record is not None:
        modified = record.updated_at
    if modified:
        web_page["dateModified"] = modified.isoformat()
    graph = [web_page, municipality_node]
    if is_section:
        web_page["about"] = {"@id": municipality_node["@id"]}
        web_page["mentions"] = [
            place_node(city, request) for city in context.get("twin_cities", ())
        ]
    elif record is not None and getattr(context.get("record_kind"), "main_entity", None):
        entity = context["record_kind"].main_entity(record, request, municipality_node)
        if entity is not None:
            web_page["mainEntity"] = {"@id": entity["@id"]}
            graph.append(entity)
    return {"@context": SCHEMA, "@graph": graph}


# Characters that could end the <script> element or open a comment inside it.
_UNSAFE_IN_SCRIPT = re.compile(r"[<>&\u2028\u2029]")


def json_ld_script(data):
    """Return *data* as a <script type="application/ld+json"> element safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = _UNSAFE_IN_SCRIPT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308

"""schema.org JSON-LD for the public pages (their title and description: page_meta.py).

Everything is built from what the page already has in its context (the records its
view fetched and the footer's contacts), so no page makes an extra query for it.
Pages are cached under the content version, so the data is never staler than the page.
"""

import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..models import TwinCity
from ..text import plain_text
from .page_meta import absolute, page_description, page_title, preview_image, site_root

SCHEMA = "https://schema.org"


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
    # A yearly event is its next edition (or its last, once it has ended), with its schedule.
    occurrence = event.shown_occurrence()
    node = {
        "@type": "Event",
        "@id": f"{record_url(event, request)}#event",
        "name": event.name,
        "url": record_url(event, request),
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
    }
    if event.place:
        node["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    if event.organiser:
        node["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.is_yearly:
        node["eventSchedule"] = yearly_schedule(event)
    elif event.recurrence:
        node["eventSchedule"] = {"@type": "Schedule", "description": event.recurrence}
    if event.website:
        node["sameAs"] = event.website
    description = plain_text(event.description)
    if description:
        node["description"] = description
    return node


def yearly_schedule(event):
    """Return a yearly event's schema.org Schedule: from its first dates, every year."""
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": "P1Y",
        "startDate": event.start_date.isoformat(),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if event.end_date and event.end_date != event.start_date:
        schedule["duration"] = f"P{(event.end_date - event.start_date).days + 1}D"
    if event.repeat_until_year:
        schedule["endDate"] = event.last_occurrence().end.isoformat()
    if event.recurrence:
        schedule["description"] = event.recurrence
    return schedule


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
    more = context.get("more_structured_data")
    if more is not None:
        # A page that says more in other vocabularies (the open data page's DCAT:
        # publishing/dcat.py) joins its nodes to the graph, about its first one.
        joined = more(request, site_contact, municipality_node)
        graph.extend(joined["@graph"])
        web_page["mainEntity"] = {"@id": joined["@graph"][0]["@id"]}
        return {"@context": [SCHEMA, joined["@context"]], "@graph": graph}
    return {"@context": SCHEMA, "@graph": graph}


# Characters that could end the <script> element or open a comment inside it.
_UNSAFE_IN_SCRIPT = re.compile(r"[<>&\u2028\u2029]")


def json_ld_script(data):
    """Return *data* as a <script type="application/ld+json"> element safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = _UNSAFE_IN_SCRIPT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def visit_entity(visit, request, municipality_node):
    """Return a visit's page's subject: a NewsArticle for news, an Event for a visit.

    What it concerns (the twin city's Place, the organisation) is its "about", not its
    location: a delegation may have come to Stara Zagora or gone from it. Read from the
    record's selected twin city and organisation and its prefetched photos (kinds.py).
    """
    url = record_url(visit, request)
    date = visit.date.isoformat()
    if visit.kind == visit.Kind.NEWS:
        node = {
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "headline": visit.title,
            "datePublished": date,
            "dateModified": visit.updated_at.isoformat(),
            "author": {"@id": municipality_node["@id"]},
            "publisher": {"@id": municipality_node["@id"]},
            "mainEntityOfPage": url,
        }
    else:
        node = {
            "@type": "Event",
            "@id": f"{url}#event",
            "name": visit.title,
            "startDate": date,
            "endDate": date,
            "attendee": {"@id": municipality_node["@id"]},
        }
    node["url"] = url
    about = [
        related_node(visit.twin_city, place_node, request),
        related_node(visit.organization, organization_node, request),
    ]
    if any(about):
        node["about"] = [item for item in about if item]
    images = [preview_image(photo, request) for photo in visit.photos.all()]
    if any(images):
        node["image"] = [image["url"] for image in images if image]
    description = plain_text(visit.text)
    if description:
        node["description"] = description
    return node


def related_node(record, make_node, request):
    """Return the node of a related record the public sees, or None."""
    if record is None or not record.is_public:
        return None
    return make_node(record, request)


def call_entity(call, request, municipality_node):
    """Return a call as a schema.org CreativeWork that expires at its deadline.

    schema.org has no type for a call for proposals: Grant is the money once awarded,
    Event and Offer would each claim what a call is not (a happening, something for sale).
    A CreativeWork, published by the municipality, with its audience and its ``expires``
    (the deadline), says what the page is without inventing anything.
    """
    node = {
        "@type": "CreativeWork",
        "@id": f"{record_url(call, request)}#call",
        "name": call.title,
        "url": record_url(call, request),
        "audience": {"@type": "Audience", "audienceType": call.get_audience_display()},
        "expires": timezone.localtime(call.deadline).isoformat(),
        "publisher": {"@id": municipality_node["@id"]},
    }
    # What it funds from: the section's programme, or the name staff typed.
    if call.programme is not None and call.programme.is_public:
        node["about"] = {
            "@type": "Thing",
            "name": call.programme.name,
            "url": record_url(call.programme, request),
        }
    elif call.funder:
        node["about"] = {"@type": "Thing", "name": call.funder}
    if call.website:
        node["sameAs"] = call.website
    description = plain_text(call.description)
    if description:
        node["description"] = description
    return node

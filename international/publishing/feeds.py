"""Feeds of the section, in the page's language: an Atom feed of changes, an iCalendar of events.

Atom: one entry per published record (and the section page), newest change first.
A record keeps its entry id for life, so a feed reader shows an edit as an update of
the same entry, not as a new one.

iCalendar (RFC 5545): one VEVENT per published event that has a start date, as
all-day dates (an event's dates carry no time; DTEND is the day after the last day),
with RRULE:FREQ=YEARLY (and UNTIL, its last edition) for an event held every year.
An event with no dates, such as one that takes place "every year" with no dates
published yet, is left out: a calendar entry needs a day, and inventing one would
mislead. It appears in the calendar as soon as staff enter its dates.
"""

from datetime import timedelta
from itertools import chain

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext
from icalendar import Calendar, Timezone, vText
from icalendar import Event as CalendarEvent

from ..addresses import absolute_url, site_host
from ..kinds import KINDS
from ..models import Call, Event, SectionPage, SiteContact
from ..text import plain_text
from .page_meta import kind_name, record_summary

FEED_LENGTH = 50
#: The date in every entry's tag: URI (RFC 4151): when the site took these identifiers up.
TAG_DATE = "2026"


def tag_host(request):
    """Return the site's host name without a port, for tag: URIs and UIDs.

    settings.SITE_URL's, whatever host the request named: a site answering on two names
    must give feed readers and calendars one id for each entry, not one per name.
    """
    return site_host()


def changes_feed(request, *args, **kwargs):
    """Serve the feed of changes with a feed object of its own for each request.

    The object keeps the request (for the host in its tag: URIs); one shared by all
    requests would mix them up under threads.
    """
    return ChangesFeed()(request, *args, **kwargs)


class ChangesFeed(Feed):
    """New and changed records of the section, in the page's language."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return gettext("International activity: changes")

    def subtitle(self):
        return gettext(
            "New and updated records of the International activity section of the website "
            "of Stara Zagora Municipality."
        )

    def link(self):
        return absolute_url(reverse("international:section"))

    def feed_url(self):
        return absolute_url(self.request.path)

    def feed_guid(self):
        return f"tag:{tag_host(self.request)},{TAG_DATE}:international/changes/" + (
            translation.get_language()
        )

    def author_name(self):
        return SiteContact.objects.current().organisation_name

    def feed_copyright(self):
        return gettext("Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")

    def items(self):
        """Return the most recently changed published records of every kind, newest first."""
        querysets = [kind.model.objects.published() for kind in KINDS]
        records = chain(
            SectionPage.objects.order_by("pk")[:1],
            *(queryset.order_by("-updated_at", "-pk")[:FEED_LENGTH] for queryset in querysets),
        )
        return sorted(records, key=lambda record: record.updated_at, reverse=True)[:FEED_LENGTH]

    def item_title(self, item):
        # The feed writer escapes it: no escaping here, or "&" would show as "&amp;".
        return str(item)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        identifier = "section" if isinstance(item, SectionPage) else item.identifier
        return (
            f"tag:{tag_host(self.request)},{TAG_DATE}:international/{identifier}/"
            f"{translation.get_language()}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return getattr(item, "created_at", None) or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [kind_name(item)]

    def item_description(self, item):
        state = gettext("New in the section") if is_new(item) else gettext("Updated")
        kind = kind_name(item)
        text = record_summary(item)
        if text:
            return format_html("<p>{} · {}</p><p>{}</p>", kind, state, text)
        return format_html("<p>{} · {}</p>", kind, state)


def is_new(record):
    """Return True if *record* has not changed since it was created."""
    created = getattr(record, "created_at", None)
    return created is not None and record.updated_at == created


# iCalendar ---------------------------------------------------------------------------------

# The time zone the calendar names as its own (X-WR-TIMEZONE), written out with the
# European Union's summer-time rules that Bulgaria follows. Every event is all-day, so
# no time depends on it; it also keeps a calendar with no events valid (RFC 5545 asks
# for at least one component). Not icalendar's Timezone.from_tzid(): in icalendar 7.3
# it writes each change as the local time after it, where RFC 5545 (3.6.5) wants the
# time before it, so calendars reading it by the RFC move summer time an hour late; and
# it lists every change up to 2038 instead of two rules. A test holds these rules
# against the time zone database.
SOFIA_TIME_ZONE = """BEGIN:VTIMEZONE
TZID:Europe/Sofia
BEGIN:DAYLIGHT
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
TZNAME:EEST
DTSTART:19970330T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
TZNAME:EET
DTSTART:19971026T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def calendar_events():
    """Return the published events that have dates, soonest first."""
    return Event.objects.published().filter(start_date__isnull=False).order_by("start_date", "pk")


def event_description(event, page_url):
    """Return an event's calendar description: plain text, the facts a calendar has no field for."""
    lines = []
    text = plain_text(event.description)
    if text:
        lines.append(text)
    if event.organiser:
        lines.append(f"{gettext('Organiser')}: {event.organiser}")
    if event.recurrence:
        lines.append(f"{gettext('When')}: {event.recurrence}")
    if event.website:
        lines.append(f"{gettext('Official website')}: {event.website}")
    lines.append(page_url)
    return "\n\n".join(lines)


def events_calendar(request):
    """The section's European events as an iCalendar file, in the page's language."""
    language = translation.get_language()
    host = tag_host(request)
    name = gettext("European events and call deadlines of Stara Zagora Municipality")
    description = gettext(
        "Significant European events in which Stara Zagora Municipality takes part, and the "
        "deadlines of its open calls. Only events with published dates are included."
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//Stara Zagora Municipality//International activity//{language}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    # icalendar knows no type for the X- names and would not escape their commas.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", vText(description))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("url", absolute_url(reverse("international:section")))
    # The calendar's own address, without whatever query string the request had: the
    # calendar is cached and served to everyone.
    calendar.add("source", absolute_url(request.path), parameters={"VALUE": "URI"})
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    calendar.add_component(Timezone.from_ical(SOFIA_TIME_ZONE))
    for event in calendar_events():
        page_url = absolute_url(event.get_absolute_url())
        entry = CalendarEvent()
        entry.add("uid", f"{event.identifier}@{host}")
        # The time of the event's last change: the same content, the same file.
        entry.add("dtstamp", event.updated_at)
        entry.add("created", event.created_at)
        entry.add("last-modified", event.updated_at)
        entry.add("summary", event.name)
        entry.add("dtstart", event.start_date)
        # DTEND of an all-day event is the day after the last day (RFC 5545, 3.6.1).
        entry.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
        if event.is_yearly:
            # From its first dates, every year; UNTIL is the last edition's first day.
            rule = {"freq": "yearly"}
            if event.repeat_until_year:
                rule["until"] = event.last_occurrence().start
            entry.add("rrule", rule)
        if event.place:
            entry.add("location", event.place)
        entry.add("description", event_description(event, page_url))
        entry.add("url", page_url)
        entry.add("transp", "TRANSPARENT")
        entry.add("class", "PUBLIC")
        calendar.add_component(entry)
    add_call_deadlines(calendar, host)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def add_call_deadlines(calendar, host):
    """Add each open call's deadline to *calendar*: a moment in Sofia time, soonest first.

    A closed call leaves the calendar at its deadline by itself: the calls' deadlines are
    scheduled moments, which the cached calendar follows (models/content.py).
    """
    for call in Call.objects.published().open():
        page_url = absolute_url(call.get_absolute_url())
        entry = CalendarEvent()
        entry.add("uid", f"{call.identifier}-deadline@{host}")
        entry.add("dtstamp", call.updated_at)
        entry.add("created", call.created_at)
        entry.add("last-modified", call.updated_at)
        entry.add("summary", gettext("Deadline: %(title)s") % {"title": call.title})
        # With the zone's name (TZID=Europe/Sofia), which the calendar's VTIMEZONE defines.
        entry.add("dtstart", timezone.localtime(call.deadline))
        entry.add(
            "description", "\n\n".join(filter(None, [plain_text(call.description), page_url]))
        )
        entry.add("url", page_url)
        entry.add("transp", "TRANSPARENT")
        entry.add("class", "PUBLIC")
        calendar.add_component(entry)

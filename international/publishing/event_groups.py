"""The events of a page in the groups readers look for: upcoming, regular, past.

Upcoming events (ending today or later, in Sofia; a yearly one with its next edition)
come first, soonest first, with their dates; then the events with no dates, which say
in words when they take place ("every year"), as regular events; then the past ones,
latest first. The queryset (EventQuerySet.in_calendar_order) brings them in these
groups; here each upcoming event gets its edition, and the upcoming ones their order.
The groups change at a Sofia midnight: the pages' schedule follows (models/content.py).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models.event_dates import local_today


@dataclass(frozen=True)
class EventGroup:
    """Events shown under one heading."""

    key: str
    title: object
    records: list


GROUP_TITLES = {
    "upcoming": _("Upcoming events"),
    "regular": _("Regular events"),
    "past": _("Past events"),
}


def event_groups(events, today=None):
    """Return the non-empty groups of *events*, upcoming first, each event with its edition.

    Each event gets ``occurrence``: the edition to show (the next one of a yearly event;
    the last one of a past event), None without dates.
    """
    today = today or local_today()
    groups = {key: [] for key in GROUP_TITLES}
    for event in events:
        upcoming = event.next_occurrence(today)
        if event.start_date is None:
            event.occurrence = None
            groups["regular"].append(event)
        elif upcoming is not None:
            event.occurrence = upcoming
            groups["upcoming"].append(event)
        else:
            event.occurrence = event.last_occurrence()
            groups["past"].append(event)
    groups["upcoming"].sort(key=lambda event: (event.occurrence.start, event.occurrence.end))
    groups["past"].sort(key=lambda event: event.occurrence.end, reverse=True)
    return [
        EventGroup(key, GROUP_TITLES[key], records) for key, records in groups.items() if records
    ]

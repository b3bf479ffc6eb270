"""When an event takes place: its days, its yearly occurrences, and whether it is past.

An event's dates are whole days in Sofia. A single event is past from the Sofia midnight
after its last day; a yearly one takes place on the same days every year (as an RFC 5545
``RRULE:FREQ=YEARLY`` from its first dates), optionally up to a last year, and is past
only after its last occurrence.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

#: The longest an event's dates may run, first day to last (a yearly one's would overlap).
LONGEST_RANGE = datetime.timedelta(days=365)


def sofia_midnight(day):
    """Return the aware moment at which *day* begins in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class Occurrence:
    """One run of an event, first day to last (the same day for a single day)."""

    start: datetime.date
    end: datetime.date
    #: Whether it ends today or later (next_occurrence's).
    is_next: bool = False

    @property
    def is_single_day(self):
        return self.start == self.end


def occurrence_in(start, end, year):
    """Return the yearly occurrence of the dates *start*–*end* that begins in *year*, or None.

    As RFC 5545 reads a yearly rule: a 29 February start has occurrences in leap years only.
    """
    try:
        first = start.replace(year=year)
    except ValueError:
        return None
    return Occurrence(first, first + (end - start))


def next_occurrence(start, end, yearly, until_year, today):
    """Return the occurrence that ends *today* or later, or None if there is none.

    *end* may be None (a single day). For an event that does not repeat, its one run.
    """
    end = end or start
    if start is None:
        return None
    if not yearly:
        return Occurrence(start, end, is_next=True) if end >= today else None
    # The one beginning last year may still run (a range over New Year).
    for year in range(max(start.year, today.year - 1), max(start.year, today.year) + 9):
        if until_year is not None and year > until_year:
            return None
        occurrence = occurrence_in(start, end, year)
        if occurrence is not None and occurrence.end >= today:
            return Occurrence(occurrence.start, occurrence.end, is_next=True)
    return None


def last_day(start, end, yearly, until_year):
    """Return the last day the event takes place on, or None when it has no end (or no dates)."""
    if start is None:
        return None
    end = end or start
    if not yearly:
        return end
    if until_year is None:
        return None
    for year in range(until_year, start.year - 1, -1):
        occurrence = occurrence_in(start, end, year)
        if occurrence is not None:
            return occurrence.end
    return end


def local_today(now=None):
    """Return today's date in Sofia (at *now*, by default the present)."""
    return timezone.localdate(now or timezone.now(), ZoneInfo(settings.TIME_ZONE))

"""The content version: one number that every change to the section's content bumps.

Public pages, feeds and exports are cached under it, so no request renders from stale
content after a save, delete, reorder or history restore. The signal receivers
(signals.py) cover saves and deletes; bulk changes that send no signals (drag-and-drop
reordering) call content_changed() themselves. Also here: which seed records were loaded.

A record's "publish from" and "publish until" change what the public sees with no save
at all: the version a request reads (current_version) also names the last such moment
that has passed and the next one to come, so pages are keyed on the first and kept no
longer than the second. Both are worked out in one query per content version, kept in
the cache beside it, and again once the next moment has passed.
"""

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import connection, models
from django.db.models import F, IntegerField, Max, Min, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Record

#: The longest time the moments of one content version are kept in the cache.
SCHEDULE_TIMEOUT = 60 * 60 * 24


class ContentVersion(models.Model):
    """One row whose number every change to the section's content increases.

    Cached pages are keyed on it. It lives in the database, in the same transaction
    as the change itself, so every app instance and process sees a change together
    with the content it describes, whatever cache each one uses.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self):
        return str(self.version)


class SeedApplied(models.Model):
    """A seed record that was loaded once; never loaded again, even if staff delete it."""

    key = models.CharField(max_length=100, unique=True)
    model = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField(null=True)
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("loaded seed record")
        verbose_name_plural = _("loaded seed records")

    def __str__(self):
        return self.key


@dataclass(frozen=True)
class Version:
    """The content version as read for one request.

    *passed* is the last scheduled moment (a "publish from" or "publish until") that has
    passed, *upcoming* the next one to come; either may be None. *changed_at* is the
    later of the last change and *passed*: when the public's view last changed.
    """

    version: int
    changed_at: datetime
    passed: datetime | None = None
    upcoming: datetime | None = None

    @property
    def key(self):
        """Return what cached pages are keyed on: the number and the last moment passed."""
        if self.passed is None:
            return str(self.version)
        return f"{self.version}.{self.passed.timestamp():.0f}"

    def seconds_left(self, longest, now=None):
        """Return *longest*, or fewer seconds if the next scheduled moment comes sooner."""
        return seconds_until(self.upcoming, longest, now)


def seconds_until(moment, longest, now=None):
    """Return the whole seconds from *now* to *moment* (None: never), at most *longest*."""
    if moment is None:
        return longest
    left = (moment - (now or timezone.now())).total_seconds()
    return max(0, min(longest, math.ceil(left)))


def content_version():
    """Return the current content version (one query).

    Every public request reads it first, cached page or not, so it is one plain
    SELECT by primary key rather than a queryset built per request (which cost more
    than serving the cached page itself). The timestamp goes through the database
    backend's own converters, as the ORM would do.
    """
    meta = ContentVersion._meta
    version_field, changed_field = meta.get_field("version"), meta.get_field("changed_at")
    quote = connection.ops.quote_name
    # Only the model's own quoted names and the constant 1 go into the SQL; with no
    # parameters the SQLite backend also skips rewriting the placeholders.
    sql = (
        f"SELECT {quote(version_field.column)}, {quote(changed_field.column)} "  # noqa: S608
        f"FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None:
        created, _created = ContentVersion.objects.get_or_create(pk=1)
        return Version(created.version, created.changed_at)
    number, changed_at = row
    column = changed_field.get_col(meta.db_table)
    for converter in connection.ops.get_db_converters(column):
        changed_at = converter(changed_at, column, connection)
    return Version(number, changed_at)


def content_changed():
    """Bump the content version: everything cached before is stale from now on."""
    updated = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1)


def scheduled_moments(now):
    """Return the last scheduled moment up to *now*, and the next after it.

    The moments are the values of each kind's ``schedule_fields`` ("publish from",
    "publish until" and what a kind adds, such as a deadline), of published records only
    (of an unpublished one the dates change nothing), in one query: a row of two extremes
    per kind and field, the rows joined by UNION ALL. While a moment of a kind's
    ``countdown_fields`` is still to come, its pages count the days to it: the midnight
    (Sofia time) that began today is a moment passed too, and the next one to come.
    """
    fields = [
        (model, field)
        for model in apps.get_app_config("international").get_models()
        if issubclass(model, Record)
        for field in model.schedule_fields
    ]
    queries = [
        model._base_manager.filter(is_published=True)
        .order_by()
        .values("is_published")
        .annotate(
            passed=Max(field, filter=Q(**{f"{field}__lte": now})),
            next=Min(field, filter=Q(**{f"{field}__gt": now})),
            # Which field the row is of: UNION ALL promises no order.
            row=Value(index, output_field=IntegerField()),
        )
        .values_list("passed", "next", "row")
        for index, (model, field) in enumerate(fields)
    ]
    passed, upcoming = [], []
    for last, following, row in queries[0].union(*queries[1:], all=True):
        if last is not None:
            passed.append(last)
        if following is not None:
            upcoming.append(following)
            model, field = fields[row]
            if field in model.countdown_fields:
                passed.append(sofia_midnight(now))
                upcoming.append(sofia_midnight(now, days=1))
    return max(passed, default=None), min(upcoming, default=None)


def sofia_midnight(now, days=0):
    """Return the midnight in the site's time zone that began *now*'s day, *days* later."""
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time()))


def schedule(version, now=None):
    """Return the scheduled moments around *now* for content *version*, from the cache if kept.

    What is kept stays true until its next moment comes (a change of content makes a
    new version, kept under another key), so only then is it worked out again.
    """
    now = now or timezone.now()
    key = f"international:schedule:{version}"
    kept = cache.get(key)
    if kept is not None and (kept[1] is None or kept[1] > now):
        return kept
    moments = scheduled_moments(now)
    cache.set(key, moments, seconds_until(moments[1], SCHEDULE_TIMEOUT, now) or 1)
    return moments


def current_version():
    """Return the content version with its scheduled moments: what public pages key on."""
    read = content_version()
    passed, upcoming = schedule(read.version)
    changed_at = max(read.changed_at, passed) if passed else read.changed_at
    return Version(read.version, changed_at, passed, upcoming)


def request_version(request):
    """Return the current version for *request*, read once however often it is asked for."""
    if not hasattr(request, "_content_version"):
        request._content_version = current_version()
    return request._content_version

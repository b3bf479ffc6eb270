"""The content version: one number that every change to the section's content bumps.

Public pages, feeds and exports are cached under it, so no request renders from stale
content after a save, delete, reorder or history restore. The signal receivers
(signals.py) cover saves and deletes; bulk changes that send no signals (drag-and-drop
reordering) call content_changed() themselves. Also here: which seed records were loaded.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    """The content version as read for one request."""

    version: int
    changed_at: datetime


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


def request_version(request):
    """Return the content version for *request*, read once however often it is asked for."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version

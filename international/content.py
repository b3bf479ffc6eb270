"""The content version: one number that every change to the section's content bumps.

Public pages, feeds and exports are cached under it, so no request renders from stale
content after a save, delete, reorder or history restore. Signals cover saves and
deletes; bulk changes that send no signals (drag-and-drop reordering) call
content_changed() themselves.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F
from django.utils import timezone


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
    from .models import ContentVersion

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
    from .models import ContentVersion

    updated = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1)

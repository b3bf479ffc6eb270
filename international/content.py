"""The content version: one number that every change to the section's content bumps.

Public pages, feeds and exports are cached under it, so no request renders from stale
content after a save, delete, reorder or history restore. Signals cover saves and
deletes; bulk changes that send no signals (drag-and-drop reordering) call
content_changed() themselves.
"""

from django.db.models import F
from django.utils import timezone


def content_version():
    """Return the current ContentVersion row (one query)."""
    from .models import ContentVersion

    version = ContentVersion.objects.filter(pk=1).first()
    if version is None:
        version, _created = ContentVersion.objects.get_or_create(pk=1)
    return version


def content_changed():
    """Bump the content version: everything cached before is stale from now on."""
    from .models import ContentVersion

    updated = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1)

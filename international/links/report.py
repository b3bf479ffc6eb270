"""Run the link check into LinkCheck rows, and replace a moved address in its record."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from ..models import LinkCheck
from .checker import Checker
from .collect import collect_links, replace_address

#: Stored untranslated; the history page shows it in the reader's language.
LINK_REPLACED = gettext_noop("Link replaced")

FIELDS = ["status", "status_code", "final_url", "redirect_count", "permanent_redirect", "message"]


def run_check(checker=None, links=None):
    """Check every address of every record; return the number of addresses by status.

    Each address is asked once however many records link to it. A row is kept per
    (record, field, address): updated, added, or removed when the address is gone.
    """
    links = collect_links() if links is None else links
    results = (checker or Checker()).check_many(link.url for link in links)
    checked_at = timezone.now()
    existing = {
        (row.content_type_id, row.object_id, row.field_name, row.url): row
        for row in LinkCheck.objects.all()
    }
    added, updated, seen = [], [], set()
    for link in links:
        if link.key in seen:
            continue
        seen.add(link.key)
        result = results[link.url]
        values = {name: getattr(result, name) for name in FIELDS}
        row = existing.get(link.key)
        if row is None:
            added.append(
                LinkCheck(
                    content_type_id=link.content_type_id,
                    object_id=link.object_id,
                    field_name=link.field_name,
                    url=link.url,
                    checked_at=checked_at,
                    **values,
                )
            )
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.checked_at = checked_at
            updated.append(row)
    with transaction.atomic():
        LinkCheck.objects.filter(
            pk__in=[row.pk for key, row in existing.items() if key not in seen]
        ).delete()
        LinkCheck.objects.bulk_create(added)
        LinkCheck.objects.bulk_update(updated, [*FIELDS, "checked_at"])
    return Counter(result.status for result in results.values())


class ReplaceError(Exception):
    """The address could not be replaced; the message says why, to the editor."""


def replace_link(row, user=None):
    """Write a moved address's new one into its record (saved, so history keeps it).

    The row is then marked as working at the new address.
    """
    record = row.record
    if row.status != LinkCheck.Status.REDIRECTED or not row.final_url:
        raise ReplaceError(gettext("This address has not moved."))
    if record is None:
        raise ReplaceError(gettext("The record no longer exists."))
    new = row.final_url
    field = record._meta.get_field(row.field_name)
    if not replace_address(record, row.field_name, row.url, new):
        raise ReplaceError(gettext("The field no longer has this address; check the links again."))
    try:
        field.clean(getattr(record, row.field_name), record)
    except ValidationError as error:
        raise ReplaceError(" ".join(error.messages)) from None
    record._change_reason = LINK_REPLACED
    if user is not None:
        record._history_user = user
    with transaction.atomic():
        record.save()
        duplicate = LinkCheck.objects.filter(
            content_type_id=row.content_type_id,
            object_id=row.object_id,
            field_name=row.field_name,
            url=new,
        ).exclude(pk=row.pk)
        if duplicate.exists():
            # The field linked to the new address already: that row stands for both now.
            row.delete()
            return
        row.url = new
        row.status = LinkCheck.Status.OK
        row.final_url = ""
        row.redirect_count = 0
        row.permanent_redirect = False
        row.message = ""
        row.save()


def describe(counts):
    """Return the check's counts in words: "Checked 12 addresses. Works: 9; Broken: 1"."""
    total = sum(counts.values())
    checked = ngettext("Checked %(count)d address.", "Checked %(count)d addresses.", total) % {
        "count": total
    }
    parts = [
        f"{status.label}: {counts[status]}" for status in LinkCheck.Status if counts.get(status)
    ]
    return " ".join([checked, "; ".join(parts)]) if parts else checked

"""Run the link check into LinkCheck rows, and replace a moved address in its record."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from ..models import LinkCheck, PendingChange
from ..review import notify, proposals
from .checker import Checker
from .collect import collect_links, replace_address

#: Stored untranslated; the history page shows it in the reader's language.
LINK_REPLACED = gettext_noop("Link replaced")

FIELDS = ["status", "status_code", "final_url", "redirect_count", "permanent_redirect", "message"]


@dataclass
class CheckRun:
    """What a check did: the number of addresses by status, and how many it left."""

    counts: Counter = field(default_factory=Counter)
    left: int = 0


def longest_unchecked_first(links, rows):
    """Return the addresses of *links*, the ones never checked first, then the oldest."""
    checked = {}
    for row in rows:
        if row.url not in checked or row.checked_at < checked[row.url]:
            checked[row.url] = row.checked_at
    keys = {(row.content_type_id, row.object_id, row.field_name, row.url) for row in rows}
    never = {link.url for link in links if link.key not in keys}
    urls = list(dict.fromkeys(link.url for link in links))
    return sorted(urls, key=lambda url: (url not in never, checked.get(url) or timezone.now()))


def run_check(checker=None, links=None, budget=None):
    """Check the addresses of every record; return a CheckRun.

    Each address is asked once however many records link to it. A row is kept per
    (record, field, address): updated, added, or removed when the address is gone. With
    a *budget* (seconds) the check stops when it is spent, the addresses never checked
    or checked longest ago asked first; the others keep their rows as they were.
    """
    links = collect_links() if links is None else links
    existing = {
        (row.content_type_id, row.object_id, row.field_name, row.url): row
        for row in LinkCheck.objects.all()
    }
    urls = longest_unchecked_first(links, existing.values())
    results = (checker or Checker(budget=budget)).check_many(urls)
    checked_at = timezone.now()
    added, updated, seen = [], [], set()
    for link in links:
        if link.key in seen:
            continue
        seen.add(link.key)
        result = results.get(link.url)
        if result is None:
            continue  # Not checked in the time there was: the row stays as it is.
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
    return CheckRun(
        Counter(result.status for result in results.values()), len(set(urls) - set(results))
    )


class ReplaceError(Exception):
    """The address could not be replaced; the message says why, to the editor."""


def _replaced(row, record):
    """Put the row's new address in *record* (not saved) after checking it may be."""
    if row.status != LinkCheck.Status.REDIRECTED or not row.final_url:
        raise ReplaceError(gettext("This address has not moved."))
    if record is None:
        raise ReplaceError(gettext("The record no longer exists."))
    field = record._meta.get_field(row.field_name)
    if not replace_address(record, row.field_name, row.url, row.final_url):
        raise ReplaceError(gettext("The field no longer has this address; check the links again."))
    try:
        field.clean(getattr(record, row.field_name), record)
    except ValidationError as error:
        raise ReplaceError(" ".join(error.messages)) from None


def replace_link(row, user=None):
    """Write a moved address's new one into its record (saved, so history keeps it).

    For a user who may publish. The row is then marked as working at the new address.
    """
    record = row.record
    _replaced(row, record)
    new = row.final_url
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


def propose_link(row, user, fields):
    """Send the record with the row's new address for approval, as *user*'s proposal.

    For an editor who may not publish: the record stays as it is. The proposal has the
    record's values of *fields* (the admin form's), or those of the editor's proposal
    still waiting, with only the address replaced. Return the PendingChange.
    """
    record = row.record
    if record is not None:
        waiting = (
            PendingChange.objects.pending()
            .filter(
                content_type=ContentType.objects.get_for_model(record),
                object_id=record.pk,
                author=user,
            )
            .first()
        )
        if waiting is not None:
            proposals.apply_values(record, waiting.values)
    _replaced(row, record)
    change, created = proposals.submit(record, proposals.values_of(record, fields), user)
    if created:
        notify.notify_approvers(change)
    return change


def describe(run):
    """Return a check's counts in words: "Checked 12 addresses. Works: 9; Broken: 1"."""
    counts = run.counts
    total = sum(counts.values())
    checked = ngettext("Checked %(count)d address.", "Checked %(count)d addresses.", total) % {
        "count": total
    }
    parts = [
        f"{status.label}: {counts[status]}" for status in LinkCheck.Status if counts.get(status)
    ]
    text = " ".join([checked, "; ".join(parts)]) if parts else checked
    if run.left:
        text += " " + ngettext(
            "%(count)d address was not checked in the time there was: it is checked on the "
            "next press of the button or by the scheduled check.",
            "%(count)d addresses were not checked in the time there was: they are checked on "
            "the next press of the button or by the scheduled check.",
            run.left,
        ) % {"count": run.left}
    return text

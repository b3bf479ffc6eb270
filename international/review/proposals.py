"""An editor's proposal: the form's values kept as JSON, compared and applied on approval."""

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from ..models import PendingChange

#: Stored untranslated with their arguments after "|"; the history page translates them.
SUBMITTED = gettext_noop("Sent for approval by %(name)s")
APPROVED = gettext_noop("Approved: the change by %(name)s")
SENT_BACK = gettext_noop("Sent back to %(name)s: %(comment)s")
REASON_LENGTH = 100  # simple-history's history_change_reason


def proposed_fields(model, form):
    """Return the model fields of *form* a proposal keeps: text, choices, dates, relations.

    Files and images are left out: a proposal keeps the record's current ones. The order
    is the list's (drag and drop), not the editor's.
    """
    fields = []
    names = {field.name for field in model._meta.get_fields()}
    for name in form.fields:
        if name not in names:
            continue  # A form field of no model field (none today).
        field = model._meta.get_field(name)
        if not field.concrete or field.many_to_many or isinstance(field, models.FileField):
            continue
        if field.name in ("order", "created_at", "updated_at") or not field.editable:
            continue
        fields.append(field)
    return fields


def values_of(record, fields):
    """Return *record*'s values of *fields* as JSON-ready data, by column name."""
    encoder = DjangoJSONEncoder()
    values = {}
    for field in fields:
        value = field.get_prep_value(field.value_from_object(record))
        values[field.attname] = encoder.default(value) if _needs_encoding(value) else value
    return values


def _needs_encoding(value):
    return not isinstance(value, (str, int, float, bool, type(None)))


def apply_values(record, values):
    """Set *values* (by column name) on *record*, as the model's fields read them."""
    by_column = {field.attname: field for field in record._meta.concrete_fields}
    for column, value in values.items():
        field = by_column.get(column)
        if field is not None:
            setattr(record, column, field.to_python(value))


def _differ(old, new):
    # An empty text stored once as NULL and once as "" is no change (as in history).
    return old != new and not (old in (None, "") and new in (None, ""))


def differences(record, values):
    """Return (field, current value, proposed value) for each field the proposal changes."""
    by_column = {field.attname: field for field in record._meta.concrete_fields}
    current = values_of(record, [by_column[column] for column in values if column in by_column])
    return [
        (by_column[column], current[column], value)
        for column, value in values.items()
        if column in current and _differ(current[column], value)
    ]


def changed_values(change):
    """Return the values the editor changed: the proposal against the record it started from.

    A change stored before the base was kept (no base) proposes all its values.
    """
    if change.base_values is None:
        return dict(change.values)
    return {
        column: value
        for column, value in change.values.items()
        if column not in change.base_values or _differ(change.base_values[column], value)
    }


def three_way(record, change):
    """Return (field, base, current, proposed, in conflict) for each field the editor changed.

    In conflict: the published record changed that field too since the proposal's base.
    """
    by_column = {field.attname: field for field in record._meta.concrete_fields}
    changed = {c: v for c, v in changed_values(change).items() if c in by_column}
    current = values_of(record, [by_column[column] for column in changed])
    base = change.base_values or {}
    rows = []
    for column, proposed in changed.items():
        original = base.get(column, current[column])
        if not _differ(current[column], proposed):
            continue  # Already so: nothing to apply, nothing to lose.
        rows.append(
            (
                by_column[column],
                original,
                current[column],
                proposed,
                _differ(original, current[column]),
            )
        )
    return rows


def conflicts(record, change):
    """Return the fields the editor changed that the published record changed too since."""
    return [field for field, _base, _now, _new, conflict in three_way(record, change) if conflict]


class AlreadyReviewedError(Exception):
    """The change was approved or sent back meanwhile."""


class StaleProposalError(Exception):
    """The record changed since the proposal in a field the proposal changes as well."""

    def __init__(self, fields):
        super().__init__(", ".join(field.name for field in fields))
        self.fields = fields


def reason(template, **arguments):
    """Return a change reason to store: the untranslated text and its arguments."""
    stored = "|".join([template, *arguments.values()])
    return Truncator(stored).chars(REASON_LENGTH)


def note_in_history(record, user, text):
    """Write a history row of *record* as it is, with *text* as its reason."""
    type(record).history.bulk_history_create(
        [record], update=True, default_user=user, default_change_reason=text
    )


@transaction.atomic
def submit(record, values, user, *, is_new=False):
    """Store *values* as *user*'s proposal for *record*; return it and whether it is new.

    An editor's proposal still waiting is updated, so they go on working on one proposal.
    """
    content_type = ContentType.objects.get_for_model(record)
    change = (
        PendingChange.objects.pending()
        .filter(content_type=content_type, object_id=record.pk, author=user)
        .first()
    )
    created = change is None
    if created:
        change = PendingChange(
            content_type=content_type, object_id=record.pk, author=user, is_new=is_new
        )
    # The record as stored, not the form's values on it: the proposal changed nothing yet.
    # Each save rebases the proposal: the editor's form showed the record as it is now
    # with only their own changes laid over it.
    stored = type(record)._base_manager.get(pk=record.pk)
    by_column = {field.attname: field for field in record._meta.concrete_fields}
    change.values = values
    change.base_values = values_of(stored, [by_column[column] for column in values])
    if change.is_new:
        change.base_values.pop("is_published", None)  # Publishing is what a new one proposes.
    latest = stored.history.order_by("-history_date", "-history_id").first()
    change.base_history_id = latest.history_id if latest is not None else None
    change.created_at = timezone.now()
    change.save()
    if created:
        note_in_history(stored, user, reason(SUBMITTED, name=user.get_username()))
    return change, created


@transaction.atomic
def approve(change, reviewer):
    """Write the fields the editor changed to the record through its save, so history keeps
    it, with the record's documents awaiting approval; publish it.

    Raise StaleProposalError, changing nothing, if the published record changed one of those
    fields since the proposal; AlreadyReviewedError if another approver got there first.
    """
    # Locked, so that no save of the record or second approval slips in between.
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if change.status != PendingChange.Status.PENDING:
        raise AlreadyReviewedError(change.pk)
    model = change.content_type.model_class()
    record = model._base_manager.select_for_update().get(pk=change.object_id)
    stale = conflicts(record, change)
    if stale:
        raise StaleProposalError(stale)
    apply_values(record, changed_values(change))
    record.full_clean()
    record._history_user = reviewer
    record._change_reason = reason(APPROVED, name=change.author.get_username())
    record.save()
    for document in documents_awaiting_approval(record):
        document.is_approved = True
        document._history_user = reviewer
        document.save()
    change.status = PendingChange.Status.APPROVED
    change.reviewer = reviewer
    change.reviewed_at = timezone.now()
    change.save()
    return record


def documents_awaiting_approval(record):
    """Return the record's documents an approver has not let through yet (docs/review.md)."""
    documents = getattr(record, "documents", None)
    if documents is None:
        return []
    return list(documents.filter(is_approved=False))


@transaction.atomic
def send_back(change, reviewer, comment):
    """Return the proposal to its author with *comment*; the record stays as it is.

    Raise AlreadyReviewedError, changing nothing, if another approver approved it or sent
    it back meanwhile (locked as approve() locks it).
    """
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if change.status != PendingChange.Status.PENDING:
        raise AlreadyReviewedError(change.pk)
    change.status = PendingChange.Status.SENT_BACK
    change.reviewer = reviewer
    change.reviewed_at = timezone.now()
    change.comment = comment
    change.save()
    note_in_history(
        change.record,
        reviewer,
        reason(SENT_BACK, name=change.author.get_username(), comment=" ".join(comment.split())),
    )
    return change

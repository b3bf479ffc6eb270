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


def differences(record, values):
    """Return (field, current value, proposed value) for each field the proposal changes."""
    by_column = {field.attname: field for field in record._meta.concrete_fields}
    current = values_of(record, [by_column[column] for column in values if column in by_column])
    return [
        (by_column[column], current[column], value)
        for column, value in values.items()
        if column in current
        and current[column] != value
        # An empty text stored once as NULL and once as "" is no change (as in history).
        and not (current[column] in (None, "") and value in (None, ""))
    ]


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
    change.values = values
    change.created_at = timezone.now()
    change.save()
    if created:
        # The record as stored, not the form's values on it: the proposal changed nothing yet.
        stored = type(record)._base_manager.get(pk=record.pk)
        note_in_history(stored, user, reason(SUBMITTED, name=user.get_username()))
    return change, created


@transaction.atomic
def approve(change, reviewer):
    """Write the proposal to the record through its save, so history keeps it; publish it."""
    record = change.record
    apply_values(record, change.values)
    record.full_clean()
    record._history_user = reviewer
    record._change_reason = reason(APPROVED, name=change.author.get_username())
    record.save()
    change.status = PendingChange.Status.APPROVED
    change.reviewer = reviewer
    change.reviewed_at = timezone.now()
    change.save()
    return record


@transaction.atomic
def send_back(change, reviewer, comment):
    """Return the proposal to its author with *comment*; the record stays as it is."""
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

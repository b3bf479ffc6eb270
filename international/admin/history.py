"""The history of every record, in words an editor reads (django-simple-history)."""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django_prose_editor.fields import ProseEditorField
from modeltranslation.translator import translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from ..text import plain_text


def moment(value):
    """Return a date and time as an editor reads it, in Sofia time."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def is_blank(value):
    return value is None or value == ""


class TranslatedDiffDisplay(ObjDiffDisplay):
    """Say in the admin's language how much of a long text a diff leaves out."""

    def shortened_str(self, prefix, num_skipped_chars, suffix):
        skipped = ngettext(
            "[%(count)d character left out]", "[%(count)d characters left out]", num_skipped_chars
        ) % {"count": num_skipped_chars}
        return f"{prefix}{skipped}{suffix}"


class TranslatedHistoryHelper(HistoricalRecordContextHelper):
    """List what changed by its _bg and _en fields only, in words an editor reads.

    modeltranslation keeps each translated field's own column too ("name" beside "name_bg"
    and "name_en"), filled in whichever language the admin was in when the record was
    saved: a change there is no change the editor made. Nor is an empty text stored once
    as NULL and once as "".
    """

    def context_for_delta_changes(self, delta):
        untranslated = translator.get_options_for_model(self.model).fields
        changes = [
            change
            for change in delta.changes
            if change.field not in untranslated
            and not (is_blank(change.old) and is_blank(change.new))
        ]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def get_obj_diff_display(self):
        return TranslatedDiffDisplay(max_length=self.max_displayed_delta_change_chars)

    def prepare_delta_change_value(self, change, value):
        """Show a value as the form shows it: "Yes", a choice's label, a date, plain text."""
        field = self.model._meta.get_field(change.field)
        if is_blank(value):
            return "—"
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if field.flatchoices:
            return str(dict(field.flatchoices).get(value, value))
        # A related record comes as the record itself (the admin's diff fetches it), and
        # only editable fields are compared: dates, and the schedule's date-times (never
        # the automatic ones), shown in Sofia time.
        if isinstance(value, datetime.datetime):
            return moment(value)
        if isinstance(value, datetime.date):
            return date_format(value)
        if isinstance(field, ProseEditorField):
            return plain_text(value, block_separator=" / ")
        return super().prepare_delta_change_value(change, value)


class TranslatedHistoryAdmin(SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        return TranslatedHistoryHelper(self.model, historical_record)

"""What the admin shows of a record's "publish from" and "publish until": a column, a filter."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models.base import Record, live
from .history import moment


@admin.display(description=_("Schedule"))
def schedule_status(record):
    """Say whether the public sees the record now, and until or from when."""
    state = record.schedule_state()
    if state == "scheduled":
        text = gettext("Scheduled: from %(moment)s") % {"moment": moment(record.publish_from)}
    elif state == "expired":
        text = gettext("Expired: until %(moment)s") % {"moment": moment(record.publish_until)}
    elif state == "live" and record.publish_until:
        text = gettext("Live until %(moment)s") % {"moment": moment(record.publish_until)}
    else:
        text = Record.SCHEDULE_STATES[state]
    return format_html('<span class="schedule schedule-{}">{}</span>', state, text)


class ScheduleFilter(admin.SimpleListFilter):
    """The published records the public sees now, will see later, or no longer sees."""

    title = _("schedule")
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [
            (state, label) for state, label in Record.SCHEDULE_STATES.items() if state != "hidden"
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.filter(live(now))
        if self.value() == "scheduled":
            return queryset.filter(is_published=True, publish_from__gt=now)
        if self.value() == "expired":
            return queryset.filter(is_published=True, publish_until__lte=now)
        return queryset

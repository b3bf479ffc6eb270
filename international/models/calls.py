"""Open calls and funding opportunities, with their deadlines."""

from datetime import timedelta

from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .base import Record, RecordQuerySet
from .fields import (
    RichTextField,
    WebsiteField,
    schedule_in_order,
    unique_slug_constraints,
)
from .records import Programme


def open_at(now):
    """Return the condition of a call still open for applications at *now*."""
    return Q(deadline__gt=now)


class CallQuerySet(RecordQuerySet):
    def open(self):
        """Return the calls whose deadline is still to come, the soonest first."""
        return self.filter(open_at(timezone.now())).order_by("deadline", "pk")

    def open_first(self):
        """Return the open calls (soonest deadline first), then the closed (newest first)."""
        now = timezone.now()
        return self.order_by(
            Case(When(deadline__gt=now, then=F("deadline"))).asc(nulls_last=True),
            F("deadline").desc(),
            "pk",
        )


class Call(Record):
    """An open call for partners, projects or citizens, with its deadline."""

    class Audience(models.TextChoices):
        PARTNERS = "partners", _("Call for partners")
        PROJECTS = "projects", _("Call for projects")
        CITIZENS = "citizens", _("Call for citizens")

    slug_source = "title"
    url_name = "international:call"
    # At the deadline a call moves to the archive by itself: its pages follow it.
    schedule_fields = (*Record.schedule_fields, "deadline")

    audience = models.CharField(_("for whom"), max_length=20, choices=Audience)
    title = models.CharField(_("title"), max_length=300)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        help_text=_("The section's EU programme the call is under, if any."),
    )
    funder = models.CharField(
        _("programme or funder"),
        max_length=300,
        blank=True,
        help_text=_("Its name, if it is not one of the section's programmes."),
    )
    eligibility = RichTextField(_("who may apply"))
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Date and time (Sofia time) by which applications are due.")
    )
    website = WebsiteField()
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("Who answers questions about the call, e.g. a unit and its telephone."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    description = RichTextField(_("description"))

    objects = CallQuerySet.as_manager()

    class Meta(Record.Meta):
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [*unique_slug_constraints("call"), schedule_in_order("call")]

    @classmethod
    def daily_changes(cls, now):
        """Return the open calls: until the deadline their pages count the days left, which
        change at every Sofia midnight."""
        return open_at(now)

    def is_open(self, now=None):
        """Return whether applications are still accepted at *now*."""
        return self.deadline > (now or timezone.now())

    def last_day(self):
        """Return the last day (Sofia time) applications are taken: a deadline at midnight
        ends the day before it."""
        return timezone.localtime(self.deadline - timedelta(microseconds=1)).date()

    def days_left(self, now=None):
        """Return the whole days in Sofia from *now*'s date to the last day (0: last day)."""
        now = now or timezone.now()
        return (self.last_day() - timezone.localdate(now)).days

    def time_left(self, now=None):
        """Return "3 days left", or "Last day" on the deadline's own day."""
        days = self.days_left(now)
        if days < 1:
            return gettext("Last day")
        return ngettext("%(count)d day left", "%(count)d days left", days) % {"count": days}

"""The records of the section's kinds: organisations, events, programmes, projects, twin cities.

Every text a reader sees is translated by modeltranslation (see translation.py):
Bulgarian is required, English optional and falls back to Bulgarian. Each kind is
published through its entry in kinds.py.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .base import Record, RecordQuerySet, live
from .event_dates import (
    LONGEST_RANGE,
    Occurrence,
    last_day,
    local_today,
    next_occurrence,
    sofia_midnight,
)
from .fields import (
    END_DATE_BEFORE_START,
    LAST_YEAR_BEFORE_FIRST,
    ImageUploadField,
    RichTextField,
    WebsiteField,
    YearField,
    end_not_before_start,
    schedule_in_order,
    unique_slug_constraints,
)
from .images import ImageMixin

YEARLY_WITHOUT_START = _("A yearly event needs a start date: the first day of one of its editions.")
END_WITHOUT_START = _("Enter the start date too, or leave the end date empty.")
RANGE_TOO_LONG = _("An event’s dates may span a year at most. Check the end date.")
UNTIL_WITHOUT_YEARLY = _(
    "A last year only applies to a yearly event: choose “Every year” or leave it empty."
)
UNTIL_BEFORE_START = _("The last year cannot be before the year of the start date.")


class Organization(ImageMixin, Record):
    """The municipality's membership in an international organisation or network."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        NETWORK = "network", _("European network")
        ASSOCIATION = "association", _("Association")

    url_name = "international:organization"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INTERNATIONAL)
    name = models.CharField(_("name"), max_length=200)
    original_name = models.CharField(
        _("name in its own language"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Club de Strasbourg”; shown with its language marked."),
    )
    original_name_language = models.CharField(
        _("language of that name"),
        max_length=10,
        blank=True,
        help_text=_("Language code of the name above, e.g. fr, de, en."),
    )
    description = RichTextField(_("description"))
    website = WebsiteField()
    image = ImageUploadField(_("logo"), "organisations")
    founded_year = YearField(_("year founded"))
    founded_note = models.CharField(
        _("how it was founded"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “on the initiative of the Mayor of Strasbourg”."),
    )
    size = models.CharField(_("size"), max_length=200, blank=True, help_text=_("E.g. “38 cities”."))
    member_since = YearField(_("member since"))
    role = models.CharField(
        _("the municipality's role"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “active member”."),
    )
    highlights = RichTextField(
        _("highlights"),
        help_text=_("What the municipality did in it, e.g. a working group it moderated."),
    )

    class Meta(Record.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [*unique_slug_constraints("organization"), schedule_in_order("organization")]


class EventQuerySet(RecordQuerySet):
    def in_calendar_order(self, now=None):
        """Return the events upcoming first (yearly and not yet ended ones), then the
        undated ones, then the past ones: the groups the pages show (publishing/event_groups.py
        orders the events within each, a yearly one by its next edition)."""
        now = now or timezone.now()
        ongoing = Q(ends_at__gt=now) | (Q(repeats=Event.Repeats.YEARLY) & Q(ends_at__isnull=True))
        return self.annotate(
            calendar_group=Case(
                When(start_date__isnull=True, then=Value(1)),
                When(ongoing, then=Value(0)),
                default=Value(2),
                output_field=models.IntegerField(),
            )
        ).order_by(
            "calendar_group",
            # Past events the latest first: a page's first events are the most recent.
            Case(When(calendar_group=2, then=F("ends_at"))).desc(nulls_last=True),
            "start_date",
            "order",
            "pk",
        )


class Event(ImageMixin, Record):
    """A significant European event the municipality takes part in or hosts."""

    class Repeats(models.TextChoices):
        NEVER = "", _("Does not repeat")
        YEARLY = "yearly", _("Every year, on the same dates")

    url_name = "international:event"
    # The moment the event turns past; a yearly one's occurrences turn daily_changes().
    schedule_fields = (*Record.schedule_fields, "ends_at")

    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    recurrence = models.CharField(
        _("when it takes place"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “every year”. Use the dates below for a single event."),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("The first day. For a yearly event, the first day of one of its editions."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The last day, if the event lasts more than one day."),
    )
    repeats = models.CharField(
        _("repeats"), max_length=10, choices=Repeats, default=Repeats.NEVER, blank=True
    )
    repeat_until_year = models.PositiveSmallIntegerField(
        _("last year it repeats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Only for a yearly event that ends. Leave empty if it goes on."),
    )
    #: When the event is past: the Sofia midnight after its last day (None: undated, or
    #: yearly with no last year). Worked out on save, for the pages' schedule.
    ends_at = models.DateTimeField(null=True, editable=False)
    website = WebsiteField()
    image = ImageUploadField(_("logo"), "events")
    description = RichTextField(_("description"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("through the organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("The membership through which the municipality takes part, if any."),
    )

    class Meta(Record.Meta):
        verbose_name = _("European event")
        verbose_name_plural = _("European events")
        constraints = [
            *unique_slug_constraints("event"),
            schedule_in_order("event"),
            end_not_before_start("event", "start_date", "end_date", END_DATE_BEFORE_START),
            models.CheckConstraint(
                condition=~Q(repeats="yearly") | Q(start_date__isnull=False),
                name="event_yearly_has_start_date",
                violation_error_message=YEARLY_WITHOUT_START,
            ),
        ]

    objects = EventQuerySet.as_manager()

    @classmethod
    def daily_changes(cls, now):
        """Return which published events change the pages at every Sofia midnight: the
        yearly ones still to end (each edition turns on a day of its own)."""
        return Q(repeats=cls.Repeats.YEARLY) & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    @property
    def is_yearly(self):
        return self.repeats == self.Repeats.YEARLY

    def next_occurrence(self, today=None):
        """Return the edition that ends today (in Sofia) or later, or None."""
        return next_occurrence(
            self.start_date,
            self.end_date,
            self.is_yearly,
            self.repeat_until_year,
            today or local_today(),
        )

    def shown_occurrence(self, today=None):
        """Return the edition a page shows: the next one, else the last one; None undated."""
        return self.next_occurrence(today) or self.last_occurrence()

    def last_occurrence(self):
        """Return the event's last edition (of a yearly one without end, the first), or None."""
        if self.start_date is None:
            return None
        end = self.end_date or self.start_date
        day = last_day(self.start_date, end, self.is_yearly, self.repeat_until_year)
        if day is None or day == end:
            return Occurrence(self.start_date, end)
        return Occurrence(day - (end - self.start_date), day)

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and not self.start_date:
            errors["start_date"] = ValidationError(END_WITHOUT_START, code="end_without_start")
        if self.is_yearly and not self.start_date:
            errors["start_date"] = ValidationError(YEARLY_WITHOUT_START, code="yearly_no_start")
        if self.start_date and self.end_date and self.end_date - self.start_date >= LONGEST_RANGE:
            errors["end_date"] = ValidationError(RANGE_TOO_LONG, code="range_too_long")
        if self.repeat_until_year is not None:
            if not self.is_yearly:
                errors["repeat_until_year"] = ValidationError(
                    UNTIL_WITHOUT_YEARLY, code="until_without_yearly"
                )
            elif self.start_date and self.repeat_until_year < self.start_date.year:
                errors["repeat_until_year"] = ValidationError(
                    UNTIL_BEFORE_START, code="until_before_start"
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        day = last_day(self.start_date, self.end_date, self.is_yearly, self.repeat_until_year)
        self.ends_at = sofia_midnight(day + timedelta(days=1)) if day else None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "ends_at"}
        super().save(*args, **kwargs)


class Programme(Record):
    """An EU programme the municipality works in, e.g. "Europe for Citizens"."""

    url_name = "international:programme"

    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funded by"), max_length=200, blank=True)
    period_start = YearField(_("first year of the programme"))
    period_end = models.PositiveSmallIntegerField(
        _("last year of the programme"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    website = WebsiteField()
    description = RichTextField(_("description"))

    class Meta(Record.Meta):
        verbose_name = _("EU programme")
        verbose_name_plural = _("EU programmes")
        constraints = [
            *unique_slug_constraints("programme"),
            schedule_in_order("programme"),
            end_not_before_start("programme", "period_start", "period_end", LAST_YEAR_BEFORE_FIRST),
        ]


class ParticipationQuerySet(RecordQuerySet):
    def live_at(self, now):
        """Return the projects the public sees at *now*: live, under a live programme."""
        return super().live_at(now).filter(live(now, prefix="programme__"))


class Participation(Record):
    """The municipality's part in a project under an EU programme."""

    class Role(models.TextChoices):
        PARTNER = "partner", _("Partner")
        LEAD = "lead", _("Lead partner")

    slug_source = "title"
    url_name = "international:participation"

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    title = models.CharField(_("project title"), max_length=300)
    role = models.CharField(_("the municipality's role"), max_length=20, choices=Role)
    partners = models.CharField(
        _("partners"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “16 regions, municipalities and NGOs from 11 countries”."),
    )
    start_year = YearField(_("first year"))
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    website = WebsiteField()
    description = RichTextField(_("description"))

    objects = ParticipationQuerySet.as_manager()

    class Meta(Record.Meta):
        verbose_name = _("project participation")
        verbose_name_plural = _("project participations")
        constraints = [
            *unique_slug_constraints("participation"),
            schedule_in_order("participation"),
            end_not_before_start("participation", "start_year", "end_year", LAST_YEAR_BEFORE_FIRST),
        ]

    def years(self):
        """Return the project's years as "2014" or "2014–2015"."""
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")


class TwinCity(ImageMixin, Record):
    """A twin or partner city, or a region the municipality cooperates with."""

    identifier_prefix = "twin-city"

    class Kind(models.TextChoices):
        TWIN = "twin", _("Twin city")
        PARTNER = "partner", _("Partner city")
        COOPERATION = "cooperation", _("Cooperation")

    url_name = "international:twin_city"

    name = models.CharField(_("city or region"), max_length=200)
    region = models.CharField(
        _("region or state"), max_length=200, blank=True, help_text=_("E.g. “Hunan”.")
    )
    country = CountryField(_("country"))
    kind = models.CharField(_("kind of tie"), max_length=20, choices=Kind, default=Kind.TWIN)
    since_year = YearField(_("since"))
    website = WebsiteField()
    image = ImageUploadField(_("coat of arms"), "twin-cities")
    cooperation_areas = RichTextField(_("areas of cooperation"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta(Record.Meta):
        verbose_name = _("twin city")
        verbose_name_plural = _("twin cities")
        constraints = [*unique_slug_constraints("twincity"), schedule_in_order("twincity")]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Enter both the latitude and the longitude, or neither."))

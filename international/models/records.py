"""The records of the section's kinds: organisations, events, programmes, projects, twin cities.

Every text a reader sees is translated by modeltranslation (see translation.py):
Bulgarian is required, English optional and falls back to Bulgarian. Each kind is
published through its entry in kinds.py.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .base import Record, RecordQuerySet, live
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


class Event(ImageMixin, Record):
    """A significant European event the municipality takes part in or hosts."""

    url_name = "international:event"

    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    recurrence = models.CharField(
        _("when it takes place"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “every year”. Use the dates below for a single event."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
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
        ]


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


class CallQuerySet(RecordQuerySet):
    def open(self):
        """Return the calls whose deadline is still to come, the soonest first."""
        return self.filter(deadline__gt=timezone.now()).order_by("deadline", "pk")

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
    # Until the deadline its pages count the days left: they change each Sofia midnight.
    countdown_fields = ("deadline",)

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

    def is_open(self, now=None):
        """Return whether applications are still accepted at *now*."""
        return self.deadline > (now or timezone.now())

    def days_left(self, now=None):
        """Return the whole days in Sofia from *now*'s date to the deadline's (0: last day)."""
        now = now or timezone.now()
        return (timezone.localdate(self.deadline) - timezone.localdate(now)).days

    def time_left(self, now=None):
        """Return "3 days left", or "Last day" on the deadline's own day."""
        days = self.days_left(now)
        if days < 1:
            return gettext("Last day")
        return ngettext("%(count)d day left", "%(count)d days left", days) % {"count": days}

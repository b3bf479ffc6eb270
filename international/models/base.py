"""What every record of the section is: translated, ordered, published or not, with a slug."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..text import make_slug
from .fields import UNTIL_NOT_AFTER_FROM


def live(now, prefix=""):
    """Return the condition that a record (or the one at *prefix*) is public at *now*.

    Published, and within its schedule: "publish from" empty or passed, "publish until"
    empty or still to come.
    """
    return (
        Q(**{f"{prefix}is_published": True})
        & (Q(**{f"{prefix}publish_from__isnull": True}) | Q(**{f"{prefix}publish_from__lte": now}))
        & (Q(**{f"{prefix}publish_until__isnull": True}) | Q(**{f"{prefix}publish_until__gt": now}))
    )


class RecordQuerySet(models.QuerySet):
    def published(self):
        """Return the records the public may see now, in display order."""
        return self.live_at(timezone.now())

    def live_at(self, now):
        """Return the records the public sees at *now*."""
        return self.filter(live(now))


class TranslatedRecord(models.Model):
    """Translation helpers shared by every model with translated fields."""

    class Meta:
        abstract = True

    def fallback_language(self, field_name):
        """Return "bg" when *field_name* shows Bulgarian text on a page in another language.

        Templates mark such text with lang="bg" so screen readers read it right.
        """
        language = translation.get_language() or "bg"
        if language == "bg":
            return ""
        own = getattr(self, f"{field_name}_{language}", None)
        if own in (None, "") and getattr(self, f"{field_name}_bg", ""):
            return "bg"
        return ""

    @classmethod
    def english_fields(cls):
        """Return the names of the translated fields (each has a Bulgarian and an English one)."""
        from modeltranslation.translator import translator

        return list(translator.get_options_for_model(cls).fields)

    def missing_english(self):
        """Return the names of translated fields filled in Bulgarian but not in English.

        The same condition as missing_english_condition(), which asks the database.
        """
        return [
            name
            for name in self.english_fields()
            if getattr(self, f"{name}_bg", None) and not getattr(self, f"{name}_en", None)
        ]

    @classmethod
    def missing_english_condition(cls):
        """Return the condition that a record has a field filled in Bulgarian but not in English.

        What missing_english() finds, in SQL: the admin index counts and the list filter
        ask the database rather than reading every record (texts only: empty is NULL or "").
        """
        condition = Q(pk__in=[])
        for name in cls.english_fields():
            filled = ~Q(**{f"{name}_bg__isnull": True}) & ~Q(**{f"{name}_bg": ""})
            empty = Q(**{f"{name}_en__isnull": True}) | Q(**{f"{name}_en": ""})
            condition |= filled & empty
        return condition


class Record(TranslatedRecord):
    """A published-or-not, ordered item of the section with a translated slug."""

    #: The model field whose text makes the slug.
    slug_source = "name"
    #: The URL name of the record's detail page.
    url_name = ""
    #: The date-and-time fields at whose moments what the public sees of a published
    #: record changes by itself: the public pages' cache keys and lifetimes follow them
    #: (models/content.py, scheduled_moments). A kind adds its own, e.g. a deadline.
    schedule_fields = ("publish_from", "publish_until")

    slug = models.SlugField(
        _("address (slug)"),
        max_length=120,
        blank=True,
        help_text=_(
            "The last part of the page's address. Leave empty to make it from the name or title."
        ),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, db_index=True, help_text=_("Lower numbers come first.")
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Untick to hide the record from the public pages without deleting it."),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_(
            "Date and time (Sofia time) from which the public sees the record. "
            "Leave empty to show it as soon as it is published."
        ),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_(
            "Date and time (Sofia time) from which the public no longer sees the record. "
            "Leave empty to show it without end."
        ),
    )
    to_confirm = models.BooleanField(
        _("facts to be confirmed"),
        default=False,
        help_text=_(
            "Tick while some facts of the record still wait for the municipality's "
            "confirmation: its public page then says so, in a neutral note."
        ),
    )
    to_confirm_note = models.CharField(
        _("what is to be confirmed"),
        max_length=300,
        blank=True,
        help_text=_("Optional, shown with the note, e.g. “The year of signing”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = RecordQuerySet.as_manager()

    #: The first part of the record's stable identifier in the open data and feeds.
    identifier_prefix = ""

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return str(getattr(self, self.slug_source) or "")

    def save(self, *args, **kwargs):
        adding = self._state.adding
        self.fill_slugs()
        super().save(*args, **kwargs)
        if adding and self.updated_at != self.created_at:
            # auto_now_add and auto_now read the clock a moment apart: a new record gets
            # one time for both, so "never changed" is exactly updated_at == created_at.
            type(self)._base_manager.filter(pk=self.pk).update(updated_at=self.created_at)
            self.updated_at = self.created_at

    def get_absolute_url(self):
        # A page names each record's address several times (card, JSON-LD, map);
        # reverse() once per language and slug.
        slug = self.slug
        key = (translation.get_language(), slug)
        urls = self.__dict__.setdefault("_absolute_urls", {})
        if key not in urls:
            urls[key] = reverse(self.url_name, kwargs={"slug": slug})
        return urls[key]

    @classmethod
    def daily_changes(cls, now):
        """Return which published records change what the public sees at every Sofia
        midnight (a Q), or None: the pages then live no longer than the next midnight."""
        return None

    @property
    def identifier(self):
        """Return the stable identifier of the record: "organization-3", "twin-city-9"."""
        return f"{self.identifier_prefix or self._meta.model_name}-{self.pk}"

    def clean(self):
        super().clean()
        self.fill_slugs()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": ValidationError(UNTIL_NOT_AFTER_FROM, code="schedule_order")}
            )

    #: The states of schedule_state(), as the admin names them.
    SCHEDULE_STATES = {
        "hidden": _("Not published"),
        "scheduled": _("Scheduled"),
        "live": _("Live"),
        "expired": _("Expired"),
    }

    def schedule_state(self, now=None):
        """Return "hidden", "scheduled", "live" or "expired": what the public sees of it now.

        Of the record's own flag and dates only: a project is also hidden with its programme.
        """
        now = now or timezone.now()
        if not self.is_published:
            return "hidden"
        if self.publish_from and self.publish_from > now:
            return "scheduled"
        if self.publish_until and self.publish_until <= now:
            return "expired"
        return "live"

    @property
    def is_public(self):
        """Whether the public sees the record now, of its own flag and dates."""
        return self.schedule_state() == "live"

    def fill_slugs(self):
        """Make each empty language slug from that language's name, unique per model."""
        for language in ("bg", "en"):
            field = f"slug_{language}"
            if getattr(self, field, None):
                continue
            source = getattr(self, f"{self.slug_source}_{language}", None) or getattr(
                self, f"{self.slug_source}_bg", ""
            )
            base = make_slug(source) or type(self)._meta.model_name
            candidate, number = base, 2
            others = type(self)._default_manager.exclude(pk=self.pk)
            while others.filter(**{field: candidate}).exists():
                candidate, number = f"{base}-{number}", number + 1
            setattr(self, field, candidate)

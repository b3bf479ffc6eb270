"""Visits and news: a delegation visit or a piece of international news, with its photos."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Record, TranslatedRecord
from .fields import (
    ImageUploadField,
    RichTextField,
    schedule_in_order,
    unique_slug_constraints,
)
from .images import ImageMixin
from .records import Organization, TwinCity


class Visit(Record):
    """A delegation visit or a piece of international news, of a twin city or organisation."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Delegation visit")
        NEWS = "news", _("News")

    slug_source = "title"
    url_name = "international:visit"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.VISIT)
    date = models.DateField(_("date"), help_text=_("The day of the visit or of the news."))
    title = models.CharField(_("title"), max_length=300)
    text = RichTextField(_("text"))
    twin_city = models.ForeignKey(
        TwinCity,
        verbose_name=_("twin city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        help_text=_("The twin or partner city it concerns, if any: its page lists it."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        help_text=_("The organisation it concerns, if any: its page lists it."),
    )

    class Meta(Record.Meta):
        # Newest first; the order only among the items of one day.
        ordering = ["-date", "order", "pk"]
        verbose_name = _("visit or news item")
        verbose_name_plural = _("Visits and news")
        constraints = [*unique_slug_constraints("visit"), schedule_in_order("visit")]


class VisitPhoto(ImageMixin, TranslatedRecord):
    """A photo of a visit or news item's gallery, with its text alternative (required)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit or news item"), on_delete=models.CASCADE, related_name="photos"
    )
    image = ImageUploadField(_("photo"), "visits", blank=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    # When the photo's row last changed: an open change form of its visit compares it.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.image_alt or self.image.name

    def clean(self):
        # A photo of a gallery is never decorative: it always says what it shows.
        self.image_decorative = False
        super().clean()

"""What municipal staff edit: the section page and its records.

Every text a reader sees is translated by modeltranslation (see
translation.py): Bulgarian is required, English optional and falls back to
Bulgarian.
"""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField
from PIL import Image

from . import images
from .content import content_changed
from .text import make_slug, sanitize_rich_text
from .validators import (
    NOT_AN_IMAGE,
    YEAR_VALIDATORS,
    validate_image_upload,
    validate_pixel_count,
    validate_web_url,
)

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    # The page's sections are h2; a record's own headings start below them.
    "Heading": {"levels": [3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


def RichTextField(verbose_name, **kwargs):  # noqa: N802 - reads as a field class
    """Return a sanitised WYSIWYG text field limited to the allowed markup."""
    return ProseEditorField(
        verbose_name,
        extensions=RICH_TEXT_EXTENSIONS,
        sanitize=sanitize_rich_text,
        blank=kwargs.pop("blank", True),
        **kwargs,
    )


def YearField(verbose_name, **kwargs):  # noqa: N802 - reads as a field class
    """Return an optional year field that refuses years before 1800 or in the future."""
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=YEAR_VALIDATORS, **kwargs
    )


def WebsiteField(**kwargs):  # noqa: N802 - reads as a field class
    """Return an optional http(s) address field."""
    return models.URLField(
        _("official website"),
        max_length=300,
        blank=True,
        validators=[validate_web_url],
        help_text=_("The full address, e.g. https://www.club-strasbourg.eu/"),
        **kwargs,
    )


class RecordQuerySet(models.QuerySet):
    def published(self):
        """Return the records the public may see, in display order."""
        return self.filter(is_published=True)


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

    def missing_english(self):
        """Return the names of translated fields filled in Bulgarian but not in English."""
        from modeltranslation.translator import translator

        options = translator.get_options_for_model(type(self))
        return [
            name
            for name in options.fields
            if getattr(self, f"{name}_bg", None) and not getattr(self, f"{name}_en", None)
        ]


class Record(TranslatedRecord):
    """A published-or-not, ordered item of the section with a translated slug."""

    #: The model field whose text makes the slug.
    slug_source = "name"
    #: The URL name of the record's detail page.
    url_name = ""

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

    @property
    def identifier(self):
        """Return the stable identifier of the record: "organization-3", "twin-city-9"."""
        return f"{self.identifier_prefix or self._meta.model_name}-{self.pk}"

    def clean(self):
        super().clean()
        self.fill_slugs()

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


def unique_slug_constraints(model_name):
    """Return one unique constraint per language slug, with the message defined once."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{language}"],
            name=f"{model_name}_unique_slug_{language}",
            violation_error_message=_("Another record already uses this address (slug)."),
        )
        for language in ("bg", "en")
    ]


IMAGE_HELP = _("JPEG, PNG, WebP or AVIF, at most 5 MB.")


def upload_to(folder):
    return f"international/{folder}/%Y/"


class ImageUploadFormField(forms.ImageField):
    """Django's image form field, saying why an image is refused before anything is saved.

    Django's field opens the file with Pillow first, whose decompression-bomb check turns
    an image over the pixel limit into "not a valid image" (or a warning, an error where
    warnings are errors); the pixel count is checked here beforehand. verify() does not
    notice a truncated JPEG, which only fails when it is decoded on save; it is decoded here.
    """

    default_error_messages = {"invalid_image": NOT_AN_IMAGE}

    def to_python(self, data):
        if data and hasattr(data, "seek"):
            validate_pixel_count(data)
        file = super().to_python(data)
        if file is not None:
            try:
                data.seek(0)
                with Image.open(data) as image:
                    image.load()
            except Exception:  # Pillow raises many kinds for broken files.
                raise ValidationError(
                    self.error_messages["invalid_image"], code="invalid_image"
                ) from None
            finally:
                data.seek(0)
        return file


class ImageModelField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def deconstruct(self):
        # Migrations see Django's ImageField: only the form field differs.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def ImageUploadField(verbose_name, folder):  # noqa: N802 - reads as a field class
    """Return an optional image field that accepts JPEG, PNG, WebP and AVIF only."""
    return ImageModelField(
        verbose_name,
        upload_to=upload_to(folder),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
        help_text=IMAGE_HELP,
    )


class ImageMixin(models.Model):
    """A picture with its text alternative, cleaned and rendered in several sizes.

    Subclasses declare ``image = ImageUploadField(...)``.
    """

    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it, "
            "e.g. “Logo of the Strasbourg Club”. Required when an image is set."
        ),
    )
    image_decorative = models.BooleanField(
        _("the image is decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing to the text beside it; "
            "screen readers then skip it."
        ),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_hash = models.CharField(max_length=64, blank=True, editable=False)

    #: The content hash the record had when loaded, to find renditions to remove.
    _loaded_image_hash = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            cleaned = images.clean_upload(self.image.file)
            self.image.save(cleaned.name, cleaned.content, save=False)
            self.image_hash = cleaned.content_hash
            self.image_width, self.image_height = cleaned.width, cleaned.height
        elif not self.image:
            self.image_hash = ""
            self.image_width = self.image_height = None
        super().save(*args, **kwargs)
        if self.image_hash and (
            self.image_hash != self._loaded_image_hash
            or not images.renditions_exist(self.image_hash, self.image_width, self.image.name)
        ):
            images.make_renditions(self.image, self.image_hash)
        if self._loaded_image_hash and self._loaded_image_hash != self.image_hash:
            remove_unused_renditions(self._loaded_image_hash)
        self._loaded_image_hash = self.image_hash

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_image_hash = instance.__dict__.get("image_hash", "")
        return instance

    def clean(self):
        super().clean()
        if self.image and not self.image_decorative and not self.image_alt_bg:
            raise ValidationError(
                {
                    "image_alt_bg": _(
                        "Describe the image in Bulgarian for people who cannot see it, "
                        "or mark it as decorative."
                    )
                }
            )

    def picture(self):
        """Return what a page needs to show the image, or None."""
        if not (self.image and self.image_hash and self.image_width):
            return None
        return images.picture(self.image_hash, self.image_width, self.image_height, self.image.name)


def image_models():
    return [model for model in apps.get_models() if issubclass(model, ImageMixin)]


def remove_unused_renditions(content_hash):
    """Remove the renditions of an image that no record shows any more."""
    if not any(model.objects.filter(image_hash=content_hash).exists() for model in image_models()):
        images.delete_renditions(content_hash)


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
        constraints = unique_slug_constraints("organization")


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
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="event_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
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
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="programme_end_not_before_start",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]


class ParticipationQuerySet(RecordQuerySet):
    def published(self):
        """Return the projects the public may see: published, under a published programme."""
        return super().published().filter(programme__is_published=True)


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
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="participation_end_not_before_start",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
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
        constraints = unique_slug_constraints("twincity")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Enter both the latitude and the longitude, or neither."))


class SingletonQuerySet(models.QuerySet):
    def current(self):
        """Return the one row, creating an empty one if staff have not yet."""
        return self.order_by("pk").first() or self.create(pk=1)


class SectionPage(TranslatedRecord):
    """The section's own page: title, introduction and who is responsible (one row)."""

    title = models.CharField(_("title"), max_length=200)
    lead = RichTextField(_("introduction"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    last_reviewed = models.DateField(
        _("content last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date staff last checked that every fact on the page is still true."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = SingletonQuerySet.as_manager()

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section page")

    def __str__(self):
        return self.title or str(_("International activity"))

    def get_absolute_url(self):
        return reverse("international:section")


class SiteContact(TranslatedRecord):
    """The contacts in every page's footer (one row)."""

    hotline_number = models.CharField(_("hotline for reports"), max_length=50, blank=True)
    hotline_note = models.CharField(
        _("note on the hotline"), max_length=200, blank=True, help_text=_("E.g. “free, 24 h”.")
    )
    organisation_name = models.CharField(_("name of the municipality"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = WebsiteField()
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = SingletonQuerySet.as_manager()

    class Meta:
        verbose_name = _("site contacts")
        verbose_name_plural = _("site contacts")

    def __str__(self):
        return str(_("Site contacts"))

    @property
    def hotline_tel(self):
        """Return the hotline as a tel: address, digits only."""
        return "".join(char for char in self.hotline_number if char.isdigit() or char == "+")


class InfoPage(Record):
    """A simple page such as the accessibility statement or the notice on cookies."""

    class Key(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Cookies and personal data")

    slug_source = "title"
    url_name = "international:info_page"

    key = models.CharField(_("page"), max_length=30, choices=Key, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"))

    class Meta(Record.Meta):
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        constraints = unique_slug_constraints("infopage")

    def clean(self):
        super().clean()
        # An information page's address is the slug right after the language; the
        # section's own pages (the feedback form, the lists...) come first there.
        taken = {}
        for language in ("bg", "en"):
            # Without an English slug the English address uses the Bulgarian one.
            field = f"slug_{language}" if getattr(self, f"slug_{language}") else "slug_bg"
            slug = getattr(self, field)
            if not slug:
                continue
            with translation.override(language):
                try:
                    match = resolve(f"/{language}/{slug}/")
                except Resolver404:
                    continue
            if match.view_name != self.url_name:
                taken[field] = ValidationError(
                    _("Another page of the section has this address; choose another."),
                    code="address_taken",
                )
        if taken:
            raise ValidationError(taken)


class ContentVersion(models.Model):
    """One row whose number every change to the section's content increases.

    Cached pages are keyed on it. It lives in the database, in the same transaction
    as the change itself, so every app instance and process sees a change together
    with the content it describes, whatever cache each one uses.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self):
        return str(self.version)


class SeedApplied(models.Model):
    """A seed record that was loaded once; never loaded again, even if staff delete it."""

    key = models.CharField(max_length=100, unique=True)
    model = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField(null=True)
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("loaded seed record")
        verbose_name_plural = _("loaded seed records")

    def __str__(self):
        return self.key


class FeedbackQuerySet(models.QuerySet):
    def unhandled(self):
        """Return the messages from people (not spam) that staff have not yet dealt with."""
        return self.filter(is_handled=False, is_spam=False)


class Feedback(models.Model):
    """A message a reader sent through the feedback form, e.g. about an accessibility problem.

    Stored before any e-mail is sent, so a message is never lost when sending fails.
    Not a TranslatedRecord: a message changes no public page.
    """

    #: The longest message the form accepts (about two printed pages).
    MESSAGE_MAX_LENGTH = 5000

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    page = models.CharField(
        _("page it concerns"),
        max_length=500,
        blank=True,
        help_text=_("The page the reader was on, or what they wrote about it."),
    )
    language = models.CharField(_("language of the form"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    is_spam = models.BooleanField(
        _("spam"),
        default=False,
        help_text=_("Sent by a program that filled in the field hidden from people."),
    )
    email_sent = models.BooleanField(
        _("e-mail sent to staff"),
        default=False,
        help_text=_("Whether the notice of this message reached the mail server."),
    )
    is_handled = models.BooleanField(
        _("handled"), default=False, help_text=_("Tick when the message has been dealt with.")
    )
    staff_note = models.TextField(
        _("note by staff"),
        blank=True,
        help_text=_("What was done about the message; the sender does not see it."),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return Truncator(" ".join(self.message.split())).chars(60)


@receiver(post_delete)
def remove_renditions_of_deleted_image(sender, instance, **kwargs):
    """Remove a deleted record's renditions; its original stays for history to restore."""
    if isinstance(instance, ImageMixin) and instance.image_hash:
        remove_unused_renditions(instance.image_hash)


@receiver(post_save)
@receiver(post_delete)
def bump_content_version(sender, instance, **kwargs):
    """Every saved or deleted record makes cached pages stale."""
    if isinstance(instance, TranslatedRecord):
        content_changed()

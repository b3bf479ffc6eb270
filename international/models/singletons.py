"""The section's own page, the footer's contacts (one row each) and the information pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..text import tel_address
from .base import Record, TranslatedRecord
from .fields import (
    PhoneField,
    RichTextField,
    WebsiteField,
    schedule_in_order,
    unique_slug_constraints,
    validate_web_url,
)


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
    phone = PhoneField(_("telephone"))
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_(
            "Requests for a partnership or a visit are sent here; without it, to the "
            "feedback address of the site's settings."
        ),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("The person who answers citizens' questions and feedback for the unit."),
    )
    contact_position = models.CharField(_("contact person's position"), max_length=200, blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=300,
        blank=True,
        help_text=_("The days and hours when the unit answers the telephone or receives visitors."),
    )
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
        return tel_address(self.hotline_number)


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
    # The accessibility statement's enforcement procedure (Decision (EU) 2018/1523): the
    # body that oversees it, kept in fields so that the legal department can change it.
    enforcement_body = models.CharField(
        _("enforcement body"),
        max_length=300,
        blank=True,
        help_text=_(
            "The body to which readers can complain when our answer does not satisfy them, "
            "as the statement names it after “the Chair of the”."
        ),
    )
    enforcement_address = models.CharField(
        _("enforcement body's address"), max_length=300, blank=True
    )
    enforcement_website = models.URLField(
        _("enforcement body's website"),
        max_length=300,
        blank=True,
        validators=[validate_web_url],
        help_text=_("The full address, e.g. https://e-gov.bg/"),
    )
    enforcement_email = models.EmailField(_("enforcement body's e-mail"), blank=True)
    enforcement_phone = PhoneField(_("enforcement body's telephone"))

    class Meta(Record.Meta):
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        constraints = [*unique_slug_constraints("infopage"), schedule_in_order("infopage")]

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

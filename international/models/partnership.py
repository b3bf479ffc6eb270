"""Requests to the responsible unit: a partnership proposed, a visit asked for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .fields import PhoneField


class PartnershipRequestQuerySet(models.QuerySet):
    def unhandled(self):
        """Return the requests from people (not spam) that staff have not yet dealt with."""
        return self.filter(is_handled=False, is_spam=False)


class PartnershipRequest(models.Model):
    """What an organisation sent through the form "Propose a partnership or request a visit".

    Stored before any e-mail is sent, so a request is never lost when sending fails.
    Not a record of the section: a request changes no public page.
    """

    class Subject(models.TextChoices):
        PARTNERSHIP = "partnership", _("Propose a partnership")
        VISIT = "visit", _("Request a visit")
        OTHER = "other", _("Something else")

    #: The longest message the form accepts (about two printed pages), as feedback's.
    MESSAGE_MAX_LENGTH = 5000

    organisation = models.CharField(_("organisation"), max_length=300)
    country = CountryField(_("country"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = PhoneField(_("telephone"))
    subject = models.CharField(_("subject"), max_length=20, choices=Subject)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
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
        _("handled"), default=False, help_text=_("Tick when the request has been dealt with.")
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    staff_note = models.TextField(
        _("note by staff"),
        blank=True,
        help_text=_("What was done about the request; the sender does not see it."),
    )

    objects = PartnershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership or visit request")
        verbose_name_plural = _("partnership and visit requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} ({self.get_subject_display()})"

    def mark_handled(self, user, handled=True):
        """Set the request handled (by *user*, now) or not handled; the caller saves it."""
        self.is_handled = handled
        self.handled_by = user if handled else None
        self.handled_at = timezone.now() if handled else None

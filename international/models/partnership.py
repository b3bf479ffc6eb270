"""Requests to the responsible unit: a partnership proposed, a visit asked for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from .feedback import Received
from .fields import PhoneField


class PartnershipRequest(Received):
    """What an organisation sent through the form "Propose a partnership or request a visit".

    Stored before any e-mail is sent, so a request is never lost when sending fails.
    Not a record of the section: a request changes no public page.
    """

    class Subject(models.TextChoices):
        PARTNERSHIP = "partnership", _("Propose a partnership")
        VISIT = "visit", _("Request a visit")
        OTHER = "other", _("Something else")

    organisation = models.CharField(_("organisation"), max_length=300)
    country = CountryField(_("country"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = PhoneField(_("telephone"))
    subject = models.CharField(_("subject"), max_length=20, choices=Subject)
    is_handled = models.BooleanField(
        # A request ("заявка") is feminine in Bulgarian: its own "handled".
        pgettext_lazy("request", "handled"),
        default=False,
        help_text=_("Tick when the request has been dealt with."),
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

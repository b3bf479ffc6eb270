"""The readers' messages sent through the feedback form."""

from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class ReceivedQuerySet(models.QuerySet):
    def unhandled(self):
        """Return what people (not spam) sent that staff have not yet dealt with."""
        return self.filter(is_handled=False, is_spam=False)


class Received(models.Model):
    """What the public forms store of every message they receive (feedback, requests)."""

    #: The longest message a form accepts (about two printed pages).
    MESSAGE_MAX_LENGTH = 5000

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

    objects = ReceivedQuerySet.as_manager()

    class Meta:
        abstract = True


class Feedback(Received):
    """A message a reader sent through the feedback form: an accessibility problem, wrong
    information on a page, or something else.

    Stored before any e-mail is sent, so a message is never lost when sending fails.
    Not a TranslatedRecord: a message changes no public page.
    """

    class Kind(models.TextChoices):
        """What a message is about; staff sort and filter messages by it."""

        ACCESSIBILITY = "accessibility", _("An accessibility problem")
        CONTENT = "content", _("Wrong or outdated information")
        OTHER = "other", _("Something else")

    # Messages from before the choice existed were all sent as accessibility feedback.
    kind = models.CharField(
        _("kind of message"), max_length=20, choices=Kind, default=Kind.ACCESSIBILITY
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    page = models.CharField(
        _("page it concerns"),
        max_length=500,
        blank=True,
        help_text=_("The page the reader was on, or what they wrote about it."),
    )
    is_handled = models.BooleanField(
        _("handled"), default=False, help_text=_("Tick when the message has been dealt with.")
    )
    staff_note = models.TextField(
        _("note by staff"),
        blank=True,
        help_text=_("What was done about the message; the sender does not see it."),
    )

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return Truncator(" ".join(self.message.split())).chars(60)

"""The notice to staff of a new feedback message.

The message is stored before anything here runs; a failing mail server is logged and
the message stays in the admin for staff to read.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


def notify_staff(feedback, request):
    """E-mail FEEDBACK_EMAIL about *feedback*; record whether it went. Never raises."""
    if not settings.FEEDBACK_EMAIL:
        return False
    admin_url = request.build_absolute_uri(
        reverse("admin:international_feedback_change", args=[feedback.pk])
    )
    # Staff read Bulgarian, whatever language the reader wrote in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext(
            "Feedback on the International activity section: %(kind)s, message %(number)s"
        ) % {"kind": feedback.get_kind_display(), "number": feedback.pk}
        facts = [
            (gettext("Kind"), feedback.get_kind_display()),
            (gettext("Page"), feedback.page),
            (gettext("Name"), feedback.name),
            (gettext("E-mail"), feedback.email),
            (gettext("Language"), feedback.language),
        ]
        admin_label = gettext("In the admin")
    lines = [f"{label}: {value or '—'}" for label, value in facts]
    lines += ["", feedback.message, "", f"{admin_label}: {admin_url}"]
    email = EmailMessage(
        subject=subject,
        body="\n".join(lines),
        to=settings.FEEDBACK_EMAIL,
        reply_to=[feedback.email] if feedback.email else None,
    )
    try:
        email.send()
    except Exception:  # Any failure of the mail server: the message is stored anyway.
        logger.exception("Feedback message %s stored, but the e-mail to staff failed", feedback.pk)
        return False
    type(feedback).objects.filter(pk=feedback.pk).update(email_sent=True)
    feedback.email_sent = True
    return True

"""The notice to staff of a new message from the public (feedback, a partnership request).

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


def send_notice(record, request, to, subject, facts, text):
    """E-mail *to* about *record*, stored already; mark it e-mailed. Never raises.

    *subject* and *facts* (a callable returning the (label, value) lines) are worked out
    in Bulgarian, as staff read it, whatever language the sender wrote in; the e-mail
    ends with *text* and the record's page in the admin.
    """
    if not to:
        return False
    opts = record._meta
    admin_url = request.build_absolute_uri(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = subject()
        lines = [f"{label}: {value or '—'}" for label, value in facts()]
        admin_label = gettext("In the admin")
    lines += ["", text, "", f"{admin_label}: {admin_url}"]
    email = EmailMessage(
        subject=subject,
        body="\n".join(lines),
        to=to,
        reply_to=[record.email] if record.email else None,
    )
    try:
        email.send()
    except Exception:  # Any failure of the mail server: the message is stored anyway.
        logger.exception("%s %s stored, but the e-mail to staff failed", opts.model_name, record.pk)
        return False
    type(record).objects.filter(pk=record.pk).update(email_sent=True)
    record.email_sent = True
    return True


def notify_staff(feedback, request):
    """E-mail FEEDBACK_EMAIL about *feedback*; record whether it went. Never raises."""
    return send_notice(
        feedback,
        request,
        to=settings.FEEDBACK_EMAIL,
        subject=lambda: (
            gettext("Feedback on the International activity section: %(kind)s, message %(number)s")
            % {"kind": feedback.get_kind_display(), "number": feedback.pk}
        ),
        facts=lambda: [
            (gettext("Kind"), feedback.get_kind_display()),
            (gettext("Page"), feedback.page),
            (gettext("Name"), feedback.name),
            (gettext("E-mail"), feedback.email),
            (gettext("Language"), feedback.language),
        ],
        text=feedback.message,
    )

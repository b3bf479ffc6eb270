"""What happens to a feedback message: a rate limit per address, and a notice to staff.

The message is stored before anything here runs; a failing mail server is logged and
the message stays in the admin for staff to read.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from ipware import get_client_ip

logger = logging.getLogger(__name__)


def client_address(request):
    """Return the sender's IP address, trusting X-Forwarded-For only behind a proxy.

    Uses the headers django-axes is told to trust (settings.BEHIND_PROXY), so the form
    and the login lockout see the same address.
    """
    address, _routable = get_client_ip(
        request,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT or None,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address or request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    # The address is hashed: the cache holds no one's IP address in the clear.
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"international:feedback-rate:{digest}"


def rate_limited(request):
    """Return True if this address has sent FEEDBACK_RATE_LIMIT messages in the window."""
    return cache.get(_rate_key(request), 0) >= settings.FEEDBACK_RATE_LIMIT


def count_message(request):
    """Count one more message from this address; the window starts with the first."""
    key = _rate_key(request)
    if not cache.add(key, 1, settings.FEEDBACK_RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # Expired between add() and incr().
            cache.add(key, 1, settings.FEEDBACK_RATE_WINDOW)


def notify_staff(feedback, request):
    """E-mail FEEDBACK_EMAIL about *feedback*; record whether it went. Never raises."""
    if not settings.FEEDBACK_EMAIL:
        return False
    admin_url = request.build_absolute_uri(
        reverse("admin:international_feedback_change", args=[feedback.pk])
    )
    # Staff read Bulgarian, whatever language the reader wrote in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Feedback on the International activity section: message %(number)s") % {
            "number": feedback.pk
        }
        facts = [
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

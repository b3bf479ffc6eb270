"""E-mails of the review: approvers hear of a proposal, its author of a change sent back.

The change is stored before anything here runs; a failing mail server is logged and the
change waits in the admin all the same.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ..models.review import PUBLISH_PERMISSION
from .proposals import documents_awaiting_approval

logger = logging.getLogger(__name__)


def approvers():
    """Return the active users with the publish permission (by group or their own) and an e-mail."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__in=permission)
        | Q(groups__permissions__in=permission)
    ).distinct()


def change_url(change):
    return settings.SITE_URL + reverse("admin:international_pendingchange_change", args=[change.pk])


def _send(subject, lines, recipients, change):
    try:
        send_mail(subject, "\n".join(lines), None, recipients)
    except Exception:  # Any failure of the mail server: the change is stored anyway.
        logger.exception("Change %s stored, but the e-mail about it failed", change.pk)
        return False
    return True


def notify_approvers(change):
    """E-mail every approver that *change* waits for them. Never raises."""
    recipients = [user.email for user in approvers()]
    if not recipients:
        return False
    # Staff read Bulgarian, whatever language the admin was in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("A change awaits your approval: %(record)s") % {"record": change}
        lines = [
            gettext("%(author)s sent a change of “%(record)s” (%(kind)s) for approval.")
            % {
                "author": change.author.get_username(),
                "record": change,
                "kind": change.content_type.model_class()._meta.verbose_name,
            },
            *_documents_lines(change),
            "",
            f"{gettext('In the admin')}: {change_url(change)}",
        ]
    return _send(subject, lines, recipients, change)


def _documents_lines(change):
    waiting = documents_awaiting_approval(change.record) if change.record is not None else []
    if not waiting:
        return []
    return [
        "",
        gettext("Documents awaiting approval with it:"),
        *(f"- {document.title} ({document.original_name})" for document in waiting),
    ]


def notify_author(change):
    """E-mail the author of *change* that it was sent back, with the comment. Never raises."""
    if not change.author.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your change was sent back: %(record)s") % {"record": change}
        lines = [
            gettext("%(reviewer)s sent back your change of “%(record)s” with this comment:")
            % {"reviewer": change.reviewer.get_username(), "record": change},
            "",
            change.comment,
            "",
            f"{gettext('In the admin')}: {change_url(change)}",
        ]
    return _send(subject, lines, [change.author.email], change)

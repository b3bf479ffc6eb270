"""The notice to the responsible unit of a new partnership or visit request."""

from django.conf import settings
from django.utils.translation import gettext

from ..feedback.notify import send_notice
from ..models import SectionPage


def recipients():
    """Return who is told: the unit's e-mail on the section page, else FEEDBACK_EMAIL."""
    unit_email = SectionPage.objects.current().email
    return [unit_email] if unit_email else settings.FEEDBACK_EMAIL


def notify_unit(request_record, request):
    """E-mail the unit about *request_record*; record whether it went. Never raises."""
    record = request_record
    return send_notice(
        record,
        request,
        to=recipients(),
        subject=lambda: (
            gettext("%(subject)s: %(organisation)s, request %(number)s")
            % {
                "subject": record.get_subject_display(),
                "organisation": record.organisation,
                "number": record.pk,
            }
        ),
        facts=lambda: [
            (gettext("Subject"), record.get_subject_display()),
            (gettext("Organisation"), record.organisation),
            (gettext("Country"), record.country.name),
            (gettext("Contact person"), record.contact_name),
            (gettext("E-mail"), record.email),
            (gettext("Telephone"), record.phone),
            (gettext("Language"), record.language),
        ],
        text=record.message,
    )

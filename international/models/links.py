"""The outside addresses the records link to, and what the last link check found there."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """One address in one field of one record, and the answer it gave on the last check.

    The check (links/report.py) keeps one row per (record, field, address): a row is
    updated on every run and removed when the address is no longer in the field.
    """

    class Status(models.TextChoices):
        OK = "ok", _("Works")
        REDIRECTED = "redirected", _("Moved")
        BROKEN = "broken", _("Broken")
        TIMEOUT = "timeout", _("No answer in time")
        TLS_ERROR = "tls_error", _("Certificate (TLS) error")
        DNS_ERROR = "dns_error", _("Unknown site (DNS)")
        CONNECTION_ERROR = "connection_error", _("Could not connect")
        REFUSED = "refused", _("Refused: not a public address")

    url = models.URLField(_("address"), max_length=2000)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    #: The model field the address is in: "website", or a rich text's "description_en".
    field_name = models.CharField(_("field"), max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=Status, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("new address"), max_length=2000, blank=True)
    redirect_count = models.PositiveSmallIntegerField(_("redirects"), default=0)
    permanent_redirect = models.BooleanField(
        _("moved permanently"),
        default=False,
        help_text=_("Every redirect was permanent (301 or 308)."),
    )
    checked_at = models.DateTimeField(_("checked"))
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link report")
        ordering = ["status", "content_type", "object_id", "field_name", "pk"]
        permissions = [("check_links", _("Can check the links now"))]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field_name", "url"],
                name="linkcheck_unique_record_field_url",
            )
        ]

    def __str__(self):
        return self.url

"""Changes by editors that wait for an approver before the public sees them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The permission that makes a user an approver: their saves publish directly.
PUBLISH_PERMISSION = "international.publish_records"


def can_publish(user):
    """Return whether *user* approves and publishes changes (or only proposes them)."""
    return user.has_perm(PUBLISH_PERMISSION)


class PendingChangeQuerySet(models.QuerySet):
    def pending(self):
        """Return the changes that wait for an approver."""
        return self.filter(status=PendingChange.Status.PENDING)


class PendingChange(models.Model):
    """An editor's proposed values for a record, applied only when an approver approves.

    The values are the form's fields, both languages, as JSON; uploaded files are not
    part of a proposal (the record keeps its current ones).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        SENT_BACK = "sent_back", _("sent back")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveIntegerField(_("record number"))
    record = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(_("proposed values"), default=dict)
    # The record as it was when the change was proposed: what the editor changed is the
    # proposal against these, and approval refuses what someone else changed since.
    base_values = models.JSONField(
        _("values the change started from"), null=True, blank=True, editable=False
    )
    base_history_id = models.PositiveIntegerField(
        _("version the change started from"), null=True, blank=True, editable=False
    )
    is_new = models.BooleanField(
        _("new record"), default=False, help_text=_("The record was added and never published.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_changes",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_changes",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("Why the change was sent back; the author sees it.")
    )

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change awaiting approval")
        verbose_name_plural = _("changes awaiting approval")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("publish_records", _("Can approve and publish changes"))]

    def __str__(self):
        return str(self.record or f"{self.content_type} {self.object_id}")

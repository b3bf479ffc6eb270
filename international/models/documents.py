"""Documents (agreements, reports, results) of an EU programme or of a project under one.

A document belongs to exactly one programme or one project, through two foreign keys
rather than a generic relation: only two kinds have documents, and real foreign keys
keep the database's integrity (a record's documents go with it), a plain admin inline
and prefetch, and backups that need no content-type ids.
"""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..media.documents import PDF_CONTENT_TYPE, validate_document_upload
from .base import TranslatedRecord
from .records import Participation, Programme

#: Where documents are stored; the public /media/ route refuses this folder, so a
#: document is served only by its own view, and only for a published record.
DOCUMENTS_FOLDER = "international/documents"


def document_path(document, filename):
    """Return a generated name: nothing of the uploaded file's name reaches the disk."""
    return f"{DOCUMENTS_FOLDER}/{uuid.uuid4().hex}.pdf"


def download_name(filename):
    """Return the uploaded file's own name, made safe to send back: "Report_2014.pdf"."""
    name = get_valid_filename(PurePath(filename or "").name.replace("\\", "/").split("/")[-1])
    stem = PurePath(name).stem[:150] or "document"
    return f"{stem}.pdf"


class DocumentQuerySet(models.QuerySet):
    def approved(self):
        """Return the documents an approver let through (docs/review.md)."""
        return self.filter(is_approved=True)

    def published(self):
        """Return the approved documents of the programmes and projects the public sees now."""
        return self.approved().filter(
            Q(programme__in=Programme.objects.published())
            | Q(participation__in=Participation.objects.published())
        )


def approved_documents():
    """Return the prefetch of a record's documents the public sees: the approved ones."""
    return models.Prefetch("documents", queryset=Document.objects.approved())


class Document(TranslatedRecord):
    """A PDF document of a programme or of a project, listed on its page."""

    class Language(models.TextChoices):
        # In context: shown lower case in Bulgarian after the size, "PDF, 1,2 МБ, английски".
        BULGARIAN = "bg", pgettext_lazy("language of a document", "Bulgarian")
        ENGLISH = "en", pgettext_lazy("language of a document", "English")
        OTHER = "other", pgettext_lazy("language of a document", "other language")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        validators=[validate_document_upload],
        help_text=_("A PDF without scripts, passwords or attachments."),
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        choices=Language,
        default=Language.BULGARIAN,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(
        _("type"), max_length=100, default=PDF_CONTENT_TYPE, editable=False
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    # An editor's upload to a published record waits for an approver (docs/review.md).
    is_approved = models.BooleanField(
        _("approved for the public"),
        default=True,
        help_text=_("Only approved documents are shown on the public page."),
    )
    # When the document's row last changed: an open change form of its record compares it.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, participation__isnull=True)
                | Q(programme__isnull=True, participation__isnull=False),
                name="document_of_one_record",
                violation_error_message=_("A document belongs to one programme or one project."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Read from the upload itself, which was checked by validate_document_upload.
            self.original_name = download_name(self.file.name)
            self.size = self.file.size
            self.content_type = PDF_CONTENT_TYPE
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("document", args=[self.pk])

    @property
    def type_name(self):
        """Return the document's format as readers know it: "PDF"."""
        return "PDF" if self.content_type == PDF_CONTENT_TYPE else self.content_type

    def hreflang(self):
        """Return the document's language code for hreflang, or "" when it is not bg or en."""
        return self.language if self.language != self.Language.OTHER else ""

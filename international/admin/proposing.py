"""An editor's save is a proposal; an approver's publishes (docs/review.md).

Mixed into the admin of all the section's content (ContentAdmin). A user without the
publish permission saves a new record as a draft and an edit of a published record (or of
the section page and the contacts) as a PendingChange: the public page keeps the approved
version.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import PendingChange, can_publish
from ..review import notify, proposals
from .history import moment


class ReviewMixin:
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not can_publish(request.user) and "is_published" in form.base_fields:
            field = form.base_fields["is_published"]
            field.disabled = True
            field.help_text = _(
                "An approver publishes the record: your changes are sent for approval."
            )
        return form

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not can_publish(request.user):
            changelist.list_editable = ()  # Publishing from the list is for approvers.
        return changelist

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        proposal = getattr(request, "_review_proposal", None)
        if record is not None and proposal is not None:
            # The editor goes on working on their proposal, not on the published text.
            change = self._own_latest_change(request, record)
            if change is not None and change.status != PendingChange.Status.APPROVED:
                # Only the fields they changed: the rest shows what is published now.
                proposals.apply_values(record, proposals.changed_values(change))
                proposal.append(change)
        return record

    def _own_latest_change(self, request, record):
        return (
            PendingChange.objects.filter(
                content_type=ContentType.objects.get_for_model(record),
                object_id=record.pk,
                author=request.user,
            )
            .select_related("reviewer")
            .first()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if can_publish(request.user):
            self._tell_of_waiting_changes(request, object_id)
            return super().change_view(request, object_id, form_url, extra_context)
        request._review_proposal = []
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and request._review_proposal:
            # Rendered lazily: the messages still reach this page.
            self._tell_of_proposal(request, request._review_proposal[0])
        return response

    def _tell_of_proposal(self, request, change):
        if change.status == PendingChange.Status.SENT_BACK:
            messages.warning(
                request,
                _("%(reviewer)s sent your change back on %(date)s: %(comment)s")
                % {
                    "reviewer": change.reviewer,
                    "date": moment(change.reviewed_at),
                    "comment": change.comment,
                },
            )
            messages.info(request, _("The form shows your proposal; save it to send it again."))
        else:
            messages.info(
                request,
                _(
                    "The form shows your changes sent for approval on %(date)s. The public "
                    "page shows the published version until an approver approves them."
                )
                % {"date": moment(change.created_at)},
            )

    def _tell_of_waiting_changes(self, request, object_id):
        if request.method != "GET" or not str(object_id).isdigit():
            return
        content_type = ContentType.objects.get_for_model(self.model)
        count = (
            PendingChange.objects.pending()
            .filter(content_type=content_type, object_id=object_id)
            .count()
        )
        if count:
            url = reverse("admin:international_pendingchange_changelist")
            url += (
                f"?status__exact=pending&content_type__id__exact={content_type.pk}"
                f"&object_id__exact={object_id}"
            )
            messages.info(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Changes to this record await approval: %(count)s.") % {"count": count},
                    url,
                    _("See them"),
                ),
            )

    def save_model(self, request, obj, form, change):
        if can_publish(request.user):
            super().save_model(request, obj, form, change)
            return
        fields = proposals.proposed_fields(self.model, form)
        existed = change and self.model._base_manager.filter(pk=obj.pk).exists()
        # (Not so for a deleted record restored from history.)
        always_public = self.always_public
        if existed and self.is_published_now(obj):
            values = proposals.values_of(obj, fields)
            proposal, created = proposals.submit(obj, values, request.user)
            request._review_deferred = True
        elif always_public:
            # The first row of a one-row page (the seed makes them): nothing public to keep.
            super().save_model(request, obj, form, change)
            return
        else:
            # A new record or a draft: saved unpublished; an approver publishes it.
            obj.is_published = False
            super().save_model(request, obj, form, change)
            waiting = PendingChange.objects.pending().filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
            )
            if existed and not waiting.exists():
                return  # A draft an approver unpublished stays a draft.
            values = {**proposals.values_of(obj, fields), "is_published": True}
            proposal, created = proposals.submit(obj, values, request.user, is_new=not existed)
        request._review_submitted = proposal
        request._review_notify = created

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "_review_deferred", False):
            super().save_related(request, form, formsets, change)
            return
        # The published record and what it lists stay as they are. The only inline an
        # editor may add to here is a document's (waiting for approval, DocumentInline);
        # the others show no new, changed or deleted rows, which the admin's change
        # message still reads.
        for formset in formsets:
            if getattr(formset, "accepts_proposals", False):
                self.save_formset(request, form, formset, change=True)
            else:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_formset(self, request, form, formset, change):
        if not getattr(formset, "accepts_proposals", False):
            super().save_formset(request, form, formset, change)
            return
        documents = formset.save(commit=False)
        for document in documents:
            if document._state.adding and not can_publish(request.user):
                # An editor's upload to a published record waits for an approver; one to a
                # draft goes public with the record, which an approver publishes. An
                # approver's is approved as their form says (approved unless unticked).
                document.is_approved = not self.is_published_now(form.instance)
            document.save()
        for document in formset.deleted_objects:
            document.delete()
        formset.save_m2m()

    def log_addition(self, request, obj, message):
        super().log_addition(request, obj, message)
        self._notify_approvers(request)

    def log_change(self, request, obj, message):
        super().log_change(request, obj, message)
        self._notify_approvers(request)

    def _notify_approvers(self, request):
        # After the inlines are saved, so that the e-mail names the documents added too.
        if getattr(request, "_review_notify", False):
            request._review_notify = False
            notify.notify_approvers(request._review_submitted)

    @property
    def always_public(self):
        """A page of one row (the section page, the contacts) has no "published" box."""
        return "is_published" not in {f.name for f in self.model._meta.concrete_fields}

    def is_published_now(self, record):
        """Return whether the stored record is public or may be (published, or a one-row
        page): an editor's edit of it is a proposal.

        Asked many times while one form is built (each inline's permissions): the answer
        is kept on the record, whose stored row an editor's request does not publish.
        """
        if record is None or record.pk is None:
            return False
        if self.always_public:
            return True
        if "_published_now" not in record.__dict__:
            record._published_now = self.model._base_manager.filter(
                pk=record.pk, is_published=True
            ).exists()
        return record._published_now

    def has_delete_permission(self, request, obj=None):
        # Deleting what the public sees (or may see) is for approvers; an editor deletes
        # drafts. The change list's "delete selected" asks this of each record as well.
        if obj is not None and not can_publish(request.user) and self.is_published_now(obj):
            return False
        return super().has_delete_permission(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_review_submitted", None) is not None and level == messages.SUCCESS:
            message = _("Your changes were sent for approval.")
        super().message_user(request, message, level, *args, **kwargs)

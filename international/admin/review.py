"""The changes awaiting approval: approvers compare, approve or send back (docs/review.md)."""

from types import SimpleNamespace

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..models import PendingChange, can_publish
from ..review import notify, proposals
from .history import TranslatedHistoryHelper


def shown(model, field, value):
    """Return *value* of *field* in the words of the history page."""
    value = field.to_python(value)
    if field.is_relation and value is not None:
        value = field.related_model._base_manager.filter(pk=value).first() or value
    helper = TranslatedHistoryHelper(model, None)
    return str(helper.prepare_delta_change_value(SimpleNamespace(field=field.name), value))


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Editors see their own proposals; approvers see all and approve or send them back."""

    list_display = ["__str__", "kind", "author", "created_at", "status", "reviewer"]
    list_filter = ["status", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "author", "reviewer"]
    fields = [
        "record_link", "kind", "author", "created_at", "status", "reviewer", "reviewed_at",
        "comment", "comparison",
    ]  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/international/pendingchange/change_form.html"

    def get_queryset(self, request):
        changes = super().get_queryset(request).prefetch_related("record")
        if not can_publish(request.user):
            changes = changes.filter(author=request.user)
        return changes

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # Approving and sending back are their own buttons.

    def has_delete_permission(self, request, obj=None):
        return False  # Every step stays, as history does.

    @admin.display(description=_("kind of record"))
    def kind(self, change):
        return capfirst(change.content_type.model_class()._meta.verbose_name)

    @admin.display(description=_("record"))
    def record_link(self, change):
        record = change.record
        if record is None:
            return gettext("The record was deleted.")
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    @admin.display(description=_("What changes"))
    def comparison(self, change):
        record = change.record
        if record is None:
            return "—"
        documents = self._documents(record)
        if change.is_new:
            table = self._new_record_table(record, change)
        else:
            table = self._three_way_table(record, change)
        return format_html("{}{}", table, documents)

    def _current_heading(self, record):
        # A scheduled or expired record is not what the public sees now.
        return gettext("Published version") if record.is_public else gettext("Current version")

    def _new_record_table(self, record, change):
        model = type(record)
        by_column = {field.attname: field for field in model._meta.concrete_fields}
        rows = [
            (capfirst(by_column[column].verbose_name), shown(model, by_column[column], value))
            for column, value in change.values.items()
            if column in by_column and value not in (None, "")
        ]
        body = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td></tr>', rows)
        return format_html(
            '<table class="review-comparison"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            gettext("Field"),
            gettext("Proposed"),
            body,
        )

    def _three_way_table(self, record, change):
        model = type(record)
        rows = proposals.three_way(record, change)
        if not rows:
            return format_html("<p>{}</p>", gettext("No field differs from the current version."))
        body = format_html_join(
            "",
            '<tr{}><th scope="row">{}{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    format_html(' class="{}"', "review-conflict") if conflict else "",
                    capfirst(field.verbose_name),
                    format_html(" <strong>({})</strong>", gettext("changed since"))
                    if conflict
                    else "",
                    shown(model, field, base),
                    shown(model, field, now),
                    shown(model, field, new),
                )
                for field, base, now, new, conflict in rows
            ),
        )
        return format_html(
            '<table class="review-comparison"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            gettext("Field"),
            gettext("When the change was proposed"),
            self._current_heading(record),
            gettext("Proposed"),
            body,
        )

    def _documents(self, record):
        waiting = proposals.documents_awaiting_approval(record)
        if not waiting:
            return ""
        return format_html(
            "<h3>{}</h3><ul>{}</ul>",
            gettext("Documents awaiting approval (approving publishes them)"),
            format_html_join("", "<li>{} ({})</li>", ((d.title, d.original_name) for d in waiting)),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/approve/",
                self.admin_site.admin_view(require_POST(self.approve_view)),
                name="international_pendingchange_approve",
            ),
            path(
                "<int:pk>/send-back/",
                self.admin_site.admin_view(require_POST(self.send_back_view)),
                name="international_pendingchange_send_back",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_review": can_publish(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _reviewable(self, request, pk):
        if not can_publish(request.user):
            raise PermissionDenied
        change = get_object_or_404(PendingChange.objects.pending(), pk=pk)
        if change.record is None:
            raise Http404
        return change

    def approve_view(self, request, pk):
        change = self._reviewable(request, pk)
        try:
            record = proposals.approve(change, request.user)
        except proposals.StaleProposalError as stale:
            messages.error(
                request,
                gettext(
                    "The record changed since this change was proposed, in the same fields: "
                    "%(fields)s. Approving would overwrite the newer version; compare the "
                    "three versions below and send the change back."
                )
                % {"fields": ", ".join(str(field.verbose_name) for field in stale.fields)},
            )
            return HttpResponseRedirect(
                reverse("admin:international_pendingchange_change", args=[pk])
            )
        except proposals.AlreadyReviewedError:
            raise Http404 from None  # Reviewed by another approver meanwhile.
        except ValidationError as error:
            messages.error(
                request,
                gettext("The change cannot be applied: %(errors)s")
                % {"errors": " ".join(error.messages)},
            )
            return HttpResponseRedirect(
                reverse("admin:international_pendingchange_change", args=[pk])
            )
        messages.success(
            request, gettext("Approved and published: %(record)s") % {"record": record}
        )
        return HttpResponseRedirect(reverse("admin:international_pendingchange_changelist"))

    def send_back_view(self, request, pk):
        change = self._reviewable(request, pk)
        comment = request.POST.get("comment", "").strip()
        if not comment:
            messages.error(request, gettext("Write a comment for the author: why it goes back."))
            return HttpResponseRedirect(
                reverse("admin:international_pendingchange_change", args=[pk])
            )
        try:
            change = proposals.send_back(change, request.user, comment)
        except proposals.AlreadyReviewedError:
            raise Http404 from None  # Reviewed by another approver meanwhile.
        notify.notify_author(change)
        messages.success(request, gettext("Sent back to %(name)s.") % {"name": change.author})
        return HttpResponseRedirect(reverse("admin:international_pendingchange_changelist"))

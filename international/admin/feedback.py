"""The readers' feedback messages and the partnership and visit requests in the admin."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Feedback, PartnershipRequest
from .filters import CountryInUseFilter


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Readers' messages: staff read them and tick "handled"; what a reader sent stays as sent."""

    list_display = [
        "created_at", "__str__", "kind", "page", "sender", "language", "is_spam", "is_handled",
    ]  # fmt: skip
    list_display_links = ["created_at", "__str__"]
    list_editable = ["is_handled"]
    list_filter = ["is_handled", "kind", "is_spam", "email_sent", "language", "created_at"]
    search_fields = ["message", "name", "email", "page", "staff_note"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at", "kind", "name", "email", "page", "language", "message", "is_spam",
        "email_sent",
    ]  # fmt: skip
    fields = [*readonly_fields, "is_handled", "staff_note"]

    @admin.display(description=_("sender"))
    def sender(self, feedback):
        return " ".join(part for part in (feedback.name, feedback.email) if part) or "—"

    def has_add_permission(self, request):
        return False


@admin.register(PartnershipRequest)
class PartnershipRequestAdmin(admin.ModelAdmin):
    """Partnership and visit requests: staff read them and mark them handled (who and when
    are recorded); what the sender sent stays as sent."""

    list_display = ["created_at", "organisation", "country", "subject", "is_spam", "is_handled"]
    list_display_links = ["created_at", "organisation"]
    list_filter = [
        "is_handled", "subject", CountryInUseFilter, "email_sent", "is_spam", "language",
        "created_at",
    ]  # fmt: skip
    search_fields = ["organisation", "contact_name", "email", "message", "staff_note"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at", "subject", "organisation", "country", "contact_name", "email", "phone",
        "language", "message", "is_spam", "email_sent", "handled_by", "handled_at",
    ]  # fmt: skip
    fields = [*readonly_fields[:-2], "is_handled", "handled_by", "handled_at", "staff_note"]
    actions = ["mark_handled"]

    @admin.action(description=_("Mark as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = 0
        for request_record in queryset.filter(is_handled=False):
            request_record.mark_handled(request.user)
            request_record.save(update_fields=["is_handled", "handled_by", "handled_at"])
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked as handled.",
                "%(count)d requests marked as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # Who ticked "handled" and when, or neither once it is unticked.
        if "is_handled" in form.changed_data:
            obj.mark_handled(request.user, obj.is_handled)
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False

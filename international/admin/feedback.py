"""The readers' feedback messages in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Feedback


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

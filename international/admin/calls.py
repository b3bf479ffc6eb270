"""The admin of the open calls and funding opportunities."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    Call,
)
from ..search import search_in
from .base import CONFIRMATION, PUBLISHING, SectionAdmin
from .filters import CallStateFilter


@admin.display(description=_("open or closed"), ordering="deadline")
def call_is_open(call):
    return gettext("Open") if call.is_open() else gettext("Closed")


@admin.register(Call)
class CallAdmin(SectionAdmin):
    list_display = ["__str__", "deadline", "audience", call_is_open, *SectionAdmin.list_display[1:]]
    list_filter = [CallStateFilter, "audience", *SectionAdmin.list_filter]
    date_hierarchy = "deadline"
    search_fields = search_in(Call, "title", "funder", "eligibility", "contact", "description")
    autocomplete_fields = ["programme"]
    fieldsets = [
        (None, {"fields": ["audience", "title", "programme", "funder", "deadline"]}),
        (_("Text"), {"fields": ["eligibility", "description"]}),
        (_("Contact"), {"fields": ["website", "contact", "email"]}),
        CONFIRMATION,
        PUBLISHING,
    ]

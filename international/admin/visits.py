"""The admin of the visits and news, with their photo gallery."""

from adminsortable2.admin import SortableInlineAdminMixin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from ..models import (
    Visit,
    VisitPhoto,
)
from ..search import search_in
from .base import CONFIRMATION, PUBLISHING, ReadOnlyWhileProposingInline, SectionAdmin
from .thumbnails import (
    image_thumbnail,
)


class VisitPhotoInline(
    ReadOnlyWhileProposingInline, SortableInlineAdminMixin, TranslationTabularInline
):
    """A visit's or news item's gallery: its photos, in the order they are shown."""

    model = VisitPhoto
    fields = ["photo_shown", "image", "image_alt", "caption"]
    readonly_fields = ["photo_shown"]
    extra = 0

    @admin.display(description=_("photo"))
    def photo_shown(self, photo):
        return image_thumbnail(photo) if photo.pk else "–"


@admin.register(Visit)
class VisitAdmin(SectionAdmin):
    # The drag and drop orders the items of one day; the public pages put the newest first.
    ordering = ["order"]
    list_display = ["__str__", "date", "kind", "twin_city", *SectionAdmin.list_display[1:]]
    # A nullable foreign key: Django's own select_related() for list_display skips it.
    list_select_related = ["twin_city"]
    list_filter = ["kind", "twin_city", *SectionAdmin.list_filter]
    date_hierarchy = "date"
    search_fields = search_in(Visit, "title", "text")
    autocomplete_fields = ["twin_city", "organization"]
    inlines = [VisitPhotoInline]
    fieldsets = [
        (None, {"fields": ["kind", "date", "title", "twin_city", "organization"]}),
        (_("Text"), {"fields": ["text"]}),
        CONFIRMATION,
        PUBLISHING,
    ]

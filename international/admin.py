"""The admin where municipal staff edit the section.

Bulgarian and English fields sit in tabs (modeltranslation, jQuery UI served
locally); every change is kept in history (django-simple-history).
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
)

admin.site.site_header = _("Stara Zagora Municipality: International activity")
admin.site.site_title = _("International activity")
admin.site.index_title = _("Content of the section")


class EnglishMissingFilter(admin.SimpleListFilter):
    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        if self.value() not in ("missing", "complete"):
            return queryset
        ids = [record.pk for record in queryset if not record.missing_english()]
        if self.value() == "complete":
            return queryset.filter(pk__in=ids)
        return queryset.exclude(pk__in=ids)


class SectionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Shared behaviour of every record's admin."""

    list_display = ["__str__", "is_published", "order", "english_status"]
    list_editable = ["is_published", "order"]
    list_filter = ["is_published", EnglishMissingFilter]
    save_on_top = True

    @admin.display(description=_("English"))
    def english_status(self, record):
        missing = record.missing_english()
        if not missing:
            return format_html('<span title="{}">✓</span>', _("Translated"))
        return format_html(
            '<span class="english-missing">{}</span>',
            _("Missing: %(fields)s")
            % {
                "fields": ", ".join(
                    str(record._meta.get_field(name).verbose_name) for name in missing
                )
            },
        )


PUBLISHING = (_("Publishing"), {"fields": ["slug", "order", "is_published"]})


@admin.register(Organization)
class OrganizationAdmin(SectionAdmin):
    list_display = ["__str__", "kind", "member_since", *SectionAdmin.list_display[1:]]
    list_filter = ["kind", *SectionAdmin.list_filter]
    search_fields = ["name_bg", "name_en", "original_name"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "original_name", "original_name_language", "website"]}),
        (
            _("Facts"),
            {"fields": ["founded_year", "founded_note", "size", "member_since", "role"]},
        ),
        (_("Text"), {"fields": ["description", "highlights"]}),
        (_("Logo"), {"fields": ["image", "image_alt"]}),
        PUBLISHING,
    ]


@admin.register(Event)
class EventAdmin(SectionAdmin):
    list_display = ["__str__", "organization", *SectionAdmin.list_display[1:]]
    search_fields = ["name_bg", "name_en"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        (None, {"fields": ["name", "organiser", "place", "website", "organization"]}),
        (_("When"), {"fields": ["recurrence", "start_date", "end_date"]}),
        (_("Text"), {"fields": ["description"]}),
        (_("Logo"), {"fields": ["image", "image_alt"]}),
        PUBLISHING,
    ]


class ParticipationInline(TranslationTabularInline):
    model = Participation
    fields = ["title", "role", "start_year", "end_year", "is_published"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(SectionAdmin):
    search_fields = ["name_bg", "name_en"]
    inlines = [ParticipationInline]
    fieldsets = [
        (None, {"fields": ["name", "funder", "period_start", "period_end", "website"]}),
        (_("Text"), {"fields": ["description"]}),
        PUBLISHING,
    ]


@admin.register(Participation)
class ParticipationAdmin(SectionAdmin):
    list_display = ["__str__", "programme", "role", *SectionAdmin.list_display[1:]]
    list_filter = ["programme", "role", *SectionAdmin.list_filter]
    search_fields = ["title_bg", "title_en"]
    autocomplete_fields = ["programme"]
    fieldsets = [
        (None, {"fields": ["programme", "title", "role", "partners", "start_year", "end_year"]}),
        (_("Text"), {"fields": ["website", "description"]}),
        PUBLISHING,
    ]


@admin.register(TwinCity)
class TwinCityAdmin(SectionAdmin):
    list_display = ["__str__", "country", "kind", *SectionAdmin.list_display[1:]]
    list_filter = ["kind", "country", *SectionAdmin.list_filter]
    search_fields = ["name_bg", "name_en"]
    fieldsets = [
        (None, {"fields": ["name", "region", "country", "kind", "since_year", "website"]}),
        (_("Text"), {"fields": ["cooperation_areas"]}),
        (_("Coat of arms"), {"fields": ["image", "image_alt"]}),
        (_("Place on the map"), {"fields": ["latitude", "longitude"]}),
        PUBLISHING,
    ]


@admin.register(InfoPage)
class InfoPageAdmin(SectionAdmin):
    list_display = ["__str__", "key", "is_published", "english_status"]
    list_editable = ["is_published"]
    fields = ["key", "title", "body", "slug", "is_published"]


class SingletonAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """An admin for a model with exactly one row: no adding a second, no deleting."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SectionPage)
class SectionPageAdmin(SingletonAdmin):
    fieldsets = [
        (None, {"fields": ["title", "lead"]}),
        (
            _("Responsible unit"),
            {"fields": ["responsible_unit", "address", "phone", "email", "last_reviewed"]},
        ),
    ]


@admin.register(SiteContact)
class SiteContactAdmin(SingletonAdmin):
    fields = ["organisation_name", "address", "email", "website", "hotline_number", "hotline_note"]

"""The admin of the section's first kinds of record, its information pages and its two
single pages (the section page, the footer contacts).
"""

from adminsortable2.admin import SortableInlineAdminMixin
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from ..models import (
    Document,
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
    can_publish,
)
from ..search import search_in
from .base import (
    CONFIRMATION,
    PUBLISHING,
    ContentAdmin,
    ReadOnlyWhileProposingInline,
    SectionAdmin,
    proposing,
)
from .fields import URL_FIELDS, CoordinateField
from .filters import CountryInUseFilter


@admin.register(Organization)
class OrganizationAdmin(SectionAdmin):
    list_display = ["__str__", "kind", "member_since", *SectionAdmin.list_display[1:]]
    list_filter = ["kind", *SectionAdmin.list_filter]
    search_fields = search_in(
        Organization, "name", "original_name", "description", "highlights", "founded_note", "role"
    )
    fieldsets = [
        (None, {"fields": ["kind", "name", "original_name", "original_name_language", "website"]}),
        (
            _("Facts"),
            {"fields": ["founded_year", "founded_note", "size", "member_since", "role"]},
        ),
        (_("Text"), {"fields": ["description", "highlights"]}),
        (_("Logo"), {"fields": ["image", "image_alt", "image_decorative"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


@admin.register(Event)
class EventAdmin(SectionAdmin):
    list_display = ["__str__", "organization", *SectionAdmin.list_display[1:]]
    # An event's organisation may be empty: Django's own select_related() skips such a key,
    # which cost a query per row.
    list_select_related = ["organization"]
    search_fields = search_in(Event, "name", "organiser", "place", "description")
    autocomplete_fields = ["organization"]
    radio_fields = {"repeats": admin.VERTICAL}
    fieldsets = [
        (None, {"fields": ["name", "organiser", "place", "website", "organization"]}),
        (
            _("When"),
            {
                "fields": ["start_date", "end_date", "repeats", "repeat_until_year", "recurrence"],
                "description": _(
                    "Enter the dates if they are known: the public pages then list the event "
                    "as upcoming or past, and it appears in the calendar. For an event held "
                    "every year on the same dates, choose “Every year”. Without dates, "
                    "“when it takes place” says it in words."
                ),
            },
        ),
        (_("Text"), {"fields": ["description"]}),
        (_("Logo"), {"fields": ["image", "image_alt", "image_decorative"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


PROPOSED_DOCUMENTS = _(
    "You can add a document: the public page shows it once an approver approves it. "
    "Changing or removing a published document is for approvers, so the listed ones are "
    "read-only."
)


class DocumentInline(
    ReadOnlyWhileProposingInline, SortableInlineAdminMixin, TranslationTabularInline
):
    """A programme's or a project's PDF documents, in the order they are listed."""

    # An editor's save of a published record is a proposal: they add documents (to be
    # approved), an approver changes and removes them.
    adds_while_proposing = True

    model = Document
    readonly_fields = ["size_shown"]
    extra = 0

    def get_fields(self, request, obj=None):
        fields = ["file", "title", "language", "date", "size_shown"]
        # Approvers approve an editor's upload here (or with the change awaiting approval).
        return [*fields, "is_approved" if can_publish(request.user) else "approval"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if can_publish(request.user) else [*readonly, "approval"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.accepts_proposals = True  # Saved by ReviewMixin even when the record is not.
        if proposing(self, request, obj):
            file = formset.form.base_fields["file"]
            file.help_text = format_html("{} {}", PROPOSED_DOCUMENTS, file.help_text)
        return formset

    def get_queryset(self, request):
        # The approval column asks each document's record whether it is published.
        return super().get_queryset(request).select_related("programme", "participation")

    @admin.display(description=_("file size"))
    def size_shown(self, document):
        return filesizeformat(document.size) if document.pk else "–"

    @admin.display(description=_("approval"))
    def approval(self, document):
        if not document.pk:
            return "–"
        if not document.is_approved:
            return _("Awaiting approval")
        record = document.programme or document.participation
        if record.is_published:  # Shown to editors only: read-only for them there.
            return _("Approved: an approver changes or removes it")
        return _("Approved")


class ParticipationInline(
    ReadOnlyWhileProposingInline, SortableInlineAdminMixin, TranslationTabularInline
):
    model = Participation
    fields = ["title", "role", "start_year", "end_year", "is_published"]
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if can_publish(request.user):
            return readonly
        return [*readonly, "is_published"]  # Publishing is for approvers.


@admin.register(Programme)
class ProgrammeAdmin(SectionAdmin):
    search_fields = search_in(Programme, "name", "funder", "description")
    inlines = [ParticipationInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["name", "funder", "period_start", "period_end", "website"]}),
        (_("Text"), {"fields": ["description"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


@admin.register(Participation)
class ParticipationAdmin(SectionAdmin):
    list_display = ["__str__", "programme", "role", *SectionAdmin.list_display[1:]]
    list_filter = ["programme", "role", *SectionAdmin.list_filter]
    search_fields = search_in(Participation, "title", "partners", "description")
    autocomplete_fields = ["programme"]
    inlines = [DocumentInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "role", "partners", "start_year", "end_year"]}),
        (_("Text"), {"fields": ["website", "description"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


@admin.register(TwinCity)
class TwinCityAdmin(SectionAdmin):
    formfield_overrides = {**URL_FIELDS, models.DecimalField: {"form_class": CoordinateField}}
    list_display = ["__str__", "country", "kind", *SectionAdmin.list_display[1:]]
    list_filter = ["kind", CountryInUseFilter, *SectionAdmin.list_filter]
    search_fields = search_in(TwinCity, "name", "region", "cooperation_areas")
    fieldsets = [
        (None, {"fields": ["name", "region", "country", "kind", "since_year", "website"]}),
        (_("Text"), {"fields": ["cooperation_areas"]}),
        (_("Coat of arms"), {"fields": ["image", "image_alt", "image_decorative"]}),
        (_("Place on the map"), {"fields": ["latitude", "longitude"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


ENFORCEMENT_PROCEDURE = _("Enforcement procedure")


@admin.register(InfoPage)
class InfoPageAdmin(SectionAdmin):
    search_fields = search_in(InfoPage, "title", "body")
    list_display = ["__str__", "key", *SectionAdmin.list_display[1:]]
    fieldsets = [
        (None, {"fields": ["key", "title", "body"]}),
        (
            ENFORCEMENT_PROCEDURE,
            {
                "fields": [
                    "enforcement_body", "enforcement_address", "enforcement_website",
                    "enforcement_email", "enforcement_phone",
                ],
                "description": _(
                    "The body readers can turn to when our answer to their feedback does not "
                    "satisfy them. Shown at the end of the accessibility statement, after its "
                    "text."
                ),
            },
        ),
        CONFIRMATION,
        PUBLISHING,
    ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        """Leave out the enforcement body's fields on pages other than the statement."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.key == InfoPage.Key.ACCESSIBILITY:
            return fieldsets
        return [fieldset for fieldset in fieldsets if fieldset[0] != ENFORCEMENT_PROCEDURE]


class SingletonAdmin(ContentAdmin):
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
            {
                "fields": [
                    "responsible_unit", "address", "phone", "email", "contact_name",
                    "contact_position", "office_hours", "last_reviewed",
                ],
                "description": _(
                    "Shown in the section page's contacts and in the accessibility "
                    "statement's contact information."
                ),
            },
        ),
    ]  # fmt: skip


@admin.register(SiteContact)
class SiteContactAdmin(SingletonAdmin):
    fields = ["organisation_name", "address", "email", "website", "hotline_number", "hotline_note"]

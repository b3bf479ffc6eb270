"""The admin where municipal staff edit the section.

Bulgarian and English fields sit in tabs (modeltranslation, jQuery UI served
locally); every change is kept in history (django-simple-history).
"""

from adminsortable2.admin import SortableAdminMixin, SortableInlineAdminMixin
from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

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
from ..models.content import content_changed
from ..public import views
from .concurrency import OptimisticLockingMixin, OrderLockingMixin
from .fields import URL_FIELDS, CoordinateField
from .history import TranslatedHistoryAdmin
from .proposing import ReviewMixin
from .schedule import ScheduleFilter, schedule_status

admin.site.site_header = _("Stara Zagora Municipality: International activity")
admin.site.site_title = _("International activity")
admin.site.index_title = _("Content of the section")


class ContentAdmin(
    OptimisticLockingMixin, ReviewMixin, TranslatedHistoryAdmin, TabbedTranslationAdmin
):
    """What every admin of the section's content shares: no save over another editor's newer
    version, review, language tabs, history, rich text."""

    formfield_overrides = URL_FIELDS

    class Media:
        js = [
            # The rich-text editor's toolbar in the admin's language.
            "international/admin/rich_text_labels.js",
            # "Another editor saved this record": the open form asks every 30 seconds.
            "international/admin/edit_conflict.js",
        ]


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


class SectionAdmin(OrderLockingMixin, SortableAdminMixin, ContentAdmin):
    """Shared behaviour of every record's admin: drag-and-drop order, history, preview."""

    list_display = ["__str__", "is_published", schedule_status, "english_status", "to_confirm"]
    list_editable = ["is_published"]
    list_filter = ["is_published", ScheduleFilter, EnglishMissingFilter, "to_confirm"]
    readonly_fields = ["preview_links"]
    save_on_top = True
    change_list_template = "admin/international/record_change_list.html"

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

    @admin.display(description=_("Preview"))
    def preview_links(self, record):
        if not record.pk:
            return _("Save the record first; then you can preview it here.")
        links = [
            (
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_preview",
                    args=[record.pk, code],
                ),
                code,
                name,
            )
            for code, name in (("bg", gettext("in Bulgarian")), ("en", gettext("in English")))
        ]
        return format_html_join(
            " · ", '<a href="{}" hreflang="{}" target="_blank" rel="noopener">{}</a>', links
        )

    def save_model(self, request, obj, form, change):
        match = request.resolver_match
        if change and match is not None and match.url_name.endswith("_simple_history"):
            # A version brought back from history keeps the record's place in the list:
            # the order is the list's, set by dragging, not part of what was restored.
            current = self.model._base_manager.filter(pk=obj.pk).values_list("order", flat=True)
            if current:
                obj.order = current[0]
        super().save_model(request, obj, form, change)

    def view_on_site(self, record):
        """Lead "View on site" to the public page, or to the preview while the public cannot
        see the record (a draft, or a project under an unpublished programme)."""
        if self.model.objects.published().filter(pk=record.pk).exists():
            return record.get_absolute_url()
        language = translation.get_language() if translation.get_language() == "en" else "bg"
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_preview",
            args=[record.pk, language],
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="{}_{}_deleted".format(*info),
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk, language):
        """Show the record, published or not, on the public layout; never cached."""
        record = get_object_or_404(self.model, pk=pk)
        if not self.has_view_or_change_permission(request, record):
            raise Http404
        if language not in ("bg", "en"):
            raise Http404
        return views.preview(request, record, language)

    def deleted_view(self, request):
        """List deleted records whose history can restore them."""
        if not self.has_change_permission(request):
            raise Http404
        history = self.model.history.model
        existing = self.model.objects.values("pk")
        # A record deleted, restored and deleted again is listed once, by its last deletion.
        latest = (
            history.objects.filter(id=OuterRef("id"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        deleted = (
            history.objects.filter(history_type="-", history_id=Subquery(latest))
            .exclude(id__in=existing)
            .order_by("-history_date")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "deleted": deleted,
        }
        return TemplateResponse(request, "admin/international/deleted.html", context)

    def update_order(self, request):
        """Reorder by drag and drop, then record it in history and refresh the pages.

        Refused if the order changed since the list was loaded."""
        if request.method == "POST" and self.has_change_permission(request):
            refused = self.order_conflict(request)
            if refused is not None:
                return refused
        before = self._orders()
        response = super().update_order(request)
        self._record_reorder(request, before)
        return self.with_order_token(response)

    def _bulk_move(self, request, queryset, method):
        before = self._orders()
        super()._bulk_move(request, queryset, method)
        self._record_reorder(request, before)

    def _orders(self):
        return dict(self.model.objects.values_list("pk", "order"))

    def _record_reorder(self, request, before):
        # django-admin-sortable2 saves with bulk_update, which sends no signals: the
        # history rows and the content version are written here instead.
        after = self._orders()
        moved = [pk for pk, order in after.items() if before.get(pk) != order]
        if not moved:
            return
        self.model.history.bulk_history_create(
            list(self.model.objects.filter(pk__in=moved)),
            update=True,
            default_user=request.user,
            # Stored untranslated; the history page shows it in the reader's language.
            default_change_reason=gettext_noop("Reordered"),
        )
        content_changed()


CONFIRMATION = (_("Confirmation"), {"fields": ["to_confirm", "to_confirm_note"]})
PUBLISHING = (
    _("Publishing"),
    {"fields": ["slug", "is_published", "publish_from", "publish_until", "preview_links"]},
)


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
        (_("Logo"), {"fields": ["image", "image_alt", "image_decorative"]}),
        CONFIRMATION,
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
        (_("Logo"), {"fields": ["image", "image_alt", "image_decorative"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


PROPOSED_DOCUMENTS = _(
    "You can add a document: the public page shows it once an approver approves it. "
    "Changing or removing a published document is for approvers, so the listed ones are "
    "read-only."
)


class DocumentInline(SortableInlineAdminMixin, TranslationTabularInline):
    """A programme's or a project's PDF documents, in the order they are listed."""

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
        if self._proposing(request, obj):
            file = formset.form.base_fields["file"]
            file.help_text = format_html("{} {}", PROPOSED_DOCUMENTS, file.help_text)
        return formset

    def _proposing(self, request, record):
        # An editor's save of a published record is a proposal: they add documents (to be
        # approved), an approver changes and removes them.
        if record is None or can_publish(request.user):
            return False
        return self.admin_site.get_model_admin(type(record)).is_published_now(record)

    def has_change_permission(self, request, obj=None):
        return not self._proposing(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._proposing(request, obj) and super().has_delete_permission(request, obj)

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


class ParticipationInline(SortableInlineAdminMixin, TranslationTabularInline):
    model = Participation
    fields = ["title", "role", "start_year", "end_year", "is_published"]
    extra = 0
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if can_publish(request.user):
            return readonly
        return [*readonly, "is_published"]  # Publishing is for approvers.

    def _proposing(self, request, programme):
        # An editor's save of a published programme is a proposal of its own fields: the
        # projects are read here and proposed each in its own form, never lost unsaved.
        return programme is not None and programme.is_published and not can_publish(request.user)

    def has_add_permission(self, request, obj):
        return not self._proposing(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._proposing(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._proposing(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Programme)
class ProgrammeAdmin(SectionAdmin):
    search_fields = ["name_bg", "name_en"]
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
    search_fields = ["title_bg", "title_en"]
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
    list_filter = ["kind", "country", *SectionAdmin.list_filter]
    search_fields = ["name_bg", "name_en"]
    fieldsets = [
        (None, {"fields": ["name", "region", "country", "kind", "since_year", "website"]}),
        (_("Text"), {"fields": ["cooperation_areas"]}),
        (_("Coat of arms"), {"fields": ["image", "image_alt", "image_decorative"]}),
        (_("Place on the map"), {"fields": ["latitude", "longitude"]}),
        CONFIRMATION,
        PUBLISHING,
    ]


@admin.register(InfoPage)
class InfoPageAdmin(SectionAdmin):
    list_display = ["__str__", "key", *SectionAdmin.list_display[1:]]
    fieldsets = [(None, {"fields": ["key", "title", "body"]}), CONFIRMATION, PUBLISHING]


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
            {"fields": ["responsible_unit", "address", "phone", "email", "last_reviewed"]},
        ),
    ]


@admin.register(SiteContact)
class SiteContactAdmin(SingletonAdmin):
    fields = ["organisation_name", "address", "email", "website", "hotline_number", "hotline_note"]

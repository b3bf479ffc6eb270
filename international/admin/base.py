"""The admin's common ground: the site's titles, and the admin every kind of record uses
(language tabs, history and restore, order, preview, proposals, version tokens).

Bulgarian and English fields sit in tabs (modeltranslation, jQuery UI served
locally); every change is kept in history (django-simple-history).
"""

from types import MethodType

from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ..models import (
    ImageMixin,
    can_publish,
)
from ..models.content import content_changed
from ..public import views
from .concurrency import ORDER_PARAMETER, OptimisticLockingMixin, OrderLockingMixin
from .fields import URL_FIELDS
from .history import TranslatedHistoryAdmin
from .proposing import ReviewMixin
from .schedule import ScheduleFilter, schedule_status
from .thumbnails import (
    ThumbnailFileInput,
    discard_kept_image,
    image_thumbnail,
    keep_chosen_image,
)

admin.site.site_header = _("Stara Zagora Municipality: International activity")
admin.site.site_title = _("International activity")
admin.site.index_title = _("Content of the section")


class ContentAdmin(
    OptimisticLockingMixin, ReviewMixin, TranslatedHistoryAdmin, TabbedTranslationAdmin
):
    """What every admin of the section's content shares: no save over another editor's newer
    version, review, language tabs, history, rich text."""

    formfield_overrides = URL_FIELDS

    def get_form(self, request, obj=None, **kwargs):
        if not issubclass(self.model, ImageMixin):
            return super().get_form(request, obj, **kwargs)

        # An image chosen in a form that fails on another field is kept for the next.
        class KeepsChosenImage(kwargs.get("form", self.form)):
            def full_clean(self):
                super().full_clean()
                keep_chosen_image(self)

        form = super().get_form(request, obj, **{**kwargs, "form": KeepsChosenImage})
        field = form.base_fields.get("image")
        if field is not None:
            # The current image, small, beside the input that replaces it.
            field.widget = ThumbnailFileInput(attrs=field.widget.attrs)
            match = request.resolver_match
            restoring = match is not None and match.url_name.endswith("_simple_history")
            # Not on a version from history: its image's renditions may be gone.
            field.widget.record = None if restoring else obj
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        discard_kept_image(form)

    class Media:
        js = [
            # The rich-text editor's toolbar in the admin's language.
            "international/admin/rich_text_labels.js",
            # The link dialog writes www., e-mail and phone addresses as links that open.
            "international/admin/link_dialog.js",
            # "Another editor saved this record": the open form asks every 30 seconds.
            "international/admin/edit_conflict.js",
            # "Uploading and processing the image…" while a chosen image is being saved.
            "international/admin/upload_busy.js",
        ]


class EnglishMissingFilter(admin.SimpleListFilter):
    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        if self.value() not in ("missing", "complete"):
            return queryset
        missing = queryset.model.missing_english_condition()
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset.filter(missing)


class SectionAdmin(OrderLockingMixin, SortableAdminMixin, ContentAdmin):
    """Shared behaviour of every record's admin: drag-and-drop order, history, preview."""

    list_display = [
        "__str__",
        "is_published",
        schedule_status,
        "english_status",
        "facts_to_confirm",
    ]
    list_editable = ["is_published"]
    list_filter = ["is_published", ScheduleFilter, EnglishMissingFilter, "to_confirm"]
    readonly_fields = ["preview_links"]
    save_on_top = True
    change_list_template = "admin/international/record_change_list.html"

    @admin.display(description=_("To confirm"), boolean=True, ordering="to_confirm")
    def facts_to_confirm(self, record):
        """The flag under a heading short enough for its column."""
        return record.to_confirm

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
                "<int:pk>/move/",
                self.admin_site.admin_view(self.move_view),
                name="{}_{}_move".format(*info),
            ),
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

    # Moving one row up or down: the keyboard's and the pointer's alternative to dragging.

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if issubclass(self.model, ImageMixin):
            # The small image after the name: which record is which, at a glance.
            at = shown.index("__str__") + 1 if "__str__" in shown else len(shown)
            shown.insert(at, image_thumbnail)
        return shown

    def _add_reorder_method(self):
        # The "Up" and "Down" buttons go in the order column, beside the drag handle: one
        # column for the order, not two (eight columns share an 800 px window).
        super()._add_reorder_method()
        drag_handle = self._reorder_

        def order_cell(this, record):
            return format_html("{}{}", drag_handle(record), this.move_buttons(record))

        for name in ("short_description", "admin_order_field"):
            setattr(order_cell, name, getattr(drag_handle, name))
        self._reorder_ = MethodType(order_cell, self)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # Once a page, not once a row: the first record has no "Up", the last no "Down".
        # Only in the list's own order, first to last: sorted the other way round, "Up"
        # would move a row down the page (dragging still works there).
        self._can_move = (
            self.enable_sorting
            and not (self.order_by or "").startswith("-")
            and self.has_change_permission(request)
        )
        self._order_bounds = (
            self.model.objects.aggregate(first=Min("order"), last=Max("order"))
            if self._can_move
            else {}
        )
        return changelist

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "order_parameter": ORDER_PARAMETER}
        if request.method == "GET":
            extra_context["order_token"] = request._order_token = self.order_token()
        return super().changelist_view(request, extra_context)

    def move_buttons(self, record):
        if not getattr(self, "_can_move", False):
            return ""
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_move", args=[record.pk])
        buttons = []
        if record.order != self._order_bounds.get("first"):
            buttons.append(("up", gettext("Move %(name)s up"), gettext("Up")))
        if record.order != self._order_bounds.get("last"):
            buttons.append(("down", gettext("Move %(name)s down"), gettext("Down")))
        return format_html_join(
            " ",
            '<button type="submit" form="reorder-form" formaction="{}" name="direction" '
            'value="{}" class="button move-button" aria-label="{}">{}</button>',
            [
                (url, direction, label % {"name": record}, text)
                for direction, label, text in buttons
            ],
        )

    def move_view(self, request, pk):
        """Move a record one place up or down the list, through the drag and drop's code.

        Refused, as a drag is, if the order changed since the list was loaded."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model, pk=pk)
        back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        filters = request.POST.get("_changelist_filters", "")
        if filters:
            back = f"{back}?{filters}"
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest()
        with transaction.atomic():
            if self.order_changed(request.POST.get(ORDER_PARAMETER)):
                messages.error(
                    request,
                    gettext(
                        "Another editor changed the order of this list after you opened it. "
                        "Nothing was moved: the list now shows the current order; "
                        "move the record again if it is still needed."
                    ),
                )
                return HttpResponseRedirect(back)
            ordered = list(self.model.objects.order_by("order", "pk").values_list("pk", "order"))
            index = [row_pk for row_pk, _order in ordered].index(record.pk)
            other = index - 1 if direction == "up" else index + 1
            if not 0 <= other < len(ordered):
                messages.info(request, gettext("“%(name)s” is already there.") % {"name": record})
                return HttpResponseRedirect(back)
            (moved, moved_order), (neighbour, neighbour_order) = ordered[index], ordered[other]
            before = self._orders()
            self._update_order(
                [[moved, neighbour_order], [neighbour, moved_order]],
                self.get_extra_model_filters(request),
            )
            self._record_reorder(request, before)
        messages.success(
            request,
            gettext("“%(name)s” moved to position %(position)s of %(count)s.")
            % {"name": record, "position": other + 1, "count": len(ordered)},
        )
        return HttpResponseRedirect(back)

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


def proposing(inline, request, record):
    """Whether an editor's save of *record* (an inline's parent) is a proposal: it is
    stored as public; an approver's never is."""
    if record is None or can_publish(request.user):
        return False
    return inline.admin_site.get_model_admin(type(record)).is_published_now(record)


class ReadOnlyWhileProposingInline:
    """An inline whose rows an editor cannot add, change or delete while their save of the
    parent record is a proposal (a published record): the proposal holds the parent's own
    fields, so rows changed beside it would be lost unsaved. Approvers, and editors of a
    draft, edit the rows as usual. (Asked of the stored record: the form's shows the
    editor's proposal.)"""

    #: Whether an editor may still add rows beside a proposal (documents, to be approved).
    adds_while_proposing = False

    def has_add_permission(self, request, obj):
        if not self.adds_while_proposing and proposing(self, request, obj):
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not proposing(self, request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not proposing(self, request, obj) and super().has_delete_permission(request, obj)

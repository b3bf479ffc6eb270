"""The link report: what the last link check found at each address the records link to."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..links.collect import linked_models
from ..links.report import ReplaceError, describe, propose_link, replace_link, run_check
from ..models import LinkCheck, can_publish
from ..review import proposals

CHECK_PERMISSION = "international.check_links"


class KindFilter(admin.SimpleListFilter):
    title = _("kind of record")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            (model._meta.model_name, model._meta.verbose_name_plural) for model in linked_models()
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            content_type__app_label="international", content_type__model=self.value()
        )


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Read-only: the check writes the rows; staff replace a moved address from here."""

    list_display = ["record_link", "field", "address", "status_label", "new_address", "checked_at"]
    list_display_links = None
    list_filter = ["status", KindFilter]
    search_fields = ["url", "final_url"]
    actions = ["replace_selected"]
    change_list_template = "admin/international/linkcheck_change_list.html"

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("content_type").prefetch_related("record")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_check_permission(self, request):
        return request.user.has_perm(CHECK_PERMISSION)

    def has_replace_permission(self, request, row=None):
        """Replacing an address is an edit of its record: it needs the right to change it.

        An editor who may not publish replaces it in a proposal an approver approves.
        """
        if row is None:
            return any(self._can_change(request, model) for model in linked_models())
        return self._can_change(request, row.content_type.model_class())

    def _can_change(self, request, model):
        opts = model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @admin.display(description=_("record"))
    def record_link(self, row):
        record = row.record
        if record is None:
            return gettext("(deleted record)")
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html(
            '<a href="{}">{}</a> <small>({})</small>', url, record, opts.verbose_name
        )

    @admin.display(description=_("field"), ordering="field_name")
    def field(self, row):
        model = row.content_type.model_class()
        try:
            return model._meta.get_field(row.field_name).verbose_name
        except FieldDoesNotExist:  # A field since removed from the model.
            return row.field_name

    @admin.display(description=_("address"), ordering="url")
    def address(self, row):
        return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', row.url)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, row):
        label = row.get_status_display()
        if row.status == LinkCheck.Status.REDIRECTED:
            label = (
                gettext("Moved permanently") if row.permanent_redirect else gettext("Moved for now")
            )
        if row.status == LinkCheck.Status.BROKEN and row.status_code:
            label = f"{label} ({row.status_code})"
        return format_html('<span class="link-status link-status--{}">{}</span>', row.status, label)

    @admin.display(description=_("new address"))
    def new_address(self, row, can_replace=False):
        if not row.final_url:
            return "—"
        link = format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', row.final_url)
        if row.status != LinkCheck.Status.REDIRECTED or not can_replace:
            return link
        return format_html(
            '{}<br><button type="submit" class="button" form="replace-link-form" '
            'name="link" value="{}">{}</button>',
            link,
            row.pk,
            gettext("Replace with the new address"),
        )

    def get_list_display(self, request):
        """Show a row's "Replace" button only to who may change its record."""

        @admin.display(description=_("new address"))
        def new_address(row):
            return self.new_address(row, can_replace=self.has_replace_permission(request, row))

        return [new_address if name == "new_address" else name for name in self.list_display]

    @admin.action(description=_("Replace with the new address"), permissions=["replace"])
    def replace_selected(self, request, queryset):
        self._replace(request, list(queryset.filter(status=LinkCheck.Status.REDIRECTED)))

    def _replace(self, request, rows):
        replaced = proposed = 0
        publisher = can_publish(request.user)
        for row in rows:
            if not self.has_replace_permission(request, row):
                messages.error(
                    request, gettext("You may not change %(record)s.") % {"record": row.record}
                )
                continue
            try:
                if publisher:
                    replace_link(row, request.user)
                    replaced += 1
                else:
                    propose_link(row, request.user, self._proposed_fields(request, row))
                    proposed += 1
            except ReplaceError as error:
                messages.warning(request, f"{row.url}: {error}")
        if proposed:
            messages.success(
                request,
                ngettext(
                    "%(count)d new address was sent for approval: an approver publishes it.",
                    "%(count)d new addresses were sent for approval: an approver publishes them.",
                    proposed,
                )
                % {"count": proposed},
            )
        if replaced:
            messages.success(
                request,
                ngettext(
                    "Replaced %(count)d address with its new one.",
                    "Replaced %(count)d addresses with their new ones.",
                    replaced,
                )
                % {"count": replaced},
            )

    def _proposed_fields(self, request, row):
        """Return the fields an editor's proposal of *row*'s record keeps: its admin form's."""
        record = row.record
        if record is None:
            return []
        model_admin = self.admin_site._registry[type(record)]
        form = model_admin.get_form(request, record, change=True)(instance=record)
        return proposals.proposed_fields(type(record), form)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "check/",
                self.admin_site.admin_view(require_POST(self.check_view)),
                name="{}_{}_check".format(*info),
            ),
            path(
                "replace/",
                self.admin_site.admin_view(require_POST(self.replace_view)),
                name="{}_{}_replace".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": capfirst(self.opts.verbose_name_plural),
            "can_check_links": self.has_check_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def check_view(self, request):
        """Check the addresses now, for LINK_CHECK_REQUEST_BUDGET seconds at most.

        Below gunicorn's worker timeout: the addresses never checked or checked longest
        ago go first; what is left waits for the next press or manage.py check_links.
        """
        if not self.has_check_permission(request):
            raise PermissionDenied
        messages.success(request, describe(run_check(budget=settings.LINK_CHECK_REQUEST_BUDGET)))
        return self._back(request)

    def replace_view(self, request):
        """Replace one row's moved address (the button in its row)."""
        row = get_object_or_404(LinkCheck, pk=request.POST.get("link"))
        if not self.has_replace_permission(request, row):
            raise PermissionDenied
        self._replace(request, [row])
        return self._back(request)

    def _back(self, request):
        """Return to the report as it was filtered."""
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:international_linkcheck_changelist")
        return HttpResponseRedirect(target)

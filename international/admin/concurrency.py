"""No lost update: a form saved over a newer version of its record is refused.

Each change form and history restore form carries a version token of the record as it
was when the form opened (its last-changed time and, for a kind with inlines, those of
its inline records). A save whose token is not the record's current one is refused: the
form comes back with what the editor typed, what changed since (from history) and the
current token, so that saving again after merging succeeds. A list's drag-and-drop
reorder carries a token of the kind's order in the same way.
"""

import dataclasses
import hashlib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext

from .history import TranslatedHistoryHelper, moment

VERSION_FIELD = "_version"
ORDER_PARAMETER = "order_version"
SALT = "international.admin.version"
# Fields the change form never edits: a change there is not a conflict to show.
NOT_EDITED = ("order", "created_at", "updated_at")


@dataclasses.dataclass
class Conflict:
    """What another editor saved after this form opened."""

    token: str
    saved_at: str
    saved_by: str
    changes: list

    def message(self):
        if self.saved_by:
            return gettext("Another editor saved this record at %(time)s by %(user)s.") % {
                "time": self.saved_at,
                "user": self.saved_by,
            }
        return gettext("Another editor saved this record at %(time)s.") % {"time": self.saved_at}


def newest(history):
    return history.order_by("-history_date", "-history_id").first()


def saved_words(row):
    """Return when a history row was saved and by whom, as the admin shows them."""
    if row is None:
        return "", ""
    user = row.history_user
    when = moment(row.history_date)
    return when, (user.get_full_name() or user.get_username()) if user else ""


def newest_ids(history, pks):
    """Return the newest history row's id of each of the records *pks*."""
    rows = history.filter(id__in=pks).values("id").annotate(newest=Max("history_id"))
    return {row["id"]: row["newest"] for row in rows}


def compared(state):
    """Return the part of a version state that says whether the record changed.

    The history ids only find the versions to compare: a reorder writes a history row
    but changes nothing the form edits (an inline's order it does: that is compared).
    """
    inlines = {label: [row[:3] for row in rows] for label, rows in state.get("i", {}).items()}
    return {"r": state.get("r"), "i": inlines}


def describe(model, current_row, opened_row, excluded, label=""):
    """Return the changes between two history rows, in the history page's words."""
    if current_row is None or opened_row is None:
        return []
    delta = current_row.diff_against(
        opened_row, excluded_fields=excluded, foreign_keys_are_objs=True
    )
    # The whole text, not the history page's first hundred characters: it is to merge from.
    helper = TranslatedHistoryHelper(model, current_row, max_displayed_delta_change_chars=5000)
    rows = helper.context_for_delta_changes(delta)
    if label:
        rows = [{**row, "field": f"{label}: {row['field']}"} for row in rows]
    return rows


class OptimisticLockingMixin:
    """Refuse a save, restore or reorder made from a page older than the record."""

    # The version token ------------------------------------------------------------------------

    def version_state(self, record, with_inlines=True):
        newest_row = newest(record.history.all())
        state = {
            "r": record.updated_at.isoformat() if record.updated_at else "",
            "h": newest_row.history_id if newest_row else None,
            "i": {},
        }
        for inline in self.inlines if with_inlines else []:
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            rows = inline.model._base_manager.filter(**{fk.name: record}).order_by("pk")
            rows = list(rows.values_list("pk", "updated_at", "order"))
            history = newest_ids(inline.model.history, [pk for pk, _, _ in rows])
            state["i"][inline.model._meta.label_lower] = [
                [pk, changed.isoformat(), order, history.get(pk)] for pk, changed, order in rows
            ]
        return state

    def version_token(self, record, with_inlines=True):
        return signing.dumps(self.version_state(record, with_inlines), salt=SALT, compress=True)

    def conflict(self, posted, record, with_inlines=True):
        """Return the Conflict if the token *posted* is not of the record's current version."""
        if posted is None:
            # A post from no form of ours (a script, an old page): nothing to compare.
            return None
        current = self.version_state(record, with_inlines)
        try:
            opened = signing.loads(posted, salt=SALT)
        except signing.BadSignature:
            opened = {}
        if compared(opened) == compared(current):
            return None
        history = record.history
        rows = [newest(history.all())]
        changes = []
        if opened.get("r") != current["r"]:
            opened_row = history.filter(history_id=opened.get("h")).first()
            changes = describe(self.model, rows[0], opened_row, NOT_EDITED)
        for label, now in current["i"].items():
            changes += self.inline_changes(label, opened.get("i", {}).get(label, []), now, rows)
        saved = max((row for row in rows if row), key=lambda row: row.history_date, default=None)
        token = signing.dumps(current, salt=SALT, compress=True)
        return Conflict(token, *saved_words(saved), changes)

    def inline_changes(self, label, opened, now, rows):
        """Return what changed in the inline records of *label*; add their newest rows."""
        models = {inline.model._meta.label_lower: inline.model for inline in self.inlines}
        model = models[label]
        opened = {row[0]: row for row in opened}
        now = {row[0]: row for row in now}
        changes = []
        for pk in sorted(set(opened) | set(now)):
            if opened.get(pk, [])[:3] == now.get(pk, [])[:3]:
                continue
            history = model.history.filter(id=pk)
            current_row = newest(history)
            rows.append(current_row)
            record = current_row.instance if current_row else pk
            name = f"{capfirst(model._meta.verbose_name)}: {record}"
            if pk not in opened:
                changes.append({"field": name, "old": "—", "new": gettext("added")})
            elif pk not in now:
                changes.append({"field": name, "old": "—", "new": gettext("removed")})
            else:
                opened_row = history.filter(history_id=opened[pk][3]).first()
                changes += describe(model, current_row, opened_row, NOT_EDITED[1:], name)
        return changes

    # The change form ------------------------------------------------------------------------

    def current_record(self, request, queryset, object_id):
        """Return the record as it is now; on a save, lock its row until the save is done.

        Called inside a transaction: on PostgreSQL no other save comes between the
        comparison of the tokens and this save (SQLite writes one at a time anyway).
        """
        if request.method == "POST":
            queryset = queryset.select_for_update(of=("self",))
        return queryset.filter(pk=unquote(object_id)).first()

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # Inside the transaction Django's changeform_view opens.
        extra_context = dict(extra_context or {})
        record = None
        if object_id:
            record = self.current_record(request, self.get_queryset(request), object_id)
        if record is not None:
            conflict = None
            if request.method == "POST" and "_saveasnew" not in request.POST:
                conflict = self.conflict(request.POST.get(VERSION_FIELD), record)
            request._edit_conflict = conflict
            extra_context.update(self.version_context(record, conflict))
        return super()._changeform_view(request, object_id, form_url, extra_context)

    def version_context(self, record, conflict, with_inlines=True):
        info = self.opts.app_label, self.opts.model_name
        return {
            "edit_conflict": conflict,
            "version_field": VERSION_FIELD,
            "version_token": conflict.token
            if conflict
            else self.version_token(record, with_inlines),
            "version_url": f"admin:{info[0]}_{info[1]}_version",
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        conflict = getattr(request, "_edit_conflict", None)
        if conflict is None:
            return form

        class ConflictForm(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, conflict.message())
                return cleaned_data

        # A subclass of a model form makes its fields again from the model: keep the ones
        # get_form() adjusted (e.g. "published" disabled for an editor, admin/proposing.py).
        ConflictForm.base_fields = form.base_fields
        return ConflictForm

    # History restore ------------------------------------------------------------------------

    @transaction.atomic
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        extra_context = dict(extra_context or {})
        record = self.current_record(request, self.model._default_manager.all(), object_id)
        # A deleted record restored from history has no current version to compare.
        if record is not None:
            conflict = None
            if request.method == "POST":
                conflict = self.conflict(
                    request.POST.get(VERSION_FIELD), record, with_inlines=False
                )
            request._edit_conflict = conflict
            extra_context.update(self.version_context(record, conflict, with_inlines=False))
            extra_context["restoring"] = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    # The version, for the open form's script -------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/version/",
                self.admin_site.admin_view(self.version_view),
                name="{}_{}_version".format(*info),
            ),
            *super().get_urls(),
        ]

    def version_view(self, request, object_id):
        """Say whether the record changed since the version *since* and, if so, who saved it."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        since = request.GET.get("since")
        conflict = self.conflict(since, record, with_inlines=request.GET.get("inlines") != "0")
        notice = ""
        if conflict is not None:
            notice = " ".join(
                [
                    conflict.message(),
                    gettext("You can keep typing; saving will show you what changed."),
                ]
            )
        response = JsonResponse({"changed": conflict is not None, "notice": notice})
        response["Cache-Control"] = "no-store"
        return response


class OrderLockingMixin:
    """Refuse a drag-and-drop reorder made on a list older than the kind's order."""

    def order_token(self):
        pairs = self.model._base_manager.order_by("pk").values_list("pk", "order")
        return hashlib.sha256(repr(list(pairs)).encode()).hexdigest()[:20]

    def get_update_url(self, request):
        # The change list has just worked it out (records.py changelist_view): not again.
        token = getattr(request, "_order_token", None) or self.order_token()
        return f"{super().get_update_url(request)}?{ORDER_PARAMETER}={token}"

    def order_changed(self, posted):
        """Say whether the order token *posted* (None: no token) is not the current one."""
        return posted is not None and posted != self.order_token()

    def order_conflict(self, request):
        if not self.order_changed(request.GET.get(ORDER_PARAMETER)):
            return None
        messages.error(
            request,
            gettext(
                "Another editor changed the order of this list after you opened it. "
                "Nothing was moved: the list now shows the current order; drag again."
            ),
        )
        # 409 Conflict: the list's script reloads the page, which shows the message.
        return HttpResponse(status=409)

    def with_order_token(self, response):
        response["X-Order-Version"] = self.order_token()
        return response

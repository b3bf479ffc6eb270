"""Admin helpers: what the editors still need to translate, what awaits approval."""

import re

from django import template
from django.contrib import admin
from django.db.models import Count, IntegerField, Min, Value
from django.urls import reverse
from django.utils.translation import gettext
from modeltranslation.translator import translator

from international.models import PendingChange, Record, can_publish

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_gaps(context):
    """Return, per kind of record the user may edit, how many lack English text.

    Every model with translated fields counts (translation.py registers them). A kind of
    record links to its list filtered to what lacks English; a page of one row (the
    section page, the contacts) links to its form. The database counts, in one query for
    every kind (a UNION of one count per kind), whatever the number of records.
    """
    user = context["request"].user
    models = [
        model
        for model in translator.get_registered_models(abstract=False)
        # A model edited inside another form (a document in its record's) has no page.
        if admin.site.is_registered(model)
        and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]
    if not models:
        return []
    counts = [
        model.objects.filter(model.missing_english_condition())
        .order_by()
        .annotate(gap_kind=Value(index, IntegerField()))
        .values("gap_kind")
        .annotate(gap_count=Count("pk"), gap_first=Min("pk"))
        .values("gap_kind", "gap_count", "gap_first")
        for index, model in enumerate(models)
    ]
    gaps = []
    for row in sorted(counts[0].union(*counts[1:], all=True), key=lambda row: row["gap_kind"]):
        if not row["gap_count"]:
            continue
        model = models[row["gap_kind"]]
        opts = model._meta
        if issubclass(model, Record):
            name = opts.verbose_name_plural
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            url += "?english=missing"
        else:
            name = opts.verbose_name
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[row["gap_first"]]
            )
        gaps.append({"name": name, "count": row["gap_count"], "url": url})
    return gaps


@register.simple_tag
def admin_site():
    """Return the admin site, whose names pages rendered outside it (the lockout page) show."""
    return admin.site


@register.simple_tag(takes_context=True)
def changes_awaiting_approval(context):
    """Return how many changes wait for an approver, for an approver; None for anyone else."""
    user = context["request"].user
    if not can_publish(user):
        return None
    return PendingChange.objects.pending().count()


@register.filter
def history_reason(stored):
    """Return a stored change reason in the reader's language.

    Reasons are stored untranslated ("Reordered"), some with their arguments after "|"
    ("Approved: the change by %(name)s|redaktor"; see review/proposals.py).
    """
    if not stored:
        return ""
    template, *arguments = stored.split("|", 2)
    text = gettext(template)
    if not arguments:
        return text
    names = re.findall(r"%\((\w+)\)s", template)
    try:
        return text % dict(zip(names, arguments, strict=True))
    except (KeyError, ValueError, TypeError):
        return stored

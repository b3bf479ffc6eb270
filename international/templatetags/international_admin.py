"""Admin helpers: what the editors still need to translate."""

from django import template
from django.contrib import admin
from django.urls import reverse
from modeltranslation.translator import translator

from international.models import Record

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_gaps(context):
    """Return, per kind of record the user may edit, how many lack English text.

    Every model with translated fields counts (translation.py registers them). A kind of
    record links to its list filtered to what lacks English; a page of one row (the
    section page, the contacts) links to its form.
    """
    user = context["request"].user
    gaps = []
    for model in translator.get_registered_models(abstract=False):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        lacking = [record for record in model.objects.all() if record.missing_english()]
        if not lacking:
            continue
        if issubclass(model, Record):
            name = opts.verbose_name_plural
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            url += "?english=missing"
        else:
            name = opts.verbose_name
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[lacking[0].pk])
        gaps.append({"name": name, "count": len(lacking), "url": url})
    return gaps


@register.simple_tag
def admin_site():
    """Return the admin site, whose names pages rendered outside it (the lockout page) show."""
    return admin.site

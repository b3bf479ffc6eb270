"""Admin helpers: what the editors still need to translate."""

from django import template
from django.contrib import admin
from django.urls import reverse

from international.models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
)

register = template.Library()

TRANSLATED_MODELS = (Organization, Event, Programme, Participation, TwinCity, InfoPage)
#: Models of one row each: a gap there links to that row's form.
SINGLETON_MODELS = (SectionPage, SiteContact)


@register.simple_tag(takes_context=True)
def translation_gaps(context):
    """Return, per kind of record the user may edit, how many lack English text."""
    user = context["request"].user
    gaps = []
    for model in TRANSLATED_MODELS + SINGLETON_MODELS:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        lacking = [record for record in model.objects.all() if record.missing_english()]
        if not lacking:
            continue
        if model in SINGLETON_MODELS:
            name = opts.verbose_name
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[lacking[0].pk])
        else:
            name = opts.verbose_name_plural
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            url += "?english=missing"
        gaps.append({"name": name, "count": len(lacking), "url": url})
    return gaps


@register.simple_tag
def admin_site():
    """Return the admin site, whose names pages rendered outside it (the lockout page) show."""
    return admin.site

"""Admin helpers: what the editors still need to translate."""

from django import template
from django.contrib import admin
from django.urls import reverse

from international.models import Event, InfoPage, Organization, Participation, Programme, TwinCity

register = template.Library()

TRANSLATED_MODELS = (Organization, Event, Programme, Participation, TwinCity, InfoPage)


@register.simple_tag(takes_context=True)
def translation_gaps(context):
    """Return, per kind of record the user may edit, how many lack English text."""
    user = context["request"].user
    gaps = []
    for model in TRANSLATED_MODELS:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        count = sum(1 for record in model.objects.all() if record.missing_english())
        if count:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            gaps.append(
                {"name": opts.verbose_name_plural, "count": count, "url": f"{url}?english=missing"}
            )
    return gaps


@register.simple_tag
def admin_site():
    """Return the admin site, whose names pages rendered outside it (the lockout page) show."""
    return admin.site

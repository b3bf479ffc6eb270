"""Template helpers for translated and rich text."""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from international.text import mark_external_links, sanitize_rich_text

register = template.Library()


@register.simple_tag
def fallback_lang(record, field_name):
    """Return ` lang="bg"` when the field shows Bulgarian text on a page in another language."""
    language = record.fallback_language(field_name)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def richtext(html):
    """Render staff's rich text, sanitised again on the way out (defence in depth).

    Links to other sites are marked as such for screen readers.
    """
    return mark_safe(mark_external_links(sanitize_rich_text(html)))  # noqa: S308 - sanitised


@register.filter
def website_label(url):
    """Return a web address as readers know it: "www.club-strasbourg.eu"."""
    parts = urlsplit(url or "")
    label = parts.netloc + (parts.path if parts.path not in ("", "/") else "")
    return label or url

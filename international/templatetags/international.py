"""Template helpers for translated and rich text."""

import re
from urllib.parse import urlsplit

from django import template
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from international.publishing.event_groups import event_groups
from international.text import bind_spaces, mark_external_links, sanitize_rich_text, tel_address

register = template.Library()


@register.simple_tag
def fallback_lang(record, field_name):
    """Return ` lang="bg"` when the field shows Bulgarian text on a page in another language."""
    language = record.fallback_language(field_name)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def richtext(html):
    """Render staff's rich text, sanitised again on the way out (defence in depth).

    Links to other sites are marked as such for screen readers; a year and its "г.", a
    number and "ч.", a postcode and its town are kept on one line.
    """
    html = bind_spaces(sanitize_rich_text(html))
    return mark_safe(mark_external_links(html))  # noqa: S308 - sanitised


@register.filter(is_safe=True)
def nbsp(text):
    """Keep a year and its "г.", a number and "ч.", a postcode and its town on one line.

    For plain text (escaped here) and for HTML a filter has made safe (its text only).
    """
    if text in (None, ""):
        return ""
    if not isinstance(text, SafeData):
        text = conditional_escape(str(text))
    return mark_safe(bind_spaces(str(text)))  # noqa: S308 - escaped or already safe


def time_element(day, date_format):
    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), nbsp(dateformat.format(day, date_format))
    )


@register.simple_tag
def date_range(start, end=None):
    """Return a day or a range of days as the municipality writes them, in <time> elements.

    "12 март 2015 г.", "8–11 октомври 2012 г.", "30 септември – 2 октомври 2012 г.".
    """
    full = get_format("DATE_FORMAT")
    if end is None or end == start:
        return time_element(start, full)
    if (start.year, start.month) == (end.year, end.month):
        return format_html("{}–{}", time_element(start, "j"), time_element(end, full))
    first = "j F" if start.year == end.year else full
    return format_html("{} – {}", time_element(start, first), time_element(end, full))


@register.filter(name="event_groups")
def event_groups_filter(events):
    """Return *events* in their groups: upcoming, regular, past (publishing/event_groups.py)."""
    return event_groups(events)


@register.simple_tag
def event_occurrence(event):
    """Return the edition of *event* its card shows (event_groups set it), or None."""
    if hasattr(event, "occurrence"):
        return event.occurrence
    return event.shown_occurrence()


@register.simple_tag
def enforcement_body_link(record):
    """Return the enforcement body's name, linked to its website when it has one."""
    language = record.fallback_language("enforcement_body")
    name = (
        format_html('<span lang="{}">{}</span>', language, record.enforcement_body)
        if language
        else conditional_escape(record.enforcement_body)
    )
    if not record.enforcement_website:
        return name
    return format_html(
        '<a href="{}" rel="external">{}<span class="visually-hidden"> {}</span></a>',
        record.enforcement_website,
        name,
        gettext("(external website)"),
    )


register.filter("tel_address", tel_address)


@register.filter
def website_label(url):
    """Return a web address as readers know it: "www.club-strasbourg.eu"."""
    parts = urlsplit(url or "")
    label = parts.netloc + (parts.path if parts.path not in ("", "/") else "")
    return label or url


HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


@register.filter
def headings_from(html, level):
    """Move rich text's headings so that its highest one is h<level>, keeping their order.

    Staff's text starts at h3 (a section's subheading); where it sits straight under the
    page's h1, it must start at h2, or readers who jump by heading meet a skipped level.
    """
    if not isinstance(html, SafeData):  # Only text richtext() has made safe is HTML.
        html = conditional_escape(html)
    levels = [int(found) for _slash, found in HEADING_TAG.findall(str(html))]
    if not levels:
        return html
    shift = int(level) - min(levels)

    def move(match):
        new_level = min(max(int(match.group(2)) + shift, 1), 6)
        return f"<{match.group(1)}h{new_level}"

    # The text was sanitised by richtext(): its tags are plain, so renaming them is safe.
    return mark_safe(HEADING_TAG.sub(move, str(html)))  # noqa: S308


@register.filter
def datetime_attribute(value):
    """Return a date and time as <time datetime> needs it: local, to the second, with offset."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()

"""Text helpers: Bulgarian transliteration for slugs and rich-text sanitising."""

import re

import nh3
from django.utils.text import slugify

# The Bulgarian Transliteration Act (2009), Art. 3: the official table, the
# one the municipality's own addresses use ("mezhdunarodna-deynost"). Written
# out here because general transliteration libraries use other systems
# (ISO 9, scholarly) that would give different slugs.
_BULGARIAN_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y",
    "ю": "yu", "я": "ya", "ѝ": "i",
}  # fmt: skip


def transliterate_bulgarian(text):
    """Return *text* in Latin letters by the official Bulgarian table."""
    # The law's one contextual rule: a word-final "ия" is written "ia".
    text = re.sub(r"ия\b", "ia", text.lower())
    return "".join(_BULGARIAN_TO_LATIN.get(char, char) for char in text)


def make_slug(text, max_length=120):
    """Return an ASCII slug for a Bulgarian or English name."""
    slug = slugify(transliterate_bulgarian(text or ""))
    return slug[:max_length].strip("-")


# What staff may put in rich text: paragraphs, headings below the page's h2,
# emphasis, lists and links. Everything else (script, event handlers, style,
# iframes, javascript: links) is removed.
RICH_TEXT_TAGS = {"p", "br", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
_cleaner = nh3.Cleaner(
    tags=RICH_TEXT_TAGS,
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
)


def sanitize_rich_text(html):
    """Return *html* reduced to the allowed rich-text tags and attributes."""
    cleaned = _cleaner.clean(html or "").strip()
    # An editor leaves "<p></p>" behind when a field is emptied.
    if re.fullmatch(r"(<p>\s*(<br>)?\s*</p>\s*)*", cleaned):
        return ""
    return cleaned


# nh3's output is normalised (double-quoted attributes, no nested links), so a
# pattern can find its links reliably.
_EXTERNAL_LINK = re.compile(r'(<a href="https?://[^"]*"[^>]*>)(.*?)(</a>)', re.DOTALL)


def mark_external_links(html):
    """Add rel="external" and a visually hidden "(external website)" to links off the site."""
    from django.utils.html import format_html
    from django.utils.translation import gettext

    note = format_html('<span class="visually-hidden"> {}</span>', gettext("(external website)"))

    def mark(match):
        opening = match.group(1).replace(' rel="', ' rel="external ', 1)
        if ' rel="' not in opening:
            opening = opening[:-1] + ' rel="external">'
        return f"{opening}{match.group(2)}{note}{match.group(3)}"

    return _EXTERNAL_LINK.sub(mark, html)

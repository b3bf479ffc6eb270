"""Text helpers: Bulgarian transliteration for slugs and rich-text sanitising."""

import functools
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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


#: What the editor offers staff, and so what rich text may hold: paragraphs, headings
#: below the page's h2, emphasis, lists and links. The sanitiser's allowlist is derived
#: from it (django-prose-editor's own mapping), so the two cannot disagree.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    # The page's sections are h2; a record's own headings start below them.
    "Heading": {"levels": [3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    # A name in another language: <span lang="en">Open Days</span> (settings.py).
    "Language": True,
}
#: The languages rich text may mark a passage with (<span lang="en">), as on the site.
LANGUAGE_MARKS = ("bg", "en")
#: Every link gets this rel, whatever was typed; the public pages add "external".
LINK_REL = "noopener noreferrer"
#: The other tags the editor reads as one of its marks (its Bold reads <b>, its Italic
#: <i>): text pasted, restored from a backup or written before the editor keeps them.
MARK_SPELLINGS = {"Bold": {"b"}, "Italic": {"i"}}


@functools.cache
def _cleaner():
    """Return the sanitiser for rich text, made once from the editor's extensions.

    Everything the editor cannot make (script, event handlers, style, iframes,
    javascript: links) is removed; what it makes stays, a numbered list's start and
    type (its list dialog) included. A link's rel is the site's own (LINK_REL), never
    what was typed, so it is not among the attributes kept.
    """
    from django_prose_editor.config import allowlist_from_extensions

    allowlist = allowlist_from_extensions(RICH_TEXT_EXTENSIONS)
    attributes = {tag: set(names) for tag, names in allowlist["attributes"].items()}
    attributes["a"] = attributes.get("a", set()) - {"rel", "target"}
    spellings = set().union(
        *(tags for mark, tags in MARK_SPELLINGS.items() if RICH_TEXT_EXTENSIONS.get(mark))
    )
    # A name in another language keeps its language for screen readers: <span lang="en">.
    # Only the section's two languages, nothing else (nh3 takes a tag's attribute either
    # with any value or from a list, not both).
    attributes["span"] = attributes.get("span", set()) - {"lang"}
    # nh3 otherwise keeps lang and title on every tag, with any value.
    attributes["*"] = set()
    return nh3.Cleaner(
        tags=allowlist["tags"] | spellings,
        attributes=attributes,
        tag_attribute_values={"span": {"lang": set(LANGUAGE_MARKS)}},
        url_schemes=allowlist["url_schemes"],
        link_rel=LINK_REL,
        attribute_filter=_link_filter,
    )


def _link_filter(tag, attribute, value):
    # nh3 calls this after it has removed addresses of other schemes (javascript:,
    # data:...), so what it returns is never checked again: only safe addresses.
    if tag != "a" or attribute != "href":
        return value
    try:
        return normalise_href(value)
    except UnusableLinkError:
        return value  # Relative, or empty: what nh3 let through, as it was.


#: The schemes a link may have: the editor's Link extension's, the sanitiser's.
LINK_SCHEMES = frozenset(RICH_TEXT_EXTENSIONS["Link"]["protocols"])
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# A phone number as people write it: digits, an optional leading +, spaces, brackets,
# hyphens, dots or slashes between them; at least five digits.
_PHONE = re.compile(r"\+?(?:[0-9][ ()./-]*){4,}[0-9]")


class UnusableLinkError(ValueError):
    """A link's address that no reader's browser would open as meant; args[0] says why."""


def tel_address(number):
    """Return a telephone number as a tel: address's number: digits and a leading + only."""
    return "".join(char for char in number or "" if char.isdigit() or char == "+")


def normalise_href(href):
    """Return the address *href* written so that a reader's browser opens it.

    "www.starazagora.bg" becomes "https://www.starazagora.bg", a bare e-mail address a
    mailto: link and a phone number a tel: link without spaces; http(s), mailto: and tel:
    addresses and links within the site (starting with /, # or ?) stay. Anything else
    raises UnusableLinkError with the reason, for the editor.
    """
    # Browsers ignore the tabs and line breaks in an address, and the spaces around it.
    href = re.sub(r"[\t\n\r]", "", href).strip()
    if not href:
        return _unusable(_("it is empty (the editor empties an address it does not accept)."))
    # Browsers read a backslash at the start as a slash: "/\\evil.example" leaves the site.
    leading = re.match(r"[/\\]*", href).group()
    if len(leading) >= 2:
        return "https://" + href[len(leading) :]
    if leading:
        return "/" + href[1:]
    if href[0] in "#?":
        return href
    if href[:4].lower() == "www.":
        return "https://" + href
    if match := _SCHEME.match(href):
        scheme = match.group(1).lower()
        rest = href[match.end() :]
        if scheme not in LINK_SCHEMES:
            return _unusable(
                _("addresses starting with “%(scheme)s:” are not allowed."), scheme=scheme
            )
        if scheme in ("http", "https") and not urlsplit(href).netloc:
            return _unusable(_("no website is named after “%(scheme)s://”."), scheme=scheme)
        if not rest.strip():
            return _unusable(_("nothing follows “%(scheme)s:”."), scheme=scheme)
        if scheme == "tel":
            if not _PHONE.fullmatch(rest.strip()):
                return _unusable(_("“%(number)s” is not a telephone number."), number=rest)
            return "tel:" + tel_address(rest)
        return href
    if _PHONE.fullmatch(href):
        return "tel:" + tel_address(href)
    try:
        validate_email(href)
    except ValidationError:
        return _unusable(
            _("an address of another website starts with https://, one within this site with /.")
        )
    return "mailto:" + href


def _unusable(reason, **params):
    # Translated when shown, as the message that quotes it is, in the same language.
    raise UnusableLinkError(lazy(lambda: str(reason) % params, str)())


class _LinkReader(HTMLParser):
    """Collect the (address, text) of every link in staff's HTML, as the browser sent it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attrs = dict(attrs)
            self._open = [attrs.get("href"), ""]
            self.links.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def links_of(html):
    """Return the [address, text] of every link in *html*, in order (address None if none)."""
    reader = _LinkReader()
    reader.feed(html or "")
    reader.close()
    return reader.links


def validate_rich_text_links(html):
    """Refuse rich text with a link no reader could open, saying which link and why."""
    errors = []
    for href, text in links_of(html):
        if href is None:
            continue  # An anchor without an address is no link.
        try:
            normalise_href(href)
        except UnusableLinkError as unusable:
            errors.append(
                ValidationError(
                    _(
                        "The link “%(href)s” (on the words “%(text)s”) is not an address a "
                        "reader can open: %(reason)s Enter a web address starting with "
                        "https://, an e-mail address, a phone number or an address within "
                        "this site starting with /."
                    ),
                    code="unusable_link",
                    params={
                        "href": href.strip(),
                        "text": " ".join(text.split()),
                        "reason": unusable.args[0],
                    },
                )
            )
    if errors:
        raise ValidationError(errors)


def clean_rich_text(html):
    """Return staff's rich text sanitised, after refusing links no reader could open."""
    validate_rich_text_links(html)
    return sanitize_rich_text(html)


def sanitize_rich_text(html):
    """Return *html* reduced to the allowed rich-text tags and attributes."""
    cleaned = _cleaner().clean(html or "").strip()
    # An editor leaves "<p></p>" behind when a field is emptied.
    if re.fullmatch(r"(<p>\s*(<br>)?\s*</p>\s*)*", cleaned):
        return ""
    return cleaned


# Where one block of rich text ends and the next begins.
_BLOCK_END = re.compile(r"<(?:/p|br|/li|/h[1-6])\b[^>]*>", re.IGNORECASE)


def plain_text(rich_text, block_separator=" "):
    """Return staff's rich text as plain text, its blocks joined by *block_separator*.

    Whitespace within a block is collapsed; with the default, the result is one line.
    """
    from django.utils.html import strip_tags

    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", rich_text or "")))
    blocks = (" ".join(block.split()) for block in text.split("\n"))
    return block_separator.join(block for block in blocks if block)


# nh3's output is normalised (double-quoted attributes, no nested links), so a
# pattern can find its links and their addresses reliably.
_LINK = re.compile(r"(<a\b[^>]*>)(.*?)(</a>)", re.DOTALL | re.IGNORECASE)
#: nh3's output is normalised (double-quoted attributes), so this finds every href: the
#: address is group 2, between what comes before and after it (groups 1 and 3).
HREF = re.compile(r'(\shref=")([^"]*)(")', re.IGNORECASE)


def is_external(href):
    """Return True if *href* leads to a website other than this one.

    This site is every host in ALLOWED_HOSTS (a wildcard names no host); mailto: and
    tel: links lead to no website.
    """
    from django.conf import settings
    from django.http.request import validate_host

    parts = urlsplit(html.unescape(href).strip())
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return False
    own_hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return not validate_host((parts.hostname or "").rstrip("."), own_hosts)


def mark_external_links(text):
    """Add rel="external" and a visually hidden "(external website)" to links off the site."""
    from django.utils.html import format_html
    from django.utils.translation import gettext

    note = format_html('<span class="visually-hidden"> {}</span>', gettext("(external website)"))

    def mark(match):
        opening = match.group(1)
        href = HREF.search(opening)
        if href is None or not is_external(href.group(2)):
            return match.group(0)
        if ' rel="' in opening:
            opening = opening.replace(' rel="', ' rel="external ', 1)
        else:
            opening = opening[:-1] + ' rel="external">'
        return f"{opening}{match.group(2)}{note}{match.group(3)}"

    return _LINK.sub(mark, text)


# Bulgarian typography keeps together what a line break would split: a year and its
# "г." ("2015 г."), a number and "ч." ("10 ч."), a postcode and its town ("6000 Стара
# Загора"). A regular space there becomes a non-breaking one (U+00A0).
_UNBREAKABLE_SPACE = re.compile(
    r"(?<=\b\d{4}) +(?=г\.|г\b)"  # a year and "г."
    r"|(?<=\d) +(?=ч\.)"  # a number (or a time) and "ч."
    r"|(?<=\b\d{4}) +(?=[A-ZА-Я])"  # a postcode and its town
)
# A tag of sanitised HTML: its attribute values are quoted, and may hold ">".
_TAG = re.compile(r"""(<(?:[^<>"']|"[^"]*"|'[^']*')*>)""")


def bind_spaces(text):
    """Return *text* with the spaces that must not break a line made non-breaking.

    Plain text has no tags. In HTML only the text between tags changes: never a tag
    or its attributes.
    """
    pieces = _TAG.split(text or "")
    # re.split() with one group puts the tags at the odd places.
    return "".join(
        piece if index % 2 else _UNBREAKABLE_SPACE.sub("\u00a0", piece)
        for index, piece in enumerate(pieces)
    )

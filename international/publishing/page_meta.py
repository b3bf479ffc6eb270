"""What a public page says of itself: its title, its description and its link preview.

The description is one text, made once per page, for <meta name="description">,
og:description, twitter:description and the JSON-LD; the preview (Open Graph, Twitter
card) shows the record's picture, or the section's own. Everything is built from what
the page already has in its context, so no page makes an extra query for it.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..addresses import absolute_url
from ..media import renditions
from ..models import SectionPage, TwinCity
from ..text import plain_text

#: Open Graph wants a territory with the language.
OPEN_GRAPH_LOCALES = {"bg": "bg_BG", "en": "en_GB"}
#: Search engines show about this many characters of a page's description.
DESCRIPTION_LENGTH = 160


def summary(rich_text, limit=DESCRIPTION_LENGTH):
    """Return the beginning of *rich_text* as plain text of at most *limit* characters.

    Cut at the end of a word, with "…" where something was left out.
    """
    text = " ".join(plain_text(str(rich_text or "")).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


#: The fields that describe a record, best first: a summary takes the first one filled.
SUMMARY_FIELDS = ("description", "cooperation_areas", "lead", "body", "highlights", "text")


def record_summary(record, own_language=False):
    """Return what describes *record* in a sentence or two, for previews, feeds and search.

    Its own text where it has one; else what its facts say, so it is never empty. A twin
    city's areas of cooperation say little without the city: its facts come first.
    With *own_language*, only text written in the page's language counts: an English
    page of a record with no English text is described by its facts, in English (a
    meta description cannot be marked as Bulgarian, as the page's body is).
    """
    read = own_text if own_language else getattr
    if isinstance(record, TwinCity):
        return summary(f"{record_facts(record)} {plain_text(read(record, 'cooperation_areas'))}")
    for field in SUMMARY_FIELDS:
        text = summary(read(record, field, ""))
        if text:
            return text
    return summary(record_facts(record))


def own_text(record, field, default=""):
    """Return *record*'s *field* as written in the current language, with no fallback."""
    translated = f"{field}_{translation.get_language()}"
    if hasattr(record, translated):
        return getattr(record, translated) or default
    return getattr(record, field, default)


def kind_name(record):
    """Return what the record is, as readers know it: "Twin city", "EU programme"."""
    if hasattr(record, "get_kind_display"):
        return str(record.get_kind_display())
    # capfirst, not capitalize(): "EU programme" stays "EU", not "Eu".
    return capfirst(str(type(record)._meta.verbose_name))


TWIN_CITY_FACTS = {
    TwinCity.Kind.TWIN: _("%(city)s (%(country)s) is a twin city of Stara Zagora."),
    TwinCity.Kind.PARTNER: _("%(city)s (%(country)s) is a partner city of Stara Zagora."),
    TwinCity.Kind.COOPERATION: _(
        "Stara Zagora Municipality cooperates with %(city)s (%(country)s)."
    ),
}


def record_facts(record):
    """Return a sentence on *record* made of its facts, for a record with no text of its own."""
    if isinstance(record, TwinCity) and record.kind in TWIN_CITY_FACTS:
        facts = TWIN_CITY_FACTS[record.kind]
        return str(facts) % {"city": record.name, "country": record.country.name}
    if isinstance(record, SectionPage):
        return gettext(
            "Stara Zagora's twin cities, the international organisations it belongs to, the "
            "European events and programmes it takes part in, visits, news and open calls."
        )
    return gettext("%(name)s – %(kind)s. International activity of Stara Zagora Municipality.") % {
        "name": record,
        "kind": kind_name(record),
    }


def absolute(request, path):
    """Return *path* as an absolute address on the site (settings.SITE_URL, not the request's)."""
    return absolute_url(path)


def site_root(request):
    return absolute_url("/")


def preview_image(record, request):
    """Return the record's picture for a link preview (the widest JPEG/PNG rendition), or None."""
    if not (getattr(record, "image", None) and record.image_hash and record.image_width):
        return None
    width = renditions.rendition_widths(record.image_width)[-1]
    height = round(record.image_height * width / record.image_width)
    extension = renditions.fallback_extension(record.image.name)
    path = renditions.rendition_path(record.image_hash, width, extension)
    alt = "" if record.image_decorative else record.image_alt
    return {
        "url": absolute(request, default_storage.url(path)),
        "type": "image/png" if extension == "png" else "image/jpeg",
        "width": width,
        "height": height,
        "alt": alt or str(record),
    }


def pictured(record):
    """Return what holds a record's picture: the record, or its first photo (a visit's)."""
    photos = getattr(record, "photos", None)
    if photos is not None:
        return next(iter(photos.all()), None)  # Prefetched with the record (kinds.py).
    return record


#: The picture of a link preview for a page without one of its own: the section's title on
#: its colours, 1200 × 630 (scripts/make_preview_image.py draws it), one per language.
DEFAULT_IMAGE = "img/preview-{language}.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def default_image():
    """Return the section's own picture for link previews, in the page's language."""
    language = translation.get_language()
    width, height = DEFAULT_IMAGE_SIZE
    return {
        "url": absolute_url(static(DEFAULT_IMAGE.format(language=language))),
        "type": "image/png",
        "width": width,
        "height": height,
        # The image is text: its alternative says the same.
        "alt": gettext("International activity – Stara Zagora Municipality"),
    }


def page_title(context):
    """Return the title of the page being rendered, as its <h1> says it.

    Every public view names its page: a record, the section page, or page_title
    (public/views.py, PublicPageMixin).
    """
    for name in ("record", "page"):
        if context.get(name) is not None:
            return str(context[name])
    return str(context.get("page_title") or context.get("title") or "")


def page_description(context):
    """Return what the page is about, in at most DESCRIPTION_LENGTH characters of plain text.

    The one source of the meta description, og:description, twitter:description and
    the JSON-LD description: a record's own text (or its facts), the section page's
    lead, or the view's page_description.
    """
    record = context.get("record") or context.get("page")
    if record is not None:
        return record_summary(record, own_language=True)
    description = context.get("page_description") or ""
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        # A list's later pages are pages of their own: each says which it is.
        number = f" ({gettext('page %(number)s') % {'number': page.number}})"
        return summary(description, DESCRIPTION_LENGTH - len(number)) + number
    return summary(description)


def social_meta(context):
    """Return what the Open Graph and Twitter card tags of the page say."""
    request = context["request"]
    language = translation.get_language()
    record = context.get("record")
    image = preview_image(pictured(record), request) if record is not None else None
    return {
        "title": page_title(context),
        "description": page_description(context),
        "url": context["canonical_url"],
        "type": "article" if record is not None else "website",
        "site_name": context["site_contact"].organisation_name,
        "locale": OPEN_GRAPH_LOCALES.get(language, language),
        "alternate_locales": [
            OPEN_GRAPH_LOCALES.get(code, code)
            for code, _name in settings.LANGUAGES
            if code != language
        ],
        # A page without a picture of its own is shown with the section's.
        "image": image or default_image(),
        "card": "summary" if image else "summary_large_image",
    }

"""Find the web addresses in the records of every kind: URL fields and links in rich text."""

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_prose_editor.fields import ProseEditorField
from modeltranslation.translator import NotRegistered, translator

from ..kinds import KINDS
from ..models import InfoPage, SectionPage, SiteContact
from ..text import HREF, links_of


@dataclass(frozen=True)
class Link:
    """An address found in one field of one record."""

    content_type_id: int
    object_id: int
    field_name: str
    url: str

    @property
    def key(self):
        return (self.content_type_id, self.object_id, self.field_name, self.url)


def is_web_address(url):
    """Return True for an absolute http(s) address: the ones a check can open."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def links_in_rich_text(text):
    """Return the http(s) addresses of the links in *text*, in order, each once."""
    hrefs = (href.strip() for href, _text in links_of(text) if href)
    return list(dict.fromkeys(href for href in hrefs if is_web_address(href)))


def link_fields(model):
    """Return the names of *model*'s URL fields and rich-text fields (each language's)."""
    # modeltranslation keeps the untranslated field's column too ("description" beside
    # "description_bg"); the language fields are the ones an editor fills.
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:  # A model with no translated field.
        translated = set()
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.URLField | ProseEditorField) and field.name not in translated
    ]


def addresses_in(record, field_name):
    """Return the http(s) addresses in one field of *record*."""
    value = getattr(record, field_name) or ""
    field = record._meta.get_field(field_name)
    if isinstance(field, ProseEditorField):
        return links_in_rich_text(value)
    value = value.strip()
    return [value] if is_web_address(value) else []


def linked_models():
    """Return the models whose records the check reads: every kind, the section page, the
    footer's contacts and the information pages."""
    return [*(kind.model for kind in KINDS), SectionPage, SiteContact, InfoPage]


def collect_links(models=None):
    """Return every address in every record (published or not) of *models*, as Links."""
    links = []
    for model in linked_models() if models is None else models:
        content_type = ContentType.objects.get_for_model(model)
        fields = link_fields(model)
        for record in model._default_manager.only("pk", *fields).order_by("pk"):
            for field_name in fields:
                for url in addresses_in(record, field_name):
                    links.append(Link(content_type.pk, record.pk, field_name, url))
    return links


def replace_address(record, field_name, old, new):
    """Put *new* where *record*'s field has the address *old*; return True if it had it.

    A URL field is replaced whole; in rich text, every link to *old* is changed.
    """
    value = getattr(record, field_name) or ""
    if not isinstance(record._meta.get_field(field_name), ProseEditorField):
        if value.strip() != old:
            return False
        setattr(record, field_name, new)
        return True

    found = False

    def replace(match):
        nonlocal found
        if html.unescape(match.group(2)).strip() != old:
            return match.group(0)
        found = True
        return f"{match.group(1)}{html.escape(new, quote=True)}{match.group(3)}"

    changed = HREF.sub(replace, value)
    setattr(record, field_name, changed)
    return found

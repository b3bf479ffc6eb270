"""Where a public page leads: the section, the same page in the other language, its breadcrumb."""

from urllib.parse import urlsplit, urlunsplit

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_from_path

from ..kinds import KINDS, kind_of
from ..models import InfoPage


def section_url(language):
    """Return the section page's address in *language*."""
    with translation.override(language):
        return reverse("international:section")


def record_models():
    """Return the model whose slug each record page's URL names, by URL name."""
    return {kind.name: kind.model for kind in KINDS} | {"info_page": InfoPage}


def page_in_language(path, language):
    """Return the address of the page at *path* (on this site) in *language*, or "".

    A record's page is found by its slug in the language of *path* and named by its slug
    in *language*; the query and fragment are kept. "" when *path* is no page of the site
    or names no published record.
    """
    parts = urlsplit(path)
    source = get_language_from_path(parts.path)
    if source is None:
        return ""
    with translation.override(source):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return ""
        record = None
        model = record_models().get(match.url_name) if match.namespace == "international" else None
        if model is not None:
            record = model.objects.published().filter(slug=match.kwargs.get("slug")).first()
            if record is None:
                return ""
    with translation.override(language):
        if record is not None:
            translated = record.get_absolute_url()
        else:
            try:
                translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return ""
    return urlunsplit(("", "", translated, parts.query, parts.fragment))


def crumb(title, url, lang=""):
    """Return a step of the breadcrumb: title, address, language (if not the page's)."""
    return {"title": title, "url": url, "lang": lang}


def record_crumb(record):
    return crumb(
        str(record), record.get_absolute_url(), record.fallback_language(record.slug_source)
    )


def parent_crumbs(record):
    """Return the breadcrumb above *record*'s page: its kind's list, or what it is shown with."""
    kind = kind_of(record)
    if kind is None:
        return []
    if kind.title:
        return [crumb(kind.title, reverse(f"international:{kind.list_name}"))]
    # A project is shown with its programme (published whenever the project is).
    parent = getattr(record, "programme", None)
    if parent is not None:
        return [*parent_crumbs(parent), record_crumb(parent)]
    return []

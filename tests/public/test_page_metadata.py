"""Every public page as crawlers and link previews read it: its title, description,
canonical address, picture, breadcrumb and the same page in the other language.

The pages are found as a reader finds them, by following links (tests/site_pages.py),
and the feedback form is also opened for each of them, as every page's footer links it.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from international.kinds import KINDS
from international.models import Organization, Participation, SectionPage, TwinCity
from international.public.navigation import page_in_language
from international.publishing.page_meta import DESCRIPTION_LENGTH, record_summary, summary
from international.text import plain_text
from scripts.sitemap_index import path_of
from tests.factories import OrganizationFactory
from tests.pages import CYRILLIC, parse
from tests.site_pages import FEEDBACK, NOT_FOUND, SECTION, public_pages
from tests.sitemaps import SITEMAP, sitemap_urls

pytestmark = [pytest.mark.usefixtures("seeded_module"), pytest.mark.django_db]

LANGUAGES = ["bg", "en"]
OTHER = {"bg": "en", "en": "bg"}
SITE = "http://testserver"
STRASBOURG_CLUB = {
    "bg": "/bg/mezhdunarodna-deynost/organizatsii/strasburgski-klub/",
    "en": "/en/international-activity/organisations/strasbourg-club/",
}
ACCESSIBILITY = {"bg": "/bg/dostapnost/", "en": "/en/accessibility/"}


@pytest.fixture(scope="module")
def pages(seeded_module, django_db_blocker):
    """Every public page in each language, found by following links once for the module."""
    with django_db_blocker.unblock():
        return {language: public_pages(Client(), language) for language in LANGUAGES}


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def head_of(response):
    head = parse(response).find("head")
    tags = {}
    for element in head.find_all("meta"):
        key = element.attrs.get("property") or element.attrs.get("name")
        if key and "content" in element.attrs:
            tags[key] = element.attrs["content"]
    return head, tags


def web_page(response):
    [block] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode()
    )
    graph = json.loads(block)["@graph"]
    return next(node for node in graph if node["@type"] == "WebPage")


def feedback_for(language, path):
    return f"{FEEDBACK[language]}?page={path}"


# 1. Titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_names_itself_in_its_link_preview_and_structured_data(client, pages, language):
    paths = [*pages[language], feedback_for(language, SECTION[language])]
    paths.append(reverse_in("international:feedback_thanks", language))
    for path in paths:
        response = page_of(client, path)
        _head, tags = head_of(response)
        title = tags["og:title"]
        assert title.strip(), path
        assert tags["twitter:title"] == title, path
        assert web_page(response)["name"] == title, path
    _head, tags = head_of(page_of(client, "/en/feedback/"))
    assert tags["og:title"] == "Report a problem"
    _head, tags = head_of(page_of(client, "/bg/obratna-vrazka/"))
    assert tags["og:title"] == "Съобщете за проблем"


def reverse_in(name, language):
    with translation.override(language):
        return reverse(name)


# 2. Canonical address --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_form_for_any_page_is_one_canonical_page_without_the_query(
    client, pages, language
):
    form = {code: f"{SITE}{FEEDBACK[code]}" for code in LANGUAGES}
    for path in pages[language][:12]:
        response = page_of(client, feedback_for(language, path))
        head, tags = head_of(response)
        assert head.find("link", rel="canonical").attrs["href"] == form[language]
        alternates = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in head.find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        assert alternates == {**form, "x-default": form["bg"]}
        assert tags["og:url"] == form[language]
        node = web_page(response)
        assert node["url"] == node["@id"] == form[language]


# 3. The language switcher ---------------------------------------------------------------------


def switcher_link(response, language):
    """Return where the switcher of a page in *language* leads, to the other language."""
    nav = parse(response).find("nav", class_="language-switcher")
    return nav.find("a", hreflang=OTHER[language], rel="alternate").attrs["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_leads_to_the_same_page_in_the_other_language_from_every_page(
    client, pages, language
):
    other_pages = set(pages[OTHER[language]])
    for path in pages[language]:
        target = switcher_link(page_of(client, path), language)
        assert urlsplit(target).path in other_pages, (path, target)
        back = page_of(client, target)
        assert parse(back).find("html").attrs["lang"] == OTHER[language]
        # The same page: its own switcher leads back where the reader came from.
        assert switcher_link(back, OTHER[language]) == path, (path, target)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_of_the_feedback_form_names_the_same_page_in_the_other_language(
    client, pages, language
):
    other_pages = set(pages[OTHER[language]])
    for path in pages[language]:
        target = switcher_link(page_of(client, feedback_for(language, path)), language)
        assert urlsplit(target).path == FEEDBACK[OTHER[language]]
        [page] = parse_qs(urlsplit(target).query)["page"]
        assert page in other_pages, (path, page)
        form = page_of(client, target)
        assert parse(form).find("input", name="page").attrs["value"] == page
        assert switcher_link(page_of(client, page), OTHER[language]) == path, (path, page)
        [back] = parse_qs(urlsplit(switcher_link(form, OTHER[language])).query)["page"]
        assert back == path, (path, back)


def test_the_strasbourg_club_report_switches_to_its_english_page_and_the_statement_to_its_own(
    client,
):
    target = switcher_link(page_of(client, feedback_for("bg", STRASBOURG_CLUB["bg"])), "bg")
    assert parse_qs(urlsplit(target).query)["page"] == [STRASBOURG_CLUB["en"]]
    target = switcher_link(page_of(client, feedback_for("en", ACCESSIBILITY["en"])), "en")
    assert parse_qs(urlsplit(target).query)["page"] == [ACCESSIBILITY["bg"]]


def test_a_page_is_named_in_the_other_language_by_its_own_slug_keeping_the_query():
    assert page_in_language(STRASBOURG_CLUB["bg"], "en") == STRASBOURG_CLUB["en"]
    assert page_in_language(ACCESSIBILITY["en"], "bg") == ACCESSIBILITY["bg"]
    assert page_in_language(SECTION["bg"] + "#timeline", "en") == SECTION["en"] + "#timeline"
    organisations = reverse_in("international:organization_list", "bg")
    assert page_in_language(organisations + "?page=2", "en") == (
        reverse_in("international:organization_list", "en") + "?page=2"
    )
    for nowhere in ("/bg/nyama-takava-stranitsa/", "/fr/", "/", "/bg/dostapnost-x/"):
        assert page_in_language(nowhere, "en") == ""


# 4. List pages: linked and in the breadcrumb ---------------------------------------------------


LIST_NAMES = ["organization_list", "event_list", "programme_list", "twin_city_list"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_list_page_is_linked_from_its_heading_on_the_section_page(client, language):
    section = parse(page_of(client, SECTION[language]))
    headings = {
        link.attrs["href"]
        for heading in section.find("main").find_all("h2")
        for link in heading.find_all("a")
    }
    for name in LIST_NAMES:
        assert reverse_in(f"international:{name}", language) in headings, name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_record_page_has_its_list_in_the_breadcrumb(client, language):
    club = Organization.objects.get(slug_en="strasbourg-club")
    trail = breadcrumb(page_of(client, STRASBOURG_CLUB[language]))
    organisations = reverse_in("international:organization_list", language)
    assert [href for _text, href, _current in trail][-2:] == [
        organisations,
        STRASBOURG_CLUB[language],
    ]
    assert trail[-1][2] == "page"
    with translation.override(language):
        assert trail[-1][0] == club.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_page_has_its_programme_and_their_list_in_the_breadcrumb(client, language):
    project = Participation.objects.published().first()
    with translation.override(language):
        path = project.get_absolute_url()
        programme = project.programme.get_absolute_url()
    trail = [href for _text, href, _current in breadcrumb(page_of(client, path))]
    programmes = reverse_in("international:programme_list", language)
    assert trail[-3:] == [programmes, programme, path]


def breadcrumb(response):
    nav = parse(response).find("nav", class_="breadcrumb")
    return [
        (link.text, link.attrs["href"], link.attrs.get("aria-current"))
        for link in nav.find_all("a")
    ]


# 5. One description for search engines and link previews --------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_one_short_plain_description_in_its_language(client, pages, language):
    for path in [*pages[language], feedback_for(language, SECTION[language])]:
        response = page_of(client, path)
        _head, tags = head_of(response)
        description = tags.get("description", "")
        assert description.strip(), path
        assert len(description) <= DESCRIPTION_LENGTH, (path, len(description))
        assert "<" not in description and "&lt;" not in description, path
        assert tags["og:description"] == tags["twitter:description"] == description, path
        assert web_page(response)["description"] == description, path
        if language == "en":
            assert not CYRILLIC.search(description), (path, description)
        else:
            assert CYRILLIC.search(description), (path, description)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_page_is_described_by_its_lead(client, language):
    _head, tags = head_of(page_of(client, SECTION[language]))
    with translation.override(language):
        lead = " ".join(plain_text(SectionPage.objects.current().lead).split())
    assert tags["description"]
    assert lead.startswith(tags["description"].removesuffix("…"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_page_with_no_lead_in_the_language_is_described_by_all_it_holds(language):
    page = SectionPage(title_bg="Международна дейност", lead_bg="", lead_en="")
    with translation.override(language):
        description = record_summary(page, own_language=True)
    every_kind = {
        "bg": "Побратимени градове на Стара Загора, международни организации, в които членува, "
        "европейски прояви и програми, в които участва, посещения, новини и покани.",
        "en": "Stara Zagora's twin cities, the international organisations it belongs to, the "
        "European events and programmes it takes part in, visits, news and open calls.",
    }
    assert description == every_kind[language]
    assert_good_description(description, language, "the section page")
    assert not description.endswith("…")  # whole, not cut


def test_a_description_is_cut_at_the_end_of_a_word():
    text = "<p>Stara Zagora " + "takes part in European networks " * 10 + "</p>"
    cut = summary(text)
    assert len(cut) <= DESCRIPTION_LENGTH
    assert cut.endswith("…")
    assert plain_text(text).startswith(cut.removesuffix("…"))
    assert plain_text(text)[len(cut) - 1] == " "  # the next word was left out whole
    assert summary("<p>Short <strong>text</strong>.</p>") == "Short text."


#: What is left of markup or of an HTML entity that was not turned into its character.
MARKUP_LEFT = re.compile(r"<[a-z/!]|&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


def sitemap_paths(client, language):
    """Return the path of every page in *language* in the sitemaps the index names."""
    locations = [url.find(f"{SITEMAP}loc").text for url in sitemap_urls(client)]
    paths = [path_of(loc) for loc in locations if path_of(loc).startswith(f"/{language}/")]
    assert paths, f"no page in {language} in the sitemaps"
    listed = [kind for kind in KINDS if kind.title and kind.detail_queryset().exists()]
    assert listed  # the seed has records of kinds with a list
    with translation.override(language):
        for kind in listed:
            assert kind.detail_queryset().first().get_absolute_url() in paths, kind.slug
    return paths


def description_of(response):
    [meta] = parse(response).find("head").find_all("meta", name="description")
    return meta.attrs["content"]


def assert_good_description(description, language, where):
    assert description.strip(), where
    assert len(description) <= DESCRIPTION_LENGTH, (where, len(description))
    assert not MARKUP_LEFT.search(description), (where, description)
    assert " ".join(description.split()) == description, (where, description)
    if description.endswith("…"):
        # Cut only because the text was longer, and after a whole word.
        assert len(description) > DESCRIPTION_LENGTH - 40, (where, description)
        assert description[-2].isalnum() or description[-2] in '.!?)»“”"', (where, description)
    assert bool(CYRILLIC.search(description)) == (language == "bg"), (where, description)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_address_in_the_sitemap_and_the_links_and_the_404_has_its_own_description(
    client, pages, language
):
    paths = dict.fromkeys([*pages[language], *sitemap_paths(client, language)])
    descriptions = {}
    for path in paths:
        descriptions[path] = description_of(page_of(client, path))
    missing = client.get(NOT_FOUND[language])
    assert missing.status_code == 404
    descriptions[NOT_FOUND[language]] = description_of(missing)

    for path, description in descriptions.items():
        assert_good_description(description, language, path)
    shared = {
        description: [path for path in descriptions if descriptions[path] == description]
        for description in descriptions.values()
    }
    assert {text: where for text, where in shared.items() if len(where) > 1} == {}
    assert len(paths) > 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_later_page_of_a_list_is_described_with_its_number(client, language):
    for _number in range(50):  # 48 a page: a second page
        OrganizationFactory()
    listed = reverse_in("international:organization_list", language)

    first = description_of(page_of(client, listed))
    second = description_of(page_of(client, f"{listed}?page=2"))

    assert second != first
    assert second.endswith({"bg": "(страница 2)", "en": "(page 2)"}[language])
    assert_good_description(second, language, f"{listed}?page=2")


def test_an_english_page_of_a_record_without_english_text_is_described_in_english(client):
    organization = OrganizationFactory(
        name_en="Club of Bulgarian text", description_en="", highlights_en=""
    )
    with translation.override("en"):
        path = organization.get_absolute_url()

    description = description_of(page_of(client, path))

    assert "Описание" not in description
    assert description == (
        "Club of Bulgarian text – European network. International activity of Stara Zagora "
        "Municipality."
    )
    assert_good_description(description, "en", path)


# 6. The section's own picture -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_without_a_picture_of_its_own_is_shared_with_the_sections(client, pages, language):
    expected = f"{SITE}/static/img/preview-{language}.png"
    listed = [reverse_in(f"international:{name}", language) for name in LIST_NAMES]
    for path in [SECTION[language], reverse_in("international:map", language), *listed]:
        _head, tags = head_of(page_of(client, path))
        assert tags["og:image"] == expected, path
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        assert tags["og:image:type"] == "image/png"
        assert tags["og:image:alt"] == tags["twitter:image:alt"]
        assert (
            tags["og:image:alt"]
            == {
                "bg": "Международна дейност – Община Стара Загора",
                "en": "International activity – Stara Zagora Municipality",
            }[language]
        )
        assert tags["twitter:card"] == "summary_large_image"
    with Image.open(settings.BASE_DIR / "static" / "img" / f"preview-{language}.png") as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


# Review: a list's later pages, a twin city's description ---------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_later_page_of_a_list_names_itself_by_its_number_however_the_query_wrote_it(
    client, language
):
    for number in range(60):  # 48 a page: a second page
        OrganizationFactory(name_bg=f"Мрежа {number:02}", name_en=f"Network {number:02}")
    with translation.override(language):
        listed = reverse("international:organization_list")

    for typed in ("02", "2", "002"):
        response = page_of(client, f"{listed}?page={typed}")
        head, _tags = head_of(response)
        canonical = head.find("link", rel="canonical").attrs["href"]
        assert canonical == f"{SITE}{listed}?page=2", typed
        [*_section, (_text, href, current)] = breadcrumb(response)
        assert (href, current) == (f"{listed}?page=2", "page"), typed
        assert urlsplit(switcher_link(response, language)).query == "page=2", typed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_twin_citys_description_names_the_city_before_its_areas_of_cooperation(client, language):
    city = TwinCity.objects.published().exclude(cooperation_areas_bg="").first()
    with translation.override(language):
        _head, tags = head_of(page_of(client, city.get_absolute_url()))
        name = city.name
    assert tags["description"].startswith(name) or name in tags["description"][:80]

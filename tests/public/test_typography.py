"""Bulgarian typography on the public pages: non-breaking spaces, marked English names."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from international.templatetags.international import nbsp, richtext
from international.text import bind_spaces, sanitize_rich_text
from tests.factories import EventFactory, SectionPageFactory, SiteContactFactory
from tests.pages import parse

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("През 2015 г. мрежата", f"През 2015{NBSP}г. мрежата"),
        ("2007–2013 г и след това", f"2007–2013{NBSP}г и след това"),
        ("от 10 ч. до 17:30 ч.", f"от 10{NBSP}ч. до 17:30{NBSP}ч."),
        ("бул. „Цар Симеон Велики“ 107, 6000 Стара Загора", f"107, 6000{NBSP}Стара Загора"),
        ("107 Tsar Simeon Veliki Blvd, 6000 Stara Zagora", f"6000{NBSP}Stara Zagora"),
    ],
)
def test_a_year_and_g_a_number_and_ch_a_postcode_and_its_town_stay_together(text, expected):
    assert expected in bind_spaces(text)


@pytest.mark.parametrize("text", ["2015 година", "12 града", "38 cities", "в 10 часа"])
def test_other_spaces_after_numbers_still_break(text):
    assert bind_spaces(text) == text


def test_in_html_only_the_text_changes_never_a_tag_or_its_attributes():
    html = (
        '<p><a href="https://example.org/6000 Стара Загора" title="2015 г. &gt; 10 ч.">'
        "През 2015 г. в 10 ч.</a> на адрес 6000 Стара Загора</p>"
    )

    bound = bind_spaces(html)

    assert 'href="https://example.org/6000 Стара Загора"' in bound
    assert 'title="2015 г. &gt; 10 ч."' in bound
    assert f">През 2015{NBSP}г. в 10{NBSP}ч.</a> на адрес 6000{NBSP}Стара Загора</p>" in bound


def test_an_attribute_holding_a_raw_angle_bracket_is_left_whole():
    html = '<a title="a > 2015 г." href="/x">2015 г.</a>'

    assert bind_spaces(html) == f'<a title="a > 2015 г." href="/x">2015{NBSP}г.</a>'


def test_the_rich_text_filter_binds_the_spaces_of_the_text_not_of_its_links():
    rendered = richtext('<p><a href="https://example.org/?q=2015 г.">2015 г.</a></p>')

    assert 'href="https://example.org/?q=2015 г."' in rendered
    assert f">2015{NBSP}г.<" in rendered


def test_the_nbsp_filter_escapes_plain_text_before_binding_it():
    assert nbsp("<b>2015 г.</b>") == f"&lt;b&gt;2015{NBSP}г.&lt;/b&gt;"


@pytest.mark.django_db
def test_the_footer_keeps_the_postcode_with_the_town(client):
    SectionPageFactory()
    SiteContactFactory(address_bg="бул. „Цар Симеон Велики“ 107, 6000 Стара Загора")

    with translation.override("bg"):
        html = client.get("/bg/mezhdunarodna-deynost/").content.decode()

    # Read from the HTML itself: a parsed page's text collapses U+00A0 with other spaces.
    footer = html[html.index("<footer") :]
    assert f"6000{NBSP}Стара Загора</span>" in footer


@pytest.mark.django_db
def test_an_events_place_and_the_page_date_keep_their_spaces_in_both_languages(client):
    SectionPageFactory()
    SiteContactFactory()
    event = EventFactory(place_bg="6000 Стара Загора", place_en="6000 Stara Zagora")

    pages = {}
    for language in ("bg", "en"):
        with translation.override(language):
            pages[language] = client.get(event.get_absolute_url()).content.decode()

    assert f"<dd>6000{NBSP}Стара Загора</dd>" in pages["bg"]
    assert f"<dd>6000{NBSP}Stara Zagora</dd>" in pages["en"]
    assert re.search(rf"record__updated.*\d{{4}}{NBSP}г\.</time>", pages["bg"])


def test_rich_text_keeps_a_name_marked_english_or_bulgarian():
    html = '<p>Открити дни (<span lang="en">Open Days</span>), <span lang="bg">Дни</span></p>'

    assert sanitize_rich_text(html) == html


@pytest.mark.parametrize(
    "span",
    [
        '<span lang="en" class="x" style="color:red" onclick="alert(1)" title="t">Open Days</span>',
        '<span lang="fr">Open Days</span>',
        '<span lang="en&quot; onclick=&quot;x">Open Days</span>',
    ],
)
def test_rich_text_drops_every_other_span_attribute_and_language(span):
    cleaned = sanitize_rich_text(f"<p>{span}</p>")

    assert "Open Days" in cleaned
    for dropped in ("class", "style", "onclick", "title", "fr", "&quot;"):
        assert dropped not in cleaned
    assert cleaned in ('<p><span lang="en">Open Days</span></p>', "<p><span>Open Days</span></p>")


def test_no_other_tag_keeps_a_lang_or_title_it_was_given():
    assert sanitize_rich_text('<p lang="de" title="x">Text</p>') == "<p>Text</p>"


@pytest.mark.django_db
def test_the_public_page_reads_a_marked_english_name_in_english(client):
    SectionPageFactory()
    SiteContactFactory()
    event = EventFactory(description_bg='<p>Събитията (<span lang="en">Open Days</span>).</p>')

    with translation.override("bg"):
        document = parse(client.get(event.get_absolute_url()).content.decode())

    span = document.find("span", lang="en")
    assert span is not None and span.text == "Open Days"


def test_template_filter_is_registered_for_templates():
    template = Template("{% load international %}{{ value|nbsp }}")

    assert template.render(Context({"value": "2015 г."})) == f"2015{NBSP}г."


@pytest.mark.django_db
def test_the_preview_banner_keeps_a_scheduled_date_and_its_time_on_their_lines(client):
    import datetime

    from django.urls import reverse

    from tests.factories import OrganizationFactory, SuperuserFactory

    record = OrganizationFactory(
        publish_from=datetime.datetime(2099, 3, 1, 8, 0, tzinfo=datetime.UTC)
    )
    client.force_login(SuperuserFactory())
    url = reverse("admin:international_organization_preview", args=[record.pk, "bg"])
    banner = client.get(url).content.decode()

    assert "2099\u00a0г., 10:00\u00a0ч." in banner

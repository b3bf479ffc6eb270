"""Country names in Bulgarian as the EU's style guide writes them, in Bulgarian order."""

import pytest
import pyuca
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import TwinCityFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

# django-countries' Bulgarian catalogue has these wrong; the right name follows each.
CORRECTED = {
    "GE": ("Джорджия", "Грузия"),
    "ME": ("Монтенегро", "Черна гора"),
    "DK": ("Денмарк", "Дания"),
    "LV": ("ЛАтвия", "Латвия"),
    "NA": ("Намбия", "Намибия"),
    "BA": ("Бисна и Херцеговина", "Босна и Херцеговина"),
    "TJ": ("Тайджикистан", "Таджикистан"),
    "HK": ("Хонк Конг", "Хонконг"),
    # Not misspelt, but not the EU style guide's short name (so is Мианмар/Бирма).
    "TL": ("Източен Тимор", "Тимор-Лесте"),
}
SECTION_BG = "/bg/mezhdunarodna-deynost/"


def country_options(client):
    page = parse(client.get(reverse("admin:international_twincity_add")))
    select = page.find("select", name="country")
    return [option.text for option in select.find_all("option") if option.attrs.get("value")]


def test_twin_city_form_names_the_countries_in_bulgarian(staff_client):
    names = country_options(staff_client)

    assert len(names) == 249
    for wrong, right in CORRECTED.values():
        assert right in names
        assert wrong not in names


def test_twin_city_form_lists_the_countries_in_bulgarian_alphabetical_order(staff_client):
    names = country_options(staff_client)

    assert names == sorted(names, key=pyuca.Collator().sort_key)
    assert names[:3] == ["Австралия", "Австрия", "Азербайджан"]
    assert names.index("Грузия") < names.index("Гърция") < names.index("Дания")
    assert names[-1] == "Япония"


def test_public_pages_name_the_twin_cities_countries_in_bulgarian():
    cities = [TwinCityFactory(country=code) for code in CORRECTED]

    section = parse(Client().get(SECTION_BG)).find("section", id="twin-cities").text
    with translation.override("bg"):
        detail = parse(Client().get(cities[0].get_absolute_url())).find("main").text

    for wrong, right in CORRECTED.values():
        assert right in section
        assert wrong not in section
    assert "Грузия" in detail


def test_english_pages_keep_the_english_names():
    TwinCityFactory(country="GE")

    section = parse(Client().get("/en/international-activity/")).find("section", id="twin-cities")

    assert "Georgia" in section.text

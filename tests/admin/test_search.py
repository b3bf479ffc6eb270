"""The admin's search: case-insensitive in Cyrillic too, in both languages' names and texts."""

import pytest
from django.contrib import admin
from django.urls import reverse

from international.models import Event, Organization, Participation, TwinCity
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    TwinCityFactory,
)

pytestmark = pytest.mark.django_db


def found(client, model, term):
    url = reverse(f"admin:international_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": term})
    assert response.status_code == 200
    return {record.pk for record in response.context["cl"].result_list}


def test_a_lowercase_cyrillic_term_finds_a_capitalised_name(staff_client):
    thessaloniki = TwinCityFactory(name_bg="Солун", name_en="Thessaloniki")
    TwinCityFactory(name_bg="Любляна", name_en="Ljubljana")

    assert found(staff_client, TwinCity, "солун") == {thessaloniki.pk}
    assert found(staff_client, TwinCity, "СОЛУН") == {thessaloniki.pk}


def test_an_uppercase_cyrillic_term_finds_a_lowercase_word(staff_client):
    club = OrganizationFactory(name_bg="Ротари клуб Стара Загора", name_en="Rotary Club")
    OrganizationFactory(name_bg="Мрежа на градовете", name_en="Network of cities")

    assert found(staff_client, Organization, "КЛУБ") == {club.pk}


def test_the_english_name_is_searched_without_regard_to_case(staff_client):
    event = EventFactory(name_bg="Европейска седмица", name_en="European Mobility Week")
    EventFactory(name_bg="Ден на Европа", name_en="Europe Day")

    assert found(staff_client, Event, "mobility") == {event.pk}


def test_a_word_from_a_description_finds_the_record(staff_client):
    project = ParticipationFactory(
        title_bg="Зелени градове",
        description_bg="<p>Обновяване на <strong>Читалище</strong> „Родина“.</p>",
    )
    ParticipationFactory(title_bg="Чисти реки", description_bg="<p>Пречиствателна станция.</p>")
    english = ParticipationFactory(
        title_bg="Умни пътища", description_en="<p>New traffic lights on the boulevard.</p>"
    )

    assert found(staff_client, Participation, "читалище") == {project.pk}
    assert found(staff_client, Participation, "Traffic Lights") == {english.pk}


def test_every_kind_searches_its_texts_in_both_languages():
    for model, text in [
        (Organization, "description"),
        (Event, "description"),
        (Participation, "description"),
        (TwinCity, "cooperation_areas"),
    ]:
        fields = admin.site.get_model_admin(model).search_fields
        assert f"{text}_bg__ucontains" in fields
        assert f"{text}_en__ucontains" in fields

"""The seed loader: creates the initial content once and never undoes what staff did."""

import pytest

from international.models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
)
from international.ops import seed_content
from tests.conftest import load_seed

pytestmark = pytest.mark.django_db

MODELS = [
    Organization,
    Event,
    Programme,
    Participation,
    TwinCity,
    InfoPage,
    SectionPage,
    SiteContact,
]


def snapshot():
    """Return every record's last change time, by model and primary key."""
    return {model.__name__: dict(model.objects.values_list("pk", "updated_at")) for model in MODELS}


def test_the_seed_fills_every_kind_of_record():
    load_seed()

    counts = {model.__name__: model.objects.count() for model in MODELS}

    expected = {model.__name__: len(entries) for model, entries in seed_content.RECORDS}
    expected.update({model.__name__: 1 for _key, model, _entry in seed_content.SINGLETONS})
    assert counts == expected
    assert counts["Organization"] == 3
    assert counts["TwinCity"] == 9


def test_running_the_seed_again_creates_and_changes_nothing():
    load_seed()
    before = snapshot()
    history_before = {model.__name__: model.history.count() for model in MODELS}

    output = load_seed()

    assert snapshot() == before
    assert {model.__name__: model.history.count() for model in MODELS} == history_before
    assert "0 record(s) created" in output


def test_a_record_staff_edited_is_not_overwritten_by_the_seed():
    load_seed()
    club = Organization.objects.get(slug_bg="strasburgski-klub")
    club.name_bg = "Клубът на Страсбург"
    club.size_bg = "40 града"
    club.save()

    load_seed()

    club.refresh_from_db()
    assert (club.name_bg, club.size_bg) == ("Клубът на Страсбург", "40 града")
    assert Organization.objects.count() == len(seed_content.ORGANIZATIONS)


def test_a_singleton_staff_edited_is_not_overwritten_by_the_seed():
    load_seed()
    SiteContact.objects.update(hotline_number="0800 11 22")

    load_seed()

    assert SiteContact.objects.get().hotline_number == "0800 11 22"


def test_a_seeded_record_that_staff_deleted_is_not_brought_back():
    load_seed()
    Organization.objects.get(slug_bg="strasburgski-klub").delete()
    TwinCity.objects.get(slug_bg="samara").delete()

    load_seed()

    assert not Organization.objects.filter(slug_bg="strasburgski-klub").exists()
    assert not TwinCity.objects.filter(slug_bg="samara").exists()
    assert Organization.objects.count() == len(seed_content.ORGANIZATIONS) - 1
    assert TwinCity.objects.count() == len(seed_content.TWIN_CITIES) - 1


def test_a_deleted_programme_with_its_projects_does_not_stop_the_seed():
    load_seed()
    Participation.objects.all().delete()
    Programme.objects.all().delete()

    load_seed()

    assert not Programme.objects.exists()
    assert not Participation.objects.exists()


def test_the_seed_fills_a_database_where_staff_already_filled_the_site_contacts():
    SiteContact.objects.create(organisation_name_bg="Община Стара Загора", hotline_number="112")

    load_seed()

    assert SiteContact.objects.get().hotline_number == "112"
    assert Organization.objects.count() == len(seed_content.ORGANIZATIONS)


def test_seeded_records_are_in_history_with_both_languages():
    load_seed()

    club = Organization.objects.get(slug_bg="strasburgski-klub")
    (created,) = club.history.all()

    assert Organization.history.count() == Organization.objects.count()
    assert created.history_type == "+"
    assert (created.name_bg, created.name_en) == ("Страсбургски клуб", "Strasbourg Club")
    assert created.description_en.startswith("<p>Stara Zagora Municipality")
    assert created.history_change_reason == "Seed content"
    for model in MODELS:
        assert model.history.exists(), model.__name__


def test_history_keeps_every_translated_column():
    from modeltranslation.translator import translator

    for model in MODELS:
        historical_fields = {field.name for field in model.history.model._meta.get_fields()}
        for name in translator.get_options_for_model(model).fields:
            assert {f"{name}_bg", f"{name}_en"} <= historical_fields, (model.__name__, name)


def test_the_seed_text_is_clean_of_the_old_sites_typos():
    load_seed()

    lead = SectionPage.objects.get().lead_bg

    assert "по сходни проблеми" in lead
    assert "посходни" not in lead

"""The seed's corrections: in new databases by the loader, in existing ones by 0012_to_confirm,
and there only where staff have not changed the record."""

import importlib

import pytest
from django.apps import apps

from international.models import ContentVersion, Event, Organization, Programme, TwinCity
from international.models.content import content_version
from tests.conftest import load_seed

pytestmark = pytest.mark.django_db

migration = importlib.import_module("international.migrations.0012_to_confirm")
STRASBOURG, ASSOCIATION, OPEN_DAYS, EUROPE_FOR_CITIZENS = migration.DESCRIPTIONS


def test_the_seed_flags_every_twin_city_and_nothing_else_as_to_be_confirmed():
    load_seed()

    assert TwinCity.objects.count() == 9
    assert not TwinCity.objects.filter(to_confirm=False).exists()
    city = TwinCity.objects.get(slug_en="larissa")
    assert city.to_confirm_note_bg == "Дали връзката е актуална и от коя година е."
    assert city.to_confirm_note_en == "Whether the tie is current, and since which year."
    for model in (Organization, Event, Programme):
        assert not model.objects.filter(to_confirm=True).exists()


def test_the_seed_says_the_club_unites_the_future_member_states_and_marks_english_names():
    load_seed()

    club = Organization.objects.get(slug_en="strasbourg-club").description_bg
    assert "клубът обединява вече 38 града от новите и бъдещите страни членки" in club
    assert "организацията обединява" not in club
    event = Event.objects.get(slug_en="open-days").description_bg
    assert '(<span lang="en">Open Days</span>)' in event
    assert '<span lang="en">#EURegionsWeek</span>' in event
    association = Organization.objects.get(slug_en="south-east-region-cities-association")
    assert '(<span lang="en">Open Days</span>)' in association.description_bg


def seeded_as_before():
    """Return a database seeded before 0012: the old texts, no twin city flagged."""
    load_seed()
    for key, model_name, old, _new in migration.DESCRIPTIONS:
        record = migration.seeded(apps, key, model_name)
        type(record).objects.filter(pk=record.pk).update(description_bg=old)
    TwinCity.objects.update(to_confirm=False, to_confirm_note_bg="", to_confirm_note_en="")


def test_the_migration_corrects_the_texts_and_flags_the_twin_cities_staff_left_alone():
    seeded_as_before()
    version = content_version().version
    history = Organization.history.count()

    migration.correct_seed_content(apps, None)

    for key, model_name, _old, new in migration.DESCRIPTIONS:
        assert migration.seeded(apps, key, model_name).description_bg == new
    assert TwinCity.objects.filter(to_confirm=True).count() == 9
    city = TwinCity.objects.get(slug_en="larissa")
    assert city.to_confirm_note_en == "Whether the tie is current, and since which year."
    # Still "never changed by staff", restorable from history, and no cached page stale.
    assert city.updated_at == city.created_at
    assert Organization.history.count() == history + 2
    latest = Organization.history.filter(slug_en="strasbourg-club").first()
    assert latest.description_bg == STRASBOURG[3]
    assert latest.history_change_reason == "Seed content"
    assert content_version().version > version


def test_the_migration_leaves_what_staff_changed():
    seeded_as_before()
    club = Organization.objects.get(slug_en="strasbourg-club")
    club.description_bg = "<p>Текст на служител.</p>"
    club.save()
    larissa = TwinCity.objects.get(slug_en="larissa")
    larissa.since_year = 1990
    larissa.save()

    migration.correct_seed_content(apps, None)

    assert Organization.objects.get(pk=club.pk).description_bg == "<p>Текст на служител.</p>"
    assert not TwinCity.objects.get(pk=larissa.pk).to_confirm
    assert TwinCity.objects.filter(to_confirm=True).count() == 8


def test_the_migration_changes_nothing_when_run_on_a_corrected_database():
    load_seed()
    version = ContentVersion.objects.get().version
    history = TwinCity.history.count()

    migration.correct_seed_content(apps, None)

    assert ContentVersion.objects.get().version == version
    assert TwinCity.history.count() == history

"""Migrations run forward and backward on the configured database (SQLite or PostgreSQL)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from international.models import Organization


@pytest.mark.django_db(transaction=True)
def test_the_apps_migrations_run_backward_to_zero_and_forward_again():
    call_command("migrate", "international", "zero", verbosity=0)
    tables = connection.introspection.table_names()
    assert "international_organization" not in tables
    assert not Group.objects.filter(name="International activity editors").exists()
    assert not Group.objects.filter(name="International activity approvers").exists()

    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "international_organization" in connection.introspection.table_names()
    # 11 models of content (a visit's photos among them) and the documents x add/change/
    # delete/view, view/change of feedback messages and of partnership requests, view of
    # the link report and of their own changes awaiting approval; approvers also approve
    # and publish, check the links and delete partnership requests.
    assert Group.objects.get(name="International activity editors").permissions.count() == 54
    approvers = Group.objects.get(name="International activity approvers")
    assert approvers.permissions.count() == 58
    assert approvers.permissions.filter(codename="publish_records").exists()
    assert approvers.permissions.filter(codename="check_links").exists()
    call_command("load_seed_content", verbosity=0)
    assert Organization.objects.filter(name_en="Strasbourg Club").exists()


@pytest.mark.django_db(transaction=True)
def test_the_event_dates_migration_gives_dated_events_the_moment_they_turn_past():
    """Events dated before the migration turn past on the public pages too, unsaved."""
    import datetime
    from zoneinfo import ZoneInfo

    before, after = ("international", "0012_to_confirm"), ("international", "0013_event_dates")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    old_event = old.get_model("international", "Event")
    common = {"description_bg": "<p>Описание.</p>", "order": 0}
    single = old_event.objects.create(
        name_bg="Ден", slug_bg="den", start_date=datetime.date(2026, 5, 9), **common
    )
    span = old_event.objects.create(
        name_bg="Седмица",
        slug_bg="sedmitsa",
        start_date=datetime.date(2026, 10, 12),
        end_date=datetime.date(2026, 10, 15),
        **common,
    )
    undated = old_event.objects.create(name_bg="Всяка година", slug_bg="vsyaka-godina", **common)

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    event = executor.loader.project_state([after]).apps.get_model("international", "Event")
    sofia = ZoneInfo("Europe/Sofia")
    assert event.objects.get(pk=single.pk).ends_at == datetime.datetime(2026, 5, 10, tzinfo=sofia)
    assert event.objects.get(pk=span.pk).ends_at == datetime.datetime(2026, 10, 16, tzinfo=sofia)
    assert event.objects.get(pk=undated.pk).ends_at is None
    call_command("migrate", verbosity=0)

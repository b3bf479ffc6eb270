"""Scheduled publishing in the admin: the fields, the column, the filter, the history."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from international.models import Organization
from tests.admin.test_admin import admin_url, assert_saved, form_errors, submit
from tests.factories import OrganizationFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
START = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=SOFIA)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def test_staff_schedule_a_record_in_sofia_time_and_the_public_waits_for_it(staff_client, client):
    record = OrganizationFactory(name_bg="Мрежа за по-късно")

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        publish_from_0="24.12.2099", publish_from_1="09:30",
    )  # fmt: skip

    assert_saved(response)
    record.refresh_from_db()
    assert record.publish_from == datetime.datetime(2099, 12, 24, 9, 30, tzinfo=SOFIA)
    with translation.override("bg"):
        assert client.get(record.get_absolute_url()).status_code == 404
    listing = parse(staff_client.get(admin_url(Organization, "changelist")))
    status = listing.find("span", class_="schedule-scheduled")
    assert status.text == "Насрочен: от 24 декември 2099 г., 09:30 ч."


def test_staff_are_told_on_the_field_that_until_must_come_after_from(staff_client):
    record = OrganizationFactory()

    response = submit(
        staff_client, admin_url(Organization, "change", record.pk), Organization,
        publish_from_0="24.12.2099", publish_from_1="09:30",
        publish_until_0="24.12.2099", publish_until_1="09:00",
    )  # fmt: skip

    assert response.status_code == 200
    assert form_errors(response) == {
        "publish_until": ["„Публикуване до“ трябва да е след „Публикуване от“."]
    }
    record.refresh_from_db()
    assert record.publish_from is None


def test_the_schedule_filter_finds_scheduled_live_and_expired_records(staff_client, clock):
    hour = datetime.timedelta(hours=1)
    OrganizationFactory(name_bg="Насрочена", publish_from=START + hour)
    OrganizationFactory(name_bg="Видима", publish_until=START + hour)
    OrganizationFactory(name_bg="Изтекла", publish_until=START - hour)
    OrganizationFactory(name_bg="Скрита", is_published=False)

    def names(state):
        url = admin_url(Organization, "changelist") + f"?schedule={state}"
        cells = parse(staff_client.get(url)).find_all("th", class_="field-__str__")
        return [cell.text.strip() for cell in cells]

    assert names("scheduled") == ["Насрочена"]
    assert names("live") == ["Видима"]
    assert names("expired") == ["Изтекла"]


def test_the_history_names_the_schedule_in_words_and_sofia_time(staff_client):
    record = OrganizationFactory()

    assert_saved(
        submit(
            staff_client,
            admin_url(Organization, "change", record.pk),
            Organization,
            publish_until_0="01.03.2099",
            publish_until_1="18:00",
        )
    )

    history = parse(staff_client.get(admin_url(Organization, "history", record.pk))).text
    assert "Публикуване до" in history
    assert "1 март 2099 г., 18:00 ч." in history

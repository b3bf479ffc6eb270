"""An event's dates in the admin: a yearly repetition is one choice, and mistakes are named."""

import datetime

import pytest

from international.models import Event
from tests.admin.test_admin import admin_url, assert_saved, form_errors, submit
from tests.factories import EventFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_staff_make_an_event_yearly_with_one_choice(staff_client):
    event = EventFactory(organization=None)
    form = parse(staff_client.get(admin_url(Event, "change", event.pk)))
    choices = [
        label.text for label in form.find_all("label") if label.find("input", name="repeats")
    ]
    assert choices == ["Не се повтаря", "Всяка година, на същите дати"]

    response = submit(
        staff_client, admin_url(Event, "change", event.pk), Event,
        start_date="08.10.2024", end_date="11.10.2024", repeats="yearly", repeat_until_year="2030",
    )  # fmt: skip

    assert_saved(response)
    event.refresh_from_db()
    assert (event.start_date, event.repeats, event.repeat_until_year) == (
        datetime.date(2024, 10, 8), "yearly", 2030,
    )  # fmt: skip
    assert event.ends_at is not None


def test_staff_are_told_that_a_yearly_event_needs_its_first_day(staff_client):
    event = EventFactory(organization=None)

    response = submit(staff_client, admin_url(Event, "change", event.pk), Event, repeats="yearly")

    assert form_errors(response) == {
        "start_date": [
            "Ежегодната проява трябва да има начална дата: първия ден на някое от изданията ѝ."
        ]
    }
    event.refresh_from_db()
    assert event.repeats == ""
